/**
 * A failed RUN as the user reads it (issue 18, item 5), on the real engine with both builders: the lines given to
 * onLine carry no colour codes (the classic builder wraps a RUN's stderr in ESC[91m … ESC[0m), each line of the
 * failure appears once (BuildKit's CLI repeats the step in a `------` box and the error sentence at the end), and
 * the exit code is explained in both languages from the doctor's catalogue: 127, 126, 100, 1.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFailureExplanation, buildFailureText, buildImage } from '../../common/src/engine/build';
import { resolveBuilder, type ResolvedBuilder } from '../../common/src/engine/buildkitCli';
import { doctorEngine, type DoctorEngine } from '../../common/src/doctor/engine';
import { parseHost, defaultInputs } from '../../common/src/engine/endpoint';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';

const LABEL = 'dockerfile-guide.test';
const run = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const endpoint = parseHost(MAIN_HOST, 'setting', defaultInputs());

// Each RUN ends with the exit code the shell gives: 127 for a missing program, 126 for a file without the execute
// bit, and `exit N` for apt's 100 (busybox has no apt) and a plain failure.
const CASES = [
  { code: 127, run: 'RUN nosuchprog --version', ko: /명령을 찾을 수 없습니다/, en: /command not found/ },
  { code: 126, run: 'RUN printf "echo hi\\n" > /x.sh && /x.sh', ko: /실행할 수 없습니다/, en: /cannot be executed/ },
  { code: 100, run: 'RUN echo "E: Unable to locate package nosuch" >&2 && exit 100', ko: /apt가 실패했습니다/, en: /apt failed/ },
  { code: 1, run: 'RUN echo "something broke" >&2 && false', ko: /종료 코드 1/, en: /Exit code 1/ },
] as const;

describe('a failed RUN in the log and its explanation (real engine, both builders)', { concurrency: true }, () => {
  let engine: DoctorEngine;
  let base: string;
  const dirs: string[] = [];
  const builders: Record<'classic' | 'buildkit', ResolvedBuilder> = {} as never;

  before(async () => {
    base = ensureBusyboxImage();
    engine = await doctorEngine(endpoint);
    builders.classic = await resolveBuilder('classic', endpoint);
    builders.buildkit = await resolveBuilder('buildkit', endpoint);
    assert.equal(builders.buildkit.builder, 'buildkit', builders.buildkit.warning?.en);
  });

  after(() => {
    // The tagged images, and the classic builder's intermediate image of each `LABEL run=…` step (untagged: the RUN
    // after it failed), which carries that label too.
    const list = (filter: string) => spawnSync('docker', ['image', 'ls', '-a', '-q', '--filter', filter], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const ids = [...list(`label=${LABEL}=${run}`), ...list(`label=run=${run}`)];
    if (ids.length) spawnSync('docker', ['image', 'rm', '-f', ...new Set(ids)], { encoding: 'utf8' });
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  for (const name of ['classic', 'buildkit'] as const) {
    for (const c of CASES) {
      it(`${name}: exit ${c.code} — no colour codes, the failure once, explained in Korean and English`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dfg-bfail-${name}-`));
        dirs.push(dir);
        // A LABEL with this run's id keeps the steps from reusing another run's cache.
        fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${base}\nLABEL run=${run}\n${c.run}\n`);
        const lines: string[] = [];
        const r = await buildImage(engine, {
          contextDir: dir,
          dockerfile: path.join(dir, 'Dockerfile'),
          tag: `dfg-test/bfail-${name}-${c.code}:${run}`,
          labels: { [LABEL]: run },
          builder: builders[name].builder,
          buildkitCli: builders[name].buildkitCli,
          onLine: (l) => lines.push(l),
        });
        const log = lines.join('\n');
        assert.equal(r.ok, false);
        assert.equal(r.failedLine, 3);
        assert.ok(!/\u001b/.test(log), `colour codes in the log:\n${JSON.stringify(log)}`);
        assert.ok(!/\u001b/.test(r.error ?? ''), r.error);
        assert.equal(r.cause?.exitCode, c.code, r.error);
        // The engine's sentence is in the log exactly once, and the caller knows not to print it again.
        const sentence = r.error!;
        assert.equal(log.split('\n').filter((l) => l.includes(sentence)).length, 1, `${sentence} in:\n${log}`);
        assert.equal(r.errorShown, true);
        // What the RUN wrote to stderr appears once as well.
        const said = c.code === 127 ? 'nosuchprog: not found' : c.code === 126 ? 'Permission denied' : c.code === 100 ? 'Unable to locate package' : 'something broke';
        // (the step's own line quotes the RUN, `echo` included: only the output lines count).
        assert.equal(log.split('\n').filter((l) => l.includes(said) && !l.includes('echo')).length, 1, `${said} in:\n${log}`);
        const ko = buildFailureExplanation(r, 'ko') ?? '';
        const en = buildFailureExplanation(r, 'en') ?? '';
        assert.match(ko, c.ko);
        assert.match(en, c.en);
        assert.ok(!ko.includes('`') && !en.includes('`'), 'plain text, no Markdown code marks');
        // The notification and diagnostic text: the explanation, then the engine's own words.
        assert.ok(buildFailureText(r, 'ko').startsWith(ko) && buildFailureText(r, 'ko').includes(sentence));
      });
    }
  }
});
