/**
 * Service-level checks for the changes made while fuzzing (see the fuzz and abuse suites for the end-to-end side):
 * the worker path must tell the user exactly what the synchronous path tells them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ParsedDocument } from '../../server/src/service/document';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { mostImportant } from '../../server/src/service/check';
import { ruleWhyFromDiagnostics, ruleWhyHover } from '../../server/src/rules/hover';
import { corpusDockerfiles } from '../unit/corpusFiles';

test('hover rule explanations from the worker diagnostics equal the ones computed on the spot, over the corpus', () => {
  let positions = 0;
  for (const f of corpusDockerfiles()) {
    const doc = new ParsedDocument('file:///corpus/Dockerfile', 1, fs.readFileSync(f, 'utf8'));
    // Through a structured clone, as the list crosses from the worker thread.
    const list = structuredClone(computeDiagnostics(doc, {}));
    for (const d of list) {
      for (const pos of [d.range.start, d.range.end]) {
        for (const lang of ['ko', 'en', 'both'] as const) {
          assert.equal(ruleWhyFromDiagnostics(list, pos, lang), ruleWhyHover(doc, pos, lang, {}), `${f} at ${pos.line}:${pos.character}`);
        }
        positions++;
      }
    }
  }
  assert.ok(positions > 500, `${positions} positions compared`);
});

test('mostImportant: all errors before any warning, in document order, and nothing when under the cap', () => {
  const text = 'FROM debian\n' + 'FROOM x\nmaintainer me\n'.repeat(600);
  const doc = new ParsedDocument('file:///cap/Dockerfile', 1, text);
  const all = computeDiagnostics(doc, {});
  const errors = all.filter((d) => d.severity === 1);
  assert.ok(all.length > 1000 && errors.length >= 600 && errors.length < 1000, `${all.length} diagnostics, ${errors.length} errors`);
  const kept = mostImportant(all, 1000);
  assert.equal(kept.length, 1000);
  for (const e of errors) assert.ok(kept.includes(e), 'every error is kept');
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i - 1].range.start;
    const b = kept[i].range.start;
    assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), 'document order');
  }
  assert.equal(mostImportant(all.slice(0, 10), 1000).length, 10);
});

test('stage parents resolve through the name map exactly as before: first stage of a name, earlier stages only', () => {
  // Thousands of stages used to make the parse quadratic (each FROM scanned every earlier stage).
  const text = 'FROM debian AS base\nFROM base AS a\nFROM alpine AS BASE\nFROM base AS b\nFROM later AS c\nFROM debian AS later\n';
  const doc = new ParsedDocument('file:///stages/Dockerfile', 1, text);
  const parent = (i: number) => doc.stages[i].parent?.index ?? null;
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(parent), [null, 0, null, 0, null, null], 'case-insensitive, first of a name, never a later stage');
  assert.equal(doc.stageByName('BASE')?.index, 0);
  assert.equal(doc.stageByName('later')?.index, 5);
  assert.equal(doc.stageByName('nope'), undefined);
  const many = Array.from({ length: 5000 }, (_, i) => `FROM ${i ? 's' + (i - 1) : 'debian'} AS s${i}\nRUN true\n`).join('');
  const big = new ParsedDocument('file:///stages/many', 1, many);
  assert.equal(big.stages.length, 5000);
  assert.equal(big.stages[4999].parent?.index, 4998);
});
