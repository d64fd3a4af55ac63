/**
 * lsp/slices.ts (and service/steps.ts's drain): work written as a generator runs in slices with the event loop turning in between, stops when
 * it is no longer wanted or when one step is too long, and drains to the same value in one go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInSlices, SLICE_MS } from '../../../server/src/lsp/slices';
import { drain } from '../../../server/src/service/steps';

/** Busy-waits for `ms` (a step that really takes that long on the thread). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function* steps(n: number, stepMs: number, log: string[]): Generator<void, number> {
  try {
    for (let i = 0; i < n; i++) {
      spin(stepMs);
      yield;
    }
    return n;
  } finally {
    log.push('finally');
  }
}

test('slices: the value of the generator, with the event loop running between slices', async () => {
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const log: string[] = [];
  const t0 = performance.now();
  const outcome = await runInSlices(steps(40, 2, log), { stillWanted: () => true });
  const elapsed = performance.now() - t0;
  clearInterval(ticker);
  assert.equal(outcome.done, true);
  assert.equal(outcome.done && outcome.value, 40);
  // 80 ms of work in slices of SLICE_MS: the loop must have turned several times.
  assert.ok(turns >= 80 / SLICE_MS / 2, `the event loop turned ${turns} times`);
  // One step, not the run: the other 39 steps took at least 2 ms each of the same wall time. (A fixed bound in
  // milliseconds failed on a busy machine, where the scheduler stretched one step to 57 ms.)
  assert.ok(outcome.longestStepMs >= 2, `longest step ${outcome.longestStepMs} ms`);
  assert.ok(outcome.longestStepMs <= elapsed - 39 * 2, `longest step ${outcome.longestStepMs} ms of a ${elapsed.toFixed(0)} ms run`);
  assert.deepEqual(log, ['finally']);
});

test('slices: stops at the first pause after it is no longer wanted, and closes the generator', async () => {
  const log: string[] = [];
  let asked = 0;
  const outcome = await runInSlices(steps(1000, 1, log), { stillWanted: () => ++asked < 2 });
  assert.equal(outcome.done, false);
  assert.equal(!outcome.done && outcome.reason, 'moved-on');
  assert.equal(asked, 2);
  assert.deepEqual(log, ['finally'], 'the generator was closed (its finally ran)');
});

test('slices: one step longer than heavyStepMs stops the run right after it', async () => {
  const log: string[] = [];
  let ran = 0;
  function* oneLongStep(): Generator<void, string> {
    try {
      ran++;
      yield;
      ran++;
      spin(30);
      yield;
      ran++;
      return 'never';
    } finally {
      log.push('finally');
    }
  }
  const outcome = await runInSlices(oneLongStep(), { stillWanted: () => true, heavyStepMs: 20 });
  assert.equal(!outcome.done && outcome.reason, 'heavy');
  assert.ok(outcome.longestStepMs >= 30);
  assert.equal(ran, 2, 'nothing ran after the long step');
  assert.deepEqual(log, ['finally']);
});

test('drain: the same value in one go', () => {
  assert.equal(drain(steps(5, 0, [])), 5);
});
