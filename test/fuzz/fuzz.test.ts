/**
 * The bounded fuzz run of the test chain (`npm run test:fuzz`): a fixed number of mutated corpus files through the
 * real server, with a time cap so a slow machine shortens the run instead of failing it. The seed is printed; set
 * FUZZ_SEED to replay a run, or use `npm run fuzz` for the long run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, runFuzz } from './fuzzer';

// A fixed seed in the test command keeps CI repeatable (a failure there must replay exactly); `npm run fuzz` draws
// a new seed every run to explore, and FUZZ_SEED replays any seed here.
const seed = Number(process.env.FUZZ_SEED ?? 11);
const iterations = Number(process.env.FUZZ_ITERATIONS ?? 200);

test(`fuzz: ${iterations} mutated corpus files over LSP (seed ${seed})`, { timeout: 150_000 }, async () => {
  console.log(`fuzz seed ${seed} (replay: npm run fuzz -- --seed ${seed} --iterations ${iterations})`);
  const report = await runFuzz({ seed, iterations, timeBudgetMs: 90_000, log: (s) => console.log(s) });
  console.log(formatReport(report));
  assert.ok(report.iterationsRun >= Math.min(iterations, 50), `only ${report.iterationsRun} inputs in the time budget`);
  assert.ok(report.requests > report.iterationsRun * 5, 'requests were sent');
  assert.deepEqual(report.failures, [], formatReport(report));
});
