// The walkthrough "Get started with Dockerfile Guide" in the real VS Code: the manifest as VS Code read it (the step
// texts and the step media in the display language, through package.nls*.json), and the milestones behind the
// steps' check marks, each reached by the real action and not by anything before it. VS Code has no API that reads
// a walkthrough's progress, so these tests read the milestones through the extension's API (the same set that sets
// the context keys the steps complete on); test/e2e/walkthrough-ui.mjs sees the check marks themselves.
// Hovers and code actions are asked through VS Code's commands, which run the same providers (and our client's
// middleware) the editor does; a code action is applied as VS Code applies one: its edit, then its command.
// Steps 5 to 8 use the engine (/var/run/docker.sock) and the shared busybox test image; everything made is
// labelled and removed.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { EXTENSION_ID, HANGUL, closeAllEditors, hoverText, openFile, sleep, startedExtension, waitFor, workspaceDir, runAcceptingDefaults } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

type Milestone = 'dockerfileOpened' | 'hovered' | 'fixed' | 'explained' | 'built' | 'checked' | 'layersShown' | 'stoppedCleanly';
interface WalkthroughApi {
  walkthroughMilestones(): Milestone[];
  resetWalkthroughMilestones(): void;
}

const LABEL = 'dockerfile-guide.test=e2e-walkthrough';
const IMAGE = busyboxTag();
const docker = (...args: string[]) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' }).trim();
const TEXT = ['FROM debian:bookworm', 'maintainer student@42.fr', 'RUN apt-get update && apt install nginx', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');

let api: WalkthroughApi;
const has = (m: Milestone) => api.walkthroughMilestones().includes(m);
const reachedNow = (m: Milestone, what: string, ms = 15_000) => waitFor(() => has(m), Boolean, `${m} after ${what}`, ms);

async function actionsAt(doc: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(line).range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

/** What VS Code does when the user picks a code action: apply its edit, then run its command. */
async function applyAsTheEditorDoes(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

type Nls = Record<string, string>;
const readNls = (file: string): Nls => JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, file), 'utf8'));

suite('walkthrough: Get started with Dockerfile Guide', () => {
  before(async () => {
    const { extension } = await startedExtension();
    api = extension.exports as unknown as WalkthroughApi;
    await closeAllEditors();
  });

  after(async () => {
    await closeAllEditors();
    for (const [list, remove] of [[['ps', '-aq'], 'rm'], [['images', '-q'], 'rmi']] as const) {
      try {
        const ids = docker(...list, '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
        if (ids.length) docker(remove, '-f', ...new Set(ids));
      } catch {
        /* already gone */
      }
    }
  });

  test('VS Code reads the walkthrough with 8 steps, its texts and its step media in the display language', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const lang = vscode.env.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
    const nls = readNls(lang === 'ko' ? 'package.nls.ko.json' : 'package.nls.json');
    const ko = readNls('package.nls.ko.json');
    // The raw manifest keeps the %keys%; VS Code's copy (packageJSON) has them replaced for the display language.
    const raw = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')).contributes.walkthroughs[0];
    const seen = ext.packageJSON.contributes.walkthroughs[0];
    const key = (ref: string) => ref.slice(1, -1);
    assert.equal(seen.steps.length, 8);
    assert.equal(seen.title, nls[key(raw.title)]);
    assert.equal(ko[key(raw.title)], '도커파일 가이드 시작하기');
    for (const [i, s] of seen.steps.entries()) {
      const r = raw.steps[i];
      assert.equal(s.title, nls[key(r.title)], `step ${r.id}: title`);
      assert.equal(s.description, nls[key(r.description)], `step ${r.id}: description`);
      assert.ok(HANGUL.test(ko[key(r.title)]), `step ${r.id}: Korean title ${ko[key(r.title)]}`);
      // The media path is localized too: the file VS Code will show is the one in the display language.
      assert.equal(s.media.markdown, `media/walkthrough/${r.id}.${lang}.md`, `step ${r.id}: media`);
      assert.ok(fs.existsSync(path.join(ext.extensionPath, s.media.markdown)), `${s.media.markdown} is shipped`);
      assert.deepEqual(s.completionEvents, r.completionEvents);
    }
  });

  test('steps 1–4 complete on the real events: a Dockerfile opened, our hover, one of our quick fixes applied, the explanation opened', async () => {
    api.resetWalkthroughMilestones();
    assert.deepEqual(api.walkthroughMilestones(), []);

    // 1. A Dockerfile shown in an editor. A Dockerfile document that no editor shows is not enough.
    const file = path.join(workspaceDir(), '.e2e', 'walkthrough', 'Dockerfile');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, TEXT);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await sleep(500);
    assert.ok(!has('dockerfileOpened'), 'a document without an editor does not count');
    await vscode.window.showTextDocument(doc, { preview: false });
    await reachedNow('dockerfileOpened', 'showing the Dockerfile');

    // 2. Our hover answered on an instruction. A position where there is nothing to explain does not count.
    assert.ok(!has('hovered'));
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (d) => d.length > 0, 'diagnostics on the Dockerfile');
    const empty = await hoverText(doc, new vscode.Position(4, 0));
    assert.equal(empty.trim(), '', `no hover at the end of the file: ${empty}`);
    assert.ok(!has('hovered'), 'an empty hover does not count');
    const md = await hoverText(doc, new vscode.Position(0, 1));
    assert.match(md, /FROM/);
    await reachedNow('hovered', 'the hover on FROM');

    // 3. Offering the light bulb does nothing; the ignore comment hides the finding and does not count; a fix does.
    const isIgnore = (x: vscode.CodeAction) => /ignore|무시/i.test(x.title);
    const actions = await waitFor(() => actionsAt(doc, 1), (a) => a.some((x) => !isIgnore(x)) && a.some(isIgnore), 'a fix and the ignore action on the maintainer line');
    assert.ok(!has('fixed'), 'listing the quick fixes does not count');
    const ignore = actions.find(isIgnore)!;
    const fix = actions.find((x) => !isIgnore(x))!;
    assert.equal(ignore.command, undefined, 'the ignore action is left as the server made it');
    assert.equal(fix.command?.command, 'dockerfileGuide.walkthrough.quickFixApplied', 'the fix tells the walkthrough when it is applied');
    await applyAsTheEditorDoes(ignore);
    await sleep(300);
    assert.ok(!has('fixed'), 'an ignore comment is not a fix');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => doc.getText(), (t) => t === TEXT, 'the ignore comment undone');
    await applyAsTheEditorDoes(fix);
    assert.notEqual(doc.lineAt(1).text, 'maintainer student@42.fr', `"${fix.title}" changed the line`);
    await reachedNow('fixed', `applying "${fix.title}"`);

    // 4. The explanation tab opened.
    assert.ok(!has('explained'));
    await vscode.commands.executeCommand('dockerfileGuide.explainCommand', doc.uri);
    await reachedNow('explained', 'the explanation');
    assert.deepEqual(api.walkthroughMilestones(), ['dockerfileOpened', 'hovered', 'fixed', 'explained']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('steps 5 and 7: a build from the extension, then its layer annotations on the Dockerfile', async () => {
    ensureBusyboxImage();
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
    api.resetWalkthroughMilestones();
    const doc = await openFile('walkthrough-build/Dockerfile', [`FROM ${IMAGE}`, `LABEL ${LABEL}`, 'RUN echo built > /built.txt', 'CMD ["cat", "/built.txt"]', ''].join('\n'));
    assert.ok(!has('built') && !has('layersShown'));
    // Build Image asks for the tag in an input box (pre-filled); accept it as a user pressing Enter.
    await runAcceptingDefaults('dockerfileGuide.docker.buildImage', doc.uri);
    await reachedNow('built', 'Build Image', 60_000);
    // The editor asks for the inlay hints of a visible Dockerfile; so do we, through the same provider.
    const hints = async () => (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0))) ?? [];
    await waitFor(hints, (h) => h.length > 0, 'layer annotations', 30_000);
    await reachedNow('layersShown', 'the layer annotations');
  }, 120_000);

  test('step 6: a Run and Check whose container exits does not count; one that passes every check does', async () => {
    ensureBusyboxImage();
    api.resetWalkthroughMilestones();
    const rows = async () => (await vscode.commands.executeCommand<Array<{ id: string; ok: boolean; label: string }>>('dockerfileGuide.doctor.snapshot')) ?? [];
    const exits = await openFile('walkthrough-doctor-exits/Dockerfile', [`FROM ${IMAGE}`, `LABEL ${LABEL}`, 'CMD ["echo", "done"]', ''].join('\n'));
    await vscode.commands.executeCommand('dockerfileGuide.doctor.run', exits.uri);
    const failed = await rows();
    assert.ok(failed.some((r) => r.id === 'run' && !r.ok), JSON.stringify(failed));
    assert.ok(!has('checked'), 'a failed run and check does not count');
    // PID 1 is a shell with a TERM handler: it keeps running and ends on the stop signal.
    const runs = await openFile('walkthrough-doctor-runs/Dockerfile', [`FROM ${IMAGE}`, `LABEL ${LABEL}`, `CMD ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]`, ''].join('\n'));
    await vscode.commands.executeCommand('dockerfileGuide.doctor.run', runs.uri);
    const passed = await rows();
    assert.ok(passed.length > 0 && passed.every((r) => r.ok), JSON.stringify(passed));
    await reachedNow('checked', 'a run and check that passed', 5_000);
  }, 120_000);

  test('step 8: Stop counts when the container ends on its stop signal, not when the engine had to SIGKILL it', async () => {
    ensureBusyboxImage();
    api.resetWalkthroughMilestones();
    const snapshot = async () => vscode.commands.executeCommand<{ state: string; containers: Array<{ id: string; icon: string }> }>('dockerfileGuide.docker.snapshot');
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
    const start = async (name: string, script: string, timeoutS: number) => {
      const id = docker('run', '-d', '--name', name, '--label', LABEL, '--stop-timeout', String(timeoutS), IMAGE, 'sh', '-c', script);
      await waitFor(snapshot, (x) => x.state === 'ready' && x.containers.some((c) => c.id === id && c.icon === 'running'), `${name} listed`, 20_000);
      return { kind: 'container', id, name, state: 'running', ports: [] };
    };
    // A shell as PID 1 without a TERM handler: the engine waits the 2 s timeout, then SIGKILL (137).
    const stubborn = await start(`dfg-e2e-wt-stubborn-${process.pid}`, 'while :; do sleep 1; done', 2);
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.stop', stubborn);
    assert.equal(docker('inspect', '-f', '{{.State.ExitCode}}', stubborn.id), '137');
    assert.ok(!has('stoppedCleanly'), 'a stop that ended with SIGKILL does not count');
    // The same loop with a TERM handler ends on SIGTERM, well before its 10 s timeout.
    const polite = await start(`dfg-e2e-wt-polite-${process.pid}`, 'trap "exit 0" TERM; while :; do sleep 1; done', 10);
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.stop', polite);
    assert.equal(docker('inspect', '-f', '{{.State.ExitCode}}', polite.id), '0');
    await reachedNow('stoppedCleanly', 'a clean stop', 5_000);
  }, 60_000);
});
