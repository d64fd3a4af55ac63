/**
 * Loads a bundled file of dist/ through V8's code cache.
 *
 * Most of the time between `node dist/server.js` and the answer to `initialize` is V8 compiling the bundle (about
 * 20 ms for vscode-languageserver and the adapter on this project's 2-core machines, more on the first request
 * when lazily compiled functions run). A code cache holds that compiled bytecode, so the next start only checks and
 * maps it. Node 22 has this built in (module.enableCompileCache); Node 20, which the benchmark and the CLI run on,
 * does not, hence this small loader.
 *
 * Safety:
 * - The cache file is named by the V8 version and a hash of the bundle's text and node's flags. V8 itself only
 *   checks the source's length, so a rebuilt bundle of the same length must never meet an old cache: the hash in
 *   the name sees to it.
 *   VS Code's Electron has another V8, gets its own file, and never reads Node's.
 * - A cache V8 rejects (other flags, another build) is ignored and rewritten; any failure to read or write one
 *   falls back to a plain compile. Caching is an optimisation, never a condition.
 * - The cache is written once, after the process has been running for a while or when it exits (so that it also
 *   covers the functions the first requests compiled), and only if the folder is writable.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import Module, { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { threadId } from 'worker_threads';

/** Written this long after a load, when the first requests have compiled what they need. */
const WRITE_AFTER_MS = 4000;

interface Cached {
  exports: unknown;
}

export function loadCached(file: string): unknown {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cachePath(file, source);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) scheduleWrite(script, cacheFile, file);

  const mod: Cached = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeRequire, m: Cached, f: string, d: string) => void;
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

function cachePath(file: string, source: string): string {
  // The command line's V8 flags are part of what V8 checks a cache against (VS Code starts the server with
  // --max-semi-space-size, a plain `node` does not): each combination gets its own file instead of rejecting and
  // rewriting the other's at every start.
  const hash = createHash('sha1').update(source).update('\0').update(process.execArgv.join('\0')).digest('hex').slice(0, 12);
  return `${file}.${process.versions.v8.replace(/[^0-9a-z.]/gi, '_')}-${hash}.cache`;
}

function scheduleWrite(script: vm.Script, cacheFile: string, file: string): void {
  let written = false;
  const write = (): void => {
    if (written) return;
    written = true;
    try {
      const data = script.createCachedData();
      // The LSP thread and the diagnostics worker may write the same cache (dist/service.js) at the same moment.
      const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, cacheFile);
      removeStale(file, cacheFile);
    } catch {
      // A read-only install (or a full disk) keeps compiling at each start, as Node does without a cache.
    }
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  // A short-lived process (the build's warm-up run, a quick `exit` from the client) writes as it leaves.
  process.once('exit', write);
}

/** Old caches of the same bundle (an earlier build or another V8 that is no longer this one's) would pile up. */
function removeStale(file: string, keep: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const v8Prefix = `${prefix}${process.versions.v8.replace(/[^0-9a-z.]/gi, '_')}-`;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(v8Prefix) && name.endsWith('.cache') && path.join(dir, name) !== keep) {
      try {
        fs.unlinkSync(path.join(dir, name));
      } catch {
        // Another server process may have removed it first.
      }
    }
  }
}
