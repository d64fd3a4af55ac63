// "What will this container run?" on the example ft_server Dockerfile (the e2e workspace is a copy of
// examples/ft_server), in Korean: the hover on CMD, the code lens above it, and the explanation it opens.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { HANGUL, closeAllEditors, hoverText, setGuideLanguage, startedExtension, waitFor, workspaceDir } from '../helpers';
import { after, before, suite, test } from '../framework';

let doc: vscode.TextDocument;
let cmdLine = -1;

async function lenses(): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
}

suite('explain: what this container runs', () => {
  before(async () => {
    await startedExtension();
    await setGuideLanguage('ko');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'Dockerfile')));
    await vscode.window.showTextDocument(doc, { preview: false });
    for (let i = doc.lineCount - 1; i >= 0; i--) {
      if (/^CMD\b/.test(doc.lineAt(i).text)) {
        cmdLine = i;
        break;
      }
    }
    assert.ok(cmdLine >= 0, 'the example Dockerfile ends with a CMD');
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('hover on CMD: the CMD doc first, what runs in a line, and a link that opens the full explanation', async () => {
    const md = await waitFor(
      () => hoverText(doc, new vscode.Position(cmdLine, 1)),
      (t) => t.includes('이 컨테이너가 실행하는 명령'),
      'explain line in the hover on CMD',
    );
    assert.ok(md.startsWith('**CMD** — '), md.slice(0, 200));
    assert.ok(md.includes('**이 컨테이너가 실행하는 명령**: `/usr/local/bin/start.sh`'), md.slice(0, 1200));
    assert.ok(!md.includes('**▶'), 'the combination table is not in the hover');
    assert.ok(!md.includes('What this container'), 'Korean only');
    // The link runs the explain command with the document and the stage; it opens the full explanation.
    const m = /\]\(command:dockerfileGuide\.explainCommand\?([^)]*)\)/.exec(md);
    assert.ok(m, 'a link to the explain command');
    const args = JSON.parse(decodeURIComponent(m[1])) as [string, number];
    assert.equal(args[0], doc.uri.toString());
    const target = await vscode.commands.executeCommand<vscode.Uri>('dockerfileGuide.explainCommand', ...args);
    assert.ok(target, 'the command returns the explanation URI');
    const text = await waitFor(async () => (await vscode.workspace.openTextDocument(target)).getText(), (t) => t.includes('**▶'), 'the table in the explanation');
    assert.ok(text.includes('이 컨테이너가 실제로 실행하는 명령'));
  });

  test('code lens above the CMD opens the explanation', async () => {
    const found = await waitFor(
      async () => (await lenses()).filter((l) => l.command?.command === 'dockerfileGuide.explainCommand'),
      (ls) => ls.length === 1,
      'one explain code lens',
    );
    const lens = found[0];
    assert.equal(lens.range.start.line, cmdLine);
    // The lens follows start.sh: it execs nginx (PID 1) and starts MariaDB and php-fpm beside it, which SIGTERM never reaches.
    assert.equal(lens.command!.title, '▶ docker run → /usr/local/bin/start.sh · PID 1: nginx · 백그라운드 2개 (SIGTERM 전달 안 됨)');
    const target = await vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(target, 'the command returns the explanation URI');
    const shown = await vscode.workspace.openTextDocument(target);
    const text = await waitFor(() => shown.getText(), (t) => t.includes('이 컨테이너가 실제로 실행하는 명령'), 'explanation text');
    assert.ok(HANGUL.test(text));
    assert.ok(text.includes('/usr/local/bin/start.sh'));
  });

  test('the setting turns the code lens off', async () => {
    const config = () => vscode.workspace.getConfiguration('dockerfileGuide');
    await config().update('codeLens.effectiveCommand', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        async () => (await lenses()).filter((l) => l.command?.command === 'dockerfileGuide.explainCommand').length,
        (n) => n === 0,
        'no explain code lens when disabled',
      );
    } finally {
      await config().update('codeLens.effectiveCommand', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
