/**
 * The shell of a Dockerfile instruction: the text of a shell-form RUN/CMD/ENTRYPOINT (or `["sh", "-c", "…"]`, or a
 * `RUN <<EOF` body) parsed with document offsets, cached per dockerfile-ast instruction and shifted when the
 * instruction moves; and the document ranges of the words and commands found in it.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../document';
import { flatten } from './commands';
import { plainSource, type ShellSource, type Word } from './lexer';
import { basename, type Connector, parseShell, SHELLS, type SimpleCommand } from './parser';

export interface InstrShell {
  /** Parsed commands (top level; use flatten() for `sh -c` inner commands). */
  commands: SimpleCommand[];
  /** Every command, inner ones included, in order. */
  all: SimpleCommand[];
  /** The joined shell text (continuations removed); for heredoc scripts, the body. */
  source: ShellSource;
  /** From `RUN <<EOF` (the heredoc body is the script). */
  fromHeredoc: boolean;
}

/**
 * Per AST instruction (shared by every version that reuses its chunk): the shell as first parsed, with document
 * offsets for where the instruction then was (`parsedAt`), and the shifted copy for where it is now (`at`).
 */
const shellCache = new WeakMap<object, { parsedAt: number; parsed: InstrShell | null; at: number; value: InstrShell | null }>();

/**
 * The shell of a shell-form RUN/CMD/ENTRYPOINT (null in exec form, unless the exec form is `["sh", "-c", "…"]`,
 * which is parsed the same way). Offsets in the result are document offsets.
 */
export function instrShell(instr: Instr): InstrShell | null {
  const cached = shellCache.get(instr.ast);
  const at = instrBaseOffset(instr);
  if (cached && cached.at === at) return cached.value;
  if (!cached) {
    // Parsed with document offsets: only an instruction that later moves (an edit above it) pays for a shifted
    // copy. Parsing relative to the instruction and shifting every time doubled every word of every RUN.
    const parsed = buildInstrShell(instr);
    shellCache.set(instr.ast, { parsedAt: at, parsed, at, value: parsed });
    return parsed;
  }
  const value = cached.parsed === null ? null : at === cached.parsedAt ? cached.parsed : shiftShell(cached.parsed, at - cached.parsedAt);
  shellCache.set(instr.ast, { ...cached, at, value });
  return value;
}

function instrBaseOffset(instr: Instr): number {
  return instr.doc.offsetAt({ line: instr.startLine, character: 0 });
}

/** The shell of an instruction, with document offsets. */
function buildInstrShell(instr: Instr): InstrShell | null {
  const doc = instr.doc;
  const json = instr.jsonStrings();
  if (json) {
    // Exec form: only `["sh", "-c", "script"]` holds shell text.
    if (json.length >= 3 && SHELLS.has(basename(json[0].value)) && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(json[1].value)) {
      const s = json[2];
      let start = doc.offsetAt(s.range.start);
      let raw = doc.getText(s.range);
      if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
        raw = raw.slice(1, -1);
        start++;
      }
      // Map JSON string characters back: decode escapes one by one.
      const { text, map } = decodeJsonString(raw, start);
      const commands = parseShell({ text, map }, 1);
      return { commands, all: flatten(commands), source: { text, map }, fromHeredoc: false };
    }
    return null;
  }
  const heredocs = instr.heredocs();
  const firstArg = instr.firstArgumentStart();
  if (firstArg === null && heredocs.length === 0) return null;
  if (heredocs.length && instr.keyword === 'RUN') {
    // `RUN <<EOF` (or `RUN bash <<EOF`, `RUN sh -e <<EOF`): the body is the script; `RUN python3 <<EOF` is not.
    const h = heredocs[0];
    const lineText = doc.lineText(h.startRange.start.line);
    const before = lineText.slice(instr.keywordRange.end.character, h.startRange.start.character).replace(/--\S+/g, '').trim();
    const firstWord = basename(before.split(/\s+/)[0] ?? '');
    if ((before === '' || SHELLS.has(firstWord)) && h.contentRange) {
      const startOff = doc.offsetAt(h.contentRange.start);
      const text = doc.getText(h.contentRange);
      const src = plainSource(text, startOff);
      const commands = parseShell(src);
      return { commands, all: flatten(commands), source: src, fromHeredoc: true };
    }
    // Otherwise only the instruction line is shell.
    const start = doc.offsetAt({ line: h.startRange.start.line, character: instr.keywordRange.end.character });
    const end = doc.offsetAt({ line: h.startRange.start.line, character: lineText.length });
    const src = plainSource(doc.text.slice(start, end), start);
    const commands = parseShell(src);
    return { commands, all: flatten(commands), source: src, fromHeredoc: false };
  }
  // Shell form: from the first argument (flags skipped) to the instruction end, continuations and comment lines
  // inside them removed, as Docker joins them.
  const startOff = firstArg ? doc.offsetAt(firstArg) : doc.offsetAt(instr.keywordRange.end);
  const endOff = doc.offsetAt(instr.range.end);
  const src = joinContinuations(doc.text, startOff, endOff, doc.escapeChar);
  const commands = parseShell(src);
  return { commands, all: flatten(commands), source: src, fromHeredoc: false };
}

/** Removes `\`+newline (with trailing blanks, as BuildKit tolerates) and comment/empty lines inside continuations. */
function joinContinuations(text: string, start: number, end: number, escape: string): ShellSource {
  // Copied in runs between continuations and joined once (see readWord on adding strings up a character at a time).
  const parts: string[] = [];
  const map: number[] = [];
  let i = start;
  let run = start;
  while (i < end) {
    const c = text[i];
    if (c === escape) {
      // escape + optional blanks + newline = continuation
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n' || j >= end) {
        if (i > run) parts.push(text.slice(run, i));
        i = j + 1;
        // Skip comment lines and empty lines that follow inside the continuation.
        for (;;) {
          let e = text.indexOf('\n', i);
          if (e < 0 || e > end) e = end;
          const lineText = text.slice(i, e);
          if (e < end && (/^\s*#/.test(lineText) || /^\s*$/.test(lineText))) {
            i = e + 1;
            continue;
          }
          break;
        }
        run = i;
        continue;
      }
      // With the backtick escape, a backslash is an ordinary character for Docker but still the shell's escape:
      // it is copied like any other character.
    }
    if (c === '\r' || c === '\n') break;
    map.push(i);
    i++;
  }
  if (i > run) parts.push(text.slice(run, Math.min(i, end)));
  map.push(i);
  return { text: parts.join(''), map: Int32Array.from(map) };
}

function decodeJsonString(raw: string, start: number): ShellSource {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const e = raw[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      if (e === 'u') {
        text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0);
        map.push(start + i);
        i += 5;
        continue;
      }
      text += simple[e] ?? e;
      map.push(start + i);
      i++;
      continue;
    }
    text += c;
    map.push(start + i);
  }
  map.push(start + raw.length);
  return { text, map: Int32Array.from(map) };
}

function shiftWord(w: Word, by: number): Word {
  // `map` is only read while parsing (for `sh -c` recursion), so it is shared unshifted: copying it per version
  // would cost more than everything else here. start/end are what callers use.
  return { value: w.value, raw: w.raw, start: w.start + by, end: w.end + by, map: w.map, quoted: w.quoted, dynamic: w.dynamic };
}

/**
 * A parsed command moved by `by` offsets (its instruction moved in a new document version). The plain fields are
 * copied; the word lists are shifted on first use only, since most rules look at `name` and connectors and never
 * touch the words of most commands: after an edit this keeps a 10,000-line file from re-allocating every word.
 */
class ShiftedCommand implements SimpleCommand {
  readonly name: string;
  readonly wrappers: string[];
  readonly before: Connector;
  readonly after: Connector;
  readonly background: boolean;
  readonly inPipeline: boolean;
  readonly context: string[];
  readonly loopCondition: string | null;
  readonly depth: number;
  readonly start: number;
  readonly end: number;
  readonly inner: SimpleCommand[] | undefined;
  private _words?: Word[];
  private _all?: Word[];
  private _assign?: Word[];
  private _redirects?: { op: string; target: Word | null }[];

  constructor(
    private readonly orig: SimpleCommand,
    private readonly by: number,
  ) {
    this.name = orig.name;
    this.wrappers = orig.wrappers;
    this.before = orig.before;
    this.after = orig.after;
    this.background = orig.background;
    this.inPipeline = orig.inPipeline;
    this.context = orig.context;
    this.loopCondition = orig.loopCondition;
    this.depth = orig.depth;
    this.start = orig.start + by;
    this.end = orig.end + by;
    this.inner = orig.inner ? orig.inner.map((c) => new ShiftedCommand(c, by)) : undefined;
  }
  get words(): Word[] {
    return (this._words ??= this.orig.words.map((w) => shiftWord(w, this.by)));
  }
  get allWords(): Word[] {
    if (!this._all) {
      const byStart = new Map(this.words.map((w) => [w.start, w]));
      this._all = this.orig.allWords.map((w) => byStart.get(w.start + this.by) ?? shiftWord(w, this.by));
    }
    return this._all;
  }
  get assignments(): Word[] {
    return (this._assign ??= this.orig.assignments.map((w) => shiftWord(w, this.by)));
  }
  get redirects(): { op: string; target: Word | null }[] {
    return (this._redirects ??= this.orig.redirects.map((r) => ({ op: r.op, target: r.target ? shiftWord(r.target, this.by) : null })));
  }
}

function shiftShell(s: InstrShell, by: number): InstrShell {
  const commands: SimpleCommand[] = s.commands.map((c) => new ShiftedCommand(c, by));
  return {
    commands,
    all: flatten(commands),
    source: { text: s.source.text, map: s.source.map, base: by },
    fromHeredoc: s.fromHeredoc,
  };
}

/** Document range of source offsets (as found in words and commands of instrShell). */
function offsetRange(doc: ParsedDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function wordRange(doc: ParsedDocument, w: Word): Range {
  return offsetRange(doc, w.start, w.end);
}

export function commandRange(doc: ParsedDocument, c: SimpleCommand): Range {
  return offsetRange(doc, c.start, c.end);
}
