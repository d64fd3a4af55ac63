// The images view's layer rows on what the real engine returns: an image built (classic builder, through the
// extension's own buildImage) FROM the busybox test image with a RUN writing 5 MB, a RUN deleting it, a COPY and
// an ENV; its history and its export's analysis, read as the view reads them (imageHistory, analysedTar), mapped
// with the Dockerfile known. Then the two failures the view must survive: an image that vanished (404) and an
// engine that dies in the middle of the export.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../client/src/docker/connection';
import { layersTree, type LayersNode } from '../../client/src/sidebar/layerItems';
import { layersFailure } from '../../client/src/sidebar/layersFailure';
import { buildImage } from '../../common/src/engine/build';
import { analysedTar, clearLayersCache, imageHistory, isAnalysed, type LayersEngine } from '../../common/src/layers/analyse';
import { cleanup, ensureTestImage, mainClients, privateDaemon, runId, setupMainEngine, TEST_IMAGE, TEST_LABEL } from './helpers';

const RUN = runId();
const clients = mainClients();
const MB5 = 5 * 1024 * 1024;

describe('image layers in the sidebar, on the real engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-sidebar-layers-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  const text = [`FROM ${TEST_IMAGE}`, 'RUN dd if=/dev/zero of=/big bs=1M count=5', 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''].join('\n');
  let imageId = '';

  before(async () => {
    setupMainEngine();
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
    fs.writeFileSync(dockerfile, text);
    const built = await buildImage(clients, { contextDir: dir, dockerfile, tag: `dfg-test/sidebar-layers:${RUN}`, labels: { [TEST_LABEL]: RUN } });
    assert.ok(built.ok && built.imageId, built.error);
    imageId = built.imageId!;
  });

  after(async () => {
    await cleanup(clients, RUN);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('history first: every layer on its line, the ENV only in the summary; then the export: 5 MB wasted between the two RUN lines, biggest files, efficiency under 100%', async () => {
    clearLayersCache();
    const history = await imageHistory(clients, imageId);
    const input = { parentKey: `dfg-test/sidebar-layers:${RUN}`, imageId, history, dockerfile: { path: dockerfile, text } };

    const early = layersTree({ ...input, analysis: { kind: 'running' } }, 'en');
    const lines = (tree: LayersNode[]) => tree.map((n) => [n.role, n.open?.line ?? null]);
    assert.deepEqual(lines(early), [['summary', null], ['base', 1], ['layer', 2], ['layer', 3], ['layer', 4]]);
    assert.equal(early[0].icon, 'loading~spin');
    assert.match(early[0].tooltip!, /Line 5 ENV: ENV only changes the image configuration/);
    // The engine names the base image on its top row (classic builder): the group says which image it is.
    assert.match(early[1].description!, new RegExp(`^${TEST_IMAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
    assert.equal(early[2].label, 'RUN dd if=/dev/zero of=/big bs=1M count=5');
    assert.ok(early[2].description!.startsWith('5.24MB · line 2'), early[2].description);

    const tar = await analysedTar(clients, imageId);
    assert.ok(isAnalysed(imageId), 'cached per image ID');
    const done = layersTree({ ...input, analysis: { kind: 'done', tar } }, 'en');
    assert.deepEqual(lines(done), lines(early), 'the same rows, on the same lines, once the export is read');
    const [summary, base, dd, rm, copy] = done;
    const m = /^Total (\S+) · wasted 5\.24MB · efficiency (\d+\.\d)%$/.exec(summary.label);
    assert.ok(m, summary.label);
    assert.ok(Number(m[2]) < 100 && Number(m[2]) > 0, m[2]);
    assert.ok(tar.efficiency < 1);
    const waste = summary.children[0];
    assert.equal(waste.role, 'wasteGroup');
    assert.deepEqual(
      waste.children.map((w) => [w.label, w.description, w.open]),
      [['/big', '5.24MB · added on line 2, deleted on line 3', { path: dockerfile, line: 2 }]],
    );
    assert.equal(dd.description, '5.24MB · line 2 · wasted 5.24MB');
    assert.deepEqual(dd.children.map((f) => [f.label, f.description]), [['/big', '5.24MB']]);
    assert.equal(tar.layers[1].biggest[0].size, MB5);
    assert.deepEqual(copy.children.map((f) => [f.label, f.description]), [['/hello.txt', '6B']]);
    assert.deepEqual(rm.children, [], 'the deleting layer adds no file');
    // The base layer lists busybox's files, biggest first.
    assert.equal(base.children[0].children[0].label, '/bin/busybox');
  });

  it('an image that vanished reads as "not found" (the view refreshes quietly), for the history and for the export', async () => {
    // A real image, removed: engine 20.10 answers its history with 404 but its export with 500.
    const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-sidebar-gone-'));
    try {
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL gone=${RUN}\n`);
      const built = await buildImage(clients, { contextDir: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tag: `dfg-test/sidebar-gone:${RUN}`, labels: { [TEST_LABEL]: RUN } });
      assert.ok(built.ok && built.imageId, built.error);
      const gone = built.imageId!;
      await clients.api.getImage(gone).remove({ force: true });
      const historyErr = await imageHistory(clients, gone).then(() => assert.fail('history of a removed image'), (e: unknown) => e);
      assert.equal((await layersFailure(clients, gone, historyErr, clients.where)).kind, 'notFound');
      const exportErr = await analysedTar(clients, gone).then(() => assert.fail('export of a removed image'), (e: unknown) => e);
      assert.equal((await layersFailure(clients, gone, exportErr, clients.where)).kind, 'notFound', `export error: ${String(exportErr)}`);
      assert.ok(!isAnalysed(gone), 'a failure is not cached');
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
  });

  it('the engine dying in the middle of the export fails the analysis (an error row with a reason), it does not hang', { timeout: 120_000 }, async () => {
    const daemon = privateDaemon();
    await daemon.start();
    try {
      ensureTestImage(daemon.host);
      const own = connect(daemon.endpoint);
      const id = (await own.api.getImage(TEST_IMAGE).inspect()).Id;
      // The export as the analysis reads it, with the engine killed as soon as its first bytes arrive.
      const dying: LayersEngine = {
        api: own.api,
        stream: {
          getImage: (name: string) => ({
            get: async () => {
              const real = (await own.stream.getImage(name).get()) as NodeJS.ReadableStream & { on(ev: 'error', f: (e: Error) => void): unknown };
              let killed = false;
              const t = new Transform({
                transform(chunk, _enc, cb) {
                  if (!killed) {
                    killed = true;
                    void daemon.kill();
                  }
                  cb(null, chunk);
                },
              });
              real.on('error', (e) => t.destroy(e));
              (real as NodeJS.ReadableStream).pipe(t);
              return t;
            },
          }),
        } as unknown as LayersEngine['stream'],
      };
      let failure: unknown;
      await analysedTar(dying, id).then(
        () => assert.fail('an export cut by the engine dying passed as complete'),
        (e: unknown) => (failure = e),
      );
      assert.ok(!isAnalysed(id));
      const ee = await layersFailure(own, id, failure, own.where);
      // The response stops mid-body (node: "aborted"): a lost connection, not a vanished image.
      assert.equal(ee.kind, 'connectionLost', String(failure));
      const tree = layersTree({ parentKey: 'k', imageId: id, history: [], analysis: { kind: 'failed', reason: ee.reason, detail: ee.detail } }, 'both');
      assert.equal(tree.length, 1);
      assert.equal(tree[0].role, 'error');
      assert.equal(tree[0].retryImageId, id);
      assert.match(tree[0].label, /레이어 내용을 읽지 못했습니다 \/ Could not read the layer contents/);
      assert.ok(tree[0].description && /[가-힣]/.test(tree[0].description), tree[0].description);
    } finally {
      await daemon.destroy();
    }
  });
});
