/**
 * Parses a very long document in slices, giving the event loop a turn between them.
 *
 * A 5 MB Dockerfile takes a few hundred milliseconds to parse and build; done in one go on the server's thread,
 * every request of every other document waits for it. This walks the same chunks as ParsedDocument (chunks.ts) and
 * builds the same model (ParsedDocument.buildSteps), in slices (slices.ts), so that other requests are answered in
 * between.
 */
import { chunkWalk, splitLinesKeepEnds } from './chunks';
import { ChunkReuse, ParsedDocument, readEscape } from './document';
import { runInSlices } from './slices';

/**
 * Resolves to the parsed document, or to undefined as soon as `stillWanted()` turns false (the document changed
 * or closed meanwhile: its newer version starts its own run).
 */
export async function parseInSlices(
  uri: string,
  version: number,
  text: string,
  previous: ChunkReuse | undefined,
  stillWanted: () => boolean,
): Promise<ParsedDocument | undefined> {
  const outcome = await runInSlices(parseSteps(uri, version, text, previous), { stillWanted });
  return outcome.done ? outcome.value : undefined;
}

function* parseSteps(uri: string, version: number, text: string, previous: ChunkReuse | undefined): Generator<void, ParsedDocument> {
  const lines = splitLinesKeepEnds(text);
  const escapeChar = readEscape(lines);
  // The first pause comes before any chunk is parsed: splitting the lines is already one slice's worth on 5 MB.
  yield;
  const { placed, byKey } = yield* chunkWalk(lines, escapeChar, previous && previous.escapeChar === escapeChar ? previous.chunkCache : undefined);
  const doc = new ParsedDocument(uri, version, text, undefined, { lines, escapeChar, placed, byKey });
  yield* doc.buildSteps();
  return doc;
}
