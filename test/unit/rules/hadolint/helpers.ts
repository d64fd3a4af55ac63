/** Test helpers for rules: run one rule on a text (with optional build-context files) and apply its fixes. */
import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';
import { ParsedDocument } from '../../../../server/src/service/document';
import type { Finding, Rule, RuleContext } from '../../../../server/src/rules/types';
import { assertFixQuiets } from '../fixCheck';

export function ctxOf(text: string, files: Record<string, string> = {}): RuleContext {
  const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
  return { doc, readContextFile: (p: string) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null) };
}

export function run(rule: Rule, text: string, files: Record<string, string> = {}): Finding[] {
  return rule.check(ctxOf(text, files));
}

/** The lines (1-based) and the covered text of each finding. */
export function where(rule: Rule, text: string, files: Record<string, string> = {}): { line: number; text: string; en: string; ko: string }[] {
  const ctx = ctxOf(text, files);
  return rule.check(ctx).map((f) => ({ line: f.range.start.line + 1, text: ctx.doc.getText(f.range), en: f.message.en, ko: f.message.ko }));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
  const sorted = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Applies the preferred (or first) fix of the first finding, checks that the rule no longer fires on what was fixed
 * and returns the new text.
 */
export function fixOnce(rule: Rule, text: string, files: Record<string, string> = {}, pick?: (titles: string[]) => number): string {
  const ctx = ctxOf(text, files);
  const findings = rule.check(ctx);
  assert.ok(findings.length > 0, `${rule.id} should fire before the fix`);
  // Fixes read only Diagnostic.data after a JSON round trip, as code actions do.
  const finding = JSON.parse(JSON.stringify(findings[0])) as Finding;
  const fixes = rule.fix!(ctx, finding);
  assert.ok(fixes.length > 0, `${rule.id} should offer a fix`);
  const k = pick ? pick(fixes.map((f) => f.title.en)) : Math.max(0, fixes.findIndex((f) => f.preferred));
  const out = applyEdits(text, fixes[k].edits);
  assertFixQuiets(rule, text, finding, fixes[k], out, files);
  return out;
}

/** Applies fixes until the rule is quiet (at most n rounds). */
export function fixAll(rule: Rule, text: string, files: Record<string, string> = {}, n = 10): string {
  let t = text;
  for (let i = 0; i < n && run(rule, t, files).length > 0; i++) t = fixOnce(rule, t, files);
  return t;
}

/** Every message has both languages filled in, no placeholders left. */
export function assertBilingual(findings: Finding[]): void {
  // An empty list would check nothing: the callers pass the findings of a case that must fire.
  assert.ok(findings.length > 0, 'at least one finding to check');
  for (const f of findings) {
    assert.ok(f.message.ko && f.message.en, 'both languages');
    assert.ok(!/\{\d\}/.test(f.message.ko + f.message.en), 'no unfilled placeholders');
    assert.ok(/[가-힣]/.test(f.message.ko), 'Korean message is Korean');
  }
}
