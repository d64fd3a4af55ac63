/**
 * What the server keeps per open document, in one record, dropped in one place when the document closes. The text
 * itself lives in vscode-languageserver's TextDocuments; this is everything derived from it.
 */
import type { GuideDiagnostic, ParsedDocument } from '../service/index';

/**
 * Parses kept for the most recently used documents. A parse costs ~50 times its text in memory (5 MB for a 90 KB
 * file); with dozens of long documents open the heap grew past 200 MB and the fuzzer measured major-GC pauses of
 * 100+ ms inside requests. An evicted document is parsed again when next used (without chunk reuse).
 */
const MAX_CACHED_PARSES = 16;

export interface DocumentRecord {
  /** The cached parse (one per version); may be evicted, see MAX_CACHED_PARSES. */
  parse?: ParsedDocument;
  /** A sliced parse under way, for its newest version. */
  slicedParse?: { version: number; done: Promise<void> };
  /** The pending diagnostics run: a debounce timer, or an immediate when no wait is needed. */
  timer?: NodeJS.Timeout | NodeJS.Immediate;
  /** The last published diagnostics. `deferred`: computed apart from requests (in slices or in the worker). */
  diagnostics?: { version: number; list: GuideDiagnostic[]; deferred?: boolean };
  /** How long the last full run of this document took, in ms (in one go or in the worker). */
  validationMs?: number;
  /** Set once a step of a sliced run was too long to wait for: the worker checks this document until it closes. */
  heavy?: boolean;
  /** The sliced diagnostics run under way. */
  slicedRun?: { version: number; generation: number };
  /** The version the worker is checking now (one run per document at a time). */
  inWorker?: number;
  /** The document changed (or settings did) while the worker ran: run again when it answers. */
  rerun?: boolean;
}

export class DocumentStore {
  private readonly records = new Map<string, DocumentRecord>();
  /** Documents with a cached parse, least recently used first. */
  private readonly parseOrder = new Set<string>();

  get(uri: string): DocumentRecord {
    let r = this.records.get(uri);
    if (!r) this.records.set(uri, (r = {}));
    return r;
  }

  peek(uri: string): DocumentRecord | undefined {
    return this.records.get(uri);
  }

  /** The cached parse of exactly this version, marked as just used; undefined when there is none. */
  parseOf(uri: string, version: number): ParsedDocument | undefined {
    const p = this.records.get(uri)?.parse;
    if (!p || p.version !== version) return undefined;
    this.parseOrder.delete(uri);
    this.parseOrder.add(uri);
    return p;
  }

  /** The cached parse of any version (for chunk reuse by the next one). */
  anyParse(uri: string): ParsedDocument | undefined {
    return this.records.get(uri)?.parse;
  }

  setParse(uri: string, doc: ParsedDocument): void {
    this.get(uri).parse = doc;
    this.parseOrder.delete(uri);
    this.parseOrder.add(uri);
    for (const old of this.parseOrder) {
      if (this.parseOrder.size <= MAX_CACHED_PARSES) break;
      this.parseOrder.delete(old);
      const r = this.records.get(old);
      if (r) r.parse = undefined;
    }
  }

  forEach(fn: (record: DocumentRecord, uri: string) => void): void {
    this.records.forEach(fn);
  }

  /** Forgets everything about a closed document. */
  drop(uri: string): void {
    const r = this.records.get(uri);
    if (r) cancelPending(r);
    this.records.delete(uri);
    this.parseOrder.delete(uri);
  }
}

/** Cancels the document's pending diagnostics run, whichever kind it is. */
export function cancelPending(record: DocumentRecord): void {
  const t = record.timer;
  if (!t) return;
  if ('refresh' in t) clearTimeout(t); // only a Timeout can be refreshed
  else clearImmediate(t as NodeJS.Immediate);
  record.timer = undefined;
}
