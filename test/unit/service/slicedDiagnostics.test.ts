/**
 * service/slicedDiagnostics.ts: a long document checked in slices gives exactly the diagnostics of a run in one go,
 * lets the event loop turn in between, and gives up when the document moves on or a step is too long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../../server/src/service/diagnostics';
import { ParsedDocument } from '../../../server/src/service/document';
import { diagnoseInSlices } from '../../../server/src/service/slicedDiagnostics';
import { BENCH_INPUTS, corpusDockerfiles } from '../corpusFiles';

const options = { rules: {}, readContextFile: () => null };
const plain = (list: unknown[]) => JSON.stringify(list);

test('sliced diagnostics: the same as one run, over every corpus Dockerfile', async () => {
  let n = 0;
  for (const f of corpusDockerfiles()) {
    const text = fs.readFileSync(f, 'utf8');
    // Two parses: the run in one go must not hand its per-version memos to the sliced one.
    const sliced = await diagnoseInSlices(new ParsedDocument('file:///a', 1, text), options, () => true, 10_000);
    assert.ok(sliced.done, f);
    assert.equal(plain(sliced.value), plain(computeDiagnostics(new ParsedDocument('file:///a', 1, text), options)), f);
    n++;
  }
  assert.ok(n >= 90, `${n} files`);
});

test('sliced diagnostics: the 10,000-line bench input, with the event loop running in between', async () => {
  const text = fs.readFileSync(path.join(BENCH_INPUTS, 'synthetic-10k.Dockerfile'), 'utf8');
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const sliced = await diagnoseInSlices(new ParsedDocument('file:///a', 1, text), options, () => true, 10_000);
  clearInterval(ticker);
  assert.ok(sliced.done);
  assert.ok(turns >= 5, `the event loop turned ${turns} times`);
  assert.equal(plain(sliced.value), plain(computeDiagnostics(new ParsedDocument('file:///a', 1, text), options)));
  console.log(`10k lines: longest step ${sliced.longestStepMs.toFixed(1)} ms`);
});

test('sliced diagnostics: stops when the document moves on, or at a step longer than allowed', async () => {
  const text = fs.readFileSync(path.join(BENCH_INPUTS, 'synthetic-10k.Dockerfile'), 'utf8');
  const moved = await diagnoseInSlices(new ParsedDocument('file:///a', 1, text), options, () => false, 10_000);
  assert.equal(!moved.done && moved.reason, 'moved-on');
  // A single RUN of ~500 KB is one step of its shell parse.
  const oneRun = 'FROM debian:bookworm\nRUN apt-get install -y ' + 'nginx-extras '.repeat(38_000) + '\n';
  const heavy = await diagnoseInSlices(new ParsedDocument('file:///b', 1, oneRun), options, () => true, 20);
  assert.equal(!heavy.done && heavy.reason, 'heavy');
  assert.ok(heavy.longestStepMs > 20);
});

test('sliced diagnostics: a binary file gets the one notice, as in one go', async () => {
  const text = 'FROM debian\n\u0000\u0001\u0002'.repeat(100);
  const sliced = await diagnoseInSlices(new ParsedDocument('file:///bin', 1, text), options, () => true, 10_000);
  assert.ok(sliced.done);
  assert.equal(sliced.value.length, 1);
  assert.equal(sliced.value[0].code, 'binaryFile');
});
