/**
 * A document's diagnostics as every front end shows them (the LSP adapter, its worker thread, the CLI): a binary
 * file gets one notice instead of hundreds of meaningless syntax errors; anything else gets the validator's problems
 * and the rules' findings.
 */
import { binaryNotice, looksBinary } from './binary';
import type { RuleOptions } from '../rules/engine';
import type { GuideDiagnostic } from '../rules/types';
import { diagnosticsSteps } from './diagnostics';
import type { ParsedDocument } from './document';
import { drain } from './steps';

/** checkDocument with pause points, for a caller that runs it in slices. */
export function* checkSteps(doc: ParsedDocument, options: RuleOptions = {}): Generator<void, GuideDiagnostic[]> {
  if (looksBinary(doc.text)) return [binaryNotice()];
  return yield* diagnosticsSteps(doc, options);
}

export function checkDocument(doc: ParsedDocument, options: RuleOptions = {}): GuideDiagnostic[] {
  return drain(checkSteps(doc, options));
}

/**
 * The most important diagnostics (errors first, then by position) up to `max` entries, where a grouped diagnostic
 * (rules/grouping.ts) counts as one entry per place it stands for: its related places and their data are sent too.
 * Copying tens of thousands of diagnostics between threads and serialising them to the client blocks the LSP thread
 * for most of a second (measured: 25,000 diagnostics of a 5 MB file cost ~0.5 s to clone and ~0.3 s to stringify),
 * and no one reads past the first thousand.
 */
export function mostImportant(list: GuideDiagnostic[], max: number): GuideDiagnostic[] {
  const cost = (d: GuideDiagnostic) => d.related?.length || 1;
  let total = 0;
  for (const d of list) total += cost(d);
  if (total <= max) return list;
  const kept: GuideDiagnostic[] = [];
  let used = 0;
  for (const d of [...list].sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)) {
    // A group that no longer fits is left out whole (half a group's fix would not be "all"); smaller ones may fit.
    if (used + cost(d) > max) {
      if (used >= max) break;
      continue;
    }
    used += cost(d);
    kept.push(d);
  }
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
