/**
 * Parses a very long document in slices, giving the event loop a turn between them.
 *
 * A 5 MB Dockerfile takes a few hundred milliseconds to parse and build; done in one go on the server's thread,
 * every request of every other document waits for it. This walks the same chunks as ParsedDocument (chunks.ts) and
 * builds the same model (ParsedDocument.buildSteps), but stops after each slice of about SLICE_MS and resumes on
 * the next turn of the event loop, so that other requests are answered in between.
 */
import { chunkWalk, splitLinesKeepEnds } from './chunks';
import { ChunkReuse, ParsedDocument, readEscape } from './document';

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 8;

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
  const lines = splitLinesKeepEnds(text);
  const escapeChar = readEscape(lines);
  const walk = chunkWalk(lines, escapeChar, previous && previous.escapeChar === escapeChar ? previous.chunkCache : undefined);
  let sliceStart = performance.now();
  const pause = async (): Promise<boolean> => {
    if (performance.now() - sliceStart < SLICE_MS) return true;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    return stillWanted();
  };
  let walked = walk.next();
  while (!walked.done) {
    if (!(await pause())) return undefined;
    walked = walk.next();
  }
  const { placed, byKey } = walked.value;
  const doc = new ParsedDocument(uri, version, text, undefined, { lines, escapeChar, placed, byKey });
  const build = doc.buildSteps();
  while (!build.next().done) {
    if (!(await pause())) return undefined;
  }
  return doc;
}
