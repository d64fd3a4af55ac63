/**
 * The LSP thread's side of the diagnostics worker thread (workerBoot.ts): started on first use, restarted after it
 * dies, one run per document at a time.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { sizeHeapForAnEditor } from './runtime/heap';
import type { FromWorker, ToWorker } from './workerProtocol';

/** The worker's young generation (3 MiB = two 1 MiB semi-spaces and their overhead, as heap.ts gives this thread). */
const WORKER_YOUNG_GENERATION_MB = 3;

/**
 * The worker's entry (server/src/lsp/workerBoot.ts, built next to this file: see esbuild.mjs). It runs only the
 * service, not the LSP connection.
 */
const WORKER_ENTRY = path.join(__dirname, 'worker.js');

export class DiagnosticsWorker {
  private worker: Worker | undefined;

  constructor(
    private readonly onResult: (m: FromWorker) => void,
    /** Called when the thread exits: the runs it had are lost. */
    private readonly onExit: () => void,
    private readonly logError: (text: string) => void,
  ) {}

  /** False when no worker thread could be started. */
  send(m: ToWorker): boolean {
    const w = this.start();
    w?.postMessage(m);
    return !!w;
  }

  /** Sends only to a worker already running (a close or new settings need not start one). */
  tell(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      // A worker's young generation starts at its full size (Node sizes it from resourceLimits, not from the flags
      // heap.ts sets): 32 MiB of mostly empty semi-spaces unless it is capped here.
      const w = new Worker(WORKER_ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      w.unref();
      w.on('message', (m: FromWorker) => this.onResult(m));
      // V8 resets the semi-space growth factor to its minimum of 2 whenever it sets up a new isolate's heap, for
      // every thread: without this the main thread's young generation grows to 32 MiB again (see heap.ts).
      w.on('online', () => sizeHeapForAnEditor());
      w.on('error', (e) => this.logError(`diagnostics worker failed: ${e.stack ?? e}`));
      w.on('exit', () => {
        if (this.worker === w) this.worker = undefined;
        this.onExit();
      });
      this.worker = w;
    } catch (e) {
      this.logError(`cannot start the diagnostics worker: ${(e as Error).stack ?? e}`);
    }
    return this.worker;
  }
}
