// Logs: the frame demuxer on hand-made bytes cut at every position, then the follower against real
// containers: stdout/stderr kept apart, the last 1000 lines first, TTY output, and following across
// a stop/start without losing or repeating lines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockTime, Demuxer, followPauses, LineBuffer, LogFollower, LOG_MSG, parseLogTimestamp, pauseMarker, sinceParam, type StreamName } from '../../client/src/docker/logs';
import { DockerModel } from '../../client/src/docker/model';
import type { Msg } from '../../common/src/i18n';
import { cleanup, MAIN_SOCKET, mainClients, mainEndpoint, runId, setupMainEngine, sh, sleep, startTestContainer, until } from './helpers';

const RUN = runId();
const fill = (t: string) => t.replace('{0}', 't');
const clients = mainClients();

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
}

class Collect {
  lines: Array<[StreamName, string]> = [];
  infos: Msg[] = [];
  line = (s: StreamName, t: string) => void this.lines.push([s, t]);
  info = (m: Msg) => void this.infos.push(m);
  of(s: StreamName): string[] {
    return this.lines.filter(([x]) => x === s).map(([, t]) => t);
  }
}

describe('log stream format', () => {
  it('demuxes frames split at every byte boundary, UTF-8 included', () => {
    const bytes = Buffer.concat([frame(1, 'out 한글\n'), frame(2, 'err line\n'), frame(1, 'partial'), frame(1, ' end\n')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new Demuxer();
      const lines: Record<string, LineBuffer> = { stdout: new LineBuffer(), stderr: new LineBuffer(), stdin: new LineBuffer() };
      const got: string[] = [];
      for (const part of [bytes.subarray(0, cut), bytes.subarray(cut)]) {
        d.push(part, (s, p) => lines[s].push(p, (l) => got.push(`${s}:${l}`)));
      }
      assert.deepEqual(got, ['stdout:out 한글', 'stderr:err line', 'stdout:partial end'], `cut at ${cut}`);
      assert.equal(d.buffered, 0);
    }
  });

  it('parses RFC 3339 nano timestamps with trimmed zeros and writes `since` back exactly', () => {
    const a = parseLogTimestamp('2026-11-23T18:47:03.1234Z')!;
    const b = parseLogTimestamp('2026-11-23T18:47:03.123400001Z')!;
    assert.ok(b > a);
    assert.equal(sinceParam(a), `${Date.parse('2026-11-23T18:47:03Z') / 1000}.123400000`);
    assert.equal(parseLogTimestamp('not a time'), undefined);
  });
});

describe('pause markers', () => {
  it('marks pause and unpause of this container only, at the event time (local HH:MM:SS)', () => {
    const at = new Date(2026, 11, 2, 9, 5, 7);
    const ev = (Action: string, ID = 'c1') => ({ Type: 'container', Action, Actor: { ID }, timeNano: at.getTime() * 1e6 });
    assert.equal(clockTime(at), '09:05:07');
    assert.equal(pauseMarker(ev('pause'), 'c1')?.ko, '── 컨테이너가 일시 정지되었습니다 (09:05:07). 다시 실행하면 로그가 이어집니다 ──');
    assert.equal(pauseMarker(ev('unpause'), 'c1')?.en, '── The container was unpaused (09:05:07) ──');
    assert.equal(pauseMarker(ev('pause', 'other'), 'c1'), undefined);
    assert.equal(pauseMarker(ev('stop'), 'c1'), undefined);
    assert.equal(pauseMarker({ Type: 'image', Action: 'pause', Actor: { ID: 'c1' } }, 'c1'), undefined);
  });
});

describe('LogFollower against the engine', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('keeps stdout and stderr apart', async () => {
    const id = await startTestContainer(clients, RUN, { cmd: ['sh', '-c', 'echo out1; echo err1 >&2; echo out2; echo err2 >&2; sleep 300'] });
    const c = new Collect();
    const f = new LogFollower(clients, id, c);
    await f.start();
    // Generous: on a busy 2-core CI machine the engine can take seconds to hand over a new container's first lines.
    await until(() => c.lines.length >= 4 || undefined, 20_000);
    assert.deepEqual(c.of('stdout'), ['out1', 'out2']);
    assert.deepEqual(c.of('stderr'), ['err1', 'err2']);
    f.dispose();
  });

  it('loses no line when the engine stamps stderr earlier than the stdout line before it', async () => {
    // The engine copies stdout and stderr separately and stamps each line there: in the merged stream about every
    // other run of this container has a later line with an earlier time (checked with the raw API).
    const script = Array.from({ length: 20 }, (_, i) => `echo out${i}; echo err${i} >&2`).join('; ');
    const id = await startTestContainer(clients, RUN, { cmd: ['sh', '-c', `${script}; sleep 300`] });
    const c = new Collect();
    const f = new LogFollower(clients, id, c);
    await f.start();
    await until(() => c.lines.length >= 40 || undefined, 20_000);
    assert.deepEqual(c.of('stdout'), Array.from({ length: 20 }, (_, i) => `out${i}`));
    assert.deepEqual(c.of('stderr'), Array.from({ length: 20 }, (_, i) => `err${i}`));
    f.dispose();
  });

  it('shows the last 1000 lines first, then follows', async () => {
    // The container holds "after" back until the test has attached (the file /tmp/go), instead of a fixed pause on
    // each side: on a busy machine either pause could be too short, and the tail would not start at 501.
    const id = await startTestContainer(clients, RUN, {
      cmd: ['sh', '-c', 'seq 1 1500; while [ ! -e /tmp/go ]; do sleep 0.05; done; echo after; sleep 300'],
    });
    const engine = ['-H', `unix://${MAIN_SOCKET}`];
    await until(() => sh('docker', [...engine, 'logs', '--tail', '1', id]) === '1500' || undefined, 20_000, 100);
    const c = new Collect();
    const f = new LogFollower(clients, id, c);
    await f.start();
    await until(() => c.of('stdout').length >= 1000 || undefined, 20_000);
    sh('docker', [...engine, 'exec', id, 'touch', '/tmp/go']);
    await until(() => c.of('stdout').includes('after') || undefined, 10_000);
    const out = c.of('stdout');
    assert.equal(out[0], '501');
    assert.equal(out[999], '1500');
    assert.equal(out[1000], 'after');
    f.dispose();
  });

  it('reads a TTY container (no frames)', async () => {
    const id = await startTestContainer(clients, RUN, { tty: true, cmd: ['sh', '-c', 'echo tty-line; sleep 300'] });
    const c = new Collect();
    const f = new LogFollower(clients, id, c);
    await f.start();
    await until(() => c.lines.length >= 1 || undefined);
    assert.deepEqual(c.lines[0], ['stdout', 'tty-line']);
    f.dispose();
  });

  it('keeps following across stop and start, without repeating lines, and ends when removed', async () => {
    const id = await startTestContainer(clients, RUN, { cmd: ['sh', '-c', 'echo boot $$; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'] });
    const c = new Collect();
    const f = new LogFollower(clients, id, c, { retryMs: 200 });
    await f.start();
    await until(() => c.of('stdout').some((l) => l.startsWith('tick 3')) || undefined, 5000);
    await clients.api.getContainer(id).stop({ t: 0 });
    await until(() => c.infos.some((m) => m.en.includes('stopped')) || undefined, 5000);
    await clients.api.getContainer(id).start();
    await until(() => c.of('stdout').filter((l) => l.startsWith('boot')).length >= 2 || undefined, 5000);
    await until(() => c.of('stdout').filter((l) => l === 'tick 2').length >= 2 || undefined, 5000);
    assert.ok(c.infos.some((m) => m.ko.includes('다시 시작되었습니다')), 'restart announced in Korean too');
    assert.equal(f.attachCount, 2);
    // Every line exactly once: the two runs each count from tick 1.
    const out = c.of('stdout');
    const firstBoot = out.findIndex((l) => l.startsWith('boot'));
    const secondBoot = out.findIndex((l, i) => i > firstBoot && l.startsWith('boot'));
    const run1 = out.slice(firstBoot + 1, secondBoot);
    run1.forEach((l, i) => assert.equal(l, `tick ${i + 1}`));
    await clients.api.getContainer(id).remove({ force: true });
    await Promise.race([f.done, sleep(5000).then(() => assert.fail('follower did not end after removal'))]);
    assert.ok(c.infos.some((m) => m.en.includes('removed')));
  });

  it('the model event stream puts a marker in the log when the container is paused and unpaused', async () => {
    const id = await startTestContainer(clients, RUN, { cmd: ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done'] });
    const model = new DockerModel({ resolve: mainEndpoint });
    const got = new Collect();
    const follower = new LogFollower(clients, id, got);
    const pauses = followPauses(model, id, got);
    try {
      model.start();
      await model.waitFor((m) => m.state.kind === 'ready', 10_000);
      await follower.start();
      await until(() => got.of('stdout').length >= 2);
      await clients.api.getContainer(id).pause();
      await until(() => got.infos.some((m) => m.en.startsWith('── The container was paused (')), 5000);
      // The marker comes over the event stream, a tick written just before the freeze over the log stream: let the
      // lines already on their way arrive (no new line for 500 ms) before counting. A running loop writes every 0.2 s.
      let seen = -1;
      await until(async () => {
        const now = got.of('stdout').length;
        if (now === seen) return true;
        seen = now;
        await sleep(500);
        return undefined;
      }, 10_000, 0);
      const quiet = got.of('stdout').length;
      await sleep(1000);
      assert.equal(got.of('stdout').length, quiet, 'a paused container writes nothing');
      await clients.api.getContainer(id).unpause();
      await until(() => got.infos.some((m) => /unpaused \(\d\d:\d\d:\d\d\)/.test(m.en)), 5000);
      await until(() => got.of('stdout').length > quiet, 5000);
      const markers = got.infos.filter((m) => m.en.includes('paused')).map((m) => m.en.replace(/\(.*\)/, '(t)'));
      assert.deepEqual(markers, [fill(LOG_MSG.paused.en), fill(LOG_MSG.unpaused.en)]);
    } finally {
      pauses.dispose();
      follower.dispose();
      model.dispose();
    }
  });

  it('a container that no longer exists is a notFound error at start', async () => {
    const c = new Collect();
    const f = new LogFollower(clients, 'dfg-no-such-container', c);
    await assert.rejects(f.start(), (e: { kind?: string }) => e.kind === 'notFound');
  });
});
