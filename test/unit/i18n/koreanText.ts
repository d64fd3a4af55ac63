/**
 * Reads docs/glossary.ko.md and every Korean string of the product, for glossary.test.ts.
 * A "string" is what a user reads as one piece: a string or template literal of the TypeScript/JavaScript sources
 * (a template's `${…}` parts stand as `${…}`), a JSON string value, a line of a Markdown file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const GLOSSARY = 'docs/glossary.ko.md';
const HANGUL = /[\uac00-\ud7a3]/;

export interface KoreanString {
  file: string;
  line: number;
  text: string;
  /** Markdown source line inside a fenced code block: no code spans to read. */
  fenced?: boolean;
  /** Template literal: a newline in `text` is a newline of the source, so lines inside it can be counted. */
  multiline?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// The glossary

export interface Banned {
  /** What the glossary writes: a literal, or `/regexp/`. */
  source: string;
  re: RegExp;
  /** The word to use instead (the row's first cell). */
  use: string;
}

/** How a word ends when read aloud, which is all a particle depends on. */
export type Ending = 'vowel' | 'rieul' | 'consonant';

export interface Reading {
  code: string;
  reading: string;
  example: string;
  line: number;
}

export interface Glossary {
  banned: Banned[];
  readings: Map<string, Reading>;
}

/** The cells of a Markdown table row; `\|` is a pipe inside a cell. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The backquoted items of a cell. */
function codes(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/**
 * The glossary's machine-read parts are two tables, found by their header rows:
 * `| 쓰는 말 | 쓰지 않는 말 | 검사 | …` (each backquoted item of 검사 is banned: `/…/` a regexp, else a literal) and
 * `| 코드 | 읽는 법 | 예 |` (a code word, its reading in Hangul, and an example of the particle it takes).
 */
export function readGlossary(text = fs.readFileSync(path.join(ROOT, GLOSSARY), 'utf8')): Glossary {
  const banned: Banned[] = [];
  const readings = new Map<string, Reading>();
  let table: 'terms' | 'readings' | undefined;
  text.split('\n').forEach((row, i) => {
    if (!row.trim().startsWith('|')) {
      table = undefined;
      return;
    }
    const c = cells(row);
    if (c[0] === '쓰는 말' && c[2] === '검사') return void (table = 'terms');
    if (c[0] === '코드' && c[1] === '읽는 법') return void (table = 'readings');
    if (!table || /^:?-+:?$/.test(c[0])) return;
    if (table === 'terms') {
      for (const source of codes(c[2])) {
        const re = /^\/(.+)\/$/.exec(source);
        banned.push({ source, re: new RegExp(re ? re[1] : source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu'), use: c[0] });
      }
    } else {
      const [code] = codes(c[0]);
      if (code !== undefined) readings.set(code, { code, reading: c[1], example: c[2], line: i + 1 });
    }
  });
  return { banned, readings };
}

// ---------------------------------------------------------------------------------------------------------------
// Readings and particles

/** The final sound of a Hangul syllable. */
export function endingOfSyllable(ch: string): Ending {
  const jong = (ch.charCodeAt(0) - 0xac00) % 28;
  return jong === 0 ? 'vowel' : jong === 8 ? 'rieul' : 'consonant';
}

/** Digit names: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구 (a number ending in 0 ends in 영, 십, 백, 천 or 만). */
const DIGIT: Record<string, Ending> = { 0: 'consonant', 1: 'rieul', 2: 'vowel', 3: 'consonant', 4: 'vowel', 5: 'vowel', 6: 'consonant', 7: 'rieul', 8: 'rieul', 9: 'vowel' };
/** Letter names: 엘 and 알 end in ㄹ, 엠 and 엔 in a consonant, every other letter (에이, 비, 씨, …) in a vowel. */
const LETTER: Record<string, Ending> = { l: 'rieul', r: 'rieul', m: 'consonant', n: 'consonant' };

/**
 * How a code span ends when read: from the glossary's table, else by rule when it ends in Hangul, in a number that
 * stands alone (`1`, `debian:12`, `PID 1`, but not `python3`), or in a letter that stands alone (`-y`);
 * `undefined` when the reading is not known.
 */
export function endingOf(code: string, g: Glossary): Ending | undefined {
  const known = g.readings.get(code);
  if (known) {
    const last = [...known.reading].reverse().find((ch) => HANGUL.test(ch));
    return last ? endingOfSyllable(last) : undefined;
  }
  const last = code.at(-1) ?? '';
  if (HANGUL.test(last)) return endingOfSyllable(last);
  // A number or a letter that stands alone: not glued to letters before it (`python3`, `php7.3`, `arm64` need the table).
  if (/(?<![A-Za-z0-9.])[0-9][0-9.]*(?<=[0-9])$/.test(code)) return DIGIT[last];
  if (/(?<![A-Za-z0-9])[A-Za-z]$/.test(code)) return LETTER[last.toLowerCase()] ?? 'vowel';
  return undefined;
}

export interface Particle {
  /** The particle as written. */
  written: string;
  /** The ending it needs: after a consonant (을, 이, 은, 과, 으로, 이나, 이라) or after a vowel (를, 가, …). */
  after: 'consonant' | 'vowel';
  /** The form for the other ending. */
  other: string;
}

/**
 * The particles whose form depends on the word before them, as they start the Hangul run right after a code span.
 * `이` alone is the subject particle; `이고`, `이며`, `입니다`, … are the copula, right after either ending.
 */
const PARTICLES: Array<[RegExp, Particle]> = [
  [/^을/, { written: '을', after: 'consonant', other: '를' }],
  [/^를/, { written: '를', after: 'vowel', other: '을' }],
  [/^이나/, { written: '이나', after: 'consonant', other: '나' }],
  [/^이라/, { written: '이라', after: 'consonant', other: '라' }],
  [/^이랑/, { written: '이랑', after: 'consonant', other: '랑' }],
  [/^이$/, { written: '이', after: 'consonant', other: '가' }],
  [/^가$/, { written: '가', after: 'vowel', other: '이' }],
  [/^은/, { written: '은', after: 'consonant', other: '는' }],
  [/^는/, { written: '는', after: 'vowel', other: '은' }],
  [/^과/, { written: '과', after: 'consonant', other: '와' }],
  [/^와/, { written: '와', after: 'vowel', other: '과' }],
  [/^으로/, { written: '으로', after: 'consonant', other: '로' }],
  [/^로/, { written: '로', after: 'vowel', other: '으로' }],
  [/^나$/, { written: '나', after: 'vowel', other: '이나' }],
  [/^라(?:고|는|면|도|서)?$/, { written: '라', after: 'vowel', other: '이라' }],
  [/^랑/, { written: '랑', after: 'vowel', other: '이랑' }],
];

/** The particle that starts `word` (the Hangul right after a code span), if it is one that agrees with the word before. */
export function particleOf(word: string): Particle | undefined {
  return PARTICLES.find(([re]) => re.test(word))?.[1];
}

/** Does `p` go after a word with this ending? ㄹ takes 로 (not 으로) but 을, 이, 은, 과 like any consonant. */
export function agrees(p: Particle, ending: Ending): boolean {
  if (p.written === '으로') return ending === 'consonant';
  if (p.written === '로') return ending !== 'consonant';
  return (ending === 'vowel') === (p.after === 'vowel');
}

export interface SpanParticle {
  code: string;
  word: string;
  /** Offset of the word in the text. */
  at: number;
}

/**
 * Every code span of `text` directly followed by Hangul, with that Hangul word. Spans pair up from the left as in
 * Markdown: a run of backquotes is closed by the next run of the same length.
 */
export function spansWithHangul(text: string): SpanParticle[] {
  const out: SpanParticle[] = [];
  const runs = [...text.matchAll(/`+/g)];
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k];
    const close = runs.findIndex((r, j) => j > k && r[0].length === open[0].length);
    if (close < 0) continue;
    const end = runs[close].index! + runs[close][0].length;
    const word = /^[\uac00-\ud7a3]+/.exec(text.slice(end));
    if (word) out.push({ code: text.slice(open.index! + open[0].length, runs[close].index!).trim(), word: word[0], at: end });
    k = close;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The product's Korean strings

function walk(dir: string, keep: (rel: string) => boolean, out: string[] = []): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return out;
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') walk(rel, keep, out);
    } else if (keep(rel)) out.push(rel);
  }
  return out;
}

function list(dir: string, re: RegExp): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs)
    .filter((f) => re.test(f))
    .map((f) => path.posix.join(dir, f))
    .sort();
}

/** The files whose Korean is checked, by kind. */
export function productFiles(): { code: string[]; json: string[]; markdown: string[] } {
  return {
    code: [
      ...walk('server/src', (f) => f.endsWith('.ts')),
      ...walk('client/src', (f) => f.endsWith('.ts')),
      // common/src holds strings both sides show (the engine's errors, the build, the doctor).
      ...walk('common/src', (f) => f.endsWith('.ts')),
      ...list('scripts', /\.(mjs|ts)$/),
    ].sort(),
    json: ['l10n/bundle.l10n.ko.json', 'package.nls.ko.json', ...list('snippets', /\.json$/)],
    // docs/concepts: the concept pages (issue 20); media/walkthrough: the walkthrough's step media. Both are product text.
    markdown: ['README.md', ...list('docs', /\.md$/).filter((f) => f !== GLOSSARY), ...list('docs/concepts', /\.ko\.md$/), ...list('media/walkthrough', /\.ko\.md$/)],
  };
}

/** Words after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEXP = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** The value of a string literal's or template chunk's source text, escapes resolved. */
function cook(raw: string): string {
  return raw.replace(/\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))/g, (_, cp, u4, x2, ch: string) => {
    if (cp || u4 || x2) return String.fromCodePoint(parseInt(cp ?? u4 ?? x2, 16));
    if (ch === '\r\n' || ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return '';
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' } as Record<string, string>)[ch] ?? ch;
  });
}

export class ScanError extends Error {}

/**
 * String and template literals of a TS/JS source that contain Hangul; comments are not product text.
 * A small lexer rather than the TypeScript compiler, which alone takes a second to load: it knows comments,
 * strings, templates (with `${…}` nesting) and regular expressions (by the token before the `/`). Hangul in plain
 * code means it lost its way, and throws.
 */
export function codeStrings(file: string, source = fs.readFileSync(path.join(ROOT, file), 'utf8')): KoreanString[] {
  const out: KoreanString[] = [];
  const starts = [0];
  for (let n = source.indexOf('\n'); n >= 0; n = source.indexOf('\n', n + 1)) starts.push(n + 1);
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fail = (pos: number, what: string) => {
    throw new ScanError(`${file}:${lineAt(pos)}: ${what}`);
  };
  let i = 0;
  /** Scans code until an unmatched `}` (returned after it) or the end. */
  const code = (): void => {
    let depth = 0;
    let regexpAllowed = true;
    while (i < source.length) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        const e = source.indexOf('\n', i);
        i = e < 0 ? source.length : e;
      } else if (c === '/' && next === '*') {
        const e = source.indexOf('*/', i + 2);
        if (e < 0) fail(i, 'unclosed comment');
        i = e + 2;
      } else if (c === '"' || c === "'") {
        const startPos = i;
        i++;
        while (i < source.length && source[i] !== c) {
          if (source[i] === '\n') fail(startPos, 'unclosed string');
          i += source[i] === '\\' ? 2 : 1;
        }
        const text = cook(source.slice(startPos + 1, i));
        i++;
        if (HANGUL.test(text)) out.push({ file, line: lineAt(startPos), text });
        regexpAllowed = false;
      } else if (c === '`') {
        template();
        regexpAllowed = false;
      } else if (c === '/' && regexpAllowed) {
        let inClass = false;
        for (i++; i < source.length; i++) {
          const r = source[i];
          if (r === '\n') fail(i, 'unclosed regular expression');
          if (r === '\\') i++;
          else if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
        }
        i++;
        while (/[a-z]/.test(source[i] ?? '')) i++;
        regexpAllowed = false;
      } else if (/[A-Za-z0-9_$\u00c0-\uffff]/.test(c)) {
        const m = /^[A-Za-z0-9_$\u00c0-\uffff]+/.exec(source.slice(i, i + 200))![0];
        if (HANGUL.test(m)) fail(i, `Hangul outside a string: ${m}`);
        regexpAllowed = BEFORE_REGEXP.has(m);
        i += m.length;
      } else if (/\s/.test(c)) {
        i++;
      } else {
        if (c === '{') depth++;
        if (c === '}') {
          if (depth === 0) {
            i++;
            return;
          }
          depth--;
        }
        regexpAllowed = !(c === ')' || c === ']');
        i++;
      }
    }
  };
  /** Scans a template literal from its opening backquote; one string with `${…}` for each substitution. */
  const template = (): void => {
    const startPos = i;
    let text = '';
    let chunk = ++i;
    while (true) {
      if (i >= source.length) fail(startPos, 'unclosed template');
      const c = source[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        text += cook(source.slice(chunk, i));
        i++;
        break;
      } else if (c === '$' && source[i + 1] === '{') {
        text += cook(source.slice(chunk, i)) + '${…}';
        i += 2;
        code();
        chunk = i;
      } else i++;
    }
    if (HANGUL.test(text)) out.push({ file, line: lineAt(startPos), text, multiline: true });
  };
  code();
  if (i < source.length) fail(i, 'unmatched }');
  return out.sort((a, b) => a.line - b.line);
}

/** JSON string values (and keys) with Hangul, one per source line as the files are pretty-printed. */
export function jsonStrings(file: string, source = fs.readFileSync(path.join(ROOT, file), 'utf8')): KoreanString[] {
  JSON.parse(source); // a broken file fails here, not as "no Korean found"
  const out: KoreanString[] = [];
  source.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      const text = JSON.parse(m[0]) as string;
      if (HANGUL.test(text)) out.push({ file, line: i + 1, text });
    }
  });
  return out;
}

/** Markdown lines with Hangul; lines inside ``` fences are marked. */
export function markdownStrings(file: string, source = fs.readFileSync(path.join(ROOT, file), 'utf8')): KoreanString[] {
  const out: KoreanString[] = [];
  let fenced = false;
  source.split('\n').forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
    else if (HANGUL.test(l)) out.push({ file, line: i + 1, text: l, fenced });
  });
  return out;
}

export function productStrings(): { files: string[]; strings: KoreanString[] } {
  const f = productFiles();
  const strings = [...f.code.flatMap((x) => codeStrings(x)), ...f.json.flatMap((x) => jsonStrings(x)), ...f.markdown.flatMap((x) => markdownStrings(x))];
  return { files: [...new Set(strings.map((s) => s.file))], strings };
}

// ---------------------------------------------------------------------------------------------------------------
// The checks

/** `file:line: what — text` for the line of `s` at `offset`, the text cut to about 160 characters around it. */
function where(s: KoreanString, offset: number, what: string): string {
  const lineStart = s.multiline ? s.text.lastIndexOf('\n', offset - 1) + 1 : 0;
  const line = s.multiline ? s.line + (s.text.slice(0, lineStart).match(/\n/g) ?? []).length : s.line;
  let lineEnd = s.multiline ? s.text.indexOf('\n', offset) : -1;
  if (lineEnd < 0) lineEnd = s.text.length;
  const text = s.text.slice(lineStart, lineEnd).replace(/\s+/g, ' ');
  const at = offset - lineStart;
  const from = Math.max(0, at - 80);
  const shown = (from > 0 ? '…' : '') + text.slice(from, from + 160).trim() + (from + 160 < text.length ? '…' : '');
  return `${s.file}:${line}: ${what} — ${shown}`;
}

export type Kind = 'banned' | 'particle' | 'unknown-reading';

export interface Violation {
  kind: Kind;
  file: string;
  message: string;
}

export function check(s: KoreanString, g: Glossary): Violation[] {
  const out: Violation[] = [];
  for (const b of g.banned) {
    for (const m of s.text.matchAll(b.re)) out.push({ kind: 'banned', file: s.file, message: where(s, m.index!, `"${m[0]}" → ${b.use}`) });
  }
  if (s.fenced) return out;
  // A particle cut off from its word by a space ("`docker build --build-arg` 로") dodges the rule without agreeing.
  for (const m of s.text.matchAll(/`[ \t]+(을|를|은|는|으로|로|과|와)(?=[ \t.,)]|$)/g)) {
    out.push({ kind: 'particle', file: s.file, message: where(s, m.index! + 1, `particle "${m[1]}" detached from the code span`) });
  }
  for (const sp of spansWithHangul(s.text)) {
    const p = particleOf(sp.word);
    if (!p) continue;
    const ending = endingOf(sp.code, g);
    if (ending === undefined) {
      out.push({
        kind: 'unknown-reading',
        file: s.file,
        message: where(s, sp.at, `\`${sp.code}\`${p.written}: reading unknown (write "\`${sp.code}\` <noun>…" or add a reading to the glossary)`),
      });
    } else if (!agrees(p, ending)) {
      out.push({ kind: 'particle', file: s.file, message: where(s, sp.at, `\`${sp.code}\`${p.written} → \`${sp.code}\`${p.other}`) });
    }
  }
  return out;
}
