// Issue 18, "the first ten minutes", in the real VS Code: items 4 (the new-stack wizard creates a new folder and
// sits in the Explorer's folder menu), 5 (a failed build is explained in Korean, without colour codes) and 9 (no
// word-based suggestions, no snippets after `--`, snippet names in Korean). Item 3 (the palette) is checked in the
// Korean UI by scripts/e2e/ui-smoke.mjs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { closeAllEditors, completionLabel, openFile, setGuideLanguage, sleep, startedExtension, waitFor, workspaceDir, runAcceptingDefaults } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

async function completions(doc: vscode.TextDocument, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
  return list?.items ?? [];
}

suite('first ten minutes', () => {
  before(async () => {
    await startedExtension();
    await setGuideLanguage('ko');
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('item 9: word-based suggestions are off for Dockerfiles by default', () => {
    const v = vscode.workspace.getConfiguration('editor', { languageId: 'dockerfile' }).get('wordBasedSuggestions');
    assert.strictEqual(v, 'off');
    // Only for Dockerfiles: other languages keep VS Code's default.
    assert.notStrictEqual(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('wordBasedSuggestions'), 'off');
  });

  test('item 9: snippets with Korean names at a line start, none after `--`', async () => {
    const doc = await openFile('first/Dockerfile', 'FROM debian:bookworm\n\nCOPY --chown=www-data:www-data --\n');
    const atStart = await waitFor(
      () => completions(doc, 1, 0),
      (items) => items.some((i) => completionLabel(i) === 'webstack'),
      'webstack offered at a line start',
    );
    const web = atStart.find((i) => completionLabel(i) === 'webstack')!;
    assert.strictEqual(web.kind, vscode.CompletionItemKind.Snippet);
    assert.strictEqual(typeof web.label === 'string' ? undefined : web.label.description, '웹 스택 뼈대');
    // Exactly one webstack: VS Code no longer adds the contributed (English-named) copy.
    assert.strictEqual(atStart.filter((i) => completionLabel(i) === 'webstack').length, 1);
    const afterDashes = await completions(doc, 2, doc.lineAt(2).text.length);
    assert.ok(afterDashes.some((i) => completionLabel(i) === '--from'), 'the flags are offered');
    const snippets = afterDashes.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(completionLabel);
    assert.deepStrictEqual(snippets, []);
  });

  test('item 4: the Explorer folder menu has New Web Stack, and the wizard creates a folder that does not exist', async () => {
    const pkg = vscode.extensions.getExtension('dockerfile-guide.dockerfile-guide')!.packageJSON;
    const entry = pkg.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === 'dockerfileGuide.newStack');
    assert.ok(entry && /explorerResourceIsFolder/.test(entry.when), JSON.stringify(entry));
    const target = path.join(workspaceDir(), 'web-stack');
    fs.rmSync(target, { recursive: true, force: true });
    // No folder given: the wizard's questions (release, site name, phpMyAdmin, source, folder) are answered with
    // their defaults, as a user pressing Enter; the folder's default is the new `web-stack`.
    const written = await runAcceptingDefaults<vscode.Uri[] | undefined>('dockerfileGuide.newStack');
    try {
      assert.ok(written && written.length > 0, 'files written');
      assert.ok(fs.statSync(target).isDirectory(), 'the folder was created');
      assert.ok(fs.existsSync(path.join(target, 'Dockerfile')), 'with a Dockerfile in it');
      assert.ok(written.every((u) => u.fsPath.startsWith(target + path.sep)), written.map((u) => u.fsPath).join());
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  }, 60_000);

  test('item 5: a failed RUN is explained in Korean (exit code 127), without colour codes or Markdown', async () => {
    ensureBusyboxImage();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-e2e-first-'));
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, `FROM ${busyboxTag()}\nLABEL e2e=${process.pid}\nRUN nosuchprog --version\n`);
    const uri = vscode.Uri.file(file);
    try {
      await runAcceptingDefaults('dockerfileGuide.docker.buildImage', uri);
      const diags = await waitFor(
        () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build'),
        (d) => d.length === 1,
        'build diagnostic',
        60_000,
      );
      const m = diags[0].message;
      assert.strictEqual(diags[0].range.start.line, 2);
      assert.match(m, /종료 코드 127: 명령을 찾을 수 없습니다/, m);
      assert.ok(!/\u001b/.test(m) && !m.includes('`'), m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
