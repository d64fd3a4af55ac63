/**
 * Cache hits, step times and the cache-break reason on the real engine, with both builders (the classic one through
 * the Engine API, BuildKit through the docker CLI resolveBuilder() finds: Debian's /usr/bin/docker 20.10 here), FROM
 * the busybox test image: a RUN that writes 5 MB, a RUN that deletes it, a COPY of a context file, an ENV.
 *
 * Per builder, one chain of builds of one context (each build reuses the last one's cache):
 *   1. first build: every step on its line (BuildKit gives ENV no step, classic does), the RUNs ran;
 *   2. the same again: every step from the cache, and no break;
 *   3. the COPY source only touched (new mtime): still every step from the cache (both builders key COPY on content);
 *   4. the COPY source's content changed: the break is the COPY line and its reason names the file;
 *   5. an earlier line edited: the break is that line, "edited since the last build";
 * and a Dockerfile whose RUN fails: failedLine is that RUN's line; the doctor's build (Run and check) gives the failed
 * line and names the cause from either builder's words. For BuildKit, aborting kills the CLI's build.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage, type BuildRequest, type BuildResult } from '../../common/src/engine/build';
import { explainCacheBreak, fingerprintBuild, type BuildFingerprint } from '../../common/src/engine/buildFingerprint';
import { resolveBuilder, type ResolvedBuilder } from '../../common/src/engine/buildkitCli';
import { doctorEngine, type DoctorEngine } from '../../common/src/doctor/engine';
import { doctorBuild } from '../../common/src/doctor/build';
import { parseHost, defaultInputs } from '../../common/src/engine/endpoint';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';

const LABEL = 'dockerfile-guide.test';
const run = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const endpoint = parseHost(MAIN_HOST, 'setting', defaultInputs());

describe('build steps, cache hits and the cache-break reason (real engine, both builders)', { concurrency: true }, () => {
  let engine: DoctorEngine;
  let base: string;
  const dirs: string[] = [];
  const builders: Record<'classic' | 'buildkit', ResolvedBuilder> = {} as never;

  before(async () => {
    base = ensureBusyboxImage();
    engine = await doctorEngine(endpoint);
    builders.classic = await resolveBuilder('classic', endpoint);
    builders.buildkit = await resolveBuilder('buildkit', endpoint);
    // Asked for by name: no warning means a usable CLI was found (setup installs Debian's docker.io for it).
    assert.equal(builders.buildkit.warning, undefined, builders.buildkit.warning?.en);
    assert.equal(builders.buildkit.builder, 'buildkit');
  });

  after(() => {
    const ids = spawnSync('docker', ['image', 'ls', '-q', '--filter', `label=${LABEL}=${run}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    if (ids.length) spawnSync('docker', ['image', 'rm', '-f', ...new Set(ids)], { encoding: 'utf8' });
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const build = (name: 'classic' | 'buildkit', dir: string, tag: string, dockerfile = 'Dockerfile', extra: Partial<BuildRequest> = {}) =>
    buildImage(engine, {
      contextDir: dir,
      dockerfile: path.join(dir, dockerfile),
      tag,
      labels: { [LABEL]: run },
      builder: builders[name].builder,
      buildkitCli: builders[name].buildkitCli,
      ...extra,
    });

  const fingerprint = (name: 'classic' | 'buildkit', dir: string): Promise<BuildFingerprint> =>
    fingerprintBuild({ dockerfileText: fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), contextDir: dir, builder: name });

  const ok = (r: BuildResult) => assert.ok(r.ok, `${r.error ?? ''}\n${JSON.stringify(r.steps)}`);
  const cachedLines = (r: BuildResult) => r.steps.filter((s) => s.cached).map((s) => s.line);
  const ranLines = (r: BuildResult) => r.steps.filter((s) => !s.cached).map((s) => s.line);

  for (const name of ['classic', 'buildkit'] as const) {
    it(`${name}: lines, cache hits, a touched file keeps the cache, a changed one and an edited line break it with their reason`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfg-cache-${name}-`));
      dirs.push(dir);
      const tag = `dfg-test/cache:${name}-${run}`;
      fs.writeFileSync(path.join(dir, 'hello.txt'), `hello ${run}\n`);
      // The run id in the first RUN: no earlier run of this suite can have cached these steps.
      const lines = [`FROM ${base}`, `RUN echo ${run} > /id && dd if=/dev/zero of=/big bs=1M count=5`, 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''];
      fs.writeFileSync(path.join(dir, 'Dockerfile'), lines.join('\n'));

      // 1. First build.
      let fp = await fingerprint(name, dir);
      const r1 = await build(name, dir, tag);
      ok(r1);
      assert.equal(r1.builder, name);
      const expected = name === 'classic' ? ['FROM', 'RUN', 'RUN', 'COPY', 'ENV'] : ['FROM', 'RUN', 'RUN', 'COPY'];
      assert.deepEqual(
        r1.steps.map((s) => [s.line, s.text.split(' ')[0]]),
        expected.map((k, i) => [i + 1, k]),
      );
      assert.deepEqual(ranLines(r1), name === 'classic' ? [2, 3, 4, 5] : [2, 3, 4]);
      for (const s of r1.steps.filter((x) => !x.cached)) assert.equal(typeof s.seconds, 'number', JSON.stringify(s));
      assert.deepEqual(explainCacheBreak(undefined, fp, r1.steps), { line: 2, reason: null, files: [] });
      let prev = fp;

      // 2. The same again: every step from the cache.
      fp = await fingerprint(name, dir);
      const r2 = await build(name, dir, tag);
      ok(r2);
      assert.equal(r2.imageId, r1.imageId);
      assert.deepEqual(cachedLines(r2), r1.steps.map((s) => s.line));
      assert.equal(explainCacheBreak(prev, fp, r2.steps), null);
      prev = fp;

      // 3. Only touched: the builders key COPY on content, not mtime.
      const later = new Date(Date.now() + 3600_000);
      fs.utimesSync(path.join(dir, 'hello.txt'), later, later);
      fp = await fingerprint(name, dir);
      const r3 = await build(name, dir, tag);
      ok(r3);
      assert.deepEqual(ranLines(r3), [], JSON.stringify(r3.steps));
      assert.equal(r3.imageId, r1.imageId);
      assert.equal(explainCacheBreak(prev, fp, r3.steps), null);
      prev = fp;

      // 4. New content: the break is the COPY line, and the reason names the file.
      fs.writeFileSync(path.join(dir, 'hello.txt'), `hello again ${run}\n`);
      fp = await fingerprint(name, dir);
      const r4 = await build(name, dir, tag);
      ok(r4);
      assert.deepEqual(cachedLines(r4), [1, 2, 3]);
      const b4 = explainCacheBreak(prev, fp, r4.steps)!;
      assert.equal(b4.line, 4);
      assert.deepEqual(b4.files, ['hello.txt']);
      assert.match(b4.reason!.en, /^COPY source files changed since the last build: hello\.txt \(content changed\)$/);
      assert.match(b4.reason!.ko, /hello\.txt/);
      prev = fp;

      // 5. An earlier line edited.
      lines[2] = 'RUN rm -f /big';
      fs.writeFileSync(path.join(dir, 'Dockerfile'), lines.join('\n'));
      fp = await fingerprint(name, dir);
      const r5 = await build(name, dir, tag);
      ok(r5);
      assert.deepEqual(cachedLines(r5), [1, 2]);
      const b5 = explainCacheBreak(prev, fp, r5.steps)!;
      assert.equal(b5.line, 3);
      assert.equal(b5.reason?.en, 'This line was edited since the last build');
      assert.deepEqual(b5.files, []);
    });

    it(`${name}: a failing RUN gives its Dockerfile line`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfg-cache-fail-${name}-`));
      dirs.push(dir);
      // Nothing before the failing RUN makes a layer: a failed classic build would leave it behind, untagged.
      fs.writeFileSync(path.join(dir, 'Dockerfile.fail'), [`FROM ${base}`, '# the next one fails', `RUN echo ${run} && \\`, '    false', 'ENV B=2', ''].join('\n'));
      const r = await build(name, dir, `dfg-test/cache-fail:${name}-${run}`, 'Dockerfile.fail');
      assert.equal(r.ok, false);
      assert.equal(r.failedLine, 3, JSON.stringify(r));
      // The numbers the log shows: classic `Step 2/4` (FROM, RUN, ENV, and the LABEL the API's labels option
      // appends); BuildKit `[2/2]` (FROM, RUN: the ENV makes no vertex).
      assert.deepEqual([r.failedStep, r.totalSteps], name === 'classic' ? [2, 4] : [2, 2]);
      assert.ok(r.error && r.reason, JSON.stringify(r));
    });
  }

  for (const name of ['classic', 'buildkit'] as const) {
    it(`${name}: the doctor's build puts a failure on its line and names the cause from this builder's words`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfg-cache-doctor-${name}-`));
      dirs.push(dir);
      fs.writeFileSync(path.join(dir, 'Dockerfile.copy'), [`FROM ${base}`, '# the configuration', 'COPY missing.conf /etc/app.conf', ''].join('\n'));
      fs.writeFileSync(path.join(dir, 'Dockerfile.run'), [`FROM ${base}`, '# not installed', 'RUN nosuchprog --x', ''].join('\n'));
      const opts = { contextDir: dir, labels: { [LABEL]: run }, builder: builders[name].builder, buildkitCli: builders[name].buildkitCli };
      const copy = await doctorBuild(engine, { ...opts, dockerfile: path.join(dir, 'Dockerfile.copy'), tag: `dfg-test/cache-doctor:copy-${name}-${run}` });
      assert.deepEqual([copy.ok, copy.failedLine, copy.cause, copy.builder], [false, 3, 'copy-source-missing', name], JSON.stringify(copy));
      const runFail = await doctorBuild(engine, { ...opts, dockerfile: path.join(dir, 'Dockerfile.run'), tag: `dfg-test/cache-doctor:run-${name}-${run}` });
      assert.deepEqual([runFail.ok, runFail.failedLine, runFail.cause], [false, 3, 'command-not-found'], JSON.stringify(runFail));
    });
  }

  it('buildkit: aborting the build stops the CLI and its build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-cache-abort-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${base}`, `RUN echo ${run} && sleep 60`, ''].join('\n'));
    const abort = new AbortController();
    const t0 = Date.now();
    const r = await build('buildkit', dir, `dfg-test/cache-abort:${run}`, 'Dockerfile', {
      abortSignal: abort.signal,
      onLine: (l) => {
        if (/^#\d+ \[2\/2\] RUN/.test(l)) setTimeout(() => abort.abort(), 300);
      },
    });
    assert.equal(r.ok, false);
    // Well before the RUN's 60 s: the CLI was stopped, and with it the build.
    assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
    assert.equal(r.imageId, undefined);
  });
});
