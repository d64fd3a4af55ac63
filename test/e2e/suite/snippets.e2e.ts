// Snippets in the real VS Code: typing a prefix in a Dockerfile (served by the language server) and in an nginx file
// (contributed) offers our snippet, with its Korean description, and the nginx language id comes from our manifest.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { HANGUL, closeAllEditors, completionLabel, openFile, setGuideLanguage, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

/** Every text VS Code shows for a completion item: label, its description, detail and documentation. */
function shownText(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : `${item.label.label} ${item.label.description ?? ''} ${item.label.detail ?? ''}`;
  const doc = typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? '');
  return `${label}\n${item.detail ?? ''}\n${doc}`;
}

async function offered(doc: vscode.TextDocument, prefix: string, want: string): Promise<vscode.CompletionItem> {
  const pos = doc.positionAt(doc.getText().indexOf(prefix) + prefix.length);
  const items = await waitFor(
    async () =>
      (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos))?.items ?? [],
    (list) => list.some((i) => completionLabel(i) === want),
    `snippet ${want} offered after typing ${prefix}`,
  );
  return items.find((i) => completionLabel(i) === want)!;
}

suite('snippets', () => {
  before(async () => {
    await startedExtension();
    // The Dockerfile snippets come from the language server in the user's language (issue 18, item 9).
    await setGuideLanguage('ko');
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('Dockerfile: "webst" offers the web stack skeleton with its Korean description', async () => {
    const doc = await openFile('snippets/Dockerfile', 'webst');
    assert.strictEqual(doc.languageId, 'dockerfile');
    const item = await offered(doc, 'webst', 'webstack');
    assert.strictEqual(item.kind, vscode.CompletionItemKind.Snippet);
    const text = shownText(item);
    assert.match(text, HANGUL, text);
    assert.match(text, /웹 스택 Dockerfile 뼈대/, text);
  });

  test('Dockerfile: "apt-stack" offers both Debian variants', async () => {
    const doc = await openFile('snippets2/Dockerfile', 'FROM debian:bookworm\napt-stack');
    await offered(doc, 'apt-stack', 'apt-stack-bookworm');
    await offered(doc, 'apt-stack', 'apt-stack-buster');
  });

  test('nginx: files named nginx.conf get the nginx language, and "server-re" offers the HTTPS redirect', async () => {
    const doc = await openFile('snippets/srcs/nginx.conf', 'server-re');
    assert.strictEqual(doc.languageId, 'nginx');
    const item = await offered(doc, 'server-re', 'server-redirect');
    const text = shownText(item);
    assert.match(text, /HTTPS로 보내는 server 블록/, text);
  });

  test('nginx: files under sites-available/ are nginx too, and "location-p" offers the PHP location', async () => {
    const doc = await openFile('snippets/sites-available/localhost', 'server {\n    location-p\n}\n');
    assert.strictEqual(doc.languageId, 'nginx');
    const item = await offered(doc, 'location-p', 'location-php');
    assert.match(shownText(item), HANGUL);
  });

  test('the "New web stack project" command is registered', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('dockerfileGuide.newStack'));
  });
});
