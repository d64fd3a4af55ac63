/**
 * One parse per document version, made when something first needs it and kept in the document store. Very long
 * documents are parsed in slices between requests instead of in one go.
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, ParsedDocument } from '../service/index';
import type { DocumentStore } from './documentStore';
import { parseInSlices } from './slices';

/**
 * Documents at least this long are parsed in slices, not in one go: the 10,000-line bench input (270 KB) takes
 * 170–210 ms to parse on a cold server. Below this a parse takes at most a few tens of milliseconds, and a request
 * waiting for it is answered sooner when it is done at once: the fuzzer measured up to twice the wait when a
 * request's own document was parsed in slices between other work.
 */
export const SLICED_PARSE = 128 * 1024;

export interface ParsesContext {
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  service(): LanguageService;
  logError(text: string): void;
}

export class Parses {
  constructor(private readonly ctx: ParsesContext) {}

  /** The parse of the document's current version, made now if needed; undefined for a document not open. */
  get(uri: string): ParsedDocument | undefined {
    const td = this.ctx.documents.get(uri);
    if (!td) return undefined;
    const cached = this.ctx.store.parseOf(uri, td.version);
    if (cached) return cached;
    const doc = this.ctx.service().parse(uri, td.version, td.getText(), this.ctx.store.anyParse(uri));
    this.ctx.store.setParse(uri, doc);
    return doc;
  }

  isParsedInSlices(uri: string): boolean {
    return (this.ctx.documents.get(uri)?.getText().length ?? 0) >= SLICED_PARSE;
  }

  /**
   * True when a request on this document would have to parse it first and it is that long. Such a request waits for
   * a sliced parse instead (inSlices), so that the requests of other documents are answered meanwhile.
   */
  needsSlicedParse(uri: string): boolean {
    const td = this.ctx.documents.get(uri);
    if (!td || td.getText().length < SLICED_PARSE) return false;
    return this.ctx.store.peek(uri)?.parse?.version !== td.version;
  }

  /** Parses the document in slices, once per version; resolves when its parse is in the store. */
  inSlices(uri: string): Promise<void> {
    const td = this.ctx.documents.get(uri);
    if (!td) return Promise.resolve();
    const record = this.ctx.store.get(uri);
    if (record.slicedParse && record.slicedParse.version === td.version) return record.slicedParse.done;
    const version = td.version;
    const stillWanted = () => this.ctx.documents.get(uri)?.version === version;
    const done = parseInSlices(this.ctx.service(), uri, version, td.getText(), this.ctx.store.anyParse(uri), stillWanted)
      .then((doc) => {
        if (doc && stillWanted()) this.ctx.store.setParse(uri, doc);
      })
      .catch((e) => this.ctx.logError(`parsing ${uri} failed: ${(e as Error).stack ?? e}`))
      .finally(() => {
        const r = this.ctx.store.peek(uri);
        if (r?.slicedParse?.version === version) r.slicedParse = undefined;
      });
    record.slicedParse = { version, done };
    return done;
  }
}
