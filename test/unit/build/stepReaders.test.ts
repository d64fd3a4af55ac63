/**
 * Both builders' outputs read into steps on Dockerfile lines. The fixtures are real outputs of this machine's engine
 * (20.10, embedded BuildKit through Debian's /usr/bin/docker 20.10): classic-*.json are the Engine API's build
 * messages with the milliseconds at which they arrived (`t`), buildkit-*.txt the CLI's `--progress=plain` output.
 * The Dockerfiles they were built from are next to them (ctx, ms, fail, perr).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClassicStepReader } from '../../../common/src/engine/classicSteps';
import { BuildkitProgressReader, buildkitStages } from '../../../common/src/engine/buildkitSteps';

const FIX = path.join(__dirname, 'fixtures');
const dockerfile = (name: string) => fs.readFileSync(path.join(FIX, `${name}.Dockerfile`), 'utf8');

function classic(name: string, df: string) {
  const msgs = JSON.parse(fs.readFileSync(path.join(FIX, `classic-${name}.json`), 'utf8')) as { t: number; stream?: string; status?: string }[];
  const r = new ClassicStepReader();
  for (const m of msgs) {
    if (m.stream) r.stream(m.stream, m.t);
    if (m.status) r.status(m.status);
  }
  r.end(msgs[msgs.length - 1].t);
  return { steps: r.steps(dockerfile(df)), last: r.lastStep };
}

function buildkit(name: string, df: string) {
  const r = new BuildkitProgressReader();
  for (const l of fs.readFileSync(path.join(FIX, `buildkit-${name}.txt`), 'utf8').split('\n')) r.line(l);
  return { ...r.result(dockerfile(df)), error: r.error };
}

const summary = (steps: { line: number | null; cached: boolean; seconds: number | null }[]) => steps.map((s) => [s.line, s.cached, s.seconds === null ? null : 'ran']);

describe('classic builder stream → steps', () => {
  it('first build: every instruction on its line, FROM cached (the base was there), the others ran with seconds from Step to Step', () => {
    const { steps } = classic('first', 'ctx');
    assert.deepEqual(summary(steps), [
      [1, true, null],
      [2, false, 'ran'],
      [3, false, 'ran'],
      [4, false, 'ran'],
      [5, false, 'ran'],
    ]);
    // Step 2 started at 105 ms, step 3 at 575 ms: 0.47 s, rounded to a tenth.
    assert.equal(steps[1].seconds, 0.5);
    assert.equal(steps[1].text, 'RUN dd if=/dev/zero of=/big bs=1M count=5');
  });

  it('second build: ` ---> Using cache` on every step', () => {
    const { steps } = classic('again', 'ctx');
    assert.ok(steps.every((s) => s.cached && s.seconds === null), JSON.stringify(steps));
    assert.equal(steps.length, 5);
  });

  it('multi-stage: steps count over both stages, ENV included', () => {
    const { steps } = classic('multistage', 'ms');
    assert.deepEqual(
      steps.map((s) => [s.line, s.text.split(' ')[0]]),
      [
        [1, 'FROM'],
        [2, 'WORKDIR'],
        [3, 'COPY'],
        [4, 'RUN'],
        [6, 'FROM'],
        [7, 'ENV'],
        [8, 'COPY'],
        [9, 'RUN'],
      ],
    );
  });

  it('a failing step is the last one started', () => {
    const { steps, last } = classic('fail', 'fail');
    assert.equal(last, 3);
    assert.equal(steps[steps.length - 1].line, 3);
    assert.equal(steps.length, 3);
  });
});

describe('BuildKit plain progress → steps', () => {
  it('stages as BuildKit numbers them: FROM, RUN, COPY, ADD and WORKDIR make vertices, ENV does not', () => {
    const st = buildkitStages(dockerfile('ms'));
    assert.deepEqual(
      st.map((s) => [s.label, s.vertexes.map((v) => v.line + 1)]),
      [
        ['build', [1, 2, 3, 4]],
        ['stage-1', [6, 8, 9]],
      ],
    );
    assert.deepEqual(buildkitStages(dockerfile('ctx')).map((s) => s.label), ['']);
    assert.deepEqual(buildkitStages('FROM scratch AS a\nCOPY x /x\nFROM a\nRUN true\n').map((s) => s.vertexes.map((v) => v.keyword)), [['COPY'], ['RUN']]);
  });

  it('first build: vertices on their lines, DONE seconds, no step for ENV', () => {
    const { steps, failedLine } = buildkit('first', 'ctx');
    assert.equal(failedLine, null);
    assert.deepEqual(
      steps.map((s) => [s.line, s.cached, s.seconds]),
      [
        [1, true, null],
        [2, false, 0.2],
        [3, false, 0.4],
        [4, false, 0],
      ],
    );
  });

  it('second build: CACHED on every step', () => {
    const { steps } = buildkit('again', 'ctx');
    assert.deepEqual(steps.map((s) => [s.line, s.cached]), [
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('multi-stage: `[build 2/4]` and `[stage-1 2/3]` land on their stages; the shared FROM counts as cached', () => {
    const { steps } = buildkit('multistage', 'ms');
    assert.deepEqual(
      steps.map((s) => [s.line, s.text.split(' ')[0], s.cached]),
      [
        [1, 'FROM', true],
        [2, 'WORKDIR', false],
        [3, 'COPY', false],
        [4, 'RUN', false],
        [6, 'FROM', true],
        [8, 'COPY', false],
        [9, 'RUN', false],
      ],
    );
  });

  it('a failing RUN: its line, and the step’s own error words', () => {
    const r = buildkit('fail', 'fail');
    assert.equal(r.failedLine, 3);
    assert.deepEqual(r.failedVertex, { pos: 3, total: 3 });
    assert.equal(r.error, 'executor failed running [/bin/sh -c echo failing && false]: exit code: 1');
    assert.deepEqual(r.steps.map((s) => [s.line, s.cached]), [
      [1, true],
      [2, false],
      [3, false],
    ]);
  });

  it('a Dockerfile parse error: the line BuildKit names', () => {
    const r = buildkit('parse-error', 'perr');
    assert.equal(r.failedLine, 3);
    assert.match(r.error ?? '', /unknown instruction: FOO/);
    assert.deepEqual(r.steps, []);
  });

  it('a platform in the prefix (`--platform` builds): the stage is still found', () => {
    const r = new BuildkitProgressReader();
    for (const l of ['#4 [linux/amd64 1/2] FROM docker.io/library/x', '#4 DONE 0.0s', '#5 [linux/amd64 2/2] RUN a', '#5 DONE 0.3s']) r.line(l);
    assert.deepEqual(r.result('FROM --platform=linux/amd64 x\nENV A=1\nRUN a\n').steps.map((s) => [s.line, s.cached, s.seconds]), [
      [1, true, null],
      [3, false, 0.3],
    ]);
    const m = new BuildkitProgressReader();
    for (const l of ['#6 [linux/arm64 build 1/2] FROM docker.io/library/x', '#6 DONE 0.0s', '#7 [linux/arm64 build 2/2] RUN a', '#7 CACHED']) m.line(l);
    assert.deepEqual(m.result('FROM x AS build\nRUN a\nFROM y\nCOPY --from=build /a /a\n').steps.map((s) => [s.line, s.cached]), [
      [1, true],
      [2, true],
    ]);
  });

  // No registry is reachable here, so no pull could be captured: these lines follow printer.go's status format
  // (`#%d %s%s%s`: id, ` current / total`, ` 0.4s done`).
  it('a FROM that downloads layers ran; one that only resolves its reference did not', () => {
    const pulled = new BuildkitProgressReader();
    for (const l of ['#4 [1/2] FROM docker.io/library/alpine:3.19@sha256:0123', '#4 resolve docker.io/library/alpine:3.19@sha256:0123 0.1s done', '#4 sha256:4abc 3.41MB / 3.41MB 0.4s done', '#4 extracting sha256:4abc 0.1s done', '#4 DONE 0.6s']) pulled.line(l);
    assert.deepEqual(pulled.result('FROM alpine:3.19\nRUN a\n').steps, [{ line: 1, text: 'FROM docker.io/library/alpine:3.19@sha256:0123', cached: false, seconds: 0.6 }]);
    const resolved = new BuildkitProgressReader();
    for (const l of ['#4 [1/2] FROM docker.io/library/alpine:3.19', '#4 resolve docker.io/library/alpine:3.19 0.1s done', '#4 DONE 0.1s']) resolved.line(l);
    assert.equal(resolved.result('FROM alpine:3.19\nRUN a\n').steps[0].cached, true);
  });

  it('output of another vertex in between, and a vertex header printed again, keep one step per vertex', () => {
    const r = new BuildkitProgressReader();
    for (const l of ['#5 [2/2] RUN a', '#5 0.1 x', '#5 ...', '', '#6 [internal] load build context', '#6 DONE 0.0s', '', '#5 [2/2] RUN a', '#5 DONE 1.5s']) r.line(l);
    assert.deepEqual(r.result('FROM scratch\nCOPY a /a\nRUN a\n').steps, [{ line: 3, text: 'RUN a', cached: false, seconds: 1.5 }]);
  });
});
