// The images view's layer controller (client/src/sidebar/imageLayers.ts) on the real engine, with a stand-in for the
// few vscode APIs it touches: an expanded image shows its history rows at once with a spinner on the summary, the
// export's analysis runs once under the view's progress bar and redraws the image, and the engine dying mid-export
// leaves an error row that a click retries, not a spinner.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { progressCalls, useVscodeStandIn } from './vscodeStandIn';
import { cleanup, ensureTestImage, mainClients, mainEndpoint, privateDaemon, runId, setupMainEngine, sh, TEST_IMAGE, TEST_LABEL, until } from './helpers';
import { buildImage } from '../../common/src/engine/build';
import { clearLayersCache } from '../../common/src/layers/analyse';
import type { ImageNode } from '../../client/src/sidebar/imageItems';
import type { LayersNode } from '../../client/src/sidebar/layerItems';

useVscodeStandIn();
// Loaded after the stand-in is in place (they import vscode).
const { ImageLayers } = require('../../client/src/sidebar/imageLayers') as typeof import('../../client/src/sidebar/imageLayers');
const { BuiltImages } = require('../../client/src/editor/layers/builtImages') as typeof import('../../client/src/editor/layers/builtImages');
const { DockerModel } = require('../../client/src/docker/model') as typeof import('../../client/src/docker/model');

const RUN = runId();
const clients = mainClients();

function memento() {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string, d: T) => (m.has(k) ? (m.get(k) as T) : d), update: async (k: string, v: unknown) => void m.set(k, v), keys: () => [...m.keys()] };
}

describe('the layer controller of the images view (real engine, vscode stand-in)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-sidebar-ctl-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  let imageId = '';
  const model = new DockerModel({ resolve: mainEndpoint });

  before(async () => {
    setupMainEngine();
    fs.writeFileSync(dockerfile, [`FROM ${TEST_IMAGE}`, 'RUN dd if=/dev/zero of=/big bs=1M count=2', 'RUN rm /big', ''].join('\n'));
    const built = await buildImage(clients, { contextDir: dir, dockerfile, tag: `dfg-test/sidebar-ctl:${RUN}`, labels: { [TEST_LABEL]: RUN } });
    assert.ok(built.ok && built.imageId, built.error);
    imageId = built.imageId!;
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready' && m.images.some((i) => i.Id === imageId), 10000);
  });

  after(async () => {
    model.dispose();
    await cleanup(clients, RUN);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const node = (): ImageNode => ({
    kind: 'image',
    key: `dfg-test/sidebar-ctl:${RUN}`,
    imageId,
    ref: `dfg-test/sidebar-ctl:${RUN}`,
    label: RUN,
    description: '',
    tooltip: '',
    contextValue: 'image:tagged',
    dangling: false,
  });

  it('history rows at once, the analysis once under the view\'s progress, then a redraw with the totals; the Dockerfile recorded by a build gives the lines', async () => {
    clearLayersCache();
    const built = new BuiltImages(memento() as never);
    const redrawn: string[] = [];
    let done!: () => void;
    const redraw = new Promise<void>((r) => (done = r));
    const layers = new ImageLayers(model, built, () => 'en', 'dockerfileGuide.images', (id) => {
      redrawn.push(id);
      done();
    });
    try {
      progressCalls.length = 0;
      const first = await layers.children(node());
      assert.equal(first[0].icon, 'loading~spin');
      assert.ok(first.every((n) => !n.open), 'no Dockerfile recorded yet: no lines');
      assert.deepEqual(progressCalls, [{ viewId: 'dockerfileGuide.images' }]);
      await redraw;
      assert.deepEqual(redrawn, [imageId]);
      // Recording the build (as the build commands do) redraws the image, now with its lines.
      await built.record(imageId, dockerfile);
      assert.deepEqual(redrawn, [imageId, imageId]);
      const second = await layers.children(node());
      assert.deepEqual(progressCalls.length, 1, 'the analysis ran once');
      assert.match(second[0].label, /^Total \S+ · wasted 2\.1MB · efficiency \d+\.\d%$/);
      assert.deepEqual(second.map((n: LayersNode) => [n.role, n.open?.line ?? null]), [['summary', null], ['base', 1], ['layer', 2], ['layer', 3]]);
    } finally {
      layers.dispose();
      built.dispose();
    }
  });

  it('the engine dying in the middle of the export: an error row once it is back (never a spinner left behind), and a retry reads the layers', { timeout: 180_000 }, async () => {
    const daemon = privateDaemon();
    await daemon.start();
    const own = new DockerModel({ resolve: () => daemon.endpoint, backoffInitialMs: 100, backoffMaxMs: 500 });
    const redrawn: string[] = [];
    const layers = new ImageLayers(own, new BuiltImages(memento() as never), () => 'both', 'v', (id) => redrawn.push(id));
    try {
      ensureTestImage(daemon.host);
      // 300 MB, so the export is still streaming when the engine is killed.
      const ctx = path.join(dir, 'big');
      fs.mkdirSync(ctx);
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN dd if=/dev/zero of=/big bs=1M count=300\n`);
      const id = sh('docker', ['-H', daemon.host, 'build', '-q', ctx], { DOCKER_BUILDKIT: '0' });
      own.start();
      await own.waitFor((m) => m.state.kind === 'ready' && m.images.some((i) => i.Id === id), 20000);
      const big: ImageNode = { ...node(), key: 'big', imageId: id };
      clearLayersCache();
      const first = await layers.children(big);
      assert.equal(first[0].icon, 'loading~spin');
      await daemon.kill();
      await until(() => redrawn.includes(id), 20000);
      await daemon.start();
      await own.waitFor((m) => m.state.kind === 'ready', 30000);
      const failed = await layers.children(big);
      assert.equal(failed[0].role, 'error', failed[0].label);
      assert.match(failed[0].label, /레이어 내용을 읽지 못했습니다 \/ Could not read the layer contents/);
      assert.ok(!failed.some((n) => n.icon === 'loading~spin'));
      assert.equal(failed[0].retryImageId, id);
      // The click on the error row.
      layers.retry(id);
      const again = await layers.children(big);
      assert.equal(again[0].icon, 'loading~spin');
      await until(() => redrawn.filter((x) => x === id).length >= 3, 60000);
      const done = await layers.children(big);
      assert.match(done[0].label, /^합계 \S+ · 낭비 0B · 효율 100\.0% \/ Total \S+ · wasted 0B · efficiency 100\.0%$/);
    } finally {
      layers.dispose();
      own.dispose();
      await daemon.destroy();
    }
  });
});
