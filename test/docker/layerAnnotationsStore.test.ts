/**
 * The editor side of the layer annotations wired together, on the real engine: a BuildRecord fired on the session's
 * `builds` (as the build commands fire it) makes the store read the image's history and then its export; the inlay
 * hints, the wasted-bytes diagnostic and its quick fix come out of it; edits make lines stale and move the others; a
 * reopened file gets its figures back; the setting and the clear command turn everything off; an image that vanished
 * leaves the steps and a reason. The `vscode` module is test/docker/vscodeFake.ts (the real one only exists inside VS
 * Code; test/e2e/suite/layers.e2e.ts runs the same path there).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildRecord } from '../../common/src/engine/buildSteps';
import type { DockerSession } from '../../client/src/session/dockerSession';
import { cleanup, mainClients, runId, sh, TEST_IMAGE, TEST_LABEL, ensureTestImage } from './helpers';

// Route `import * as vscode from 'vscode'` in the modules under test to the fake, before they are loaded.
const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
const resolve = M._resolveFilename;
M._resolveFilename = function (req: string, ...rest: unknown[]) {
  return req === 'vscode' ? require.resolve('./vscodeFake') : resolve.call(this, req, ...rest);
};
const vscode = require('./vscodeFake') as typeof import('./vscodeFake');
const { registerLayerAnnotations, CLEAR_COMMAND } = require('../../client/src/editor/layers/registerLayers') as typeof import('../../client/src/editor/layers/registerLayers');

type Fake = typeof vscode;
type Hint = { position: { line: number }; label: string; tooltip?: { value: string } };
const hints = () => vscode.registered.inlayHints[0] as { provideInlayHints(d: unknown, r: unknown): Hint[] };
const actions = () => vscode.registered.codeActions[0] as { provideCodeActions(d: unknown, r: unknown, c: unknown): { title: string; edit?: InstanceType<Fake['WorkspaceEdit']> }[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(probe: () => T, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: not reached; last ${JSON.stringify(v)}`);
    await sleep(50);
  }
}

describe('layer annotations in the editor, from a BuildRecord to hints, diagnostics and the quick fix (real engine)', () => {
  const id = runId();
  const clients = mainClients();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-layer-store-'));
  const file = path.join(dir, 'Dockerfile');
  const TEXT = [`FROM ${TEST_IMAGE}`, 'RUN dd if=/dev/zero of=/big bs=1M count=1', 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''].join('\n');
  const builds = new vscode.EventEmitter<BuildRecord>();
  const session = { model: { state: { kind: 'ready' }, clients }, lang: () => 'en', builds } as unknown as DockerSession;
  let imageId = '';
  let disposables: { dispose(): void }[] = [];

  before(() => {
    ensureTestImage();
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
    fs.writeFileSync(file, TEXT);
    imageId = sh('docker', ['build', '-q', '--label', `${TEST_LABEL}=${id}`, dir], { DOCKER_BUILDKIT: '0' });
    disposables = registerLayerAnnotations(session) as unknown as { dispose(): void }[];
  });

  after(async () => {
    for (const d of disposables) d.dispose();
    await cleanup(clients, id);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = (over: Partial<BuildRecord> = {}): BuildRecord => ({
    dockerfile: file,
    text: TEXT,
    contextDir: dir,
    imageId,
    tag: imageId,
    builder: 'classic',
    builtAt: Date.now(),
    steps: [
      { line: 1, text: `FROM ${TEST_IMAGE}`, cached: true, seconds: null },
      { line: 2, text: 'RUN dd', cached: true, seconds: null },
      { line: 3, text: 'RUN rm /big', cached: true, seconds: null },
      { line: 4, text: 'COPY hello.txt /hello.txt', cached: false, seconds: 0.4 },
      { line: 5, text: 'ENV GREETING=hi', cached: false, seconds: 0.1 },
    ],
    cacheBreak: { line: 4, reason: { ko: '`hello.txt` 파일이 바뀌었습니다.', en: 'hello.txt changed.' }, files: ['hello.txt'] },
    ...over,
  });
  const labels = (doc: unknown) => new Map(hints().provideInlayHints(doc, new vscode.Range(0, 0, 1000, 0)).map((h) => [h.position.line + 1, h.label]));
  const diagnostics = (doc: { uri: import('./vscodeFake').Uri }) => vscode.collections.flatMap((c) => c.get(doc.uri));

  it('hints, then the waste and its diagnostic; the quick fix; stale and moved lines; reopen; setting; clear', async () => {
    let doc = new vscode.FakeDocument(vscode.Uri.file(file), TEXT);
    vscode.fake.open(doc);
    builds.fire(record());

    const first = await until(() => labels(doc), (l) => l.has(2), 'hints after the build');
    assert.equal(first.get(1)?.startsWith('base '), true, first.get(1));
    assert.match(first.get(2)!, /^\+1\.05MB · cached/);
    assert.equal(first.get(4), '+6B · ran 0.4 s · cache broke here: hello.txt changed');
    assert.equal(first.get(5), 'no layer · ran 0.1 s');

    const later = await until(() => labels(doc), (l) => /wasted/.test(l.get(2) ?? ''), 'the waste after the export');
    assert.equal(later.get(2), '+1.05MB · cached · 1.05MB wasted');
    const [d] = await until(() => diagnostics(doc), (ds) => ds.length === 1, 'the wasted-bytes diagnostic');
    assert.equal(d.range.start.line, 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.source, 'docker layers');
    assert.match(d.message, /^This line adds 1\.05MB that line 3 deletes or overwrites: \/big \(1\.05MB\)\. .*A quick fix can move the cleanup on line 3 into this RUN\.$/);
    const tip = hints().provideInlayHints(doc, new vscode.Range(0, 0, 1000, 0)).find((h) => h.position.line === 2)!.tooltip!.value;
    assert.match(tip, /This line deletes or overwrites 1\.05MB that line 2 added/);

    const [fix] = actions().provideCodeActions(doc, d.range, { diagnostics: [d] });
    assert.equal(fix.title, 'Move the cleanup on line 3 into this RUN');
    doc.apply(fix.edit!);
    assert.equal(doc.getText(), TEXT.replace('count=1\nRUN rm /big\n', 'count=1 && rm /big\n'));
    const edited = labels(doc);
    // The merged RUN is no longer the built text; COPY and ENV moved up one line and are still the built text.
    assert.equal(edited.get(2), '(edited since build)');
    assert.equal(edited.get(3), '+6B · ran 0.4 s · cache broke here: hello.txt changed');
    assert.equal(edited.get(4), 'no layer · ran 0.1 s');
    await until(() => diagnostics(doc), (ds) => ds.length === 0, 'no diagnostic once its lines are edited');

    // Closed without saving and reopened from disk: the built text, the built figures.
    vscode.fake.close(doc);
    doc = new vscode.FakeDocument(vscode.Uri.file(file), TEXT);
    vscode.fake.open(doc);
    assert.deepEqual(labels(doc), later, 'every line as right after the build');
    await until(() => diagnostics(doc), (ds) => ds.length === 1, 'the diagnostic is back');

    // Lines inserted above: everything moves down and stays fresh.
    doc.edit(new vscode.Range(1, 0, 1, 0), '# note\n');
    assert.equal(labels(doc).get(3), '+1.05MB · cached · 1.05MB wasted');
    assert.equal((await until(() => diagnostics(doc), (ds) => ds.length === 1 && ds[0].range.start.line === 2, 'the diagnostic moved'))[0].range.start.line, 2);

    vscode.fake.setSetting('dockerfileGuide.layers.annotations', false);
    assert.equal(labels(doc).size, 0);
    await until(() => diagnostics(doc), (ds) => ds.length === 0, 'no diagnostics with the setting off');
    vscode.fake.setSetting('dockerfileGuide.layers.annotations', true);
    assert.equal(labels(doc).size, 5);
    await vscode.registered.commands.get(CLEAR_COMMAND)!();
    assert.equal(labels(doc).size, 0);
    await until(() => diagnostics(doc), (ds) => ds.length === 0, 'no diagnostics after clearing');
    vscode.fake.close(doc);
  });

  it('an image that vanished before its history was read: the steps stay, and the tooltip says why sizes are missing', async () => {
    const doc = new vscode.FakeDocument(vscode.Uri.file(file), TEXT);
    vscode.fake.open(doc);
    builds.fire(record({ imageId: 'sha256:' + '0'.repeat(64) }));
    const l = await until(() => labels(doc), (x) => x.has(2), 'hints without a history');
    assert.equal(l.get(2), 'cached');
    assert.equal(l.get(4), 'ran 0.4 s · cache broke here: hello.txt changed');
    const tip = hints().provideInlayHints(doc, new vscode.Range(0, 0, 1000, 0)).find((h) => h.position.line === 1)!.tooltip!.value;
    assert.match(tip, /Layer sizes are not shown: the image's history could not be read: .*[Nn]o such image/);
    assert.doesNotMatch(tip, /could not be analysed/, 'one reason, said once');
    vscode.fake.close(doc);
  });
});
