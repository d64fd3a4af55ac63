/**
 * Runs work written as a generator (each `yield` is a point where it may stop) in slices of about SLICE_MS, giving
 * the event loop a turn between slices, so that the server answers other requests while a long document is parsed
 * (parseInSlices) or checked (diagnoseInSlices).
 *
 * The same generators are drained in one go by the synchronous callers (service/steps.ts): both paths run the same
 * code, so they cannot give different results.
 *
 * The service is passed in rather than imported: dist/lsp.js must not carry a second copy of it (it is loaded as
 * dist/service.js once the client is initialized; see esbuild.mjs).
 */
import type { GuideDiagnostic, LanguageService, ParsedDocument, RuleSettings } from '../service/index';
import type { ChunkReuse } from '../service/document';

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 8;

export type SliceOutcome<T> =
  /** `workMs`: the time spent in the steps themselves, without the pauses between slices. */
  | { done: true; value: T; longestStepMs: number; workMs: number }
  /** `moved-on`: stillWanted() turned false (the document changed or closed). `heavy`: one step took too long. */
  | { done: false; reason: 'moved-on' | 'heavy'; longestStepMs: number };

export interface SliceOptions {
  /** Asked after each pause; false stops the run (a newer version starts its own). */
  stillWanted: () => boolean;
  /**
   * A single step (the code between two yields) that took longer than this stops the run: slicing cannot help a
   * document whose steps are that long, and its caller sends it to where a long step blocks nobody.
   */
  heavyStepMs?: number;
}

/** Drains `steps` in slices; see SliceOutcome. */
export async function runInSlices<T>(steps: Generator<unknown, T>, options: SliceOptions): Promise<SliceOutcome<T>> {
  let longestStepMs = 0;
  let workMs = 0;
  // What is already waiting goes first: vscode-jsonrpc writes each response from a setImmediate, so a run that
  // started at once held the answer to the request just handled behind its first slice (the fuzzer measured a
  // documentSymbol answer 40 ms late that way).
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!options.stillWanted()) {
    steps.return(undefined as T);
    return { done: false, reason: 'moved-on', longestStepMs };
  }
  let sliceStart = performance.now();
  for (;;) {
    const stepStart = performance.now();
    const r = steps.next();
    const now = performance.now();
    longestStepMs = Math.max(longestStepMs, now - stepStart);
    workMs += now - stepStart;
    if (r.done) return { done: true, value: r.value, longestStepMs, workMs };
    if (options.heavyStepMs !== undefined && longestStepMs > options.heavyStepMs) {
      steps.return(undefined as T);
      return { done: false, reason: 'heavy', longestStepMs };
    }
    if (now - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    if (!options.stillWanted()) {
      steps.return(undefined as T);
      return { done: false, reason: 'moved-on', longestStepMs };
    }
  }
}

/**
 * Parses a very long document in slices. A 5 MB Dockerfile takes a few hundred milliseconds to parse and build;
 * done in one go, every request of every other document waits for it. Resolves to the parse, or to undefined as
 * soon as `stillWanted()` turns false (the document changed or closed: its newer version starts its own run).
 */
export async function parseInSlices(
  service: LanguageService,
  uri: string,
  version: number,
  text: string,
  previous: ChunkReuse | undefined,
  stillWanted: () => boolean,
): Promise<ParsedDocument | undefined> {
  const outcome = await runInSlices(service.parseSteps(uri, version, text, previous), { stillWanted });
  return outcome.done ? outcome.value : undefined;
}

/**
 * Diagnostics of a long document, on this thread, in slices between requests. A worker thread would hold its own
 * copy of the parse and of every rule's per-instruction caches (~60 MiB of a 185 MiB peak on 10,000 lines, when
 * every document over 16 KB went there); pausing between chunks, RUN shells and rules keeps each wait short for
 * almost every document. The few whose single steps are long come back as `heavy`, and go to the worker.
 */
export function diagnoseInSlices(
  service: LanguageService,
  doc: ParsedDocument,
  rules: RuleSettings,
  stillWanted: () => boolean,
  heavyStepMs: number,
): Promise<SliceOutcome<GuideDiagnostic[]>> {
  return runInSlices(service.checkSteps(doc, rules), { stillWanted, heavyStepMs });
}
