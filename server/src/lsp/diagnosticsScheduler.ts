/**
 * When and where each document's diagnostics are computed, once per version, and published only for the version
 * they were computed for. Three places, chosen per document (diagnosticsMode):
 * - `now`: in one go, right after the change (short documents: nearly all real ones);
 * - `slices`: on this thread, between requests (long documents, and short ones whose last run was slow);
 * - `worker`: in the worker thread (big documents, and documents with a step too long to wait for).
 * Every threshold is here, with the measurement behind it.
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GuideDiagnostic, LanguageService, RuleSettings } from '../service/index';
import { cancelPending, type DocumentStore } from './documentStore';
import { DiagnosticsWorker } from './diagnosticsWorker';
import type { Parses } from './parses';
import { settleHeapOnce } from './runtime/memory';
import { diagnoseInSlices } from './slices';
import type { FromWorker } from './workerProtocol';

/**
 * Documents at least this long (characters) are checked in slices between requests. The rules run over the whole
 * document on every version; the fuzzer found 60–100 KB files (long repeats) whose run in one go took 250–1,000 ms,
 * during which every request of every document waited, and 35–45 KB files whose first run on open delayed the first
 * request past 200 ms. Nearly every real Dockerfile is below this and keeps its immediate diagnostics.
 */
const LONG_DOCUMENT = 16 * 1024;
/** A document whose last run in one go took longer than this is checked in slices too, whatever its size. */
const SLOW_VALIDATION_MS = 40;
/**
 * A sliced run with a single step longer than this (one rule over a pathological document) stops, and that
 * document's diagnostics come from the worker thread from then on (as they do at once for a document with a chunk
 * of LONG_DOCUMENT or more): slicing cannot shorten the wait such a step causes. The longest step on the
 * 10,000-line bench input is 30–40 ms, on the first run only (UndefinedVar filling its per-instruction caches while
 * the code is still cold); later runs reuse those caches. The bound leaves room for a machine busy with other work,
 * where a step takes twice as long.
 */
const HEAVY_STEP_MS = 100;
/**
 * Documents at least this long get their diagnostics from the worker thread: on 5 MB, single rules take hundreds
 * of milliseconds. They are also not parsed on open, only when a request needs them (see the adapter's didOpen).
 */
export const BIG_DOCUMENT = 512 * 1024;
/**
 * At most this many diagnostics per document are published (errors first): cloning and serialising tens of
 * thousands blocks the thread for most of a second, and no one reads past the first thousand.
 */
const MAX_PUBLISHED = 1000;
/**
 * A run in one go cheaper than this follows the keystroke at once (the chunk cache makes most runs cheap); a dearer
 * one waits about as long as it takes, up to DEBOUNCE_MAX_MS, so that a burst of keystrokes costs one run instead
 * of many. The cost is the document's own last run: one document's cost never sets another's wait.
 */
const DEBOUNCE_FROM_MS = 25;
const DEBOUNCE_MAX_MS = 150;

export type DiagnosticsMode = 'now' | 'slices' | 'worker';

export interface SchedulerContext {
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  parses: Parses;
  service(): LanguageService;
  rules(): RuleSettings;
  publish(uri: string, version: number, list: GuideDiagnostic[]): void;
  logError(text: string): void;
  logInfo(text: string): void;
}

export class DiagnosticsScheduler {
  /** Bumped when settings or base-image data change: a sliced run under way for older settings stops. */
  private generation = 0;
  private readonly worker: DiagnosticsWorker;

  constructor(private readonly ctx: SchedulerContext) {
    this.worker = new DiagnosticsWorker(
      (m) => this.onWorkerResult(m),
      () => this.ctx.store.forEach((r) => (r.inWorker = undefined)),
      ctx.logError,
    );
  }

  mode(uri: string): DiagnosticsMode {
    const length = this.ctx.documents.get(uri)?.getText().length ?? 0;
    const record = this.ctx.store.peek(uri);
    if (length >= BIG_DOCUMENT || record?.heavy) return 'worker';
    if (length >= LONG_DOCUMENT || (record?.validationMs ?? 0) > SLOW_VALIDATION_MS) return 'slices';
    return 'now';
  }

  /** The diagnostics of the current version when they were computed apart from requests; null otherwise. */
  deferredDiagnostics(uri: string, version: number): GuideDiagnostic[] | null {
    const last = this.ctx.store.peek(uri)?.diagnostics;
    return last && last.version === version && last.deferred ? last.list : null;
  }

  /** After a change: run soon, debounced by what this document's runs cost. */
  schedule(uri: string): void {
    const record = this.ctx.store.get(uri);
    cancelPending(record);
    const run = () => {
      record.timer = undefined;
      this.validate(uri);
    };
    // Apart from requests a run costs them (almost) nothing, and keystrokes during a run already coalesce into one
    // run of the newest version, so a debounce there would only add its wait to every result.
    const cost = record.validationMs ?? 0;
    if (this.mode(uri) !== 'now' || cost < DEBOUNCE_FROM_MS) {
      // Right after the change events already read have been handled; a timer of 0 would wait a whole millisecond.
      record.timer = setImmediate(run);
      return;
    }
    record.timer = setTimeout(run, Math.min(DEBOUNCE_MAX_MS, Math.round(cost)));
  }

  /** Settings or base-image data changed: every open document again. */
  revalidateAll(): void {
    this.generation++;
    for (const td of this.ctx.documents.all()) {
      const record = this.ctx.store.get(td.uri);
      // A run already going in the worker used the old settings: it must be followed by a fresh one.
      if (record.inWorker !== undefined) record.rerun = true;
      this.schedule(td.uri);
    }
  }

  /** What the client's engine said about a base image reaches the worker's service too. */
  tellWorker(params: unknown): void {
    this.worker.tell({ type: 'baseImageConfig', params });
  }

  closed(uri: string): void {
    this.worker.tell({ type: 'close', uri });
  }

  validate(uri: string): void {
    const mode = this.mode(uri);
    if (mode === 'worker') return this.inWorker(uri);
    if (mode === 'slices') return void this.inSlices(uri);
    const doc = this.ctx.parses.get(uri);
    if (!doc) return;
    const started = performance.now();
    let list: GuideDiagnostic[];
    try {
      list = this.ctx.service().check(doc, this.ctx.rules());
    } catch (e) {
      this.ctx.logError(`diagnostics failed for ${uri}: ${(e as Error).stack ?? e}`);
      list = [];
    }
    const record = this.ctx.store.peek(uri);
    if (!record) return; // closed meanwhile
    record.validationMs = performance.now() - started;
    // Never diagnostics for a stale version.
    if (this.ctx.documents.get(uri)?.version !== doc.version) return;
    record.diagnostics = { version: doc.version, list };
    this.ctx.publish(uri, doc.version, this.ctx.service().mostImportant(list, MAX_PUBLISHED));
  }

  // -------------------------------------------------------------------------------- long documents, in slices

  private async inSlices(uri: string): Promise<void> {
    const td = this.ctx.documents.get(uri);
    if (!td) return;
    const record = this.ctx.store.get(uri);
    // didOpen and the change event of the same open both ask; a run of the same version and settings is not repeated.
    if (record.slicedRun && record.slicedRun.version === td.version && record.slicedRun.generation === this.generation) return;
    const run = { version: td.version, generation: this.generation };
    record.slicedRun = run;
    const stillWanted = () => this.ctx.store.peek(uri)?.slicedRun === run && this.ctx.documents.get(uri)?.version === run.version;
    try {
      if (this.ctx.parses.needsSlicedParse(uri)) await this.ctx.parses.inSlices(uri);
      if (!stillWanted()) return;
      const doc = this.ctx.parses.get(uri);
      if (!doc) return;
      // The steps are per chunk, per RUN and per rule: a chunk that could not be cut (one instruction of thousands of
      // lines, as the fuzzer writes them) makes every step about as long as checking a whole long document in one go.
      const largest = doc.placed.reduce((m, pc) => Math.max(m, pc.chunk.parsedText.length), 0);
      if (largest >= LONG_DOCUMENT) return this.toWorkerForGood(uri, `a single instruction block of ${Math.round(largest / 1024)} KB`);
      const outcome = await diagnoseInSlices(this.ctx.service(), doc, this.ctx.rules(), stillWanted, HEAVY_STEP_MS);
      if (outcome.done) {
        // What the run cost without its pauses: a short document sent here by one slow run (the first one, on code
        // not yet optimised, takes 40-60 ms) comes back to `now` as soon as a run is cheap again.
        const record = this.ctx.store.peek(uri);
        if (record) record.validationMs = outcome.workMs;
        if (this.ctx.documents.get(uri)?.version !== doc.version) return;
        this.ctx.store.get(uri).diagnostics = { version: doc.version, list: outcome.value, deferred: true };
        this.ctx.publish(uri, doc.version, this.ctx.service().mostImportant(outcome.value, MAX_PUBLISHED));
        settleHeapOnce();
      } else if (outcome.reason === 'heavy') {
        this.toWorkerForGood(uri, `one step took ${Math.round(outcome.longestStepMs)} ms`);
      }
    } catch (e) {
      this.ctx.logError(`diagnostics failed for ${uri}: ${(e as Error).stack ?? e}`);
    } finally {
      const r = this.ctx.store.peek(uri);
      if (r?.slicedRun === run) r.slicedRun = undefined;
    }
  }

  /** From now until it closes, the document's diagnostics come from the worker (said in the log, with why). */
  private toWorkerForGood(uri: string, why: string): void {
    if (!this.ctx.documents.get(uri)) return;
    this.ctx.store.get(uri).heavy = true;
    this.ctx.logInfo(`diagnostics of ${uri} move to the worker thread: ${why}`);
    this.inWorker(uri);
  }

  // -------------------------------------------------------------------------------- big documents, in the worker

  private inWorker(uri: string): void {
    const td = this.ctx.documents.get(uri);
    if (!td) return;
    const record = this.ctx.store.get(uri);
    if (record.inWorker !== undefined) {
      // didOpen and the change event of the same open both ask; a run of the same version is not repeated.
      if (record.inWorker !== td.version) record.rerun = true;
      return;
    }
    record.inWorker = td.version;
    const sent = this.worker.send({ type: 'validate', uri, version: td.version, text: td.getText(), rules: this.ctx.rules(), max: MAX_PUBLISHED });
    if (!sent) record.inWorker = undefined;
  }

  private onWorkerResult(m: FromWorker): void {
    if (m.type === 'ruleError') return this.ctx.logError(`rule ${m.ruleId} failed: ${m.error}`);
    const record = this.ctx.store.peek(m.uri);
    const current = this.ctx.documents.get(m.uri)?.version;
    if (!record || current === undefined) return; // closed meanwhile
    record.inWorker = undefined;
    if (m.type === 'failed') this.ctx.logError(`diagnostics failed for ${m.uri}: ${m.error}`);
    else {
      record.validationMs = m.ms;
      // Never publish for a version the document has moved past.
      if (current === m.version) {
        record.diagnostics = { version: m.version, list: m.list, deferred: true };
        this.ctx.publish(m.uri, m.version, m.list);
      }
    }
    if (record.rerun) {
      record.rerun = false;
      this.validate(m.uri);
    }
  }
}
