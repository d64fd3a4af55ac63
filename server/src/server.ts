/**
 * The LSP adapter: connection, documents, capabilities and settings. Every feature is a pure function of the
 * cached ParsedDocument in service/; this file only routes requests and keeps the per-version cache.
 *
 * Runs standalone: `node dist/server.js --stdio` (or --node-ipc, as VS Code starts it).
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import {
  CancellationToken,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sizeHeapForAnEditor } from './heap';
import { line, Lang } from '../../common/src/i18n';
import { BASE_IMAGE_CONFIG_METHOD, BASE_IMAGES_REQUEST, EXPLAIN_REQUEST, type BaseImagesParams, type ExplainRequestParams } from '../../common/src/protocol';
import { DEFAULT_SETTINGS, GuideSettings, readSettings } from './service/settings';
import type * as Service from './service/index';
import type { GuideDiagnostic, ParsedDocument } from './service/index';
import type { FromWorker, ToWorker } from './service/diagnosticsWorker';

/**
 * Documents at least this long (characters) are checked in slices between requests (service/slicedDiagnostics.ts).
 * The rules run over the whole document on every version; the fuzzer found 60–100 KB files (long repeats) whose
 * run in one go took 250–1,000 ms, during which every request of every document waited, and 35–45 KB files whose
 * first run on open delayed the first request past 200 ms. Nearly every real Dockerfile is below this and keeps its
 * immediate diagnostics, computed in one go.
 */
const LONG_DOCUMENT = 16 * 1024;
/**
 * Documents at least this long are also parsed in slices (service/slicedParse.ts), not in one go: the 10,000-line
 * bench input (270 KB) takes 170–210 ms to parse on a cold server. Below this a parse takes at most a few tens of
 * milliseconds, and a request waiting for it is answered sooner when it is done at once: the fuzzer measured up to
 * twice the wait when a request's own document was parsed in slices between other work.
 */
const SLICED_PARSE = 128 * 1024;
/** A document whose last run in one go took longer than this is checked in slices too, whatever its size. */
const SLOW_VALIDATION_MS = 40;
/**
 * A sliced run with a single step longer than this (one rule over a pathological document) stops, and that
 * document's diagnostics come from the worker thread from then on (as they do at once for a document with a chunk
 * of LONG_DOCUMENT or more, see validateInSlices): slicing cannot shorten the wait such a step causes. The longest
 * step on the 10,000-line bench input is 30–40 ms, on the first run only (UndefinedVar filling its per-instruction
 * caches while the code is still cold); later runs reuse those caches. The bound leaves room for a machine busy
 * with other work, where a step takes twice as long.
 */
const HEAVY_STEP_MS = 100;
/**
 * Documents at least this long get their diagnostics from the worker thread (service/diagnosticsWorker.ts): on
 * 5 MB, single rules take hundreds of milliseconds. They are also not parsed on open, only when a request needs
 * them.
 */
const BIG_DOCUMENT = 512 * 1024;
/** The worker's young generation (3 MiB = two 1 MiB semi-spaces and their overhead, as heap.ts gives this thread). */
const WORKER_YOUNG_GENERATION_MB = 3;
/** Parses kept for the most recently used documents (getParsed). */
const MAX_CACHED_PARSES = 16;
/** At most this many diagnostics per document are published (errors first): see mostImportant(). */
const MAX_PUBLISHED = 1000;

/**
 * The diagnostics worker thread's entry (server/src/workerBoot.ts, built next to this file: see esbuild.mjs). It runs
 * only the service, not the LSP connection: it neither needs vscode-languageserver nor should pay its memory.
 */
const WORKER_ENTRY = path.join(__dirname, 'worker.js');

/**
 * The language service, loaded on first use (see service/index.ts). In the bundle this require is dist/service.js
 * loaded through the code cache (esbuild.mjs maps it; codeCache.ts).
 */
let service: typeof Service | undefined;
function svc(): typeof Service {
  if (!service) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    service = require('./service/index') as typeof Service;
    service.onRuleError((id, e) => ruleErrorLog?.(`rule ${id} failed: ${(e as Error)?.stack ?? e}`));
  }
  return service;
}

/** Set once the connection exists (the worker thread has none and keeps rule failures to itself). */
let ruleErrorLog: ((text: string) => void) | undefined;

/** The language server proper: the connection, the documents and every handler. */
function startLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  ruleErrorLog = (text) => connection.console.error(text);
  const documents = new TextDocuments(TextDocument);

  let locale: string | undefined;
  let settings: GuideSettings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;

  // ---------------------------------------------------------------- parse cache: one parse per document version

  const parsed = new Map<string, ParsedDocument>();

  function getParsed(uri: string): ParsedDocument | undefined {
    const td = documents.get(uri);
    if (!td) return undefined;
    const prev = parsed.get(uri);
    // Map order is recency order: touching a document moves it to the end (see evictParses).
    parsed.delete(uri);
    if (prev && prev.version === td.version) {
      parsed.set(uri, prev);
      return prev;
    }
    const doc = new (svc().ParsedDocument)(uri, td.version, td.getText(), prev);
    parsed.set(uri, doc);
    evictParses();
    return doc;
  }

  // ---------------------------------------------------------------- documents of SLICED_PARSE or more: parsed in slices

  /** Sliced parses under way: one per document, for its newest version. */
  const slicing = new Map<string, { version: number; done: Promise<void> }>();

  /**
   * True when a request on this document would have to parse it first and it is that long. Such a request waits for a
   * sliced parse instead (sliceParse), so that the requests of other documents are answered meanwhile.
   */
  function needsSlicedParse(uri: string): boolean {
    const td = documents.get(uri);
    if (!td || td.getText().length < SLICED_PARSE) return false;
    return parsed.get(uri)?.version !== td.version;
  }

  /** Parses the document in slices, once per version; resolves when its parse is in the cache. */
  function sliceParse(uri: string): Promise<void> {
    const td = documents.get(uri);
    if (!td) return Promise.resolve();
    const running = slicing.get(uri);
    if (running && running.version === td.version) return running.done;
    const version = td.version;
    const stillWanted = () => documents.get(uri)?.version === version;
    const done = svc()
      .parseInSlices(uri, version, td.getText(), parsed.get(uri), stillWanted)
      .then((doc) => {
        if (!doc || !stillWanted()) return;
        parsed.delete(uri);
        parsed.set(uri, doc);
        evictParses();
      })
      .catch((e) => connection.console.error(`parsing ${uri} failed: ${(e as Error).stack ?? e}`))
      .finally(() => {
        if (slicing.get(uri)?.version === version) slicing.delete(uri);
      });
    slicing.set(uri, { version, done });
    return done;
  }

  /**
   * Keeps the parses of the most recently used documents only. A parse costs ~50 times its text in memory (5 MB for
   * a 90 KB file); with dozens of long documents open the heap grew past 200 MB and the fuzzer measured major-GC
   * pauses of 100+ ms inside requests. An evicted document is parsed again when next used (without chunk reuse).
   */
  function evictParses(): void {
    for (const uri of parsed.keys()) {
      if (parsed.size <= MAX_CACHED_PARSES) break;
      parsed.delete(uri);
    }
  }

  // ---------------------------------------------------------------- diagnostics: once per version

  const timers = new Map<string, NodeJS.Timeout>();
  /** `deferred`: computed apart from requests (in slices or in the worker); hovers explain rules from this list. */
  const lastDiagnostics = new Map<string, { version: number; list: GuideDiagnostic[]; deferred?: boolean }>();
  let lastValidationMs = 0;

  function scheduleValidation(uri: string): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    if (diagnosticsMode(uri) !== 'now') {
      // Apart from requests a run costs them (almost) nothing, and keystrokes during a run already coalesce into one
      // run of the newest version, so a debounce here would only add its wait to every result.
      timers.set(uri, setTimeout(() => (timers.delete(uri), validate(uri)), 0));
      return;
    }
    // Debounce while typing, scaled to what validation costs: when a run is cheap (the chunk cache makes most runs
    // cheap) diagnostics follow the keystroke at once; when it is expensive, wait about as long as one run takes so
    // that a burst of keystrokes costs one run instead of many.
    const delay = lastValidationMs < 25 ? 0 : Math.min(150, Math.round(lastValidationMs));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri);
      }, delay),
    );
  }

  /** How long the last run in one go of each document took, in ms. */
  const validationCost = new Map<string, number>();
  /** Documents that cannot be checked in short slices (see validateInSlices): the worker checks them until they close. */
  const heavy = new Set<string>();

  /**
   * Where a document's diagnostics are computed:
   * - `now`: in one go, right after the change (short documents: nearly all real ones);
   * - `slices`: on this thread, between requests (long documents, and short ones whose last run was slow);
   * - `worker`: in the worker thread (big documents, and documents with a step too long to wait for).
   */
  function diagnosticsMode(uri: string): 'now' | 'slices' | 'worker' {
    const length = documents.get(uri)?.getText().length ?? 0;
    if (length >= BIG_DOCUMENT || heavy.has(uri)) return 'worker';
    if (length >= LONG_DOCUMENT || (validationCost.get(uri) ?? 0) > SLOW_VALIDATION_MS) return 'slices';
    return 'now';
  }

  function isParsedInSlices(uri: string): boolean {
    return (documents.get(uri)?.getText().length ?? 0) >= SLICED_PARSE;
  }

  function validate(uri: string): void {
    const mode = diagnosticsMode(uri);
    if (mode === 'worker') return validateInWorker(uri);
    if (mode === 'slices') return void validateInSlices(uri);
    const doc = getParsed(uri);
    if (!doc) return;
    const started = performance.now();
    let list: GuideDiagnostic[];
    try {
      const s = svc();
      list = s.looksBinary(doc.text) ? [s.binaryNotice()] : s.computeDiagnostics(doc, ruleOptions(uri));
    } catch (e) {
      connection.console.error(`diagnostics failed for ${uri}: ${(e as Error).stack ?? e}`);
      list = [];
    }
    lastValidationMs = performance.now() - started;
    validationCost.set(uri, lastValidationMs);
    // Publish only if the document did not move on meanwhile (never diagnostics for a stale version).
    if (documents.get(uri)?.version !== doc.version) return;
    lastDiagnostics.set(uri, { version: doc.version, list });
    publish(uri, doc.version, svc().mostImportant(list, MAX_PUBLISHED));
  }

  function publish(uri: string, version: number, list: GuideDiagnostic[]): void {
    void connection.sendDiagnostics({ uri, version, diagnostics: list.map((d) => svc().toLspDiagnostic(d, (m) => line(m, settings.language))) });
  }

  // ---------------------------------------------------------------- diagnostics of long documents, in slices

  /** Bumped when settings or base-image data change: a sliced run under way for older settings stops. */
  let generation = 0;
  /** The sliced run under way per document. */
  const slicedRuns = new Map<string, { version: number; generation: number }>();

  /** From now until it closes, the document's diagnostics come from the worker (said in the log, with why). */
  function toWorkerForGood(uri: string, why: string): void {
    if (!documents.get(uri)) return;
    heavy.add(uri);
    connection.console.info(`diagnostics of ${uri} move to the worker thread: ${why}`);
    validateInWorker(uri);
  }

  async function validateInSlices(uri: string): Promise<void> {
    const td = documents.get(uri);
    if (!td) return;
    const going = slicedRuns.get(uri);
    // didOpen and the change event of the same open both ask; a run of the same version and settings is not repeated.
    if (going && going.version === td.version && going.generation === generation) return;
    const run = { version: td.version, generation };
    slicedRuns.set(uri, run);
    const stillWanted = () => slicedRuns.get(uri) === run && documents.get(uri)?.version === run.version;
    try {
      if (needsSlicedParse(uri)) await sliceParse(uri);
      if (!stillWanted()) return;
      const doc = getParsed(uri);
      if (!doc) return;
      // The steps are per chunk, per RUN and per rule: a chunk that could not be cut (one instruction of thousands of
      // lines, as the fuzzer writes them) makes every step about as long as checking a whole long document in one go.
      const largest = doc.placed.reduce((m, pc) => Math.max(m, pc.chunk.parsedText.length), 0);
      if (largest >= LONG_DOCUMENT) return toWorkerForGood(uri, `a single instruction block of ${Math.round(largest / 1024)} KB`);
      const outcome = await svc().diagnoseInSlices(doc, ruleOptions(uri), stillWanted, HEAVY_STEP_MS);
      if (outcome.done) {
        if (documents.get(uri)?.version !== doc.version) return;
        lastDiagnostics.set(uri, { version: doc.version, list: outcome.value, deferred: true });
        publish(uri, doc.version, svc().mostImportant(outcome.value, MAX_PUBLISHED));
        svc().settleHeapOnce();
      } else if (outcome.reason === 'heavy') {
        toWorkerForGood(uri, `one step took ${Math.round(outcome.longestStepMs)} ms`);
      }
    } catch (e) {
      connection.console.error(`diagnostics failed for ${uri}: ${(e as Error).stack ?? e}`);
    } finally {
      if (slicedRuns.get(uri) === run) slicedRuns.delete(uri);
    }
  }

  // ---------------------------------------------------------------- diagnostics of big documents, in a worker thread

  let worker: Worker | undefined;
  /** The version the worker is computing per document: one run per document at a time. */
  const inWorker = new Map<string, number>();
  /** Documents that changed (or need a rerun) while their run was going: the newer version supersedes it. */
  const rerun = new Set<string>();

  function diagnosticsWorker(): Worker | undefined {
    if (worker) return worker;
    try {
      // A worker's young generation starts at its full size (Node sizes it from resourceLimits, not from the flags
      // heap.ts sets): 32 MiB of mostly empty semi-spaces unless it is capped here.
      const w = new Worker(WORKER_ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      w.unref();
      w.on('message', (m: FromWorker) => onWorkerResult(m));
      // V8 resets the semi-space growth factor to its minimum of 2 whenever it sets up a new isolate's heap, for
      // every thread: without this the main thread's young generation grows to 32 MiB again (see heap.ts).
      w.on('online', () => sizeHeapForAnEditor());
      w.on('error', (e) => connection.console.error(`diagnostics worker failed: ${e.stack ?? e}`));
      w.on('exit', () => {
        if (worker === w) worker = undefined;
        inWorker.clear();
      });
      worker = w;
    } catch (e) {
      connection.console.error(`cannot start the diagnostics worker: ${(e as Error).stack ?? e}`);
    }
    return worker;
  }

  function toWorker(m: ToWorker): void {
    worker?.postMessage(m);
  }

  /** `force`: run again even for the version in the worker now (settings or base-image data changed). */
  function validateInWorker(uri: string, force = false): void {
    const td = documents.get(uri);
    if (!td) return;
    if (inWorker.has(uri)) {
      // didOpen and the change event of the same open both ask; a run of the same version is not repeated.
      if (force || inWorker.get(uri) !== td.version) rerun.add(uri);
      return;
    }
    const w = diagnosticsWorker();
    if (!w) return;
    inWorker.set(uri, td.version);
    toWorker({ type: 'validate', uri, version: td.version, text: td.getText(), rules: settings.rules, max: MAX_PUBLISHED });
  }

  function onWorkerResult(m: FromWorker): void {
    inWorker.delete(m.uri);
    const current = documents.get(m.uri)?.version;
    if (m.type === 'diagnostics' && current !== undefined) validationCost.set(m.uri, m.ms);
    if (m.type === 'failed') connection.console.error(`diagnostics failed for ${m.uri}: ${m.error}`);
    // Never publish for a version the document has moved past (or a closed document).
    else if (current === m.version) {
      lastDiagnostics.set(m.uri, { version: m.version, list: m.list, deferred: true });
      publish(m.uri, m.version, m.list);
    }
    if (rerun.delete(m.uri) && current !== undefined) validate(m.uri);
  }

  /** What the rules need besides the document: the user's overrides and the build context folder. */
  function ruleOptions(uri: string) {
    return { rules: settings.rules, readContextFile: svc().contextFileReader(uri) };
  }

  function revalidateAll(): void {
    generation++;
    for (const td of documents.all()) {
      // A run already going in the worker used the old settings: it must be followed by a fresh one.
      if (inWorker.has(td.uri)) rerun.add(td.uri);
      scheduleValidation(td.uri);
    }
  }

  // ---------------------------------------------------------------- lifecycle and settings

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
    locale = typeof init.locale === 'string' ? init.locale : params.locale;
    settings = readSettings(init, locale);
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        completionProvider: { triggerCharacters: ['-', '=', '$', '{', ',', ' ', '#'], resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        documentHighlightProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        signatureHelpProvider: { triggerCharacters: [' '] },
      },
      serverInfo: { name: 'dockerfile-guide', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    // Load the service now, off the initialize path, so the first didOpen does not pay for it.
    setImmediate(() => svc());
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileGuide' }).catch(() => undefined);
      void pullSettings();
    }
  });

  async function pullSettings(): Promise<void> {
    try {
      const [raw] = await connection.workspace.getConfiguration([{ section: 'dockerfileGuide' }]);
      if (raw && typeof raw === 'object') applySettings(readSettings(raw, locale, settings));
    } catch {
      // A client that advertises configuration but cannot answer keeps the initialization options.
    }
  }

  function applySettings(next: GuideSettings): void {
    const changed = JSON.stringify(next) !== JSON.stringify(settings);
    settings = next;
    if (changed) {
      revalidateAll();
      void connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
    }
  }

  connection.onDidChangeConfiguration((params) => {
    const raw = (params.settings as Record<string, unknown> | undefined)?.dockerfileGuide;
    if (raw && typeof raw === 'object') applySettings(readSettings(raw, locale, settings));
    else if (canPullConfiguration) void pullSettings();
  });

  // ---------------------------------------------------------------- documents

  documents.onDidOpen((e) => {
    // A document of SLICED_PARSE or more is parsed in slices, by its diagnostics run or by the first request that
    // needs it (see withDoc), not here in one go. A big one is parsed only when a request needs it: parsing
    // megabytes on this thread grows its heap, and the garbage collector's pauses on it delayed other documents'
    // requests by 150 ms while the worker checked the big one.
    if (!isParsedInSlices(e.document.uri)) getParsed(e.document.uri);
    validate(e.document.uri);
  });
  documents.onDidChangeContent((e) => scheduleValidation(e.document.uri));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    parsed.delete(e.document.uri);
    slicing.delete(e.document.uri);
    lastDiagnostics.delete(e.document.uri);
    rerun.delete(e.document.uri);
    validationCost.delete(e.document.uri);
    heavy.delete(e.document.uri);
    slicedRuns.delete(e.document.uri);
    toWorker({ type: 'close', uri: e.document.uri });
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    svc().collectAfterClose();
  });

  // ---------------------------------------------------------------- requests

  /**
   * Runs a handler on the current parse; a failure is logged and answered with `fallback`, never thrown at the client.
   * A request the client cancelled while it waited behind other work is answered RequestCancelled without running.
   */
  function withDoc<T>(token: CancellationToken, uri: string, fallback: T, fn: (doc: ParsedDocument, lang: Lang) => T): T | Promise<T> {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    if (needsSlicedParse(uri)) {
      const version = documents.get(uri)?.version;
      // The document changing meanwhile means another round, for its newer version. For the same version, a sliced
      // parse that failed is not retried in slices: getParsed parses in one go (and a failure there is answered).
      return sliceParse(uri).then(() =>
        documents.get(uri)?.version === version ? runOnParse(token, uri, fallback, fn) : withDoc(token, uri, fallback, fn),
      );
    }
    return runOnParse(token, uri, fallback, fn);
  }

  function runOnParse<T>(token: CancellationToken, uri: string, fallback: T, fn: (doc: ParsedDocument, lang: Lang) => T): T {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    try {
      const doc = getParsed(uri);
      return doc ? fn(doc, settings.language) : fallback;
    } catch (e) {
      connection.console.error(`request failed for ${uri}: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  }

  connection.onHover((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc, lang) =>
      svc().hover(doc, p.position, lang, {
        instructionAddon: (ins) => svc().explainHover(doc, ins, lang),
        // A long document's rules ran apart from requests (in slices or in the worker): explain from the diagnostics
        // they gave rather than run every rule here, inside the hover.
        diagnosticAddon: (pos) => {
          const last = lastDiagnostics.get(doc.uri);
          if (last && last.version === doc.version && last.deferred) return svc().ruleWhyFromDiagnostics(last.list, pos, lang);
          return diagnosticsMode(doc.uri) === 'now' ? svc().ruleWhyHover(doc, pos, lang, ruleOptions(p.textDocument.uri)) : null;
        },
      }),
    ),
  );
  connection.onCodeAction((p, token) =>
    withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().codeActions(doc, p.range, p.context.diagnostics, lang, ruleOptions(p.textDocument.uri))),
  );
  connection.onCodeLens((p, token) => withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().codeLenses(doc, lang, settings.codeLens.effectiveCommand)));
  // The explain command (client/src/commands/explain.ts) and the base image probe (client/src/explain/baseImageProbe.ts).
  connection.onRequest(EXPLAIN_REQUEST, (p: ExplainRequestParams, token: CancellationToken) => withDoc(token, p.uri, null, (doc, lang) => svc().explainRequest(doc, p, lang)));
  connection.onRequest(BASE_IMAGES_REQUEST, (p: BaseImagesParams, token: CancellationToken) => withDoc(token, p.uri, null, (doc) => svc().documentBaseImages(doc)));
  connection.onNotification(BASE_IMAGE_CONFIG_METHOD, (p: unknown) => {
    toWorker({ type: 'baseImageConfig', params: p });
    if (svc().applyEngineImageConfig(p)) {
      void connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
      revalidateAll();
    }
  });
  connection.onSignatureHelp((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc, lang) => (settings.signatureHelp.enabled ? svc().signatureHelp(doc, p.position, lang) : null)),
  );
  connection.onCompletion((p, token) => withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().completion(doc, p.position, lang)));
  connection.onDocumentSymbol((p, token) => withDoc(token, p.textDocument.uri, [], (doc) => svc().documentSymbols(doc)));
  connection.onFoldingRanges((p, token) => withDoc(token, p.textDocument.uri, [], (doc) => svc().foldingRanges(doc)));

  connection.onDefinition((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc) => {
      const ins = doc.instructionAtLine(p.position.line);
      if (!ins) return null;
      const target = ins.keyword === 'ONBUILD' ? ins.trigger() ?? ins : ins;
      const { stageRefAt, variableAt, definitionFor } = svc();
      const stage = stageRefAt(doc, target, p.position);
      if (stage) return { uri: doc.uri, range: stage.stage.nameRange ?? stage.stage.from.keywordRange };
      const v = variableAt(doc, target, p.position);
      const def = v?.def ?? (v ? definitionFor(doc, v.name, target) : undefined);
      return def ? { uri: doc.uri, range: def.nameRange } : null;
    }),
  );

  connection.onDocumentHighlight((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc) => {
      const vars = svc().variableGroupAt(doc, p.position);
      if (vars) return vars.map((o) => ({ range: o.range, kind: o.kind === 'definition' ? 3 : 2 }));
      const stages = svc().stageGroupAt(doc, p.position);
      if (stages) return stages.map((r) => ({ range: r.range, kind: r.isDefinition ? 3 : 2 }));
      return null;
    }),
  );

  connection.onReferences((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc) => {
      const vars = svc().variableGroupAt(doc, p.position);
      if (vars) return vars.filter((o) => p.context.includeDeclaration || o.kind === 'reference').map((o) => ({ uri: doc.uri, range: o.range }));
      const stages = svc().stageGroupAt(doc, p.position);
      if (stages) return stages.filter((r) => p.context.includeDeclaration || !r.isDefinition).map((r) => ({ uri: doc.uri, range: r.range }));
      return null;
    }),
  );

  connection.onPrepareRename((p, token) =>
    withDoc(token, p.textDocument.uri, null, (doc) => {
      const vars = svc().variableGroupAt(doc, p.position);
      const hit = vars?.find((o) => o.range.start.line === p.position.line && o.range.start.character <= p.position.character && p.position.character <= o.range.end.character);
      if (hit) return { range: hit.range, placeholder: hit.name };
      const stages = svc().stageGroupAt(doc, p.position);
      const s = stages?.find((r) => r.range.start.line === p.position.line && r.range.start.character <= p.position.character && p.position.character <= r.range.end.character);
      if (s) return { range: s.range, placeholder: doc.getText(s.range) };
      return null;
    }),
  );

  connection.onRenameRequest((p, token) =>
    withDoc<WorkspaceEdit | null>(token, p.textDocument.uri, null, (doc) => {
      const newName = p.newName.trim();
      const vars = svc().variableGroupAt(doc, p.position);
      if (vars) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) return null;
        return { changes: { [doc.uri]: vars.map((o) => TextEdit.replace(o.range, newName)) } };
      }
      const stages = svc().stageGroupAt(doc, p.position);
      if (stages) {
        if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(newName)) return null;
        return { changes: { [doc.uri]: stages.map((r) => TextEdit.replace(r.range, newName)) } };
      }
      return null;
    }),
  );

  connection.onDocumentFormatting((p, token) =>
    withDoc(token, p.textDocument.uri, [], (doc) => svc().formatDocument(doc, { ...p.options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions })),
  );
  connection.onDocumentRangeFormatting((p, token) =>
    withDoc(token, p.textDocument.uri, [], (doc) => svc().formatRange(doc, p.range, { ...p.options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions })),
  );

  // Never let an unexpected error take the server down: log it and keep serving.
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${String(e)}`));

  documents.listen(connection);
  connection.listen();
}



startLanguageServer();
