/**
 * docs/concepts/pid1-and-signals.*.md (issue 20), what test/claims/runtime.test.ts does not already show: the
 * container ends with PID 1 and takes its exit code, although a background process still runs; the kernel applies no
 * default action of SIGTERM to PID 1 (a plain `sleep` ignores it there and dies of it anywhere else); so `docker stop`
 * waits out the grace period and ends with 137, while under `--init` the same `sleep` stops at once with 143.
 * (Shell PID 1, children getting no SIGTERM, dash vs busybox sh and DG102's exit 0 are proven in runtime.test.ts.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBusyboxImage } from '../engine/images';
import { LABEL, RUN_ID, cleanup, containerName, docker, dockerOk } from './claims';

const PAGE = {
  en: fs.readFileSync(path.resolve(__dirname, '../../docs/concepts/pid1-and-signals.en.md'), 'utf8'),
  ko: fs.readFileSync(path.resolve(__dirname, '../../docs/concepts/pid1-and-signals.ko.md'), 'utf8'),
};
let busybox = '';

async function start(argv: string[], opts: string[] = []): Promise<string> {
  const name = containerName('pid1');
  await dockerOk(['run', '-d', '--name', name, '--label', `${LABEL}=${RUN_ID}`, ...opts, busybox, ...argv]);
  return name;
}

async function state(name: string): Promise<{ running: boolean; exitCode: number; livedMs: number }> {
  const [running, exitCode, started, finished] = (await dockerOk(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}} {{.State.StartedAt}} {{.State.FinishedAt}}', name])).split(' ');
  return { running: running === 'true', exitCode: Number(exitCode), livedMs: Date.parse(finished) - Date.parse(started) };
}

/** Waits until `sleep 1000` runs in the container (as PID 1 or not). */
async function sleeping(name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ps = await docker(['exec', name, 'ps', '-o', 'pid,args']);
    if (/^\s*\d+\s+sleep 1000\s*$/m.test(ps.stdout)) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.fail(`${name}: sleep 1000 did not start`);
}

describe('claims: PID 1, signals and exit codes (docs/concepts/pid1-and-signals)', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it("the container ends when PID 1 does, with PID 1's exit code, though a background process still ran", async () => {
    const name = await start(['sh', '-c', 'sleep 1000 & exit 3']);
    let s = await state(name);
    for (let i = 0; i < 50 && s.running; i++) {
      await new Promise((res) => setTimeout(res, 100));
      s = await state(name);
    }
    assert.equal(s.running, false, 'stopped');
    assert.equal(s.exitCode, 3, "PID 1's exit code");
    // The background sleep would keep it 1000 s; a bound of seconds leaves room for a busy machine.
    assert.ok(s.livedMs < 10_000, `at once (${s.livedMs} ms), the background sleep did not keep it`);
  });

  it('SIGTERM has no default action on PID 1: sleep as PID 1 ignores it, the same sleep as another process dies of it', async () => {
    const name = await start(['sleep', '1000']);
    await sleeping(name);
    await dockerOk(['kill', '--signal', 'TERM', name]);
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal((await state(name)).running, true, 'PID 1 sleep is still running after SIGTERM');
    // A second sleep in the same container, not PID 1: SIGTERM's default action ends it.
    await dockerOk(['exec', '-d', name, 'sleep', '1001']);
    let pid = '';
    for (let i = 0; i < 30 && !pid; i++) {
      pid = /^\s*(\d+)\s+sleep 1001\s*$/m.exec((await docker(['exec', name, 'ps', '-o', 'pid,args'])).stdout)?.[1] ?? '';
      if (!pid) await new Promise((res) => setTimeout(res, 100));
    }
    assert.ok(pid && pid !== '1', `the second sleep runs (pid ${pid})`);
    await dockerOk(['exec', name, 'kill', '-TERM', pid]);
    let gone = false;
    for (let i = 0; i < 30 && !gone; i++) {
      gone = !/^\s*\d+\s+sleep 1001\s*$/m.test((await docker(['exec', name, 'ps', '-o', 'pid,args'])).stdout);
      if (!gone) await new Promise((res) => setTimeout(res, 100));
    }
    assert.ok(gone, 'the sleep that is not PID 1 died of SIGTERM');
  });

  it('docker stop: sleep as PID 1 waits out the grace period and exits 137; under --init it stops at once with 143', async () => {
    const [bare, init] = await Promise.all([start(['sleep', '1000']), start(['sleep', '1000'], ['--init'])]);
    await Promise.all([sleeping(bare), sleeping(init)]);
    const stop = async (name: string) => {
      const t0 = Date.now();
      // 10 s, the default: --init's quick stop is then told from the waited-out one by seconds, with room for a busy machine.
      await dockerOk(['stop', '-t', '10', name], 60_000);
      return { ms: Date.now() - t0, ...(await state(name)) };
    };
    const [b, i] = await Promise.all([stop(bare), stop(init)]);
    assert.ok(b.ms >= 9500, `the grace period ran out (${b.ms} ms)`);
    assert.equal(b.exitCode, 137, '128 + 9: SIGKILL');
    assert.ok(i.ms < 8000, `docker-init passed SIGTERM on (${i.ms} ms)`);
    assert.equal(i.exitCode, 143, '128 + 15: SIGTERM');
  });

  it('the page says what these runs show, in both languages', () => {
    assert.match(PAGE.en, /when PID 1 exits, the container stops, and the kernel kills every other process still running in it\. The container's exit code is PID 1's exit code/);
    assert.match(PAGE.en, /the kernel does not apply a signal's default action to it/);
    assert.match(PAGE.en, /`sleep` as PID 1 ignores SIGTERM, so the first `docker stop` takes about 10 seconds and the exit code is 137\. With `--init`, `docker-init` passes SIGTERM on: the container stops at once, with exit code 143/);
    assert.match(PAGE.en, /docker stop pid1-demo {2,}# about 10 s\n.*# 137\n/);
    assert.match(PAGE.en, /docker stop init-demo {2,}# at once\n.*# 143\n/);
    assert.match(PAGE.en, /\| 137 \(128 \+ 9\) \| SIGKILL/);
    assert.match(PAGE.en, /\| 143 \(128 \+ 15\) \| SIGTERM/);
    assert.match(PAGE.ko, /컨테이너의 종료 코드는 PID 1의 종료 코드입니다/);
    assert.match(PAGE.ko, /커널은 PID 1에 시그널의 기본 동작을 적용하지 않습니다/);
  });
});
