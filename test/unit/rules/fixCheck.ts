/**
 * What every fix test must prove besides the new text: the rule is quiet where the fix was applied. A fix that
 * rewrites text without removing the problem would otherwise pass on its expected output alone.
 */
import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';
import { ParsedDocument } from '../../../server/src/service/document';
import type { Finding, Fix, Rule } from '../../../server/src/rules/types';

/**
 * After `fix` turned `before` into `after`: no finding of `rule` starts inside the fixed range (carried through the
 * edits), and there are fewer findings than before.
 */
export function assertFixQuiets(rule: Rule, before: string, finding: Finding, fix: Fix, after: string, files: Record<string, string> = {}): void {
  const read = (p: string) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null);
  const oldDoc = new ParsedDocument('file:///x/Dockerfile', 1, before);
  const newDoc = new ParsedDocument('file:///x/Dockerfile', 2, after);
  const countBefore = rule.check({ doc: oldDoc, readContextFile: read }).length;
  const [from, to] = [finding.range.start, finding.range.end].map((p) => mapThrough(oldDoc, fix.edits, oldDoc.offsetAt(p)));
  const left = rule.check({ doc: newDoc, readContextFile: read });
  const still = left.find((f) => {
    const at = newDoc.offsetAt(f.range.start);
    return at >= from && at <= to;
  });
  assert.ok(!still, `${rule.id} still fires at ${JSON.stringify(still?.range.start)} after "${fix.title.en}":\n${after}`);
  assert.ok(left.length < countBefore, `${rule.id}: ${countBefore} findings before "${fix.title.en}", ${left.length} after`);
}

/** Where an offset of the old text lands in the new one: moved by the edits before it; inside an edit, its start. */
function mapThrough(doc: ParsedDocument, edits: TextEdit[], offset: number): number {
  let shift = 0;
  const sorted = edits.map((e) => ({ s: doc.offsetAt(e.range.start), t: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => a.s - b.s);
  for (const { s, t, text } of sorted) {
    if (t <= offset && !(s === t && s === offset)) shift += text.length - (t - s);
    else if (s <= offset && offset < t) return s + shift;
  }
  return offset + shift;
}
