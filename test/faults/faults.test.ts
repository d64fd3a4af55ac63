// Fault injection against a real engine (a private dockerd, so the main one is never touched):
// dockerd SIGKILLed while a list is in flight, while logs stream and while a build runs; the socket
// replaced by a regular file; a slow engine behind a loopback proxy that holds requests 5 s.
// Every time: one error state with a bilingual reason, nothing thrown outside (an unhandledRejection
// trap runs for the whole file), recovery once the engine is back, and no process or container left.
// Part of `npm test` (last): the private dockerd (./daemon.ts) restarts like a rebooted host, on a fresh
// exec root once the killed instance's shims, container processes and mounts are gone, so a restart
// never depends on what the crash left busy. Every wait is bounded (see TIMEOUT below).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { buildImage } from '../../common/src/engine/build';
import { connect } from '../../client/src/docker/connection';
import { defaultInputs, parseHost } from '../../common/src/engine/endpoint';
import { describe as describeError } from '../../common/src/engine/errors';
import { LOG_MSG, LogFollower, type StreamName } from '../../client/src/docker/logs';
import { DockerModel } from '../../client/src/docker/model';
import { delayProxy, ensureTestImage, processesMentioning, runId, sleep, startTestContainer, TEST_IMAGE, TEST_LABEL, until } from '../docker/helpers';
import { faultDaemon, LAST_LOG } from './daemon';

const RUN = runId();
const HANGUL = /[가-힣]/;
/** Upper bounds, so a wedged engine fails a test instead of hanging the run (the whole file: < 8 min). */
const TIMEOUT = { test: 90000, setup: 120000, teardown: 60000 };

/** State kinds in order, consecutive repeats folded (a retry that fails again is not a new state). */
function stateLog(model: DockerModel): string[] {
  const states: string[] = [];
  model.onDidChange((w) => {
    if (w === 'state' && states[states.length - 1] !== model.state.kind) states.push(model.state.kind);
  });
  return states;
}

function assertBilingualError(model: DockerModel, kinds?: string[]): void {
  const s = model.state;
  assert.ok(s.kind === 'error', `error state expected, got ${s.kind}`);
  assert.ok(s.error.isConnection, `a connection error, got ${s.error.kind}`);
  if (kinds) assert.ok(kinds.includes(s.error.kind), `kind ${s.error.kind} not in ${kinds.join(', ')}`);
  assert.match(s.error.reason.ko, HANGUL, 'Korean reason');
  assert.match(s.error.reason.en, /^[\x20-\x7e]*[a-z]{3}[\x20-\x7e]*$/, 'English reason');
  assert.doesNotMatch(describeError(s.error, 'ko') + describeError(s.error, 'en'), /\[object|undefined/);
}

describe('fault injection on a private dockerd', () => {
  const daemon = faultDaemon();
  const stray: unknown[] = [];
  const trap = (e: unknown) => stray.push(e);
  const models: DockerModel[] = [];
  const newModel = (socket: string, extra: ConstructorParameters<typeof DockerModel>[0] = {}) => {
    const ep = parseHost(`unix://${socket}`, 'setting', defaultInputs());
    const m = new DockerModel({ resolve: () => ep, backoffInitialMs: 200, backoffMaxMs: 800, ...extra });
    models.push(m);
    return m;
  };

  before(async () => {
    process.on('unhandledRejection', trap);
    process.on('uncaughtException', trap);
    await daemon.start();
    ensureTestImage(daemon.host);
  }, { timeout: TIMEOUT.setup });

  // A test that failed between a kill and the restart leaves the engine down: the next one starts it
  // again instead of failing for the same reason.
  beforeEach(async () => {
    if (daemon.pid === undefined) await daemon.start();
  }, { timeout: TIMEOUT.setup });

  after(async () => {
    for (const m of models) m.dispose();
    // Stops the engine gracefully and reports what of it still ran after that (its containerd, shims and
    // container processes, and anything of ours aimed at its socket); then takes everything down anyway,
    // so a failing test leaves no engine behind either.
    const left = await daemon.destroy();
    await sleep(100);
    process.off('unhandledRejection', trap);
    process.off('uncaughtException', trap);
    assert.deepEqual(left, [], `no process of the private engine survives its stop (dockerd log: ${LAST_LOG})`);
    assert.deepEqual(processesMentioning(daemon.dir), [], 'nothing of the private engine is left at all');
    assert.equal(fs.existsSync(daemon.dir), false, `${daemon.dir} removed`);
    assert.deepEqual(stray, [], 'no unhandled rejection or exception during the fault tests');
  }, { timeout: TIMEOUT.teardown });

  it('SIGKILL while a container list is in flight: error state at once, recovery after restart', { timeout: TIMEOUT.test }, async () => {
    const proxy = await delayProxy(daemon.socket, path.join(daemon.dir, 'list-proxy.sock'));
    try {
      const model = newModel(proxy.socket, { listTimeoutMs: 20000 });
      const states = stateLog(model);
      model.start();
      await model.waitFor((m) => m.state.kind === 'ready', 10000);
      // Hold the next container list in the proxy, then kill the engine under it.
      proxy.match = /^GET \S*\/containers\/json/;
      proxy.delayMs = 3000;
      const seen = proxy.seen.length;
      const refresh = model.refresh('containers');
      await until(() => proxy.seen.slice(seen).some((l) => proxy.match.test(l)), 2000, 10);
      const t0 = Date.now();
      await daemon.kill();
      await model.waitFor((m) => m.state.kind === 'error', 2500);
      assert.ok(Date.now() - t0 < 2500, 'the loss is reported promptly, not after the held request');
      assertBilingualError(model);
      // The refresh that was in flight settles quietly (no rejection reaches the caller).
      await Promise.race([refresh, sleep(5000).then(() => assert.fail('refresh never settled'))]);
      proxy.delayMs = 0;
      await daemon.start();
      await model.waitFor((m) => m.state.kind === 'ready', 20000);
      assert.ok(model.images.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)), 'lists again after the restart');
      assert.deepEqual(states, ['connecting', 'ready', 'error', 'ready'], 'one error state for the outage');
      model.dispose();
    } finally {
      await proxy.close();
    }
  });

  it('SIGKILL while logs stream: one "connection lost" line, no stray error, logs resume after restart', { timeout: TIMEOUT.test }, async () => {
    const clients = connect(daemon.endpoint);
    const id = await startTestContainer(clients, RUN, {
      cmd: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.05; done'],
    });
    const lines: Array<[StreamName, string]> = [];
    const infos: string[] = [];
    const follower = new LogFollower(clients, id, { line: (s, t) => lines.push([s, t]), info: (m) => infos.push(m.en) }, { retryMs: 300 });
    await follower.start();
    await until(() => lines.length >= 5, 5000);
    await daemon.kill();
    await until(() => infos.includes(LOG_MSG.lost.en), 3000);
    const before = lines.length;
    await sleep(700); // several retries against the dead engine
    assert.equal(infos.filter((i) => i === LOG_MSG.lost.en).length, 1, 'the loss is said once per outage, not per retry');
    await daemon.start();
    // Without live-restore the engine stops the container on restart; start it again and the
    // follower, waiting for its start event, re-attaches on its own.
    await until(async () => {
      const st = await clients.api.getContainer(id).inspect().then((i) => i.State.Status, () => undefined);
      if (st && st !== 'running') await clients.api.getContainer(id).start().catch(() => undefined);
      return st === 'running' || undefined;
    }, 15000, 200);
    await until(() => lines.length > before + 3, 10000);
    assert.ok(follower.attachCount >= 2, `re-attached (${follower.attachCount} attaches)`);
    assert.ok(lines.slice(before).every(([s, t]) => s === 'stdout' && /^tick \d+$/.test(t)), 'clean lines after the restart');
    follower.dispose();
    await follower.done;
    await clients.api.getContainer(id).remove({ force: true });
  });

  it('SIGKILL during a build: the build ends with a bilingual connection reason and nothing keeps running', { timeout: TIMEOUT.test }, async () => {
    const clients = connect(daemon.endpoint);
    const ctx = fs.mkdtempSync(path.join(daemon.dir, 'ctx-'));
    // A marker duration (unique to this run) so the build's process can be found in /proc.
    const marker = `sleep 47.${100 + (process.pid % 900)}`;
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo started && ${marker}\nLABEL ${TEST_LABEL}=${RUN}\n`);
    const lines: string[] = [];
    const build = buildImage(clients, { contextDir: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tag: `dfg-test/killed:${RUN}`, onLine: (l) => lines.push(l) });
    // Observed below; this only keeps a failure before that point from counting as unhandled.
    build.catch(() => undefined);
    await until(() => lines.includes('started'), 20000);
    assert.ok(processesMentioning(marker).length >= 1, 'the RUN step is running');
    const t0 = Date.now();
    await daemon.kill();
    const r = await Promise.race([build, sleep(5000).then(() => undefined)]);
    assert.ok(r, 'the build promise settles within 5 s of the kill');
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(r.ok, false);
    assert.ok(r.engineError?.isConnection, `connection error, got ${r.engineError?.kind}: ${r.error}`);
    assert.match(r.reason?.ko ?? '', HANGUL);
    assert.equal(r.reason?.en, r.engineError?.reason.en);
    assert.equal(r.failedStep, 2, 'the step that was running is known');
    // The killed engine's shim still runs the step (as after a real crash); the restart takes it down
    // with everything else of the dead instance before the new engine starts.
    await daemon.start();
    await until(() => processesMentioning(marker).length === 0 || undefined, 10000, 200);
    // The restarted engine knows the step's container was not running any more.
    const running = await clients.api.listContainers();
    assert.deepEqual(running.map((c) => c.Id), [], 'no container left running');
    // The intermediate container of the killed step may remain stopped; it is the engine's, removed here.
    for (const c of await clients.api.listContainers({ all: true })) await clients.api.getContainer(c.Id).remove({ force: true });
    const model = newModel(daemon.socket);
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    model.dispose();
  });

  it('the socket replaced by a regular file: "not a socket", then recovery when the socket is back', { timeout: TIMEOUT.test }, async () => {
    const sock = path.join(daemon.dir, 'swap.sock');
    let proxy = await delayProxy(daemon.socket, sock);
    const model = newModel(sock);
    const states = stateLog(model);
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    await proxy.close();
    fs.rmSync(sock, { force: true });
    fs.writeFileSync(sock, 'this is not a socket\n');
    await model.waitFor((m) => m.state.kind === 'error' && m.state.error.kind === 'notSocket', 5000);
    assertBilingualError(model, ['notSocket']);
    const s = model.state.kind === 'error' ? model.state.error : undefined;
    assert.equal(s?.reason.en, `${sock} is not a socket (it is a regular file or a directory): check the Docker socket path`);
    assert.ok(s?.reason.ko.startsWith(`${sock} 경로는 소켓이 아닙니다`), s?.reason.ko);
    assert.equal(describeError(s!, 'en'), s!.reason.en, 'no raw errno text in the message');
    fs.rmSync(sock);
    proxy = await delayProxy(daemon.socket, sock);
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    assert.deepEqual(states.filter((x) => x !== 'connecting'), ['ready', 'error', 'ready']);
    model.dispose();
    await proxy.close();
  });

  it('a slow engine (every answer held 5 s): prompt state, a timeout reason, other calls unaffected, recovery', { timeout: TIMEOUT.test }, async () => {
    const proxy = await delayProxy(daemon.socket, path.join(daemon.dir, 'slow.sock'));
    try {
      proxy.delayMs = 5000;
      const model = newModel(proxy.socket, { listTimeoutMs: 1500, connect: { connectTimeoutMs: 1500 } });
      const states = stateLog(model);
      // The event loop stays free: a 20 ms timer never runs late by as much as the 1.5 s deadline a blocked client would
      // make it wait (the bound is not tighter: the other lane of npm test shares the two cores).
      let worstLag = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        worstLag = Math.max(worstLag, now - last - 20);
        last = now;
      }, 20);
      try {
        const t0 = performance.now();
        model.start();
        assert.equal(model.state.kind as string, 'connecting', 'the loading state is reported at once');
        await model.waitFor((m) => m.state.kind === 'error', 3000);
        const took = performance.now() - t0;
        assert.ok(took >= 1400 && took < 3000, `timed out after the deadline (${took.toFixed(0)} ms), not after the engine's 5 s`);
        assertBilingualError(model, ['timeout']);
        assert.match(model.state.kind === 'error' ? model.state.error.reason.ko : '', /제시간에 응답하지 않았습니다/);

        // Only container lists slow: the model connects, then its container list times out while
        // other requests through the same proxy answer promptly.
        proxy.match = /^GET \S*\/containers\/json/;
        await model.waitFor((m) => m.state.kind === 'ready', 1000).catch(() => undefined);
        assert.equal(model.state.kind, 'error', 'a container list that never answers in time keeps the error state');
        const other = connect(parseHost(`unix://${proxy.socket}`, 'setting', defaultInputs()));
        const t1 = performance.now();
        const imgs = await other.api.listImages();
        assert.ok(performance.now() - t1 < 1000, 'an image list through the same proxy answers at once');
        assert.ok(imgs.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)));

        proxy.delayMs = 0;
        await model.waitFor((m) => m.state.kind === 'ready', 5000);
        assert.ok(model.images.length > 0);
        assert.ok(worstLag < 1000, `event loop lag ${worstLag.toFixed(0)} ms`);
        assert.deepEqual(states, ['connecting', 'error', 'ready']);
        model.dispose();
      } finally {
        clearInterval(ticker);
      }
    } finally {
      await proxy.close();
    }
  });
});
