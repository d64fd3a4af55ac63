/**
 * Diagnostics of very large documents, computed off the LSP thread.
 *
 * The rules are whole-document functions: on a 5 MB Dockerfile one run takes seconds and single rules take
 * hundreds of milliseconds, so no slicing between them could keep the server answering other documents within
 * 50 ms. The server therefore sends documents above a size threshold here (a worker thread running this same
 * bundle) and publishes what comes back, if the document has not moved on meanwhile. The worker keeps the last
 * parse per document so that chunk reuse still works across versions.
 */
import type { MessagePort } from 'worker_threads';
import { applyEngineImageConfig } from './baseImages';
import { binaryNotice, looksBinary } from './binary';
import { contextFileReader } from './contextFiles';
import { computeDiagnostics } from './diagnostics';
import { ParsedDocument } from './document';
import type { GuideDiagnostic, SeveritySetting } from '../rules/types';

export type ToWorker =
  | { type: 'validate'; uri: string; version: number; text: string; rules: Record<string, SeveritySetting>; max: number }
  | { type: 'close'; uri: string }
  | { type: 'baseImageConfig'; params: unknown };

export type FromWorker =
  | { type: 'diagnostics'; uri: string; version: number; list: GuideDiagnostic[]; total: number; ms: number }
  | { type: 'failed'; uri: string; version: number; error: string };

/**
 * The `max` most important diagnostics (errors first, then by position). Copying tens of thousands of diagnostics
 * between threads and serialising them to the client blocks the LSP thread for most of a second (measured: 25,000
 * diagnostics of a 5 MB file cost ~0.5 s to clone and ~0.3 s to stringify), and no one reads past the first
 * thousand.
 */
export function mostImportant(list: GuideDiagnostic[], max: number): GuideDiagnostic[] {
  if (list.length <= max) return list;
  return [...list]
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .slice(0, max)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function serveDiagnostics(port: MessagePort): void {
  const docs = new Map<string, ParsedDocument>();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'close') docs.delete(m.uri);
    else if (m.type === 'baseImageConfig') applyEngineImageConfig(m.params);
    else if (m.type === 'validate') {
      const started = performance.now();
      try {
        const doc = new ParsedDocument(m.uri, m.version, m.text, docs.get(m.uri));
        // Only the previous version is kept, for chunk reuse, and only for the last few documents (memory: a parse
        // is ~50 times its text).
        docs.delete(m.uri);
        docs.set(m.uri, doc);
        for (const uri of docs.keys()) if (docs.size > 4) docs.delete(uri);
        const all = looksBinary(doc.text) ? [binaryNotice()] : computeDiagnostics(doc, { rules: m.rules, readContextFile: contextFileReader(m.uri) });
        const reply: FromWorker = { type: 'diagnostics', uri: m.uri, version: m.version, list: mostImportant(all, m.max), total: all.length, ms: performance.now() - started };
        port.postMessage(reply);
      } catch (e) {
        docs.delete(m.uri);
        port.postMessage({ type: 'failed', uri: m.uri, version: m.version, error: String((e as Error).stack ?? e) } satisfies FromWorker);
      }
    }
  });
}
