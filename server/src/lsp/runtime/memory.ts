/**
 * Gives memory back after documents close. A closed document's parse becomes garbage, but V8 collects its old
 * generation only when the heap nears a limit that grows with the machine's RAM, so on a 24 GiB machine an editor
 * session that opens and closes many files can sit on hundreds of MiB of dead parses (seen: +750 MiB over 1,000
 * open/close cycles before V8 got round to it). One full collection shortly after the closes settle brings the
 * process back to what it really holds; it costs ~10–20 ms and runs only then, never while typing.
 *
 * `gc` is exposed at run time through V8's flag, because the process is started by clients we do not control
 * (`node dist/server.js --stdio`) and cannot be given --expose-gc on its command line.
 */
import * as v8 from 'v8';
import * as vm from 'vm';

const SETTLE_MS = 400;
const MIN_INTERVAL_MS = 2000;

let collect: (() => void) | null | undefined;
let timer: NodeJS.Timeout | undefined;
let last = 0;

function gcFunction(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    collect = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Call when a document closes: collects once the closes have settled (debounced, at most every 2 s). */
export function collectAfterClose(): void {
  if (timer) clearTimeout(timer);
  const wait = Math.max(SETTLE_MS, MIN_INTERVAL_MS - (Date.now() - last));
  timer = setTimeout(() => {
    timer = undefined;
    last = Date.now();
    gcFunction()?.();
  }, wait);
  timer.unref();
}

let settled = false;

/**
 * Call when a long document's diagnostics are out (server.ts). V8 sets its old-generation limit from what is live
 * only after its first full collection; before that the limit comes from the machine's RAM, and typing in a
 * 10,000-line file piled up old versions until the heap was 40 % over what it held (measured with bench/). One
 * collection, once per process and after the results are sent, is enough: from then on V8 keeps the old
 * generation within heap.ts's growing step by itself.
 */
export function settleHeapOnce(): void {
  if (settled) return;
  settled = true;
  setTimeout(() => gcFunction()?.(), 0).unref();
}
