/**
 * lsp/slices.ts diagnoseInSlices: a long document checked in slices gives exactly the diagnostics of an unsliced check,
 * lets the event loop turn in between, and gives up when the document moves on or a step is too long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../../server/src/service/diagnostics';
import { ParsedDocument } from '../../../server/src/service/document';
import { diagnoseInSlices } from '../../../server/src/lsp/slices';
import { createLanguageService } from '../../../server/src/service/index';
import { BENCH_INPUTS, corpusDockerfiles } from '../corpusFiles';
import { validate } from 'dockerfile-utils';
import type { Range } from 'vscode-languageserver-types';
import type { Msg } from '../../../common/src/i18n';
import { ALL_RULES } from '../../../server/src/rules/registry';
import { ENGINE_VALIDATOR_SETTINGS, equivalentIds, findingSeverity, isSupersededValidatorCode, ruleSeverity, SEVERITY } from '../../../server/src/rules/engine';
import { readSuppressions, skippedForFile, suppressedAt } from '../../../server/src/rules/suppression';
import { groupRepeats } from '../../../server/src/rules/grouping';
import { SOURCE, type GuideDiagnostic } from '../../../server/src/rules/types';
import { translateValidatorMessage } from '../../../server/src/service/validatorMessages';

const options = { rules: {}, readContextFile: () => null };
/** The same options through the service's host: no build context file exists. */
const service = createLanguageService({ contextFileReader: () => () => null });
const plain = (list: unknown[]) => JSON.stringify(list);
/** What a comparison looks at: place, code, severity and both languages of the message. */
const key = (d: { range: Range; code: string; severity: number; message: Msg }) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message.en} | ${d.message.ko}`;

/**
 * The diagnostics as they were computed before slicing existed, with none of its machinery: dockerfile-utils'
 * validate() on the whole text (no chunks), then every rule's check() called directly, one after another (no
 * generator, no pauses), with the engine's published semantics: default severities, suppression comments, one
 * finding per line for rules that mean the same.
 */
function unsliced(text: string): string[] {
  const doc = new ParsedDocument('file:///a', 1, text);
  const out: string[] = [];
  for (const p of validate(text, ENGINE_VALIDATOR_SETTINGS)) {
    const text = typeof p.message === 'string' ? p.message : p.message.value;
    if (isSupersededValidatorCode(p.code, text, p.range)) continue;
    const { key: code, message } = translateValidatorMessage(text);
    out.push(key({ range: p.range, code, severity: p.severity ?? 1, message }));
  }
  const ctx = { doc, readContextFile: () => null };
  const sup = readSuppressions(doc);
  const taken = new Map<string, Set<number>>();
  for (const rule of ALL_RULES) {
    const severity = ruleSeverity(rule, options);
    const ids = equivalentIds(rule.id);
    if (severity === 'off' || ids.some((id) => skippedForFile(sup, id))) continue;
    const lines = taken.get(ids[0]) ?? new Set<number>();
    const earlier = new Set(lines);
    const own: GuideDiagnostic[] = [];
    for (const f of rule.check(ctx)) {
      if (ids.some((id) => suppressedAt(sup, doc, id, f.range))) continue;
      if (ids.length > 1 && earlier.has(f.range.start.line)) continue;
      lines.add(f.range.start.line);
      own.push({ range: f.range, code: rule.id, severity: SEVERITY[findingSeverity(rule, f, severity, options)], message: f.message, source: SOURCE, data: { rule: rule.id, ...(f.data ?? {}) } });
    }
    // The same problem on a block of RUNs is one diagnostic (grouping.ts), a pure function of the rule's list.
    for (const d of groupRepeats(doc, rule, own)) out.push(key(d));
    taken.set(ids[0], lines);
  }
  return out.sort();
}

test('sliced diagnostics: the same as an unsliced check, over every corpus Dockerfile, two documents at a time', async () => {
  const files = corpusDockerfiles();
  assert.ok(files.length >= 99, `only ${files.length} corpus Dockerfiles`);
  let findings = 0;
  // Two documents checked in slices at once, so that each run's pauses let the other one's steps in between: state
  // shared across a pause would show up as a difference.
  for (let i = 0; i < files.length; i += 2) {
    const pair = files.slice(i, i + 2);
    const texts = pair.map((f) => fs.readFileSync(f, 'utf8'));
    const runs = await Promise.all(texts.map((t) => diagnoseInSlices(service, new ParsedDocument('file:///a', 1, t), {}, () => true, 10_000)));
    runs.forEach((sliced, j) => {
      assert.ok(sliced.done, pair[j]);
      const expected = unsliced(texts[j]);
      assert.deepEqual(sliced.value.map(key).sort(), expected, pair[j]);
      findings += expected.length;
    });
  }
  assert.ok(findings > 1000, `${findings} findings compared`);
});

test('sliced diagnostics: the 10,000-line bench input, with the event loop running in between', async () => {
  const text = fs.readFileSync(path.join(BENCH_INPUTS, 'synthetic-10k.Dockerfile'), 'utf8');
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const sliced = await diagnoseInSlices(service, new ParsedDocument('file:///a', 1, text), {}, () => true, 10_000);
  clearInterval(ticker);
  assert.ok(sliced.done);
  assert.ok(turns >= 5, `the event loop turned ${turns} times`);
  assert.deepEqual(sliced.value.map(key).sort(), unsliced(text));
  // And the synchronous path the CLI takes gives the very same list, in the same order.
  assert.equal(plain(sliced.value), plain(computeDiagnostics(new ParsedDocument('file:///a', 1, text), options)));
  console.log(`10k lines: longest step ${sliced.longestStepMs.toFixed(1)} ms`);
});

test('sliced diagnostics: stops when the document moves on, or at a step longer than allowed', async () => {
  const text = fs.readFileSync(path.join(BENCH_INPUTS, 'synthetic-10k.Dockerfile'), 'utf8');
  const moved = await diagnoseInSlices(service, new ParsedDocument('file:///a', 1, text), {}, () => false, 10_000);
  assert.equal(!moved.done && moved.reason, 'moved-on');
  // A single RUN of ~500 KB is one step of its shell parse.
  const oneRun = 'FROM debian:bookworm\nRUN apt-get install -y ' + 'nginx-extras '.repeat(38_000) + '\n';
  const heavy = await diagnoseInSlices(service, new ParsedDocument('file:///b', 1, oneRun), {}, () => true, 20);
  assert.equal(!heavy.done && heavy.reason, 'heavy');
  assert.ok(heavy.longestStepMs > 20);
});

test('sliced diagnostics: a binary file gets the one notice, as in one go', async () => {
  const text = 'FROM debian\n\u0000\u0001\u0002'.repeat(100);
  const sliced = await diagnoseInSlices(service, new ParsedDocument('file:///bin', 1, text), {}, () => true, 10_000);
  assert.ok(sliced.done);
  assert.equal(sliced.value.length, 1);
  assert.equal(sliced.value[0].code, 'binaryFile');
});
