/**
 * nginx configuration and its `daemon` directive: the configuration a Dockerfile writes under /etc/nginx/, read the
 * way nginx reads directives, and the misspellings of `daemon` that make nginx refuse to start.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../../service/document';
import type { SimpleCommand } from '../../service/shell/parser';
import { commandRange, wordRange } from '../../service/shell/binding';
import { baseName, resolvePath } from '../helpers/paths';
import { runShells } from '../helpers/shell';
import type { RuleContext } from '../types';
import { afterWorkdir, workdirAt } from './imageFiles';

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
function osaDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

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
}

/** The directives of nginx configuration text or of a `-g` value: each statement's first word, with its offsets. */
function nginxDirectives(text: string): NginxDirective[] {
  const out: NginxDirective[] = [];
  let current: NginxDirective | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
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
        while (i < text.length && !/[\s;{}]/.test(text[i])) value += text[i++];
      }
      if (current) current.args.push(value);
      else if (c !== '"' && c !== "'") out.push((current = { name: value, start, end: i, args: [] }));
      else current = { name: '', start, end: i, args: [] };
    }
  }
  return out;
}

/** The directives of `text` that misspell `daemon`. */
export function daemonTypos(text: string): NginxDirective[] {
  return nginxDirectives(text).filter((d) => isDaemonTypo(d.name));
}

/** `daemon off;` is set in `text`. */
export function setsDaemonOff(text: string): boolean {
  return nginxDirectives(text).some((d) => d.name === 'daemon' && d.args[0] === 'off');
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
  instr: Instr;
  /** The build-context file the text comes from (COPY/ADD), for messages; undefined when it is in the Dockerfile. */
  file?: string;
  /** The Dockerfile range of text[start, end), when the text is written in the Dockerfile; else null. */
  rangeOf(start: number, end: number): Range | null;
  /** Where to report otherwise: the COPY/ADD source argument. */
  anchor: Range;
}

const NGINX_DIR = /^\/etc\/nginx\//;
const nginxConfigMemo = new WeakMap<ParsedDocument, { reader: RuleContext['readContextFile']; value: NginxConfig[] }>();

/**
 * nginx configuration written by the Dockerfile: `echo`/`printf … > /etc/nginx/…` (or `| tee`) in a RUN, a
 * `COPY <<EOF /etc/nginx/…` heredoc, and build-context files that COPY/ADD put under /etc/nginx/ (read when the
 * context can be read). In document order.
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
  const out: NginxConfig[] = [];
  // This runs for every version of every document: most never mention nginx, and one scan of the text says so
  // without building a single argument (a 10,000-line file's COPYs made the server's peak memory grow by MiBs).
  if (!doc.text.includes('nginx')) return out;
  for (const { instr, shell } of runShells(doc)) {
    if (!instr.stage || !shell.source.text.includes('/etc/nginx')) continue;
    const cwd = workdirAt(instr.stage, instr.startLine);
    const all = shell.all;
    for (let k = 0; k < all.length; k++) {
      const c = all[k];
      let writer: SimpleCommand | null = null;
      let target: string | undefined;
      if (c.name === 'echo' || c.name === 'printf') {
        writer = c;
        target = c.redirects.find((r) => (r.op === '>' || r.op === '>>') && r.target)?.target?.value;
      } else if (c.name === 'tee' && k > 0 && all[k - 1].after === '|' && (all[k - 1].name === 'echo' || all[k - 1].name === 'printf')) {
        writer = all[k - 1];
        target = c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
      }
      if (!writer || !target || target.includes('$')) continue;
      const dest = resolvePath(cwd, target);
      if (!NGINX_DIR.test(dest)) continue;
      const words = writer.words.slice(1).filter((w, j) => !(writer!.name === 'echo' && j === 0 && /^-[neE]+$/.test(w.value)));
      // The words joined by one space, each remembered by where it starts in the joined text.
      const starts: number[] = [];
      let text = '';
      for (const w of words) {
        if (text) text += ' ';
        starts.push(text.length);
        // `\n` in printf formats and `echo -e` is a line break for nginx too.
        text += w.value.replace(/\\[nt]/g, '  ');
      }
      out.push({
        dest,
        text,
        instr,
        rangeOf: (start) => {
          let j = starts.length - 1;
          while (j > 0 && starts[j] > start) j--;
          const w = words[j];
          return w ? wordRange(doc, w) : null;
        },
        anchor: commandRange(doc, writer),
      });
    }
  }
  for (const stage of doc.stages) {
    let cwd = workdirAt(stage, stage.startLine);
    for (const ins of stage.instructions) {
      cwd = afterWorkdir(cwd, ins);
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // Only a COPY that names nginx, or runs in a WORKDIR under /etc/nginx, can land there: decided on the text.
      if (!NGINX_DIR.test(`${cwd}/`) && !mentions(doc, ins, 'nginx')) continue;
      if (ins.flag('from')) continue;
      const heredocs = ins.heredocs();
      const json = ins.jsonStrings();
      // With a heredoc, dockerfile-ast's arguments run on into its body: keep those of the instruction line.
      const args = json ?? (heredocs.length ? ins.args().filter((a) => a.range.start.line === heredocs[0].startRange.start.line) : ins.args());
      if (args.length < 2) continue;
      const destRaw = args[args.length - 1].value;
      if (destRaw.includes('$')) continue;
      const dest = resolvePath(cwd, destRaw);
      const destIsDir = destRaw.endsWith('/') || args.length > 2;
      if (heredocs.length > 0) {
        const h = heredocs[0];
        if (!h.contentRange || destIsDir || !NGINX_DIR.test(dest)) continue;
        const bodyStart = doc.offsetAt(h.contentRange.start);
        out.push({
          dest,
          text: doc.getText(h.contentRange),
          instr: ins,
          rangeOf: (start, end) => ({ start: doc.positionAt(bodyStart + start), end: doc.positionAt(bodyStart + end) }),
          anchor: h.nameRange,
        });
        continue;
      }
      if (!ctx.readContextFile) continue;
      for (const src of args.slice(0, -1)) {
        if (/^[a-z]+:\/\//i.test(src.value) || /[*?[]/.test(src.value) || src.value.includes('$')) continue;
        // BuildKit cuts a leading `../` off at the context root, so `../x` is the context's `x`.
        const path = resolvePath('/', src.value).slice(1);
        const lands = destIsDir ? resolvePath(dest, baseName(path)) : dest;
        if (!path || !NGINX_DIR.test(lands)) continue;
        const text = ctx.readContextFile(path);
        if (text === null) continue;
        out.push({ dest: lands, text, instr: ins, file: path, rangeOf: () => null, anchor: src.range });
      }
    }
  }
  return out;
}
