// Issue 18, items 2 and 7, in the real VS Code: the quick fixes that change what the container does come first and
// work through VS Code's own WorkspaceEdit (a fix that creates a file included); the menu has one ignore entry, last.
//  - item 2: an exec-form `["/bin/sh", "-c", "…"]` ENTRYPOINT next to a CMD is treated as shell form; its fix moves
//    the commands into docker-entrypoint.sh (created next to the Dockerfile, ending with exec "$@") and the old
//    "switch to exec form" fix that only silenced the warning is gone;
//  - item 7: buster → bookworm renames the PHP packages; chmod 777 becomes 755.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { closeAllEditors, HANGUL, setGuideLanguage, startedExtension, waitFor, workspaceDir } from '../helpers';

async function actionsAt(doc: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  const range = doc.lineAt(line).range;
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

const isIgnore = (a: vscode.CodeAction) => /무시|ignore/i.test(a.title);

/** A fresh folder with only this Dockerfile (a file left by an earlier run would change the script's name). */
async function openFresh(folder: string, text: string): Promise<vscode.TextDocument> {
  const dir = path.join(workspaceDir(), '.e2e', folder);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'Dockerfile')));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

suite('real fixes', () => {
  before(async () => {
    await startedExtension();
    await setGuideLanguage('ko');
  });
  after(async () => {
    await closeAllEditors();
    await setGuideLanguage(undefined);
  });

  test('item 2: the sh -c ENTRYPOINT moves into a start script that VS Code creates, and the CMD then runs', async () => {
    const doc = await openFresh('fix-entrypoint', ['FROM debian:bookworm', 'ENTRYPOINT ["/bin/sh", "-c", "service nginx start && bash"]', 'CMD ["tail", "-f", "/dev/null"]', ''].join('\n'));
    // DG103 ("this CMD never runs") sits on the CMD and carries the fix; the ENTRYPOINT line offers no fix that only
    // rewrites the form.
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (d) => d.some((x) => String((x.code as { value?: string })?.value ?? x.code) === 'DG103'), 'DG103 on the CMD');
    const onEntrypoint = (await actionsAt(doc, 1)).map((a) => a.title);
    assert.ok(!onEntrypoint.some((t) => t.includes('"-c"')), onEntrypoint.join(' | '));
    const actions = await waitFor(() => actionsAt(doc, 2), (a) => a.some((x) => /docker-entrypoint\.sh/.test(x.title)), 'the start-script fix for DG103');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.every((t) => HANGUL.test(t)), titles.join(' | '));
    assert.ok(!isIgnore(actions[0]), `a real fix first: ${titles.join(' | ')}`);
    assert.ok(actions.filter(isIgnore).length <= 1, `one ignore entry at most: ${titles.join(' | ')}`);
    assert.ok(!titles.some((t) => t.includes('["/bin/sh", "-c"')), `no fix that only hides the problem: ${titles.join(' | ')}`);
    assert.ok(!titles.some((t) => t.includes('`')), 'fix titles are plain text');
    const fix = actions.find((a) => /docker-entrypoint\.sh/.test(a.title))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `applying "${fix.title}"`);
    await vscode.workspace.saveAll(false);
    const script = path.join(path.dirname(doc.uri.fsPath), 'docker-entrypoint.sh');
    const body = await waitFor(() => (fs.existsSync(script) ? fs.readFileSync(script, 'utf8') : ''), (t) => t.endsWith('exec "$@"\n'), 'docker-entrypoint.sh on disk');
    assert.ok(body.startsWith('#!/bin/sh\n'), body);
    assert.ok(body.includes('\nservice nginx start && bash\n'), body);
    assert.strictEqual(doc.lineAt(1).text, 'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh');
    assert.strictEqual(doc.lineAt(2).text, 'ENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]');
    await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri),
      (d) => !d.some((x) => String((x.code as { value?: string })?.value ?? x.code) === 'DG103'),
      'DG103 gone after the fix',
    );
  });

  test('item 7: buster → bookworm with the PHP renames, first in the menu', async () => {
    const doc = await openFresh('fix-buster', ['FROM debian:buster', 'RUN apt-get update && apt-get install -y php7.3-fpm php7.3-json php7.3-mysql', 'CMD ["php-fpm7.3", "-F"]', ''].join('\n'));
    const actions = await waitFor(() => actionsAt(doc, 0), (a) => a.some((x) => /bookworm/.test(x.title)), 'the bookworm fix on FROM');
    assert.ok(/bookworm/.test(actions[0].title), actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.strictEqual(doc.lineAt(0).text, 'FROM debian:bookworm');
    assert.strictEqual(doc.lineAt(1).text, 'RUN apt-get update && apt-get install -y php8.2-fpm php8.2-mysql');
  });

  test('item 7: chmod 777 becomes 755, before the one ignore entry', async () => {
    const doc = await openFresh('fix-chmod', ['FROM debian:bookworm', 'RUN chmod 777 /var/www/html', ''].join('\n'));
    const actions = await waitFor(() => actionsAt(doc, 1), (a) => a.some((x) => /755/.test(x.title)), 'the 755 fix');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.findIndex((t) => /755/.test(t)) < Math.max(0, titles.findIndex((t) => /무시/.test(t))) || !titles.some((t) => /무시/.test(t)), titles.join(' | '));
    assert.ok(actions.filter(isIgnore).length <= 1, titles.join(' | '));
    const fix = actions.find((a) => /755/.test(a.title))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.lineAt(1).text, /^RUN (chown [\w-]+:[\w-]+ \/var\/www\/html && )?chmod 755 \/var\/www\/html$/);
  });
});
