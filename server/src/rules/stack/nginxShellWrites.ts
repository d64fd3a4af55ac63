/**
 * What shell commands write into nginx's configuration under /etc/nginx/: `echo`/`printf` redirected or piped into
 * `tee`, `cat <<EOF` (or `tee <<EOF`) redirected, and `sed -i` edits. Read from the Dockerfile's RUNs and from the
 * scripts those RUNs run at build time (nginxConfig.ts); what other commands write (`cp`, `cat file`) is unknown here.
 */
import type { ShellSource, Word } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import { resolvePath } from '../helpers/paths';
import { patternText, sedEdits, sedInvocation, type SedEdit } from '../helpers/sed';

export const NGINX_DIR = /^\/etc\/nginx\//;

/** Text a command puts into a file under /etc/nginx/. */
export interface ShellWrite {
  dest: string;
  /** The whole file (`>`, `tee`), added at its end (`>>`, `tee -a`), or put where a `sed -i` command says. */
  how: 'write' | 'append' | 'edit';
  /** For `edit`: the sed command. */
  edit?: SedEdit;
  text: string;
  /**
   * Source offsets (of the parsed text: the document, or the script file) of text[start, end): exact inside a
   * heredoc body; elsewhere the whole shell word that holds text[start].
   */
  spanOf(start: number, end: number): { start: number; end: number };
  command: SimpleCommand;
}

/** A heredoc body read for a command: its text and the source offset of its first character. */
export type HeredocBody = { text: string; offset: number };

/** Finds the body of the heredoc `delim` of command `c`, or null. */
export type HeredocFinder = (c: SimpleCommand, delim: string) => HeredocBody | null;

/**
 * The heredoc bodies written in a multi-line shell text (a `RUN <<EOF` script, a script file): the lines after the
 * command's line, up to the delimiter. When the line holds several heredocs, their bodies follow one another.
 */
export function bodiesInSource(src: ShellSource): HeredocFinder {
  const base = src.base ?? 0;
  const text = src.text;
  return (c, delim) => {
    const op = c.redirects.find((r) => (r.op === '<<' || r.op === '<<-') && r.target?.value === delim);
    if (!op || !op.target) return null;
    const at = sourceIndex(src, op.target.end - base);
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) return null;
    let i = lineEnd + 1;
    for (const m of text.slice(lineStart, lineEnd).matchAll(HEREDOC_OP)) {
      const word = m[2] ?? m[3] ?? m[4];
      const mine = lineStart + m.index + m[0].length === at;
      const bodyStart = i;
      for (;;) {
        if (i >= text.length) return null;
        const e = text.indexOf('\n', i);
        const end = e < 0 ? text.length : e;
        let line = text.slice(i, end).replace(/\r$/, '');
        if (m[1] === '-') line = line.replace(/^\t+/, '');
        if (line === word && mine) return { text: text.slice(bodyStart, i), offset: src.map[bodyStart] + base };
        i = end + 1;
        if (line === word) break;
      }
    }
    return null;
  };
}

/** A heredoc operator and its delimiter word (quoted or not; `<<<` is a here-string, not a heredoc). */
const HEREDOC_OP = /(?<!<)<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([^\s;&|<>()]+))/g;

/** The index in src.text whose source offset is the first at or after `offset` (the map only grows). */
function sourceIndex(src: ShellSource, offset: number): number {
  let lo = 0;
  let hi = src.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (src.map[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Everything `all` (commands in order, run in `cwd`) writes under /etc/nginx/. */
export function shellWrites(all: SimpleCommand[], cwd: string, bodyOf: HeredocFinder): ShellWrite[] {
  const out: ShellWrite[] = [];
  for (let k = 0; k < all.length; k++) {
    const c = all[k];
    if (c.name === 'sed') {
      out.push(...sedWrites(c, cwd));
      continue;
    }
    const content = c.name === 'tee' ? teeInput(all, k, bodyOf) : ownContent(c, bodyOf);
    if (!content) continue;
    for (const t of targets(c)) {
      const dest = resolvePath(cwd, t.path);
      if (NGINX_DIR.test(dest)) out.push({ dest, how: t.append ? 'append' : 'write', text: content.text, spanOf: content.spanOf, command: c });
    }
  }
  return out;
}

type Content = { text: string; spanOf: ShellWrite['spanOf'] };

/** What `echo`/`printf` print, or the heredoc `cat` copies; null for any other command. */
function ownContent(c: SimpleCommand, bodyOf: HeredocFinder): Content | null {
  if (c.name === 'echo' || c.name === 'printf') return printed(c);
  if (c.name === 'cat' && c.words.length === 1) return heredocOf(c, bodyOf);
  return null;
}

/** What reaches `tee`: its own heredoc, or what the command before it in the pipeline prints. */
function teeInput(all: SimpleCommand[], k: number, bodyOf: HeredocFinder): Content | null {
  const own = heredocOf(all[k], bodyOf);
  if (own) return own;
  const prev = all[k - 1];
  return prev && prev.after === '|' ? ownContent(prev, bodyOf) : null;
}

function heredocOf(c: SimpleCommand, bodyOf: HeredocFinder): Content | null {
  const r = c.redirects.find((x) => (x.op === '<<' || x.op === '<<-') && x.target);
  if (!r || !r.target) return null;
  const body = bodyOf(c, r.target.value);
  if (!body) return null;
  return { text: body.text, spanOf: (start, end) => ({ start: body.offset + start, end: body.offset + end }) };
}

/** The words of echo/printf joined by one space; `\n` and `\t` escapes read as blanks, as nginx reads them. */
function printed(writer: SimpleCommand): Content {
  const words = writer.words.slice(1).filter((w, j) => !(writer.name === 'echo' && j === 0 && /^-[neE]+$/.test(w.value)));
  const starts: number[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w.value.replace(/\\[nt]/g, '  ');
  }
  return { text, spanOf: (start) => wordSpan(words, starts, start) };
}

function wordSpan(words: Word[], starts: number[], start: number): { start: number; end: number } {
  let j = starts.length - 1;
  while (j > 0 && starts[j] > start) j--;
  const w = words[j];
  return w ? { start: w.start, end: w.end } : { start: 0, end: 0 };
}

/** The files a command's output goes to: its `>`/`>>` redirections, or tee's operands (`-a` appends). */
function targets(c: SimpleCommand): { path: string; append: boolean }[] {
  const out: { path: string; append: boolean }[] = [];
  if (c.name === 'tee') {
    const opts = c.words.slice(1).filter((w) => w.value.startsWith('-'));
    const append = opts.some((w) => /^-[a-z]*a/.test(w.value) || w.value === '--append');
    for (const w of c.words.slice(1)) if (!w.value.startsWith('-') && !w.value.includes('$')) out.push({ path: w.value, append });
    return out;
  }
  // Every `>`/`>>` target: the caller keeps those under /etc/nginx/ (a `2>` names another stream, but its fd number
  // is dropped by the parser; nobody sends stderr into nginx's configuration).
  for (const r of c.redirects) {
    if ((r.op === '>' || r.op === '>>' || r.op === '>|') && r.target && !r.target.value.includes('$')) out.push({ path: r.target.value, append: r.op === '>>' });
  }
  return out;
}

/** The edits of `sed -i` on files under /etc/nginx/, one per sed command that puts text in or takes lines out. */
function sedWrites(c: SimpleCommand, cwd: string): ShellWrite[] {
  const inv = sedInvocation(c.words);
  if (!inv.inPlace || inv.scriptFile || inv.scripts.length === 0) return [];
  const dests = inv.files.filter((w) => !w.value.includes('$')).map((w) => resolvePath(cwd, w.value)).filter((d) => NGINX_DIR.test(d));
  if (dests.length === 0) return [];
  // Several -e scripts are one script, joined by newlines (`-e '$a\' -e 'daemon off;'` is one `a` command).
  const starts: number[] = [];
  let script = '';
  for (const w of inv.scripts) {
    if (script) script += '\n';
    starts.push(script.length);
    script += w.value;
  }
  // `&` is what the pattern matched: its words and braces, read as a statement of its own. A pattern such as
  // `^user .*` leaves the directive's `;` to the part it does not spell out.
  let edits = sedEdits(script, (re) => `${patternText(re)};`);
  if (edits === null) {
    // A script this reader does not follow: when it writes `daemon off;`, take it as written where the author meant.
    const m = /daemon\s+off\s*;/.exec(script);
    edits = m ? [{ cmd: 's', address: { kind: 'other' }, text: 'daemon off;', at: m.index }] : [];
  }
  const out: ShellWrite[] = [];
  for (const edit of edits) {
    const span = wordSpan(inv.scripts, starts, edit.at);
    for (const dest of dests) out.push({ dest, how: 'edit', edit, text: edit.text, spanOf: () => span, command: c });
  }
  return out;
}
