/**
 * The doctor on the real engine (no mocks): images built FROM the busybox test image by the doctor's own build, run,
 * watched, stopped and cleaned up. Each case is independent and runs beside the others: the 10 s stop dominates.
 * Everything made here carries the test's labels (images: dockerfile-guide.test; containers: the doctor's label,
 * removed by the doctor itself; the suite checks that nothing with it is left).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDoctor, whyExited, type DoctorOptions } from '../../common/src/doctor/doctor';
import { CancelledError, doctorEngine, type DoctorEngine } from '../../common/src/doctor/engine';
import { DOCTOR_LABEL, type DoctorResult } from '../../common/src/doctor/types';
import { cleanupRun } from '../../common/src/doctor/cleanup';
import { mainEndpoint, privateDaemon, TEST_LABEL } from '../docker/helpers';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const RUN = `doctortest-${process.pid}-${Date.now().toString(36)}`;
let BASE = '';
let engine: DoctorEngine;
const dirs: string[] = [];
const runIds: string[] = [];
let seq = 0;

/** A build context with `files` (a mode per file when given as [text, mode]). */
function context(files: Record<string, string | [string, number]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-doctor-'));
  dirs.push(dir);
  for (const [name, v] of Object.entries(files)) {
    const [text, mode] = typeof v === 'string' ? [v, 0o644] : v;
    fs.writeFileSync(path.join(dir, name), text.replace(/\$BASE/g, BASE));
    fs.chmodSync(path.join(dir, name), mode);
  }
  return dir;
}

function options(dir: string, extra: Partial<DoctorOptions> = {}): DoctorOptions {
  const runId = `${RUN}-${++seq}`;
  runIds.push(runId);
  return {
    lang: 'en',
    dockerfile: path.join(dir, 'Dockerfile'),
    contextDir: dir,
    image: `dfg-doctor-test:${runId}`,
    imageLabels: { [TEST_LABEL]: RUN },
    runId,
    watchSeconds: 2,
    ...extra,
  };
}

async function leftovers(runId = RUN): Promise<string[]> {
  const cs = await engine.api.listContainers({ all: true, filters: { label: [DOCTOR_LABEL] } });
  return cs.filter((c) => (c.Labels[DOCTOR_LABEL] ?? '').startsWith(runId)).map((c) => c.Id);
}

const check = (r: DoctorResult, id: string) => r.checks.find((c) => c.id === id);

/** A private dockerd (test/docker/helpers.ts) for the test that kills its engine: no other suite is disturbed. */
const daemon = privateDaemon();
let killedRunId = 'none';

before(async () => {
  BASE = ensureBusyboxImage(MAIN_HOST);
  engine = await doctorEngine(mainEndpoint());
  // Here, before the cases run side by side: the image import is synchronous and would stall them.
  await daemon.start();
  ensureBusyboxImage(daemon.host);
});

after(async () => {
  // The main engine first, so a failure below cannot leave our images behind.
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  const cs = await engine.api.listContainers({ all: true, filters: { label: [TEST_LABEL] } });
  for (const c of cs) if (c.Labels[TEST_LABEL] === RUN) await engine.api.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  for (const id of await leftovers()) await engine.api.getContainer(id).remove({ force: true }).catch(() => undefined);
  const imgs = await engine.api.listImages({ filters: { label: [`${TEST_LABEL}=${RUN}`] } });
  for (const i of imgs) await engine.api.getImage(i.Id).remove({ force: true }).catch(() => undefined);
  // The killed engine left its container's shim and process running: a restart (here, where nothing runs beside it)
  // lets dockerd take them down, and shows the doctor's cleanup by label finding what the dead run could not remove.
  try {
    if (daemon.pid === undefined) await daemon.start();
    const eng = await doctorEngine(daemon.endpoint);
    assert.deepEqual(await cleanupRun(eng, killedRunId), []);
    assert.deepEqual(await eng.api.listContainers({ all: true, filters: { label: [`${DOCTOR_LABEL}=${killedRunId}`] } }), []);
  } finally {
    await daemon.destroy();
  }
});

describe('doctor on the busybox image', { concurrency: true }, () => {
  it('a CMD that exits at once: no-foreground-process, exit 0, pointing at the CMD line', async () => {
    const dir = context({ Dockerfile: 'FROM $BASE\n# says hello and ends\nCMD ["echo", "hello"]\n' });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.build?.ok, true);
    assert.deepEqual(r.run && { running: r.run.running, exitCode: r.run.exitCode, cause: r.run.cause }, { running: false, exitCode: 0, cause: 'no-foreground-process' });
    const run = check(r, 'run')!;
    assert.equal(run.ok, false);
    assert.deepEqual([run.file, run.line], ['Dockerfile', 3]);
    assert.ok(run.evidence?.includes('hello'), `the last log lines: ${run.evidence}`);
    assert.equal(r.stop, null);
  });

  it('a CMD path that does not exist: command-not-found, 127, the engine words quoted', async () => {
    const dir = context({ Dockerfile: 'FROM $BASE\nCMD ["/usr/local/bin/nosuch"]\n' });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.run?.cause, 'command-not-found');
    assert.equal(r.run?.exitCode, 127);
    const run = check(r, 'run')!;
    assert.equal(run.line, 2);
    assert.ok(run.evidence?.some((e) => /no such file or directory/.test(e)), `${run.evidence}`);
  });

  it('a script without the execute bit: permission-denied, 126, pointing at its COPY', async () => {
    const dir = context({
      Dockerfile: 'FROM $BASE\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
      'start.sh': ['#!/bin/sh\nexec sleep 1000\n', 0o644],
    });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.run?.cause, 'permission-denied');
    assert.equal(r.run?.exitCode, 126);
    assert.equal(check(r, 'run')!.line, 2);
  });

  it('a script line the shell names in the log: the script and its line', async () => {
    const dir = context({
      Dockerfile: 'FROM $BASE\nCOPY app/ /app/\nCMD ["/app/start.sh"]\n',
    });
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app/start.sh'), '#!/bin/sh\necho starting\nnosuchprog --serve\n', { mode: 0o755 });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.run?.cause, 'command-not-found');
    assert.equal(r.run?.exitCode, 127);
    const run = check(r, 'run')!;
    assert.deepEqual([run.file, run.line], ['app/start.sh', 3], `${JSON.stringify(run)}`);
  });

  it('a shell-form CMD whose PID 1 ignores SIGTERM: docker stop takes the 10 s and kills it (137)', async () => {
    const dir = context({ Dockerfile: 'FROM $BASE\nCMD sleep 1000; true\n' });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.run?.running, true);
    assert.deepEqual(r.run?.pid1, ['/bin/sh', '-c', 'sleep 1000; true']);
    assert.ok(r.run?.processes.some((p) => p[0] === 'sleep'), JSON.stringify(r.run?.processes));
    assert.equal(r.stop?.exitCode, 137);
    assert.equal(r.stop?.graceful, false);
    assert.ok(r.stop!.seconds >= 9.5 && r.stop!.seconds < 20, `${r.stop!.seconds} s`);
    const stop = check(r, 'stop')!;
    assert.equal(stop.ok, false);
    assert.deepEqual([stop.file, stop.line], ['Dockerfile', 2]);
  });

  it('a script with a trap on TERM stops gracefully, at once', async () => {
    const dir = context({
      Dockerfile: 'FROM $BASE\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
      'start.sh': ["#!/bin/sh\ntrap 'echo bye; exit 0' TERM\nsleep 1000 &\nwait $!\n", 0o755],
    });
    const r = await runDoctor(engine, options(dir));
    assert.equal(r.run?.running, true);
    assert.deepEqual(r.run?.pid1, ['/bin/sh', '/start.sh']);
    assert.equal(r.stop?.graceful, true);
    assert.equal(r.stop?.exitCode, 0);
    // Graceful and exit code 0 already say SIGTERM did it; the bound says "well before the 10 s", with room for load.
    assert.ok(r.stop!.seconds < 8, `${r.stop!.seconds} s`);
    assert.ok(r.checks.every((c) => c.ok), JSON.stringify(r.checks));
  });

  it('a COPY of a missing file fails the build on its line: copy-source-missing', async () => {
    // No step before the COPY makes a layer: a failed classic build keeps the last layer it made, untagged.
    const dir = context({ Dockerfile: 'FROM $BASE\n# the configuration\nCOPY missing.conf /etc/app.conf\nCMD ["sleep", "1000"]\n' });
    const r = await runDoctor(engine, options(dir));
    assert.deepEqual(r.build && { ok: r.build.ok, failedLine: r.build.failedLine, cause: r.build.cause }, { ok: false, failedLine: 3, cause: 'copy-source-missing' });
    assert.equal(r.run, null);
    const b = check(r, 'build')!;
    assert.ok(b.evidence?.some((e) => e.startsWith('COPY failed: file not found in build context')), `${b.evidence}`);
  });

  it('a RUN of a program that is not there: command-not-found on its line', async () => {
    const dir = context({ Dockerfile: 'FROM $BASE\nRUN nosuchprog --x\n' });
    const r = await runDoctor(engine, options(dir));
    assert.deepEqual(r.build && { ok: r.build.ok, failedLine: r.build.failedLine, cause: r.build.cause }, { ok: false, failedLine: 2, cause: 'command-not-found' });
  });

  it('an abort mid-watch rejects with CancelledError and leaves no container', async () => {
    const dir = context({ Dockerfile: 'FROM $BASE\nCMD ["sleep", "1000"]\n' });
    const ac = new AbortController();
    const o = options(dir, { watchSeconds: 60, signal: ac.signal, onProgress: (step) => step === 'watch' && setTimeout(() => ac.abort(), 300) });
    const t0 = Date.now();
    await assert.rejects(runDoctor(engine, o), CancelledError);
    assert.ok(Date.now() - t0 < 15_000, `${Date.now() - t0} ms`);
    assert.deepEqual(await leftovers(o.runId), []);
  });

  it('the engine dies mid-watch: the run ends with failed engine and cleanup checks instead of hanging', async () => {
    const eng = await doctorEngine(daemon.endpoint);
    const dir = context({ Dockerfile: 'FROM $BASE\nCMD ["sleep", "1000"]\n' });
    const o = options(dir, { watchSeconds: 60, onProgress: (step) => step === 'watch' && setTimeout(() => void daemon.kill(), 300) });
    killedRunId = o.runId!;
    const t0 = Date.now();
    const r = await runDoctor(eng, o);
    assert.ok(Date.now() - t0 < 40_000, `${Date.now() - t0} ms`);
    assert.equal(check(r, 'engine')?.ok, false, JSON.stringify(r.checks));
    // The cleanup was tried and said what it could not remove (the engine is gone; after() takes it down whole).
    assert.equal(check(r, 'cleanup')?.ok, false, JSON.stringify(r.checks));
    // Restarting the engine here would poll it synchronously and stall the cases running beside this one: after() does.
  });

  it('"Why did it exit?" on an existing container: the cause, nothing built or removed', async () => {
    const c = await engine.api.createContainer({ Image: BASE, Cmd: ['sh', '-c', 'echo failing >&2; exit 3'], Labels: { [TEST_LABEL]: RUN } });
    await c.start();
    await c.wait();
    const r = await whyExited(engine, c.id, { lang: 'ko' });
    assert.equal(r.build, null);
    assert.deepEqual(r.run && { running: r.run.running, exitCode: r.run.exitCode, cause: r.run.cause }, { running: false, exitCode: 3, cause: 'crashed' });
    assert.ok(check(r, 'run')!.evidence?.includes('failing'));
    assert.match(check(r, 'run')!.detail, /종료 코드 3/);
    assert.equal((await c.inspect()).Id, c.id, 'the container is still there');
  });

  it('the CLI: JSON, exit codes, --no-build', async () => {
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [CLI, 'doctor', ...args], { env: { ...process.env, DOCKER_HOST: MAIN_HOST, ...env } });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const good = context({
      Dockerfile: 'FROM $BASE\nLABEL dockerfile-guide.test=' + RUN + '\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
      'start.sh': ["#!/bin/sh\ntrap 'exit 0' TERM\nsleep 1000 &\nwait $!\n", 0o755],
    });
    const tag = `dfg-doctor-test:${RUN}-cli`;
    const [ok, usage, noEngine] = await Promise.all([
      cli([good, '--tag', tag, '--watch', '1', '--format', 'json']),
      cli([good, '--watch', 'soon']),
      cli([good], { DOCKER_HOST: 'unix:///nonexistent/docker.sock', LANG: 'ko_KR.UTF-8' }),
    ]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    const r = JSON.parse(ok.out) as DoctorResult;
    assert.deepEqual(Object.keys(r), ['image', 'build', 'run', 'stop', 'checks']);
    assert.equal(r.image, tag);
    assert.equal(r.build?.ok, true);
    assert.equal(r.stop?.graceful, true);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--watch/);
    for (const bad of [[good, '--tag', 'a', '--image', 'b'], [good, '--no-build'], [], [good, good], [good, '--format', 'sarif']]) {
      const r2 = await cli([...bad, '--lang', 'en']);
      assert.equal(r2.code, 2, `${bad.join(' ')}: ${r2.err}`);
      assert.match(r2.err, /Usage:/);
    }
    assert.equal(noEngine.code, 2);
    assert.match(noEngine.err, /Docker 엔진에 연결할 수 없습니다/);

    // The image just built, run as it is: build is null; the exit is explained, the exit code is 1.
    const exits = context({ Dockerfile: 'FROM $BASE\nCMD ["true"]\n' });
    const noBuild = await cli([exits, '--image', tag, '--no-build', '--watch', '1', '--format', 'json']);
    assert.equal(noBuild.code, 0, 'the image keeps running: its own CMD, not the folder\'s, is what runs');
    assert.equal((JSON.parse(noBuild.out) as DoctorResult).build, null);
    const text = await cli([exits, '--tag', `${tag}-exits`, '--watch', '1', '--lang', 'en']);
    assert.equal(text.code, 1);
    assert.match(text.out, /✔ Build the image/);
    assert.match(text.out, /✖ Run and watch for 1 s: It exited with code 0\./);
    assert.match(text.out, /Dockerfile:2/);
    await engine.api.getImage(`${tag}-exits`).remove({ force: true }).catch(() => undefined);
  });
});

describe('cleanup', () => {
  it('no container with the doctor label is left by this suite', async () => {
    assert.deepEqual(await leftovers(), []);
  });
});
