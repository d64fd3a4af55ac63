/**
 * Small helpers shared by the BuildKit-check rules. Everything here reads the cached parse (ParsedDocument); nothing
 * parses Dockerfile text again.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../../service/document';

export function rangeOf(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const LETTER = /[a-z]/i;

/** True when every letter is upper case (and there is at least one). */
export function isUpperWord(s: string): boolean {
  return LETTER.test(s) && s === s.toUpperCase();
}

/** True when every letter is lower case (and there is at least one). */
export function isLowerWord(s: string): boolean {
  return LETTER.test(s) && s === s.toLowerCase();
}

/**
 * The keyword exactly as written when it sits on one line. A keyword split by an escaped newline (`RU\\\nN`) is so
 * rare that the casing rules skip it rather than guess its columns.
 */
const keywordCache = new WeakMap<object, string | null>();
export function keywordAsWritten(ins: Instr): string | null {
  return memoByAst(keywordCache, ins, computeKeywordAsWritten);
}

function computeKeywordAsWritten(ins: Instr): string | null {
  const r = ins.keywordRange;
  if (r.start.line !== r.end.line) return null;
  const text = ins.keywordText;
  return text.length === r.end.character - r.start.character ? text : null;
}

export interface RelVar {
  name: string;
  modifier: string | null;
  /** Range with lines relative to the instruction's first line. */
  nameRange: Range;
  range: Range;
}
const varCache = new WeakMap<object, RelVar[]>();

/** `$NAME` references of an instruction, memoised per AST with instruction-relative lines (see `absolute`). */
export function relativeVariables(ins: Instr): RelVar[] {
  return memoByAst(varCache, ins, computeRelativeVariables);
}

function computeRelativeVariables(ins: Instr): RelVar[] {
  return ins.variables().map((v) => ({
    name: v.name,
    modifier: v.modifier,
    nameRange: shiftLines(v.nameRange, -ins.startLine),
    range: shiftLines(v.range, -ins.startLine),
  }));
}

export function shiftLines(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/**
 * Per-instruction memo keyed by the dockerfile-ast object, which is shared by every document version whose chunk did
 * not change; ranges are stored relative to the instruction's first line so they stay right when lines above move.
 */
export function memoByAst<T>(cache: WeakMap<object, T>, ins: Instr, compute: (ins: Instr) => T): T {
  // `compute` is a module-level function given the instruction, not a closure made at each call: these run for every
  // instruction on every version, and a closure per call was a good part of what the rules allocated while typing.
  let v = cache.get(ins.ast);
  if (v === undefined) {
    v = compute(ins);
    cache.set(ins.ast, v);
  }
  return v;
}

/** The predefined platform ARGs: usable in FROM without a declaration, but inside a stage only after `ARG NAME`. */
export const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

/** Proxy ARGs: passed to RUN without a declaration, so using them is never a mistake we can prove. */
const PROXY_ARGS = new Set([
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
]);

/** Other names BuildKit defines by itself (BUILDKIT_* build args, SOURCE_DATE_EPOCH, TARGETSTAGE). */
export function isBuiltinArg(name: string): boolean {
  return PROXY_ARGS.has(name) || name.startsWith('BUILDKIT_') || name === 'SOURCE_DATE_EPOCH' || name === 'TARGETSTAGE';
}

/** Levenshtein distance with an early exit: returns max+1 as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** A value we cannot know from the text (e.g. built with syntax we do not model); anything using it is skipped. */
const UNKNOWN = '\u0000unknown';

/**
 * Expands `$NAME` and `${NAME}` with the modifiers `:-` `-` `:+` `+` and literal `#` `##` `%` `%%` removals, and
 * removes quotes the way the builder does for ARG defaults and FROM lines (`'…'` literal, `"…"` expanded), using only
 * the given values (a name missing from `values` counts as unset). Returns null for syntax we do not model (glob
 * patterns in removals, `${NAME/a/b}`, an unterminated `${`) or when an UNKNOWN value is involved, so callers stay quiet.
 * Options: `unset: 'unknown'` makes a plain reference to an unset name (`$X`, `${X}`, `${X#p}`) unknown too, for
 * callers that must not guess a value the user is expected to pass with --build-arg (`${X:-d}` and `${X:+d}` still
 * decide by themselves); `used` collects the referenced names that are set, whose values decided the result.
 */
export interface ExpandOptions {
  unset?: 'empty' | 'unknown';
  used?: Set<string>;
}

export function expandWith(text: string, values: Map<string, string | null>, opts: ExpandOptions = {}): string | null {
  let out = '';
  let inDouble = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return null;
      out += text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) return null;
      const inner = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+]|##?|%%?)(.*))?$/s.exec(inner);
      if (!m) return null;
      const v = values.has(m[1]) ? values.get(m[1])! : null;
      if (v === UNKNOWN) return null;
      const set = v !== null;
      const nonEmpty = set && v !== '';
      const word = () => (m[3] === undefined ? '' : expandWith(m[3], values, opts));
      const plain = !m[2] || m[2][0] === '#' || m[2][0] === '%';
      if (plain && !set && opts.unset === 'unknown') return null;
      if (set) opts.used?.add(m[1]);
      let piece: string | null;
      if (!m[2]) piece = v ?? '';
      else if (m[2] === ':-') piece = nonEmpty ? v : word();
      else if (m[2] === '-') piece = set ? v : word();
      else if (m[2] === ':+') piece = nonEmpty ? word() : '';
      else if (m[2] === '+') piece = set ? word() : '';
      else {
        // Prefix (#) or suffix (%) removal, literal patterns only.
        const pat = word();
        if (pat === null || /[*?[]/.test(m[3] ?? '')) return null;
        const val = v ?? '';
        if (m[2][0] === '#') piece = val.startsWith(pat) ? val.slice(pat.length) : val;
        else piece = val.endsWith(pat) ? val.slice(0, val.length - pat.length) : val;
      }
      if (piece === null) return null;
      out += piece;
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const v = values.get(m[0]);
    if (v === UNKNOWN) return null;
    if (v == null && opts.unset === 'unknown') return null;
    if (v != null) opts.used?.add(m[0]);
    out += v ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

/**
 * Global ARG values visible to FROM lines (ARGs before the first FROM), in order, each default expanded with the
 * values before it as the builder does; platform ARGs get a representative value so `FROM --platform=$BUILDPLATFORM`
 * and `FROM img-$TARGETARCH` expand to something valid. A default we cannot expand becomes UNKNOWN.
 */
export function globalArgValues(doc: ParsedDocument, beforeLine: number): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const p of ['TARGETPLATFORM', 'BUILDPLATFORM']) values.set(p, 'linux/amd64');
  for (const p of ['TARGETOS', 'BUILDOS']) values.set(p, 'linux');
  for (const p of ['TARGETARCH', 'BUILDARCH']) values.set(p, 'amd64');
  for (const p of ['TARGETVARIANT', 'BUILDVARIANT']) values.set(p, '');
  return addGlobalArgs(doc, beforeLine, values, {});
}

/** Names BuildKit sets by itself before the global ARGs (platform.go, defaultArgs): their values depend on the build. */
const AUTOMATIC_ARGS = [...PLATFORM_ARGS, 'BUILDOSVERSION', 'TARGETOSVERSION', 'TARGETSTAGE'];

/**
 * The global ARG values as far as the Dockerfile alone decides them: the names BuildKit sets per build (platform,
 * target stage) are UNKNOWN, and so is a default that reads an unset name without a `:-`/`:+` modifier. For rules
 * that judge the image a FROM line pulls by default and must stay quiet when it depends on the build.
 */
export function knownGlobalArgValues(doc: ParsedDocument, beforeLine: number): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const p of AUTOMATIC_ARGS) values.set(p, UNKNOWN);
  return addGlobalArgs(doc, beforeLine, values, { unset: 'unknown' });
}

/** Adds the global ARGs before `beforeLine` to `values`, as buildMetaArgs (dockerfile2llb/convert.go) does. */
function addGlobalArgs(doc: ParsedDocument, beforeLine: number, values: Map<string, string | null>, opts: ExpandOptions): Map<string, string | null> {
  for (const d of doc.globalArgs) {
    if (d.instr.startLine >= beforeLine) break;
    // `ARG X` without a value re-declares X; a value given earlier stays.
    if (d.value === null) {
      if (!values.has(d.name)) values.set(d.name, null);
      continue;
    }
    const raw = d.valueRange ? doc.getText(d.valueRange) : d.value;
    values.set(d.name, expandWith(raw, values, opts) ?? UNKNOWN);
  }
  return values;
}
