/**
 * nginx configuration and its `daemon` directive: the configuration a Dockerfile writes under /etc/nginx/, read the
 * way nginx reads directives, and the misspellings of `daemon` that make nginx refuse to start.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../../service/document';
import { parseShell, type SimpleCommand } from '../../service/shell/parser';
import { commandRange } from '../../service/shell/binding';
import { flatten } from '../../service/shell/commands';
import { lineOfOffset, plainSource, type ShellSource } from '../../service/shell/lexer';
import { baseName, resolvePath } from '../helpers/paths';
import type { SedEdit } from '../helpers/sed';
import { runShells } from '../helpers/shell';
import type { FileSpan, RuleContext } from '../types';
import { afterWorkdir, findContextSource, workdirAt } from './imageFiles';
import { scriptPath } from './mainCommand';
import { osaDistance } from '../helpers/names';
import { bodiesInSource, NGINX_DIR, shellWrites, type HeredocFinder } from './nginxShellWrites';

/**
 * A directive name that is not `daemon` but one or two edits away from it (a swapped pair counts as one):
 * `deamon`, `dameon`, `daemno`, `demon`, `daemonn`, `Daemon`. nginx matches directive names exactly, so it stops
 * with `[emerg] unknown directive "…"` and exit code 1. No directive of nginx 1.x is within three edits of
 * `daemon` (checked against every `ngx_string` command name in nginx's src/), so this never hits a real one.
 */
export function isDaemonTypo(name: string): boolean {
  if (name === 'daemon' || name.length < 4 || name.length > 8 || !/^[A-Za-z_]+$/.test(name)) return false;
  return osaDistance(name.toLowerCase(), 'daemon') <= 2;
}

export interface NginxDirective {
  name: string;
  /** Offsets of the name in the text. */
  start: number;
  end: number;
  /** The words after the name, up to its `;` or `{`. */
  args: string[];
  /** How many blocks (`{…}`) are open around it: 0 is nginx's main context, the only place `daemon` is allowed. */
  depth: number;
  /** It opens a block (`http {`). */
  opens: boolean;
}

/**
 * The directives of nginx configuration text or of a `-g` value: each statement's first word, with its offsets and
 * the depth of blocks around it (nginx's own tokenizer, ngx_conf_read_token, splits at blanks, `;`, `{`, `}`).
 */
export function nginxDirectives(text: string): NginxDirective[] {
  const out: NginxDirective[] = [];
  let current: NginxDirective | null = null;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      if (c === '{') {
        if (current) current.opens = true;
        depth++;
      } else if (c === '}') {
        depth = Math.max(0, depth - 1);
      }
      current = null;
      i++;
    } else {
      const start = i;
      let value = '';
      if (c === '"' || c === "'") {
        i++;
        while (i < text.length && text[i] !== c) {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i++];
        }
        i++;
      } else {
        while (i < text.length && !/[\s;{}]/.test(text[i])) {
          // `${name}` is one word to nginx (ngx_conf_read_token keeps a `{` that follows `$`): an envsubst
          // template's `listen ${PORT};` opens no block.
          if (text[i] === '$' && text[i + 1] === '{') {
            const close = text.indexOf('}', i);
            if (close > 0 && !/[\s;]/.test(text.slice(i, close))) {
              value += text.slice(i, close + 1);
              i = close + 1;
              continue;
            }
          }
          value += text[i++];
        }
      }
      if (current) current.args.push(value);
      else if (c !== '"' && c !== "'") out.push((current = { name: value, start, end: i, args: [], depth, opens: false }));
      else current = { name: '', start, end: i, args: [], depth, opens: false };
    }
  }
  return out;
}

/** The directives of `text` that misspell `daemon`. */
export function daemonTypos(text: string): NginxDirective[] {
  return nginxDirectives(text).filter((d) => isDaemonTypo(d.name));
}

/** Whether the instruction's text contains `word`, read from the document text without copying it. */
function mentions(doc: ParsedDocument, ins: Instr, word: string): boolean {
  const at = doc.text.indexOf(word, doc.offsetAt({ line: ins.startLine, character: 0 }));
  return at >= 0 && at < doc.offsetAt({ line: ins.endLine + 1, character: 0 });
}

/** nginx configuration the Dockerfile writes under /etc/nginx/, with a way back to where to report in it. */
export interface NginxConfig {
  /** Where the text lands in the image. */
  dest: string;
  text: string;
  /** The whole file, added at its end, or put where a `sed -i` command says (see nginxShellWrites). */
  how: 'write' | 'append' | 'edit';
  /** For `edit`: the sed command. */
  edit?: SedEdit;
  instr: Instr;
  /** The build-context file the text is in (COPY/ADD, or a script run at build time); undefined in the Dockerfile. */
  file?: string;
  /** The Dockerfile range of text[start, end), when the text is written in the Dockerfile; else null. */
  rangeOf(start: number, end: number): Range | null;
  /** The 1-based line of `file` that holds text[start] (when `file` is set). */
  lineOf(start: number): number;
  /** Where to report otherwise: the COPY/ADD source argument, or the RUN command that runs the script. */
  anchor: Range;
  /**
   * text[start, end) as a span of the build-context file, when the text is that file's whole content (a COPY/ADD of
   * the file); null otherwise (text a script writes, text in the Dockerfile). Findings carry it as Finding.inFile.
   */
  fileSpan(start: number, end: number): FileSpan | null;
}

const nginxConfigMemo = new WeakMap<ParsedDocument, { reader: RuleContext['readContextFile']; value: NginxConfig[] }>();

/**
 * nginx configuration written by the Dockerfile, in the order it is written: what the RUNs write with `echo`,
 * `printf`, `tee`, `cat <<EOF` or `sed -i` (see nginxShellWrites), also inside a script a RUN runs that a COPY
 * brought from the build context; a `COPY <<EOF /etc/nginx/…` heredoc; build-context files (or a folder's
 * nginx.conf) that COPY/ADD put under /etc/nginx/. Context files are read only when the context can be read.
 */
export function nginxConfigs(ctx: RuleContext): NginxConfig[] {
  const known = nginxConfigMemo.get(ctx.doc);
  if (known && known.reader === ctx.readContextFile) return known.value;
  const value = findNginxConfigs(ctx);
  nginxConfigMemo.set(ctx.doc, { reader: ctx.readContextFile, value });
  return value;
}

function findNginxConfigs(ctx: RuleContext): NginxConfig[] {
  const doc = ctx.doc;
  // Document order: the instruction, then the place in it (a RUN writes in the order of its commands).
  const out: { at: number; conf: NginxConfig }[] = [];
  // This runs for every version of every document: most never mention nginx, and one scan of the text says so
  // without building a single argument (a 10,000-line file's COPYs made the server's peak memory grow by MiBs).
  if (!doc.text.includes('nginx')) return [];
  const scripts: ScriptLookups = { copied: null, left: MAX_SCRIPTS };
  for (const { instr, shell } of runShells(doc)) {
    if (!instr.stage) continue;
    const cwd = workdirAt(instr.stage, instr.startLine);
    if (shell.source.text.includes('/etc/nginx')) {
      for (const w of shellWrites(shell.all, cwd, runBodies(instr, shell.source, shell.fromHeredoc))) {
        out.push({
          at: w.command.start,
          conf: {
            dest: w.dest,
            text: w.text,
            how: w.how,
            edit: w.edit,
            instr,
            rangeOf: (start, end) => {
              const span = w.spanOf(start, end);
              return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
            },
            lineOf: (start) => doc.positionAt(w.spanOf(start, start).start).line + 1,
            anchor: commandRange(doc, w.command),
            fileSpan: () => null,
          },
        });
      }
    }
    if (ctx.readContextFile) for (const conf of buildScriptWrites(ctx, instr, shell.all, cwd, scripts)) out.push({ at: doc.offsetAt(conf.anchor.start), conf });
  }
  for (const stage of doc.stages) {
    let cwd = workdirAt(stage, stage.startLine);
    for (const ins of stage.instructions) {
      cwd = afterWorkdir(cwd, ins);
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // Only a COPY that names nginx, or runs in a WORKDIR under /etc/nginx, can land there: decided on the text.
      if (!NGINX_DIR.test(`${cwd}/`) && !mentions(doc, ins, 'nginx')) continue;
      if (ins.flag('from')) continue;
      const at = doc.offsetAt({ line: ins.startLine, character: 0 });
      for (const conf of copiedConfigs(ctx, ins, cwd)) out.push({ at, conf });
    }
  }
  out.sort((a, b) => a.at - b.at);
  return out.map((o) => o.conf);
}

/**
 * Heredoc bodies for the commands of a RUN: in a `RUN <<EOF` script they follow in the text; on a one-line RUN
 * (`RUN cat <<EOF > /etc/nginx/nginx.conf`) they are the instruction's own heredocs, found by their delimiter.
 */
function runBodies(instr: Instr, source: ShellSource, fromHeredoc: boolean): HeredocFinder {
  const inText = bodiesInSource(source);
  if (fromHeredoc) return inText;
  return (c, delim) => {
    const h = instr.heredocs().find((x) => x.name === delim);
    if (!h) return inText(c, delim);
    if (!h.contentRange) return null;
    return { text: instr.doc.getText(h.contentRange), offset: instr.doc.offsetAt(h.contentRange.start) };
  };
}

const SCRIPT_RUNNERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/**
 * Finding the COPY that brought a script walks the stage's COPYs, so a document that runs thousands of scripts
 * would be quadratic: a script is looked up only when its path names something a COPY/ADD copies, and at most
 * MAX_SCRIPTS of them per document version.
 */
interface ScriptLookups {
  /** The file names of the build-context sources of every COPY/ADD (built on first need). */
  copied: Set<string> | null;
  left: number;
}

const MAX_SCRIPTS = 16;

function copiedNames(doc: ParsedDocument): Set<string> {
  const out = new Set<string>();
  for (const ins of doc.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flag('from')) continue;
    const args = ins.jsonStrings() ?? ins.args();
    for (const a of args.slice(0, -1)) {
      const name = baseName(a.value.replace(/\/+$/, ''));
      // The whole context (`COPY . /app`) or a wildcard can bring any name: ANY says so.
      out.add(name === '' || name === '.' || /[*?[]/.test(name) ? ANY : name);
    }
  }
  return out;
}

const ANY = '*';

/**
 * What the scripts a RUN runs (`RUN bash /tmp/setup.sh`, `RUN ./configure.sh`) write under /etc/nginx/, when a
 * COPY/ADD brought the script from the build context: the build runs them, so their writes are in the image.
 */
function buildScriptWrites(ctx: RuleContext, instr: Instr, all: SimpleCommand[], cwd: string, lookups: ScriptLookups): NginxConfig[] {
  const out: NginxConfig[] = [];
  for (const c of all) {
    // Cheap test first (this runs over every RUN command): a shell with an operand, `x.sh`, `./x`.
    if (!SCRIPT_RUNNERS.has(c.name) && !/\.(sh|bash)$/.test(c.name) && !(c.words[0]?.value.startsWith('./') ?? false)) continue;
    const path = scriptPath(c.words.map((w) => w.value));
    if (!path || !instr.stage || lookups.left <= 0) continue;
    // A copied directory holds the script under another name: its folder name is enough to look further.
    lookups.copied ??= copiedNames(ctx.doc);
    if (!lookups.copied.has(ANY) && !path.split('/').some((part) => lookups.copied!.has(part))) continue;
    lookups.left--;
    const found = findContextSource(ctx, instr.stage, instr, path);
    if (!found || !found.text.includes('/etc/nginx')) continue;
    const src = plainSource(found.text);
    const anchor = commandRange(instr.doc, c);
    for (const w of shellWrites(flatten(parseShell(src)), cwd, bodiesInSource(src))) {
      out.push({
        dest: w.dest,
        text: w.text,
        how: w.how,
        edit: w.edit,
        instr,
        file: found.path,
        rangeOf: () => null,
        lineOf: (start) => lineOfOffset(found.text, w.spanOf(start, start).start),
        anchor,
        fileSpan: () => null,
      });
    }
  }
  return out;
}

/** The configuration a COPY/ADD (not --from) puts under /etc/nginx/: its heredoc, or the build-context files. */
function copiedConfigs(ctx: RuleContext, ins: Instr, cwd: string): NginxConfig[] {
  const doc = ctx.doc;
  const heredocs = ins.heredocs();
  const json = ins.jsonStrings();
  // With a heredoc, dockerfile-ast's arguments run on into its body: keep those of the instruction line.
  const args = json ?? (heredocs.length ? ins.args().filter((a) => a.range.start.line === heredocs[0].startRange.start.line) : ins.args());
  if (args.length < 2) return [];
  const destRaw = args[args.length - 1].value;
  if (destRaw.includes('$')) return [];
  const dest = resolvePath(cwd, destRaw);
  const destIsDir = destRaw.endsWith('/') || args.length > 2;
  if (heredocs.length > 0) {
    const h = heredocs[0];
    if (!h.contentRange || destIsDir || !NGINX_DIR.test(dest)) return [];
    const bodyStart = doc.offsetAt(h.contentRange.start);
    const text = doc.getText(h.contentRange);
    return [
      {
        dest,
        text,
        how: 'write',
        instr: ins,
        rangeOf: (start, end) => ({ start: doc.positionAt(bodyStart + start), end: doc.positionAt(bodyStart + end) }),
        lineOf: (start) => doc.positionAt(bodyStart + start).line + 1,
        anchor: h.nameRange,
        fileSpan: () => null,
      },
    ];
  }
  if (!ctx.readContextFile) return [];
  const out: NginxConfig[] = [];
  for (const src of args.slice(0, -1)) {
    if (/^[a-z]+:\/\//i.test(src.value) || /[*?[]/.test(src.value) || src.value.includes('$')) continue;
    // BuildKit cuts a leading `../` off at the context root, so `../x` is the context's `x`.
    const path = resolvePath('/', src.value).slice(1);
    if (!path) continue;
    // /etc/nginx is a directory in any image with nginx: a file copied onto it lands inside.
    const lands = destIsDir || dest === '/etc/nginx' ? resolvePath(dest, baseName(path)) : dest;
    let file = path;
    let text = NGINX_DIR.test(lands) ? ctx.readContextFile(path) : null;
    let to = lands;
    if (text === null && dest === '/etc/nginx') {
      // A folder copied onto /etc/nginx (`COPY srcs/nginx/ /etc/nginx/`): its content lands there, nginx.conf too.
      file = `${path}/nginx.conf`;
      text = ctx.readContextFile(file);
      to = '/etc/nginx/nginx.conf';
    }
    if (text === null) continue;
    const body = text;
    const copied = file;
    out.push({
      dest: to,
      text: body,
      how: 'write',
      instr: ins,
      file,
      rangeOf: () => null,
      lineOf: (start) => lineOfOffset(body, start),
      anchor: src.range,
      fileSpan: (start, end) => ({ path: copied, start, end }),
    });
  }
  return out;
}
