// Layer annotations in the real VS Code against the real engine: Build Image on a Dockerfile FROM the shared busybox
// test image (the example stack needs registries this machine cannot reach, see doctor.e2e.ts), then the inlay hints
// on its lines show each layer's size and whether the step ran; the export analysis adds the wasted megabyte and a
// diagnostic with the quick fix; an edited line reads as edited; reopening the file brings the figures back.
// Needs the build commands to announce their BuildRecord on session.builds (the build side of issue 17).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { closeAllEditors, openFile, setGuideLanguage, sleep, startedExtension, waitFor, workspaceDir, runAcceptingDefaults } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

const IMAGE = busyboxTag();
const LABEL = 'dockerfile-guide.test=e2e-layers';
const DIR = `layers-${process.pid}`;
const docker = (...args: string[]) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' }).trim();

const TEXT = [
  `FROM ${IMAGE}`,
  'RUN dd if=/dev/zero of=/big bs=1M count=1',
  'RUN rm /big',
  'COPY hello.txt /hello.txt',
  'ENV GREETING=hi',
  `LABEL ${LABEL}`,
  '',
].join('\n');

const labelOf = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

/** Hint labels by 1-based line. */
async function hints(doc: vscode.TextDocument): Promise<Map<number, string>> {
  const all = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0))) ?? [];
  return new Map(all.map((h) => [h.position.line + 1, labelOf(h)]));
}

const layerDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker layers');

suite('layers: sizes, cache and wasted bytes on the Dockerfile', () => {
  before(async () => {
    ensureBusyboxImage();
    await setGuideLanguage('en');
    await startedExtension();
    // Opening the Docker view connects the engine model the build uses.
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
  });

  after(async () => {
    await closeAllEditors();
    await setGuideLanguage(undefined);
    try {
      const ids = docker('images', '-q', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
      if (ids.length) docker('rmi', '-f', ...new Set(ids));
    } catch {
      /* already gone */
    }
  });

  test('Build Image, then each line shows its layer; the waste, the edited line and a reopened file', async () => {
    fs.mkdirSync(path.join(workspaceDir(), '.e2e', DIR), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir(), '.e2e', DIR, 'hello.txt'), 'hello\n');
    let doc = await openFile(`${DIR}/Dockerfile`, TEXT);
    // The command asks for the tag in an input box (pre-filled); accept it as a user pressing Enter.
    await runAcceptingDefaults('dockerfileGuide.docker.buildImage', doc.uri);

    const first = await waitFor(() => hints(doc), (h) => /^\+1\.05MB/.test(h.get(2) ?? ''), 'the size hint on the RUN line', 60_000);
    assert.match(first.get(2)!, /^\+1\.05MB · (ran|cached)/, first.get(2));
    assert.match(first.get(3) ?? '', /^\+0B/);
    assert.match(first.get(4) ?? '', /^\+6B/);
    assert.match(first.get(5) ?? '', /^no layer/);
    assert.match(first.get(1) ?? '', /^base /);

    // The export analysis follows: the wasted megabyte on the adding line, and its diagnostic with the quick fix.
    const later = await waitFor(() => hints(doc), (h) => /1\.05MB wasted/.test(h.get(2) ?? ''), 'the wasted bytes on the RUN line', 60_000);
    assert.ok(!/wasted/.test(later.get(3) ?? ''), later.get(3));
    const [diag] = await waitFor(() => layerDiagnostics(doc.uri), (d) => d.length === 1, 'the wasted-bytes diagnostic', 10_000);
    assert.equal(diag.range.start.line, 1);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Information);
    assert.match(diag.message, /This line adds 1\.05MB that line 3 deletes or overwrites: \/big/);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const move = actions.find((a) => a.title === 'Move the cleanup on line 3 into this RUN');
    assert.ok(move?.edit, actions.map((a) => a.title).join(' | '));

    // An edit on the RUN line: its hint reads as edited, its diagnostic goes; the lines below keep theirs.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, doc.lineAt(1).text.length), ' conv=fsync');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const edited = await waitFor(() => hints(doc), (h) => h.get(2) === '(edited since build)', 'the edited RUN line', 10_000);
    assert.match(edited.get(4) ?? '', /^\+6B/);
    await waitFor(() => layerDiagnostics(doc.uri), (d) => d.length === 0, 'no diagnostic on the edited line', 10_000);

    // Closing without saving and reopening: the text is the built one again, and so are the figures.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    doc = await vscode.workspace.openTextDocument(doc.uri);
    await vscode.window.showTextDocument(doc);
    const reopened = await waitFor(() => hints(doc), (h) => /^\+1\.05MB/.test(h.get(2) ?? ''), 'the figures after reopening', 10_000);
    assert.match(reopened.get(2)!, /1\.05MB wasted/);

    // The setting turns them off.
    await vscode.workspace.getConfiguration('dockerfileGuide').update('layers.annotations', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => hints(doc), (h) => h.size === 0, 'no hints with the setting off', 10_000);
      await waitFor(() => layerDiagnostics(doc.uri), (d) => d.length === 0, 'no diagnostics with the setting off', 10_000);
    } finally {
      await vscode.workspace.getConfiguration('dockerfileGuide').update('layers.annotations', undefined, vscode.ConfigurationTarget.Global);
    }
  }, 150_000);
});
