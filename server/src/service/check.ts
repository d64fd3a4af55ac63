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
 * The `max` most important diagnostics (errors first, then by position). Copying tens of thousands of diagnostics
 * between threads and serialising them to the client blocks the LSP thread for most of a second (measured: 25,000
 * diagnostics of a 5 MB file cost ~0.5 s to clone and ~0.3 s to stringify), and no one reads past the first
 * thousand.
 */
export function mostImportant(list: GuideDiagnostic[], max: number): GuideDiagnostic[] {
  if (list.length <= max) return list;
  return [...list]
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .slice(0, max)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
