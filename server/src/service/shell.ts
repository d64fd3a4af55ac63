/**
 * A small POSIX-shell model for RUN/CMD/ENTRYPOINT text and for start scripts.
 *
 * It is not a shell: it does not expand anything. It only answers the questions rules ask ("which commands run,
 * in what order, joined by what, with which words, where in the document"): words are unquoted but `$VAR`,
 * `$(…)` and backticks are kept as written, and every character of a word's value remembers the offset it came
 * from, so a word inside `sh -c '…'` or behind a line continuation still maps back to the document.
 *
 * Offsets: a parse works on `text` plus `map`, where map[i] is the source offset (document or script file) of
 * text[i], and map[text.length] is the offset just past the end.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from './document';

export interface Word {
  /** The word with quotes and escapes removed; expansions (`$X`, `$(…)`, backticks) kept as written. */
  value: string;
  /** The word exactly as written. */
  raw: string;
  /** Source offsets of the whole word (start inclusive, end exclusive). */
  start: number;
  end: number;
  /**
   * Offset of each character of `value` (length value.length + 1) in the text that was parsed; read it through
   * wordMap(). Nine words in ten are written without quotes or escapes, so their characters sit one after the
   * other: for those this is only the offset of the first one, which saves ~100,000 array entries on a
   * 10,000-line file. For instrShell results these are the offsets where the instruction was first parsed (they
   * are shared across document versions and not shifted); use start/end for document offsets.
   */
  map: number[] | number;
  /** Some part of it was quoted. */
  quoted: boolean;
  /** It contains an unquoted or double-quoted expansion, so its run-time value is unknown. */
  dynamic: boolean;
}

export type Connector = '&&' | '||' | ';' | '|' | '&' | '\n' | null;

export interface SimpleCommand {
  /** The command name after wrappers (`exec`, `sudo`, `env X=1`, `nohup`, …) were removed; '' when none. */
  name: string;
  /** The name word and its arguments (wrappers removed). */
  words: Word[];
  /** All words as written, wrappers included (assignments and redirections excluded). */
  allWords: Word[];
  /** `X=1` words in front of the command. */
  assignments: Word[];
  /** Wrapper commands stripped from the front (`exec`, `sudo`, `env`, `nohup`, `time`, `command`, `nice`). */
  wrappers: string[];
  /** Redirection operators with their target word (`>` `/dev/null`, `2>&1`, `<<` `EOF`). */
  redirects: { op: string; target: Word | null }[];
  /** The operator written before this command (null at the start of a list). */
  before: Connector;
  /** The operator written after it (null at the end). */
  after: Connector;
  /** Runs in the background: its and-or list ends with `&`. */
  background: boolean;
  /** Part of a pipeline `a | b` (either side). */
  inPipeline: boolean;
  /** Compound commands around it, outermost first: 'if', 'while', 'until', 'for', 'case', '(', '{', 'function'. */
  context: string[];
  /** The condition words of the innermost `while`/`until` loop around it, when any (for keep-alive loops). */
  loopCondition: string | null;
  /** Nesting through `sh -c '…'` (0 at top level). */
  depth: number;
  /** Source offsets of the whole command. */
  start: number;
  end: number;
  /** For `sh -c '…'`: the commands of the inner script. */
  inner?: SimpleCommand[];
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
const RESERVED_OPEN = new Set(['if', 'while', 'until', 'for', 'case', '{', '(', 'select']);
const RESERVED_SKIP = new Set(['then', 'else', 'elif', 'do', '!']);
const RESERVED_CLOSE = new Set(['fi', 'done', 'esac', '}', ')']);

interface Token {
  kind: 'word' | 'op';
  text: string;
  word?: Word;
  start: number;
  end: number;
}

/** Positions a shell text inside its source. */
export interface ShellSource {
  text: string;
  /** An Int32Array when built here: one per RUN, 4 bytes per character instead of 8 or more in an array. */
  map: ArrayLike<number>;
  /** Added to map values to get document offsets (instrShell results); 0 or absent when map is absolute. */
  base?: number;
}

export function plainSource(text: string, base = 0): ShellSource {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = base + i;
  return { text, map };
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

const OPS = ['&&', '||', ';;', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '|&', '&', '|', ';', '<', '>', '(', ')'];

/**
 * Splits text into words and operators. Heredoc bodies that follow `<<WORD` in a multi-line script are skipped
 * (they are data, not commands) and reported through the returned heredoc list.
 */
function tokenize(src: ShellSource): Token[] {
  const { text, map } = src;
  const out: Token[] = [];
  const pendingHeredocs: { delim: string; strip: boolean }[] = [];
  let i = 0;
  const n = text.length;
  let expectHeredocWord: boolean | null = null; // strip-tabs flag of a `<<`/`<<-` waiting for its word
  while (i < n) {
    const c = text[i];
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      out.push({ kind: 'op', text: '\n', start: map[i], end: map[i + 1] });
      i++;
      // Heredoc bodies start on the next line: skip them.
      while (pendingHeredocs.length) {
        const h = pendingHeredocs.shift()!;
        while (i < n) {
          let e = text.indexOf('\n', i);
          if (e < 0) e = n;
          let lineText = text.slice(i, e).replace(/\r$/, '');
          if (h.strip) lineText = lineText.replace(/^\t+/, '');
          i = Math.min(n, e + 1);
          if (lineText === h.delim) break;
        }
      }
      continue;
    }
    if (c === '#') {
      // A comment starts only at the beginning of a word.
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    let op: string | undefined;
    for (const o of OPS) {
      if (text.startsWith(o, i)) {
        op = o;
        break;
      }
    }
    if (op) {
      out.push({ kind: 'op', text: op, start: map[i], end: map[i + op.length - 1] + 1 });
      i += op.length;
      if (op === '<<' || op === '<<-') expectHeredocWord = op === '<<-';
      continue;
    }
    const w = readWord(src, i);
    i = w.next;
    out.push({ kind: 'word', text: w.word.value, word: w.word, start: w.word.start, end: w.word.end });
    if (expectHeredocWord !== null) {
      // Only scripts with real newlines carry bodies; a RUN line's heredoc body is handled by the instruction.
      pendingHeredocs.push({ delim: w.word.value, strip: expectHeredocWord });
      expectHeredocWord = null;
    }
  }
  return out;
}

/** Reads one word starting at i (not blank, not an operator). */
function readWord(src: ShellSource, start: number): { word: Word; next: number } {
  const { text, map } = src;
  // The value is joined once at the end: adding it up a character at a time leaves a chain of V8 cons-strings
  // behind every word (1.6 MiB of them on a 10,000-line file, kept for as long as the parse is cached).
  const parts: string[] = [];
  const vmap: number[] = [];
  let quoted = false;
  let dynamic = false;
  let i = start;
  const n = text.length;
  const push = (s: string, at: number) => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) vmap.push(map[at + k]);
  };
  while (i < n) {
    const c = text[i];
    if (isBlank(c) || c === '\n') break;
    if ('&|;<>()'.includes(c)) break;
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (i + 1 < n) push(text[i + 1], i + 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      quoted = true;
      const e = text.indexOf("'", i + 1);
      const end = e < 0 ? n : e;
      push(text.slice(i + 1, end), i + 1);
      i = end + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      // ANSI-C quoting: keep the escapes as written, which is enough for matching.
      quoted = true;
      let j = i + 2;
      while (j < n && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      push(text.slice(i + 2, Math.min(j, n)), i + 2);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        const d = text[j];
        if (d === '\\' && j + 1 < n) {
          const e = text[j + 1];
          if (e === '\n') {
            j += 2;
            continue;
          }
          if ('$`"\\'.includes(e)) {
            push(e, j + 1);
            j += 2;
            continue;
          }
          push(d, j);
          j++;
          continue;
        }
        if (d === '$' || d === '`') {
          dynamic = true;
          const e = skipExpansion(text, j);
          if (e > j + 1 || d === '`') {
            push(text.slice(j, e), j);
            j = e;
            continue;
          }
        }
        push(d, j);
        j++;
      }
      i = j + 1;
      continue;
    }
    if (c === '$' || c === '`') {
      const e = skipExpansion(text, i);
      if (e > i + 1) {
        dynamic = true;
        push(text.slice(i, e), i);
        i = e;
        continue;
      }
    }
    push(c, i);
    i++;
  }
  if (i > n) i = n;
  // The end is just past the last character read: with composed maps (sh -c inside quotes, joined continuations)
  // map[i] may point past a closing quote or onto the next line.
  const end = i > start ? map[i - 1] + 1 : map[start];
  vmap.push(end);
  const raw = text.slice(start, i);
  const joined = parts.join('');
  // Most words are written without quotes or escapes: share one string for both.
  const value = joined === raw ? raw : joined;
  const first = vmap[0];
  const consecutive = vmap.every((v, k) => v === first + k);
  return {
    word: { value, raw, start: map[start], end, map: consecutive ? first : vmap.slice(), quoted, dynamic },
    next: i,
  };
}

/** Word.map spelled out: the offset of each character of the word's value, and of the end. */
export function wordMap(w: Word): ArrayLike<number> {
  return typeof w.map === 'number' ? plainSource(w.value, w.map).map : w.map;
}

/** End (exclusive) of the expansion starting at i: `$(…)`, `$((…))`, `${…}`, `$NAME`, `$1`, `` `…` ``. */
function skipExpansion(text: string, i: number): number {
  const n = text.length;
  if (text[i] === '`') {
    let j = i + 1;
    while (j < n && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    return Math.min(n, j + 1);
  }
  const c = text[i + 1];
  if (c === '(' || c === '{') {
    const close = c === '(' ? ')' : '}';
    let depth = 0;
    let j = i + 1;
    while (j < n) {
      const d = text[j];
      if (d === '\\') {
        j += 2;
        continue;
      }
      if (d === "'" && c === '(') {
        const e = text.indexOf("'", j + 1);
        j = e < 0 ? n : e + 1;
        continue;
      }
      if (d === '"') {
        j++;
        while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        j++;
        continue;
      }
      if (d === c) depth++;
      else if (d === close) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  }
  if (c !== undefined && /[A-Za-z_]/.test(c)) {
    let j = i + 2;
    while (j < n && /[A-Za-z0-9_]/.test(text[j])) j++;
    return j;
  }
  if (c !== undefined && /[0-9@*#?$!-]/.test(c)) return i + 2;
  return i + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

const WRAPPERS = new Set(['exec', 'sudo', 'env', 'nohup', 'time', 'command', 'nice', 'stdbuf', 'chroot', 'gosu', 'su-exec', 'tini', 'dumb-init']);
/** Options of wrappers that take a value (`sudo -u www-data`, `nice -n 10`). */
const WRAPPER_VALUE_OPTS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  exec: new Set(['-a']),
  stdbuf: new Set(['-i', '-o', '-e']),
};

function isAssignment(w: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.value) && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.raw);
}

/** Parses a shell text into simple commands, in source order, recursing into `sh -c '…'`. */
export function parseShell(src: ShellSource, depth = 0): SimpleCommand[] {
  const tokens = tokenize(src);
  const out: SimpleCommand[] = [];
  const context: { kind: string; cond: string | null }[] = [];
  let current: Token[] = [];
  let before: Connector = null;
  /** Index in `out` where the current and-or list started (for a trailing `&`). */
  let listStart = 0;
  let pipeFromPrev = false;
  /** For `case`: are we reading patterns (until `)`)? */
  const caseState: boolean[] = [];

  const flush = (after: Connector) => {
    const cmd = buildCommand(current, context, before, after, depth);
    current = [];
    if (cmd) {
      cmd.inPipeline = pipeFromPrev || after === '|';
      out.push(cmd);
    }
    pipeFromPrev = after === '|';
    if (after === '&') for (let k = listStart; k < out.length; k++) out[k].background = true;
    if (after === '&' || after === ';' || after === '\n') listStart = out.length;
    before = after;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.kind === 'op') {
      const o = tok.text;
      if (o === '(' && current.length === 0) {
        context.push({ kind: '(', cond: null });
        continue;
      }
      if (o === '(' && current.length === 1 && tokens[t + 1]?.text === ')') {
        // `name() { …; }`: a function definition; its body does not run here.
        current = [];
        t++;
        context.push({ kind: 'function', cond: null });
        // The body's `{` may sit on the next line (`name()\n{`).
        let k = t + 1;
        while (tokens[k]?.text === '\n') k++;
        if (tokens[k]?.text === '{') t = k;
        continue;
      }
      if (o === ')') {
        if (caseState.length && caseState[caseState.length - 1]) {
          // End of a case pattern list.
          current = [];
          caseState[caseState.length - 1] = false;
          continue;
        }
        flush(null);
        popContext(context, '(');
        continue;
      }
      if (o === ';;') {
        flush(';');
        if (caseState.length) caseState[caseState.length - 1] = true;
        continue;
      }
      if (o === '&&' || o === '||' || o === ';' || o === '|' || o === '&' || o === '\n' || o === '|&') {
        if (caseState.length && caseState[caseState.length - 1] && o === '\n') continue;
        if (current.length === 0 && (o === '\n' || o === ';')) continue;
        flush(o === '|&' ? '|' : (o as Connector));
        continue;
      }
      // Redirection operators stay with the command.
      current.push(tok);
      continue;
    }
    // A word.
    if (current.length === 0) {
      const v = tok.text;
      const rawPlain = tok.word && !tok.word.quoted;
      if (rawPlain && caseState.length && caseState[caseState.length - 1]) {
        if (v === 'esac') {
          caseState.pop();
          popContext(context, 'case');
        }
        continue; // a pattern word
      }
      if (rawPlain && RESERVED_OPEN.has(v)) {
        if (v === 'case') {
          // `case WORD in`: skip to `in`, then read patterns.
          while (t + 1 < tokens.length && tokens[t + 1].text !== 'in') t++;
          t++;
          context.push({ kind: 'case', cond: null });
          caseState.push(true);
          continue;
        }
        if (v === 'for' || v === 'select') {
          // `for x in a b c; do`: the loop header is not a command.
          while (t + 1 < tokens.length && tokens[t + 1].text !== ';' && tokens[t + 1].text !== '\n' && tokens[t + 1].text !== 'do') t++;
          context.push({ kind: 'for', cond: null });
          continue;
        }
        if (v === 'while' || v === 'until') {
          // Remember the condition (up to `;`/newline/`do`) for keep-alive loops.
          const parts: string[] = [];
          let k = t + 1;
          while (k < tokens.length && tokens[k].text !== ';' && tokens[k].text !== '\n' && tokens[k].text !== 'do') {
            parts.push(tokens[k].text);
            k++;
          }
          context.push({ kind: v, cond: parts.join(' ') });
          continue;
        }
        context.push({ kind: v === '{' ? '{' : v, cond: null });
        continue;
      }
      if (rawPlain && RESERVED_SKIP.has(v)) continue;
      if (rawPlain && RESERVED_CLOSE.has(v)) {
        popContext(context, v === 'fi' ? 'if' : v === 'done' ? 'loop' : v === 'esac' ? 'case' : '{');
        continue;
      }
      if (rawPlain && v === 'function') {
        // `function name { … }` / `function name() { … }`
        t++;
        if (tokens[t + 1]?.text === '(') t += 2;
        let k = t + 1;
        while (tokens[k]?.text === '\n') k++;
        if (tokens[k]?.text === '{') t = k;
        context.push({ kind: 'function', cond: null });
        continue;
      }
    }
    current.push(tok);
  }
  flush(null);
  // Recurse into `sh -c '…'`.
  for (const cmd of out) {
    const script = shellCArgument(cmd);
    // `sh -c "$(curl …)"` / `sh -c "$CMD"`: the script is only known at run time.
    const unknown = script !== null && script.dynamic && /^(\$\(.*\)|\$\{?[A-Za-z_@*][A-Za-z0-9_]*\}?|`.*`)$/s.test(script.value);
    if (script && depth < 4 && !unknown) {
      const inner = parseShell({ text: script.value, map: wordMap(script) }, depth + 1);
      for (const c of inner) {
        c.context = [...cmd.context, ...c.context];
        if (cmd.background) c.background = true;
      }
      cmd.inner = inner;
    }
  }
  return out;
}

function popContext(context: { kind: string }[], kind: string): void {
  for (let k = context.length - 1; k >= 0; k--) {
    const c = context[k].kind;
    const match =
      kind === 'loop' ? c === 'while' || c === 'until' || c === 'for' : kind === '{' ? c === '{' || c === 'function' : c === kind;
    if (match) {
      context.length = k;
      return;
    }
  }
}

function buildCommand(
  tokens: Token[],
  context: { kind: string; cond: string | null }[],
  before: Connector,
  after: Connector,
  depth: number,
): SimpleCommand | null {
  if (tokens.length === 0) return null;
  const assignments: Word[] = [];
  const allWords: Word[] = [];
  const redirects: { op: string; target: Word | null }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'op') {
      const next = tokens[k + 1];
      const target = next && next.kind === 'word' ? next.word! : null;
      redirects.push({ op: t.text, target });
      if (target) k++;
      continue;
    }
    const w = t.word!;
    // An IO number (`2>`) directly before a redirection is part of it.
    const next = tokens[k + 1];
    if (/^\d+$/.test(w.raw) && next && next.kind === 'op' && next.start === w.end && /[<>]/.test(next.text)) continue;
    if (allWords.length === 0 && isAssignment(w)) {
      assignments.push(w);
      continue;
    }
    allWords.push(w);
  }
  const { words, wrappers } = stripWrappers(allWords, assignments);
  const loop = [...context].reverse().find((c) => c.kind === 'while' || c.kind === 'until');
  // Commands live as long as the parse is cached (every RUN of every open document): the lists that are nearly
  // always empty share one frozen empty array instead of holding one each.
  return {
    // An expansion (`$CMD`, `$(…)`) is not a path: keep it whole rather than cutting it at a `/` inside.
    name: words[0] ? (words[0].value.startsWith('$') || words[0].value.startsWith('`') ? words[0].value : basename(words[0].value)) : '',
    words,
    allWords,
    assignments: orEmpty(assignments),
    wrappers: orEmpty(wrappers),
    redirects: orEmpty(redirects),
    before,
    after,
    background: false,
    inPipeline: false,
    context: context.length ? context.map((c) => c.kind) : orEmpty<string>([]),
    loopCondition: loop ? `${loop.kind} ${loop.cond ?? ''}`.trim() : null,
    depth,
    start: tokens[0].start,
    end: tokens[tokens.length - 1].end,
    inner: undefined,
  };
}

const EMPTY: readonly never[] = Object.freeze([]);

function orEmpty<T>(list: T[]): T[] {
  return list.length ? list : (EMPTY as unknown as T[]);
}

function basename(v: string): string {
  const k = v.lastIndexOf('/');
  return k >= 0 && k < v.length - 1 ? v.slice(k + 1) : v;
}

/** Removes `exec`, `sudo -u x`, `env -i X=1`, `nohup`, … from the front of a command. */
function stripWrappers(words: Word[], assignments: Word[]): { words: Word[]; wrappers: string[] } {
  const wrappers: string[] = [];
  let k = 0;
  while (k < words.length) {
    const name = basename(words[k].value);
    if (!WRAPPERS.has(name)) break;
    if ((name === 'chroot' || name === 'gosu' || name === 'su-exec') && k + 1 < words.length) {
      wrappers.push(name);
      k += 2; // the new root / the user
      continue;
    }
    wrappers.push(name);
    k++;
    const valueOpts = WRAPPER_VALUE_OPTS[name];
    while (k < words.length) {
      const v = words[k].value;
      if (v === '--') {
        k++;
        break;
      }
      if (name === 'env' && isAssignment(words[k])) {
        assignments.push(words[k]);
        k++;
        continue;
      }
      if (name === 'time' || name === 'nohup' || name === 'tini' || name === 'dumb-init') {
        if (v.startsWith('-')) {
          k++;
          continue;
        }
        break;
      }
      if (v.startsWith('-') && v.length > 1) {
        k += valueOpts && valueOpts.has(v) ? 2 : 1;
        continue;
      }
      if (name === 'nice' && /^-?\d+$/.test(v)) {
        k++;
        continue;
      }
      break;
    }
  }
  // Most commands have no wrapper: their words are all their words, and one array serves both.
  return { words: k === 0 ? words : words.slice(k), wrappers };
}

/** For `sh -c 'script'` / `bash -ec "script"`: the script word. */
export function shellCArgument(cmd: SimpleCommand): Word | null {
  if (!SHELLS.has(cmd.name)) return null;
  const ws = cmd.words;
  for (let k = 1; k < ws.length; k++) {
    const v = ws[k].value;
    if (v === '--') return null;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v) && v !== '-') return ws[k + 1] ?? null;
    if (!v.startsWith('-') && !v.startsWith('+')) return null; // a script file
    if (v === '-o' || v === '+o') k++; // `bash -o pipefail -c …`
  }
  return null;
}

/** Every simple command, depth first: `sh -c` inner commands follow their outer command. */
export function flatten(cmds: SimpleCommand[]): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const walk = (list: SimpleCommand[]) => {
    for (const c of list) {
      out.push(c);
      if (c.inner) walk(c.inner);
    }
  };
  walk(cmds);
  return out;
}

/** Parses plain text (a script file or a test string) and flattens it. */
export function simpleCommands(text: string): SimpleCommand[] {
  return flatten(parseShell(plainSource(text)));
}

/**
 * The command that decides how long the script runs: the last command that is not in the background and not
 * inside a function body. `sh -c '…'` is followed inside. When the script ends with a bare `wait`, the waited-for
 * background list is what keeps it alive, so its last command is returned.
 */
export function lastForegroundCommand(cmds: SimpleCommand[]): SimpleCommand | null {
  const top = cmds.filter((c) => !c.context.includes('function'));
  for (let k = top.length - 1; k >= 0; k--) {
    const c = top[k];
    if (c.background) continue;
    if (c.name === 'wait' && c.words.length === 1) {
      for (let j = k - 1; j >= 0; j--) if (top[j].background) return deepest(top[j]);
      return c;
    }
    if (c.name === '' && c.words.length === 0) continue; // only assignments / redirections
    return deepest(c);
  }
  return null;
}

function deepest(c: SimpleCommand): SimpleCommand {
  if (c.inner && c.inner.length) {
    const inner = lastForegroundCommand(c.inner);
    if (inner) return inner;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// apt-get

export interface AptOption {
  /** As written (`-qqy`, `--no-install-recommends`, `-o`). */
  word: Word;
  /** Its value for options that take one (`-o Acquire::x=1`, `-t buster-backports`). */
  value?: Word;
}

export interface AptInvocation {
  cmd: SimpleCommand;
  /** `apt-get`, `apt`, `aptitude`. */
  tool: string;
  /** `install`, `update`, `upgrade`, … (null when none was found). */
  subcommand: Word | null;
  /** Package arguments (after the subcommand, options excluded). */
  packages: Word[];
  options: AptOption[];
  /** Non-interactive: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q=2`, `-o APT::Get::Assume-Yes=true`, or fed by `yes |`. */
  yes: boolean;
  noInstallRecommends: boolean;
}

const APT_VALUE_OPTS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release', '-a', '--host-architecture']);

export function aptGetInvocations(cmds: SimpleCommand[]): AptInvocation[] {
  const out: AptInvocation[] = [];
  for (let idx = 0; idx < cmds.length; idx++) {
    const cmd = cmds[idx];
    if (cmd.name !== 'apt-get' && cmd.name !== 'apt' && cmd.name !== 'aptitude') continue;
    const options: AptOption[] = [];
    const packages: Word[] = [];
    let subcommand: Word | null = null;
    let quiet = 0;
    let yes = false;
    let nir = false;
    const ws = cmd.words;
    for (let k = 1; k < ws.length; k++) {
      const w = ws[k];
      const v = w.value;
      if (v.startsWith('-') && v.length > 1) {
        const opt: AptOption = { word: w };
        if (APT_VALUE_OPTS.has(v) && k + 1 < ws.length) {
          opt.value = ws[++k];
          if (/^APT::Get::Assume-Yes=(true|yes|1)$/i.test(opt.value.value)) yes = true;
          if (/^APT::Install-Recommends=(false|no|0)$/i.test(opt.value.value)) nir = true;
        } else if (v.startsWith('--')) {
          if (v === '--yes' || v === '--assume-yes' || v === '--force-yes') yes = true;
          if (v === '--no-install-recommends') nir = true;
          if (v === '--quiet') quiet++;
          const m = /^--quiet=(\d)$/.exec(v);
          if (m) quiet = Number(m[1]);
          const o = /^--option=(.*)$/.exec(v);
          if (o && /^APT::Get::Assume-Yes=(true|yes|1)$/i.test(o[1])) yes = true;
        } else {
          const m = /^-q=(\d)$/.exec(v);
          if (m) quiet = Math.max(quiet, Number(m[1]));
          else
            for (const ch of v.slice(1)) {
              if (ch === 'y') yes = true;
              if (ch === 'q') quiet++;
            }
        }
        options.push(opt);
        continue;
      }
      if (!subcommand) subcommand = w;
      else packages.push(w);
    }
    if (quiet >= 2) yes = true;
    // `yes | apt-get install …` answers the prompts too.
    const prev = cmds[idx - 1];
    if (cmd.before === '|' && prev && prev.name === 'yes') yes = true;
    out.push({ cmd, tool: cmd.name, subcommand, packages, options, yes, noInstallRecommends: nir });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Instructions: the shell text of RUN/CMD/ENTRYPOINT, mapped to the document

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
export function offsetRange(doc: ParsedDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function wordRange(doc: ParsedDocument, w: Word): Range {
  return offsetRange(doc, w.start, w.end);
}

export function commandRange(doc: ParsedDocument, c: SimpleCommand): Range {
  return offsetRange(doc, c.start, c.end);
}

/** The words of a command as plain strings. */
export function argv(c: SimpleCommand): string[] {
  return c.words.map((w) => w.value);
}

/** 1-based line of an offset in a plain text (for naming script lines in messages). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
