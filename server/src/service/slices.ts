/**
 * Runs work written as a generator (each `yield` is a point where it may stop) in slices of about SLICE_MS, giving
 * the event loop a turn between slices, so that the server answers other requests while a long document is parsed
 * (slicedParse.ts) or checked (slicedDiagnostics.ts).
 *
 * The same generators are drained in one go by the synchronous callers (ParsedDocument, computeDiagnostics): both
 * paths run the same code, so they cannot give different results.
 */

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 8;

export type SliceOutcome<T> =
  | { done: true; value: T; longestStepMs: number }
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
    if (r.done) return { done: true, value: r.value, longestStepMs };
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

/** Runs `steps` to the end at once: the synchronous path over the same generator. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
