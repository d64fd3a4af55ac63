/**
 * Inline suppression, in the forms users already write:
 *   `# check=skip=Rule1,Rule2` (BuildKit's parser directive, whole file; `skip=all` too),
 *   `# hadolint global ignore=DL3008` (hadolint, whole file),
 *   `# hadolint ignore=DL3008,DL3015` and our `# dockerfile-guide ignore=ID` (the next instruction).
 * A per-instruction comment applies to the first instruction below it; other comment lines may sit in between (a
 * description plus an ignore line), a blank line or an instruction may not. Read once per document version.
 * Our own comment is also written here (ignoreEdit, for the "ignore this rule here" quick fix), so its syntax has
 * one owner.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../service/document';

export interface Suppressions {
  skipAll: boolean;
  /** Rule ids skipped for the whole file. */
  file: Set<string>;
  /** First line of an instruction → rule ids ignored there. */
  byInstruction: Map<number, Set<string>>;
}

/** Our per-instruction comment: `# dockerfile-guide ignore=ID[,ID…]`. */
const OURS = 'dockerfile-guide';
/** A per-instruction comment's text after `#`: ours or hadolint's. */
const NEXT = new RegExp(`^(?:hadolint|${OURS})\\s+ignore\\s*=\\s*([A-Za-z0-9_,\\s-]+)$`, 'i');
/** A whole line holding our comment (the id list may be empty while it is being written): what ignoreEdit extends. */
const OUR_LINE = new RegExp(`^(\\s*#\\s*${OURS}\\s+ignore\\s*=\\s*)([A-Za-z0-9_,\\s-]*?)\\s*$`, 'i');
const GLOBAL = /^hadolint\s+global\s+ignore\s*=\s*([A-Za-z0-9_,\s-]+)$/i;

function ids(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The instruction a comment line belongs to as a suppression: the next one, with only comment lines in between. */
function instructionBelow(doc: ParsedDocument, line: number, commentLines: Set<number>): Instr | undefined {
  const list = doc.instructions;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].startLine > line) hi = mid;
    else lo = mid + 1;
  }
  const ins = list[lo];
  if (!ins) return undefined;
  for (let l = line + 1; l < ins.startLine; l++) if (!commentLines.has(l)) return undefined;
  return ins;
}

/**
 * doc.comments plus the comment lines at the very top of the file: dockerfile-ast reads those as candidate parser
 * directives and leaves them out of its comments even when they are not directives (`# hadolint global ignore=…`).
 */
function withLeadingComments(doc: ParsedDocument): { line: number; content: string }[] {
  const known = new Set(doc.comments.map((c) => c.line));
  const lead: { line: number; content: string }[] = [];
  for (let l = 0; l < doc.lineCount; l++) {
    const m = /^\uFEFF?\s*#\s?(.*)$/.exec(doc.lineText(l));
    if (!m) break;
    if (!known.has(l)) lead.push({ line: l, content: m[1].trim() });
  }
  return lead.length ? [...lead, ...doc.comments] : doc.comments;
}

const memo = new WeakMap<ParsedDocument, Suppressions>();

export function readSuppressions(doc: ParsedDocument): Suppressions {
  const hit = memo.get(doc);
  if (hit) return hit;
  const s: Suppressions = { skipAll: false, file: new Set(), byInstruction: new Map() };
  for (const d of doc.directives) {
    if (d.name.toLowerCase() !== 'check') continue;
    for (const part of d.value.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'skip') continue;
      for (const id of ids(part.slice(eq + 1))) {
        if (id.toLowerCase() === 'all') s.skipAll = true;
        else s.file.add(id);
      }
    }
  }
  const comments = withLeadingComments(doc);
  const commentLines = new Set(comments.map((c) => c.line));
  for (const c of comments) {
    const g = GLOBAL.exec(c.content);
    if (g) {
      for (const id of ids(g[1])) s.file.add(id);
      continue;
    }
    const m = NEXT.exec(c.content);
    if (!m) continue;
    // A comment inside a continued instruction is not a suppression comment for the next one.
    const around = doc.instructionAtLine(c.line);
    if (around && around.startLine < c.line) continue;
    const ins = instructionBelow(doc, c.line, commentLines);
    if (!ins) continue;
    let set = s.byInstruction.get(ins.startLine);
    if (!set) s.byInstruction.set(ins.startLine, (set = new Set()));
    for (const id of ids(m[1])) set.add(id);
  }
  memo.set(doc, s);
  return s;
}

/** Whether a rule is skipped for the whole file. */
export function skippedForFile(s: Suppressions, ruleId: string): boolean {
  return s.skipAll || s.file.has(ruleId);
}

/** Whether a finding of the rule at the range is suppressed by an ignore comment above its instruction. */
export function suppressedAt(s: Suppressions, doc: ParsedDocument, ruleId: string, range: Range): boolean {
  if (s.byInstruction.size === 0) return false;
  const ins = doc.instructionAtLine(range.start.line);
  if (!ins) return false;
  return s.byInstruction.get(ins.startLine)?.has(ruleId) ?? false;
}

/**
 * The edit that makes our suppression comment cover `ruleId` (one id, or several in one comment) on the instruction
 * at `atLine`; null if none there or the comment already names them all.
 */
export function ignoreEdit(doc: ParsedDocument, atLine: number, ruleId: string | readonly string[]): TextEdit | null {
  const ids = [...new Set(typeof ruleId === 'string' ? [ruleId] : ruleId)];
  const ins = doc.instructionAtLine(atLine);
  if (!ins) return null;
  const first = ins.startLine;
  const above = first > 0 ? doc.lineText(first - 1) : '';
  const m = OUR_LINE.exec(above);
  if (m) {
    const list = m[2].split(',').map((s) => s.trim()).filter(Boolean);
    const missing = ids.filter((id) => !list.includes(id));
    if (missing.length === 0) return null;
    const text = m[1] + [...list, ...missing].join(',');
    return { range: { start: { line: first - 1, character: 0 }, end: { line: first - 1, character: above.length } }, newText: text };
  }
  const indent = /^[ \t]*/.exec(doc.lineText(first))![0];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } }, newText: `${indent}# ${OURS} ignore=${ids.join(',')}${eol}` };
}
