/**
 * A text with the ARG/ENV values the Dockerfile gives substituted (`wget $WP_URL` where `ENV WP_URL=https://…`), for
 * rules that judge what a command really fetches or touches. An ARG counts with its default: that is what the build
 * uses unless `--build-arg` says otherwise. A name without a known value stays as written.
 */
import type { ParsedDocument } from '../../service/document';

/** `$NAME`, `${NAME}`, `${NAME:-word}` / `${NAME-word}`; other `${…}` forms stay as written. */
const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** A value may refer to another variable (`ENV URL=https://x/v${VERSION}.tgz`); this many levels are followed. */
const DEPTH = 4;

/**
 * `text` as the instruction on `line` sees it. `skip(name)` keeps a name as written (a shell variable the RUN sets
 * itself shadows the ENV of the same name).
 */
export function substituteKnown(doc: ParsedDocument, text: string, line: number, skip: (name: string) => boolean = () => false, depth = 0): string {
  if (!text.includes('$')) return text;
  return text.replace(REF, (whole, braced: string | undefined, op: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    if (skip(name)) return whole;
    const known = doc.valueAt(name, line);
    const value = known?.value ?? null;
    if (value === null || (op === ':-' && value === '')) {
      // Unset (or, for `:-`, empty): the default word, when written; otherwise nothing is known.
      return op !== undefined ? substituteKnown(doc, fallback ?? '', line, skip, depth + 1) : whole;
    }
    // The definition's own references are read where it stands (an ENV's values see what came before it).
    return depth < DEPTH ? substituteKnown(doc, value, known!.def.instr.startLine, () => false, depth + 1) : value;
  });
}
