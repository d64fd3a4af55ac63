/**
 * The lexer of the shell model (see parser.ts): shell text → words and operators.
 *
 * It is not a shell: it does not expand anything. Words are unquoted but `$VAR`, `$(…)` and backticks are kept as
 * written, and every character of a word's value remembers the offset it came from, so a word inside `sh -c '…'` or
 * behind a line continuation still maps back to the document.
 *
 * Offsets: a parse works on `text` plus `map`, where map[i] is the source offset (document or script file) of
 * text[i], and map[text.length] is the offset just past the end.
 */

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

/** A word or an operator of the shell text, with its source offsets. */
export interface Token {
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
export function tokenize(src: ShellSource): Token[] {
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

/** 1-based line of an offset in a plain text (for naming script lines in messages). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
