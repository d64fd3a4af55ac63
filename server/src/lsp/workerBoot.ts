/**
 * dist/worker.js: the diagnostics worker thread (see diagnosticsWorker.ts). The rules are whole-document functions:
 * on a 5 MB Dockerfile one run takes seconds and single rules take hundreds of milliseconds, so no slicing between
 * them could keep the server answering other documents; such documents are checked here, and the LSP thread
 * publishes what comes back if the document has not moved on meanwhile.
 *
 * It loads only the service, through the same code cache as the main thread (V8's flags are per process, so the
 * main thread's cache of dist/service.js fits here too): it neither needs vscode-languageserver nor should pay its
 * memory. The last parse per document is kept so that chunk reuse still works across versions.
 */
import * as path from 'path';
import { parentPort } from 'worker_threads';
import { loadCached } from './runtime/codeCache';
import { contextFileReader, contextLister } from '../host/contextFiles';
import type * as Service from '../service/index';
import type { ParsedDocument } from '../service/index';
import type { FromWorker, ToWorker } from './workerProtocol';

/** Parses kept for chunk reuse: only the previous version, of the last few documents (a parse is ~50× its text). */
const KEPT_PARSES = 4;

const { createLanguageService, EngineImages } = loadCached(path.join(__dirname, 'service.js')) as typeof Service;
// The LSP thread forwards what the client's engine says; this thread keeps its own copy.
const engineImages = new EngineImages();
const port = parentPort;
// A rule that fails here is left out of the results and reported to the LSP thread, which logs it.
const service = createLanguageService({
  contextFileReader,
  contextLister,
  engineImages,
  onRuleError: (ruleId, e) => port?.postMessage({ type: 'ruleError', ruleId, error: String((e as Error)?.stack ?? e) } satisfies FromWorker),
});
const docs = new Map<string, ParsedDocument>();

port?.on('message', (m: ToWorker) => {
  if (m.type === 'close') docs.delete(m.uri);
  else if (m.type === 'baseImageConfig') engineImages.apply(m.params);
  else if (m.type === 'validate') {
    const started = performance.now();
    try {
      const doc = service.parse(m.uri, m.version, m.text, docs.get(m.uri));
      docs.delete(m.uri);
      docs.set(m.uri, doc);
      for (const uri of docs.keys()) if (docs.size > KEPT_PARSES) docs.delete(uri);
      const all = service.check(doc, m.rules);
      const reply: FromWorker = { type: 'diagnostics', uri: m.uri, version: m.version, list: service.mostImportant(all, m.max), total: all.length, ms: performance.now() - started };
      port.postMessage(reply);
    } catch (e) {
      docs.delete(m.uri);
      port.postMessage({ type: 'failed', uri: m.uri, version: m.version, error: String((e as Error).stack ?? e) } satisfies FromWorker);
    }
  }
});
