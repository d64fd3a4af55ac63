/**
 * Diagnostics of a long document computed on the server's thread in slices (slices.ts), between requests.
 *
 * Until this, every document over 16 KB was checked in a worker thread. The worker holds its own copy of the parse
 * plus every rule's per-instruction caches: on a 10,000-line file that was ~60 MiB of the server's 185 MiB peak,
 * for a second copy of what this thread already has. Pausing between chunks, RUN shells and rules keeps each wait
 * short for almost every document; the few whose single steps are long (a rule over a huge repeated RUN) come back
 * as `heavy`, and the server sends those to the worker instead.
 */
import { binaryNotice, looksBinary } from './binary';
import { diagnosticsSteps } from './diagnostics';
import type { RuleOptions } from '../rules/engine';
import type { GuideDiagnostic } from '../rules/types';
import type { ParsedDocument } from './document';
import { runInSlices, SliceOutcome } from './slices';

export function diagnoseInSlices(
  doc: ParsedDocument,
  options: RuleOptions,
  stillWanted: () => boolean,
  heavyStepMs: number,
): Promise<SliceOutcome<GuideDiagnostic[]>> {
  if (looksBinary(doc.text)) return Promise.resolve({ done: true, value: [binaryNotice()], longestStepMs: 0 });
  return runInSlices(diagnosticsSteps(doc, options), { stillWanted, heavyStepMs });
}
