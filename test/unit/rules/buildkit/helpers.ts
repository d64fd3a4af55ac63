/**
 * Test helpers for rules: parse a text, run one rule, apply a fix's edits to the text.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { ParsedDocument } from '../../../../server/src/service/document';
import type { Finding, Rule, RuleContext } from '../../../../server/src/rules/types';
import { assertFixQuiets } from '../fixCheck';

export function doc(text: string, uri = 'file:///ctx/Dockerfile'): ParsedDocument {
  return new ParsedDocument(uri, 1, text);
}

export function findings(rule: Rule, text: string, files: Record<string, string> = {}): Finding[] {
  const d = doc(text);
  return rule.check({ doc: d, readContextFile: (p) => files[p] ?? null });
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const d = doc(text);
  const withOffsets = edits
    .map((e) => ({ start: d.offsetAt(e.range.start), end: d.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * The text after applying fix `fixIndex` of finding `findingIndex`, checked to quiet the rule there. Throws when there
 * is no such fix.
 */
export function fixed(rule: Rule, text: string, findingIndex = 0, fixIndex = 0, files: Record<string, string> = {}): string {
  const d = doc(text);
  const ctx: RuleContext = { doc: d, readContextFile: (p) => files[p] ?? null };
  const f = rule.check(ctx)[findingIndex];
  if (!f) throw new Error(`no finding #${findingIndex}`);
  // The finding travels through LSP as JSON; make sure fix() works from that form.
  const wire: Finding = JSON.parse(JSON.stringify(f));
  const fixes = rule.fix!(ctx, wire);
  if (!fixes[fixIndex]) throw new Error(`no fix #${fixIndex}`);
  const out = applyEdits(text, fixes[fixIndex].edits);
  assertFixQuiets(rule, text, wire, fixes[fixIndex], out, files);
  return out;
}

export function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}
