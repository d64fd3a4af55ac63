/**
 * A parse that can pause: it walks the same chunks as ParsedDocument (chunks.ts) and builds the same model
 * (ParsedDocument.buildSteps), yielding between them, so that the LSP adapter can parse a very long document in
 * slices between requests (server/src/lsp/slices.ts).
 */
import { chunkWalk, splitLinesKeepEnds } from './chunks';
import { ChunkReuse, ParsedDocument, readEscape } from './document';

/** The parse as steps: the same chunks and model as `new ParsedDocument(…)`, with pause points between them. */
export function* parseSteps(uri: string, version: number, text: string, previous: ChunkReuse | undefined): Generator<void, ParsedDocument> {
  const lines = splitLinesKeepEnds(text);
  const escapeChar = readEscape(lines);
  // The first pause comes before any chunk is parsed: splitting the lines is already one slice's worth on 5 MB.
  yield;
  const { placed, byKey } = yield* chunkWalk(lines, escapeChar, previous && previous.escapeChar === escapeChar ? previous.chunkCache : undefined);
  const doc = new ParsedDocument(uri, version, text, undefined, { lines, escapeChar, placed, byKey });
  yield* doc.buildSteps();
  return doc;
}
