// Applying one action to many containers or images: every item is tried (a failure does not stop
// the others), at most a few at a time, and each outcome is kept so the user gets one report that
// names what worked and what did not, instead of one error popup per item.
import { classifyError, type EngineError } from '../../../common/src/engine/errors';

export interface ItemResult<T> {
  item: T;
  ok: boolean;
  error?: EngineError;
}

export async function runEach<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
  opts: { concurrency?: number; where?: string } = {},
): Promise<Array<ItemResult<T>>> {
  const results: Array<ItemResult<T>> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        await fn(items[i]);
        results[i] = { item: items[i], ok: true };
      } catch (err) {
        results[i] = { item: items[i], ok: false, error: classifyError(err, opts.where) };
      }
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
