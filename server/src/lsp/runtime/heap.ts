import * as v8 from 'v8';

/** See sizeHeapForAnEditor. Declared first: boot.ts calls the function while this module is still loading. */
const HEAP_GROWING_PERCENT = 30;

/**
 * Sizes V8's heap for a long-lived editor process instead of for throughput. Node's defaults let the young
 * generation grow to 3 × 16 MiB and the old generation to about twice what is live before a full collection: right
 * for a batch job, but for this server it meant a peak of ~260 MiB on a 10,000-line Dockerfile of which ~35 MiB was
 * live. These two flags are read by V8 each time it decides to grow a space, so unlike --max-semi-space-size they
 * still work when set from inside the process (we cannot choose the command line: clients start `node
 * dist/server.js`). boot.ts calls this first thing; the diagnostics worker thread, created later, inherits them.
 * - semi-space growth factor 1: the young generation stays at its initial 2 × 1 MiB. More scavenges, each tiny;
 *   objects here are short-lived (request results, per-version arrays), so they stay cheap.
 * - heap growing 30 %: the next full collection comes when the old generation has grown by 30 % (with V8's own
 *   minimum step), instead of the 100 %+ V8 picks for a fast-allocating process.
 * Measured with bench/ (10k lines): see bench/RESULTS.md.
 */
export function sizeHeapForAnEditor(): void {
  try {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // service/memory.ts sets this too, when the first document closes. Setting it here, before any code is loaded,
    // keeps V8's flag hash the same for the whole life of the process: a code cache (codeCache.ts) records the hash
    // it was made under, and one made after a flag changed would be rejected at every later start.
    v8.setFlagsFromString('--expose-gc');
  } catch {
    // An embedder that refuses run-time flags keeps V8's defaults: slower to give memory back, nothing worse.
  }
}
