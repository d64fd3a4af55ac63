/**
 * Splitting a Dockerfile into independently parsed chunks.
 *
 * Parsing a 10,000-line Dockerfile with dockerfile-ast takes ~65 ms, too slow to redo on every keystroke.
 * A Dockerfile is a flat list of instructions, so we cut the text at instruction starts (every FROM, and
 * inside stages every 16 lines in short documents, every few hundred in long ones), parse each chunk on its own and keep the parse keyed
 * by the chunk's text. An edit then re-parses only the chunk it touched; the others are reused as they are,
 * whatever line they moved to, because all positions inside a chunk are relative to its first line.
 *
 * The cut points come from a quick line scanner. It only has to be right in one direction: when it is
 * unsure (an open heredoc, a continuation) it does not cut. Each parsed chunk is then verified: if its last
 * instruction ran to the end of the chunk's text (an unterminated heredoc or continuation that the real
 * parser would have carried into the next chunk), the two chunks are merged and parsed again.
 */
import { Dockerfile, DockerfileParser } from 'dockerfile-ast';
import './astMemo';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { drain } from './steps';

/** Chunks longer than this (in lines) are cut at the next instruction start even inside a stage. */
export const MAX_CHUNK_LINES = 240;
/**
 * In documents shorter than SHORT_DOCUMENT_LINES, chunks are cut every SHORT_CHUNK_LINES lines instead: typing
 * then re-parses, re-validates and re-runs the per-instruction rule work of a dozen lines, not of the whole stage.
 * Measured in-process on the bench inputs (an edit and its diagnostics): 30 lines 2.4 → 1.0 ms, 1,000 lines
 * 24 → 13 ms. Longer documents keep long chunks: every chunk carries its own parse prefix, text copy and caches, and
 * at 10,000 lines short chunks held ~2.6 MiB more heap for a gain of ~10 %.
 */
export const SHORT_CHUNK_LINES = 16;
export const SHORT_DOCUMENT_LINES = 2000;

/** The longest chunk a document of `lineCount` lines is cut into (see SHORT_CHUNK_LINES). */
export function chunkLinesFor(lineCount: number): number {
  return lineCount < SHORT_DOCUMENT_LINES ? SHORT_CHUNK_LINES : MAX_CHUNK_LINES;
}

export interface Chunk {
  /** Escape character + text: the cache key. */
  readonly key: string;
  /** Text handed to the parser: `prefix` + the document's lines of this chunk. */
  readonly parsedText: string;
  /** Lines added before the document text (a `# escape=` directive for chunks after the first). */
  readonly prefixLines: number;
  /** Number of document lines this chunk covers. */
  readonly lineCount: number;
  readonly ast: Dockerfile;
  /** The TextDocument the AST's positions refer to (needed by dockerfile-utils' validator). */
  readonly textDocument: TextDocument;
  /** Per-chunk results other modules attach (validator problems, rule results), keyed by module. */
  readonly memo: Map<string, unknown>;
}

/** A chunk placed at a line of one document version. */
export interface PlacedChunk {
  readonly chunk: Chunk;
  /** Document line of the chunk's first own line. */
  readonly startLine: number;
  /** Add to an AST line to get the document line. */
  readonly lineDelta: number;
}

const FROM_LINE = /^[ \t]*from(?:[ \t]|$)/i;
/** FROM_LINE for a line read with its terminator (the cut scan). */
const FROM_START = /^[ \t]*from(?:[ \t\r\n]|$)/i;
const HEREDOC_MARK = /<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/g;
const HEREDOC_KEYWORD = /^[ \t]*(?:run|copy|add|onbuild[ \t]+(?:run|copy|add))(?:[ \t\r\n]|$)/i;

/**
 * Splits text into lines keeping each line's terminator, so chunks concatenate back to the text. `\r\n`, `\n` and
 * a lone `\r` all end a line, as they do for LSP positions and for dockerfile-ast.
 */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  // Fast path: no carriage returns at all (most files).
  if (text.indexOf('\r') < 0) {
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        out.push(text.slice(start));
        return out;
      }
      out.push(text.slice(start, nl + 1));
      start = nl + 1;
    }
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      out.push(text.slice(start, end));
      start = end;
      i = end - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function stripEol(line: string): string {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return line.slice(0, end);
}

/**
 * True when the line (with or without its terminator) ends with the escape character, trailing blanks aside.
 * Read by character codes: the scan runs over every line on every edit, and a trimmed copy of each line was most
 * of what it allocated.
 */
function endsWithEscape(line: string, escapeChar: string): boolean {
  let end = line.length;
  for (;;) {
    if (end === 0) return false;
    const c = line.charCodeAt(end - 1);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
    end--;
  }
  return line.charCodeAt(end - 1) === escapeChar.charCodeAt(0);
}

/** True for a blank line or a comment line (terminator or not), without copying it. */
function blankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35 /* # */ || c === 10 || c === 13;
  }
  return true;
}

/**
 * Number of leading lines that are parser directives (`# name=value`), as dockerfile-ast reads them: they
 * must come first, one per line; a blank line, an ordinary comment or an instruction ends them.
 */
export function directiveLineCount(lines: string[]): number {
  let n = 0;
  for (const raw of lines) {
    const line = stripEol(n === 0 ? raw.replace(/^\uFEFF/, '') : raw);
    if (!/^[ \t]*#[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*=/.test(line)) break;
    n++;
  }
  return n;
}

/**
 * Returns the line indexes where a new chunk may start: lines that begin an instruction at top level
 * (not inside a continuation or a heredoc body). Cuts at every FROM and, in long stages, at the first
 * instruction start past chunkLinesFor(the document's length).
 */
export function findCutLines(lines: string[], escapeChar: string, firstLine: number): number[] {
  const scan = cutLineScan(lines, escapeChar, firstLine);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
  }
}

/** Lines findCutLines scans between two pauses of cutLineScan (a 5 MB file has ~150,000). */
const SCAN_STEP = 10_000;

/** findCutLines, pausing every SCAN_STEP lines (see chunkWalk). */
function* cutLineScan(lines: string[], escapeChar: string, firstLine: number): Generator<void, number[], void> {
  const cuts: number[] = [];
  let continuing = false;
  let heredocs: { name: string; tabs: boolean }[] = [];
  let lastCut = 0;
  const chunkLines = chunkLinesFor(lines.length);
  let inStage = false;
  for (let i = firstLine; i < lines.length; i++) {
    if ((i - firstLine) % SCAN_STEP === SCAN_STEP - 1) yield;
    // The raw line, terminator included: the tests below allow for it, so no line is copied unless it matters.
    const line = lines[i];
    if (heredocs.length > 0) {
      const h = heredocs[0];
      const bare = stripEol(line);
      const candidate = h.tabs ? bare.replace(/^\t+/, '') : bare;
      if (candidate === h.name) heredocs.shift();
      continue;
    }
    if (continuing) {
      // Blank and comment lines do not end a continuation (Docker skips them).
      if (blankOrComment(line)) continue;
      continuing = endsWithEscape(line, escapeChar);
      collectHeredocs(line, heredocs);
      continue;
    }
    if (blankOrComment(line)) continue;
    // A top-level instruction starts here.
    const isFrom = FROM_START.test(line);
    // Before the first FROM only a FROM cuts: the global ARGs there are what later chunks are parsed with.
    if (i > firstLine && (isFrom || (inStage && i - lastCut >= chunkLines))) {
      cuts.push(i);
      lastCut = i;
    }
    if (isFrom) inStage = true;
    continuing = endsWithEscape(line, escapeChar);
    if (HEREDOC_KEYWORD.test(line)) collectHeredocs(line, heredocs);
    else heredocs = [];
  }
  return cuts;

  function collectHeredocs(line: string, into: { name: string; tabs: boolean }[]): void {
    if (line.indexOf('<<') < 0) return;
    HEREDOC_MARK.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEREDOC_MARK.exec(line))) {
      // `<<<` is a shell here-string, not a heredoc.
      if (line[m.index + 2] === '<' || (m.index > 0 && line[m.index - 1] === '<')) continue;
      into.push({ name: m[3], tabs: m[1] === '-' });
    }
  }
}

/** Parses one chunk. dockerfile-ast never throws on text, but guard anyway: a failed parse must not lose the document. */
export function parseChunk(text: string, escapeChar: string, isFirst: boolean, globalArgs = ''): Chunk {
  // Later chunks get the document's escape directive, and a chunk cut inside a long stage gets a synthetic
  // `FROM scratch` so that dockerfile-ast sees its instructions inside a stage (its variable lookup recurses
  // forever on instructions that are neither before the first FROM nor inside a stage). Everything on the prefix
  // lines is dropped by the model.
  let prefix = '';
  if (!isFirst) {
    if (escapeChar === '`') prefix += '# escape=`\n';
    // FROM lines resolve variables against the ARGs before the first FROM, which live in the first chunk.
    prefix += globalArgs;
    if (!FROM_LINE.test(text.slice(0, text.indexOf('\n') + 1 || text.length))) prefix += 'FROM scratch\n';
  }
  const parsedText = prefix + text;
  let ast: Dockerfile;
  try {
    ast = DockerfileParser.parse(parsedText);
  } catch {
    ast = DockerfileParser.parse(prefix);
  }
  let lineCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineCount++;
  }
  if (text.length > 0 && !/[\r\n]$/.test(text)) lineCount++;
  return {
    key: chunkKey(text, escapeChar, isFirst, globalArgs),
    parsedText,
    prefixLines: prefix.split('\n').length - 1,
    lineCount,
    ast,
    textDocument: TextDocument.create('chunk:', 'dockerfile', 0, parsedText),
    memo: new Map(),
  };
}

function chunkKey(text: string, escapeChar: string, isFirst: boolean, globalArgs: string): string {
  return isFirst ? escapeChar + '1' + text : escapeChar + '0' + globalArgs.length + ':' + globalArgs + text;
}

/** The ARG instructions before the first FROM, as text to put in front of later chunks. */
function globalArgsText(first: Chunk): string {
  let out = '';
  for (const ins of first.ast.getInstructions()) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') break;
    if (kw !== 'ARG') continue;
    const r = ins.getRange();
    const doc = first.textDocument;
    out += doc.getText(r).replace(/\r?\n/g, ' ') + '\n';
  }
  return out;
}

/**
 * True when the chunk's last instruction ran into the end of its text, so that the real parser would have
 * continued it into the following lines (unterminated heredoc or continuation).
 */
export function runsOffEnd(chunk: Chunk): boolean {
  const instrs = chunk.ast.getInstructions();
  if (instrs.length === 0) return false;
  const last = instrs[instrs.length - 1];
  const end = last.getRange().end;
  const eof = chunk.textDocument.positionAt(chunk.parsedText.length);
  return end.line === eof.line && end.character === eof.character;
}

/**
 * Builds the chunk list for a document text, reusing parsed chunks from `previous` (keyed by text).
 * Returns the chunks placed at their document lines.
 */
export function chunkDocument(
  lines: string[],
  escapeChar: string,
  previous: Map<string, Chunk> | undefined,
): { placed: PlacedChunk[]; byKey: Map<string, Chunk> } {
  return drain(chunkWalk(lines, escapeChar, previous));
}

/**
 * chunkDocument, one parsed chunk at a time: the walk pauses after each chunk it had to parse (a reused one costs
 * nothing) and every SCAN_STEP lines of the scan for cut points before that, so that a caller can give the event
 * loop a turn in between (see slicedParse.ts).
 */
export function* chunkWalk(
  lines: string[],
  escapeChar: string,
  previous: Map<string, Chunk> | undefined,
): Generator<void, { placed: PlacedChunk[]; byKey: Map<string, Chunk> }, void> {
  const firstLine = directiveLineCount(lines);
  const cuts = yield* cutLineScan(lines, escapeChar, firstLine);
  const bounds = [0, ...cuts, lines.length];
  const byKey = new Map<string, Chunk>();
  const placed: PlacedChunk[] = [];
  let globalArgs = '';
  let b = 0;
  while (b < bounds.length - 1) {
    const start = bounds[b];
    let endIdx = b + 1;
    let chunk: Chunk;
    for (;;) {
      const end = bounds[endIdx];
      const text = lines.slice(start, end).join('');
      const isFirst = start === 0;
      const key = chunkKey(text, escapeChar, isFirst, globalArgs);
      const known = byKey.get(key) ?? previous?.get(key);
      chunk = known ?? parseChunk(text, escapeChar, isFirst, globalArgs);
      if (!known) yield;
      // Not the last chunk, and its last instruction would swallow the next lines: merge and retry.
      if (endIdx < bounds.length - 1 && runsOffEnd(chunk)) {
        endIdx++;
        continue;
      }
      break;
    }
    byKey.set(chunk.key, chunk);
    if (start === 0) globalArgs = globalArgsText(chunk);
    placed.push({ chunk, startLine: start, lineDelta: start - chunk.prefixLines });
    b = endIdx;
  }
  return { placed, byKey };
}
