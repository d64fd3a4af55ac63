/**
 * Keeps each annotated instruction on its own line while the document is edited, and tells when its text no longer is
 * the text that was built (stale). Pure: the editor passes VS Code's content changes, which have this same shape.
 *
 * An anchor is the 0-based line where the instruction starts. A change wholly before that line start moves the anchor
 * by the lines it adds or removes; a change at or after it leaves the anchor where it is (an edit inside the
 * instruction is caught by comparing its text, not by moving it); a change that swallows the line start puts the
 * anchor where the text after the change now continues, and the text comparison then tells it is stale.
 */

export interface Pos {
  line: number;
  character: number;
}

export interface TextChange {
  range: { start: Pos; end: Pos };
  text: string;
}

const newlines = (s: string) => (s.match(/\n/g) ?? []).length;

/** Where the instruction that started at line `anchor` starts after `change`. */
export function moveAnchor(anchor: number, change: TextChange): number {
  const { start, end } = change.range;
  const added = newlines(change.text);
  if (end.line < anchor || (end.line === anchor && end.character === 0)) return anchor + added - (end.line - start.line);
  if (start.line >= anchor) return anchor;
  return start.line + added;
}

/** Applies the changes of one document event, in the order VS Code lists them (each relative to the result so far). */
export function moveAnchors(anchors: readonly number[], changes: readonly TextChange[]): number[] {
  return anchors.map((a) => changes.reduce((x, c) => moveAnchor(x, c), a));
}

const clean = (l: string) => l.replace(/\r$/, '');

/** Does the document (as lines) still hold exactly the built lines at `anchor`? */
export function matchesAt(docLines: readonly string[], anchor: number, built: readonly string[]): boolean {
  if (anchor < 0 || anchor + built.length > docLines.length) return false;
  return built.every((l, i) => clean(docLines[anchor + i]) === clean(l));
}

/**
 * Finds the instruction again in a document that was reopened (its edits discarded or made elsewhere): where the
 * anchor was, else where it was built, else the nearest place holding exactly its built lines. Null when it is nowhere:
 * then it stays at its last anchor and shows as stale.
 */
export function reanchor(docLines: readonly string[], current: number, builtAt: number, built: readonly string[]): number | null {
  if (matchesAt(docLines, current, built)) return current;
  if (matchesAt(docLines, builtAt, built)) return builtAt;
  let best: number | null = null;
  for (let i = 0; i + built.length <= docLines.length; i++) {
    if (matchesAt(docLines, i, built) && (best === null || Math.abs(i - builtAt) < Math.abs(best - builtAt))) best = i;
  }
  return best;
}
