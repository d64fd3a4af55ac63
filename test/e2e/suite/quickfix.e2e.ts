// Quick fixes in the real VS Code: the light bulb's code actions come from the server and applying them edits the
// document the way the rule says; the fixed line then no longer carries that diagnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, HANGUL, openFile, setGuideLanguage, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

const TEXT = ['FROM debian:bookworm', 'maintainer student@42.fr', 'RUN apt-get update && apt install nginx', 'EXPOSE 80:80', 'CMD service nginx start', ''].join('\n');

let doc: vscode.TextDocument;
const diagnostics = () => vscode.languages.getDiagnostics(doc.uri);

async function actionsAt(line: number): Promise<vscode.CodeAction[]> {
  const range = doc.lineAt(line).range;
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

async function applyFirst(line: number, match: RegExp): Promise<void> {
  const actions = await waitFor(() => actionsAt(line), (a) => a.some((x) => match.test(x.title)), `a quick fix matching ${match} on line ${line + 1}`);
  const action = actions.find((x) => match.test(x.title))!;
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit!), `applying "${action.title}"`);
}

suite('quick fixes', () => {
  before(async () => {
    await setGuideLanguage('ko');
    await startedExtension();
    doc = await openFile('quickfix/Dockerfile', TEXT);
    await waitFor(diagnostics, (d) => d.some((x) => x.range.start.line === 4), 'diagnostics on the CMD line');
  });
  after(async () => {
    await closeAllEditors();
    await setGuideLanguage(undefined);
  });

  test('code actions are offered in Korean, with an "ignore this rule here" action', async () => {
    const actions = await waitFor(() => actionsAt(3), (a) => a.length >= 2, 'actions on EXPOSE 80:80');
    assert.ok(actions.every((a) => HANGUL.test(a.title)), actions.map((a) => a.title).join(' | '));
    assert.ok(actions.some((a) => /dockerfile-guide ignore|무시/.test(a.title)), actions.map((a) => a.title).join(' | '));
  });

  test('EXPOSE 80:80 becomes EXPOSE 80', async () => {
    await applyFirst(3, /80/);
    assert.equal(doc.lineAt(3).text, 'EXPOSE 80');
  });

  test('MAINTAINER becomes a LABEL', async () => {
    await applyFirst(1, /LABEL/);
    // The keyword keeps the line's own casing (this file wrote `maintainer`); casing has its own rule and fix.
    assert.match(doc.lineAt(1).text, /^label org\.opencontainers\.image\.authors="student@42\.fr"$/i);
  });

  test('service nginx start as CMD becomes nginx in the foreground, exec form', async () => {
    await applyFirst(4, /nginx|daemon/);
    assert.equal(doc.lineAt(4).text, 'CMD ["nginx", "-g", "daemon off;"]');
  });

  test('the fixed lines lose their diagnostics', async () => {
    await waitFor(
      diagnostics,
      (d) => !d.some((x) => [1, 3].includes(x.range.start.line) && /Maintainer|Expose/i.test(String((x.code as { value?: string })?.value ?? x.code))),
      'no MAINTAINER/EXPOSE diagnostics after the fixes',
    );
  });
});
