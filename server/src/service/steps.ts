/**
 * Long work in the service (parsing, the rules) is written as generators: each `yield` is a point where the caller
 * may pause. The LSP adapter drives them in time slices between requests (server/src/lsp/slices.ts); everyone else
 * runs them to the end at once with drain(). Both paths run the same code, so they cannot give different results.
 */

/** Runs `steps` to the end at once. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
