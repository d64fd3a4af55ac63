/**
 * rules/localRules.ts: a rule marked `local` gives, from its per-chunk kept findings, exactly what its check() gives
 * on the whole document, on every corpus Dockerfile and across edits that re-parse one chunk and move the others
 * (their kept findings are then reused at new lines).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParsedDocument } from '../../../server/src/service/document';
import type { PlacedChunk } from '../../../server/src/service/chunks';
import { ALL_RULES } from '../../../server/src/rules/registry';
import { localFindings, localRulesApply } from '../../../server/src/rules/localRules';
import { runRules } from '../../../server/src/rules/engine';
import type { Finding } from '../../../server/src/rules/types';
import { BENCH_INPUTS, corpusDockerfiles } from '../corpusFiles';

const LOCAL = ALL_RULES.filter((r) => r.local);
const show = (list: Finding[]) =>
  list
    .map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message.en} ${JSON.stringify(f.data ?? null)}`)
    .sort();

/** Every local rule, kept per chunk vs. run on the whole version: the same findings. */
function assertSame(doc: ParsedDocument, where: string): void {
  const views = new Map<PlacedChunk, ParsedDocument>();
  for (const rule of LOCAL) {
    const errors: unknown[] = [];
    const kept = localFindings(doc, rule, views, (_id, e) => errors.push(e));
    assert.deepEqual(errors, [], `${rule.id} threw on a chunk of ${where}`);
    assert.deepEqual(show(kept), show(rule.check({ doc })), `${rule.id} on ${where}`);
  }
}

/** Three edits: lines added above everything after the first chunk, a line changed in the middle, lines removed. */
function edits(text: string): string[] {
  const lines = text.split('\n');
  const firstFrom = lines.findIndex((l) => /^\s*FROM\s/i.test(l));
  const at = firstFrom < 0 ? 0 : firstFrom + 1;
  const added = [...lines.slice(0, at), 'RUN apt-get install curl', 'RUN cd /tmp && sudo chmod 777 /etc', '', ...lines.slice(at)];
  const mid = Math.floor(added.length / 2);
  const changed = added.map((l, i) => (i === mid ? l + ' ' : l));
  const removed = changed.filter((_l, i) => i !== at && i !== at + 1);
  return [added.join('\n'), changed.join('\n'), removed.join('\n')];
}

test('local rules: kept per chunk, the same findings as a whole-document check, across edits', () => {
  const files = [...corpusDockerfiles(), path.join(BENCH_INPUTS, 'synthetic-1k.Dockerfile'), path.join(BENCH_INPUTS, 'issues-sample.Dockerfile')];
  assert.ok(files.length > 90, `the corpus is at ../shared/corpus (found ${files.length} files)`);
  let multiChunk = 0;
  let moved = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let doc = new ParsedDocument('file:///a/Dockerfile', 1, text);
    if (!localRulesApply(doc)) continue;
    multiChunk++;
    assertSame(doc, file);
    let version = 1;
    for (const next of edits(text)) {
      const before = new Map(doc.placed.map((pc) => [pc.chunk, pc.startLine]));
      doc = new ParsedDocument('file:///a/Dockerfile', ++version, next, doc);
      // Chunks reused at another line: what is compared for them are their kept findings, moved.
      if (doc.placed.some((pc) => before.has(pc.chunk) && before.get(pc.chunk) !== pc.startLine)) moved++;
      if (localRulesApply(doc)) assertSame(doc, `${file} (version ${version})`);
    }
  }
  assert.ok(multiChunk > 40, `only ${multiChunk} corpus files have more than one chunk`);
  assert.ok(moved > 0);
});

test('local rules: a kept finding moves with its chunk', () => {
  const body = ['FROM debian:12', ...Array.from({ length: 20 }, (_, i) => `RUN echo ${i}`), 'RUN apt-get install -y curl', ...Array.from({ length: 20 }, (_, i) => `ENV A${i}=1`)];
  const v1 = new ParsedDocument('file:///a/Dockerfile', 1, body.join('\n'));
  assert.ok(v1.placed.length > 2);
  const dl3015 = ALL_RULES.find((r) => r.id === 'DL3015')!;
  const first = localFindings(v1, dl3015, new Map(), assert.fail);
  assert.deepEqual(first.map((f) => f.range.start.line), [21]);
  // Two lines added at the top: the chunk holding the apt-get line is reused, two lines lower.
  const v2 = new ParsedDocument('file:///a/Dockerfile', 2, ['# a', '# b', ...body].join('\n'), v1);
  const reused = v2.placed.find((pc) => pc.startLine <= 23 && 23 < pc.startLine + pc.chunk.lineCount)!;
  assert.ok(v1.placed.some((pc) => pc.chunk === reused.chunk), 'the chunk of the apt-get line was reused');
  assert.deepEqual(localFindings(v2, dl3015, new Map(), assert.fail).map((f) => f.range.start.line), [23]);
  assert.deepEqual(runRules(v2).filter((d) => d.code === 'DL3015').map((d) => d.range.start.line), [23]);
});

test('local rules: not used under a SHELL that is not POSIX (the RUNs below it are not shell-checked)', () => {
  const lines = ['FROM mcr.microsoft.com/windows/servercore', 'SHELL ["powershell", "-Command"]', ...Array.from({ length: 30 }, () => 'RUN cd C:\\app')];
  const doc = new ParsedDocument('file:///a/Dockerfile', 1, lines.join('\n'));
  assert.ok(doc.placed.length > 1);
  assert.equal(localRulesApply(doc), false);
  // Why: the view of a later chunk does not see the SHELL, and would check those RUNs as POSIX shell.
  const dl3003 = ALL_RULES.find((r) => r.id === 'DL3003')!;
  assert.deepEqual(dl3003.check({ doc }), []);
  assert.ok(localFindings(doc, dl3003, new Map(), assert.fail).length > 0);
  assert.deepEqual(runRules(doc).filter((d) => d.code === 'DL3003'), []);
});
