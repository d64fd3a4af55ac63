// The live model against the real engine: first list, event-driven refresh, no polling when idle,
// unreachable endpoints, and the engine dying and coming back mid-stream (on a private dockerd).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultInputs, parseHost, resolveEndpoint } from '../../common/src/engine/endpoint';
import { DockerModel } from '../../client/src/docker/model';
import { containerOfNetworkEvent } from '../../client/src/docker/events';
import {
  cleanup,
  ensureTestImage,
  mainClients,
  mainEndpoint,
  privateDaemon,
  runId,
  setupMainEngine,
  sleep,
  startTestContainer,
  TEST_IMAGE,
} from './helpers';

const RUN = runId();
const clients = mainClients();

/** Fails the test if anything escapes as an unhandled rejection or exception while `fn` runs. */
async function noStrayErrors(fn: () => Promise<void>): Promise<void> {
  const stray: unknown[] = [];
  const onRej = (e: unknown) => stray.push(e);
  process.on('unhandledRejection', onRej);
  process.on('uncaughtException', onRej);
  try {
    await fn();
    await sleep(50);
  } finally {
    process.off('unhandledRejection', onRej);
    process.off('uncaughtException', onRej);
  }
  assert.deepEqual(stray, [], 'nothing may be thrown outside the model');
}

describe('DockerModel on the main engine', () => {
  let model: DockerModel;
  before(() => {
    setupMainEngine();
    model = new DockerModel({ resolve: mainEndpoint });
  });
  after(async () => {
    model.dispose();
    await cleanup(clients, RUN);
  });

  it('does not talk to the engine before start()', async () => {
    await sleep(100);
    assert.equal(model.state.kind, 'idle');
    assert.equal(model.stats.connects, 0);
  });

  it('lists containers and images once started', async () => {
    const id = await startTestContainer(clients, RUN, { name: `dfg-list-${RUN}` });
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    const c = model.containers.find((x) => x.Id === id);
    assert.ok(c, 'the container made before start is listed');
    assert.equal(c.State, 'running');
    assert.deepEqual(c.Names, [`/dfg-list-${RUN}`]);
    assert.ok(model.images.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)), 'the test image is listed');
    // One list each at start. The main engine is shared with the other lane of the run, and an event of its suites
    // re-lists (a network connect twice, with its re-check): only those may add to the one. The exact counts under
    // a burst and while idle are proven on a private engine below.
    const slack = 2 * model.stats.events;
    assert.ok(model.stats.lists.containers <= 1 + slack, `${model.stats.lists.containers} container lists, ${model.stats.events} events`);
    assert.ok(model.stats.lists.images <= 1 + slack, `${model.stats.lists.images} image lists, ${model.stats.events} events`);
  });

  it('sees a container started by someone else, through events only', async () => {
    const lists = model.stats.lists.containers;
    // Events about other containers (the other lane's suites share this engine) may add re-lists of their own.
    let foreign = 0;
    let ours = '';
    const watch = model.onEvent((ev) => {
      const about = containerOfNetworkEvent(ev) ?? ev.Actor?.ID ?? ev.id;
      if (!ours || about !== ours) foreign++;
    });
    const id = await startTestContainer(clients, RUN);
    ours = id;
    // How fast is measured by bench/docker (event → tree); here only that it comes, and through the event stream:
    // a bounded wait, and one more container list than before, not a poll.
    await model.waitFor((m) => m.containers.some((c) => c.Id === id && c.State === 'running'), 5000);
    watch.dispose();
    const added = model.stats.lists.containers - lists;
    assert.ok(added <= 2 + 2 * foreign, `${added} container lists for one start (${foreign} events about other containers)`);
    // pause → paused, unpause → running, stop → exited: each arrives through the event stream.
    await clients.api.getContainer(id).pause();
    await model.waitFor((m) => m.containers.some((c) => c.Id === id && c.State === 'paused'), 5000);
    await clients.api.getContainer(id).unpause();
    await model.waitFor((m) => m.containers.some((c) => c.Id === id && c.State === 'running'), 5000);
    await clients.api.getContainer(id).remove({ force: true });
    await model.waitFor((m) => !m.containers.some((c) => c.Id === id), 5000);
  });

  it('re-lists images on tag and untag', async () => {
    const ref = `dfg-test/tagged-${RUN}`;
    await clients.api.getImage(TEST_IMAGE).tag({ repo: ref, tag: 'v1' });
    await model.waitFor((m) => m.images.some((i) => (i.RepoTags ?? []).includes(`${ref}:v1`)), 5000);
    await clients.api.getImage(`${ref}:v1`).remove();
    await model.waitFor((m) => !m.images.some((i) => (i.RepoTags ?? []).includes(`${ref}:v1`)), 5000);
  });
});

describe('DockerModel with an unreachable engine', () => {
  it('a DOCKER_HOST pointing at a dead socket becomes one error state with a bilingual reason', async () => {
    await noStrayErrors(async () => {
      const inputs = { ...defaultInputs(), env: { DOCKER_HOST: 'unix:///tmp/dfg-no-such-dir/docker.sock' } };
      const model = new DockerModel({ resolve: () => resolveEndpoint(inputs), backoffInitialMs: 100 });
      const changes: string[] = [];
      model.onDidChange((w) => changes.push(w));
      model.start();
      await model.waitFor((m) => m.state.kind === 'error', 5000);
      assert.equal(model.endpoint?.source, 'env');
      const s = model.state;
      assert.ok(s.kind === 'error');
      assert.equal(s.error.kind, 'socketMissing');
      assert.match(s.error.reason.en, /\/tmp\/dfg-no-such-dir\/docker\.sock does not exist/);
      assert.match(s.error.reason.ko, /소켓\(\/tmp\/dfg-no-such-dir\/docker\.sock\)이 없습니다/);
      // It keeps retrying quietly with backoff: more connects, but still exactly one error state shown.
      await sleep(800);
      assert.ok(model.stats.connects >= 3, `retries: ${model.stats.connects}`);
      assert.equal(model.state.kind, 'error');
      model.dispose();
    });
  });

  it('a TCP port with nobody listening is "refused"; a malformed host is a config error without retries', async () => {
    await noStrayErrors(async () => {
      const m1 = new DockerModel({ resolve: () => parseHost('tcp://127.0.0.1:1', 'setting', defaultInputs()) });
      m1.start();
      await m1.waitFor((m) => m.state.kind === 'error', 5000);
      assert.equal(m1.state.kind === 'error' && m1.state.error.kind, 'refused');
      m1.dispose();
      const m2 = new DockerModel({ resolve: () => parseHost('ftp://x', 'setting', defaultInputs()), backoffInitialMs: 50 });
      m2.start();
      await m2.waitFor((m) => m.state.kind === 'error', 5000);
      assert.equal(m2.state.kind === 'error' && m2.state.error.kind, 'config');
      await sleep(300);
      assert.equal(m2.stats.connects, 1, 'a config error waits for Retry instead of looping');
      m2.dispose();
    });
  });
});

describe('DockerModel when the engine stops mid-stream (private dockerd)', () => {
  const daemon = privateDaemon();
  before(async () => {
    await daemon.start();
  });
  after(async () => {
    await daemon.destroy();
  });

  it('folds a burst of events into few re-lists and does no work while idle', async () => {
    // On the private engine: the main one is shared with other suites whose events would count.
    ensureTestImage(daemon.host);
    const model = new DockerModel({ resolve: () => daemon.endpoint });
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    const clients = model.clients!;
    const before = model.stats.lists.containers;
    const eventsBefore = model.stats.events;
    const t0 = performance.now();
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => startTestContainer(clients, RUN)));
    const burstMs = performance.now() - t0;
    await model.waitFor((m) => ids.every((id) => m.containers.some((c) => c.Id === id && c.State === 'running')), 5000);
    await sleep(400); // the last re-list window closes
    const lists = model.stats.lists.containers - before;
    const events = model.stats.events - eventsBefore;
    // 5 × (create + start) = 10 events; at most one re-list per 150 ms window of the burst, and
    // always fewer re-lists than events (that is the folding).
    const bound = Math.ceil((burstMs + 400) / 150) + 1;
    assert.ok(events >= 10, `events seen: ${events}`);
    assert.ok(lists >= 1 && lists < events && lists <= bound, `re-lists ${lists} for ${events} events over ${burstMs.toFixed(0)} ms`);
    // Idle: not one request unless an event arrives (other suites never touch this private engine).
    const afterBurst = model.stats.lists.containers;
    const images = model.stats.lists.images;
    const quietEvents = model.stats.events;
    await sleep(1500);
    assert.equal(model.stats.events, quietEvents, 'no events on an idle private engine');
    assert.equal(model.stats.lists.containers, afterBurst, 'no container list without an event');
    assert.equal(model.stats.lists.images, images, 'container events do not re-list images');
    assert.equal(model.containers.filter((c) => c.Labels?.['dockerfile-guide.test'] === RUN).length, 5);
    await cleanup(clients, RUN);
    await model.waitFor((m) => !m.containers.some((c) => c.Labels?.['dockerfile-guide.test'] === RUN), 5000);
    model.dispose();
  });

  it('goes to the error item when dockerd dies and back to ready when it returns', async () => {
    await noStrayErrors(async () => {
      ensureTestImage(daemon.host);
      const model = new DockerModel({ resolve: () => daemon.endpoint, backoffInitialMs: 200, backoffMaxMs: 1000 });
      const states: string[] = [];
      model.onDidChange((w) => {
        if (w === 'state') states.push(model.state.kind);
      });
      model.start();
      await model.waitFor((m) => m.state.kind === 'ready', 10000);
      assert.ok(model.images.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)));

      await daemon.stop();
      await model.waitFor((m) => m.state.kind === 'error', 5000);
      const s = model.state;
      assert.ok(s.kind === 'error' && s.error.isConnection, `connection error, got ${s.kind === 'error' ? s.error.kind : s.kind}`);

      await daemon.start();
      await model.waitFor((m) => m.state.kind === 'ready', 15000);
      assert.ok(model.images.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)), 're-listed after reconnecting');
      // The stream is live again: a new container shows up through events.
      const priv = model.clients!;
      const c = await priv.api.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], Labels: { 'dockerfile-guide.test': RUN } });
      await model.waitFor((m) => m.containers.some((x) => x.Id === c.id), 5000);
      await c.remove({ force: true });
      model.dispose();
      assert.deepEqual(
        states.filter((x, i) => x !== states[i - 1]),
        ['connecting', 'ready', 'error', 'ready'],
        'one error state per outage, no flapping',
      );
    });
  });
});
