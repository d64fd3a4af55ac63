/**
 * TLS in nginx configuration the Dockerfile writes: server blocks that listen with `ssl` and the certificate files
 * they name, and whether the image build (or the start script) puts a file at such a path.
 */
import type { Instr, Stage } from '../../service/document';
import { resolvePath } from '../helpers/paths';
import type { RuleContext } from '../types';
import { afterWorkdir, workdirAt } from './imageFiles';
import { nginxDirectives, type NginxDirective } from './nginxConfig';
import { stageChain } from '../helpers/stages';

export interface ServerBlock {
  server: NginxDirective;
  /** Offset of the block's `{`: nginx reports the server at the line of that brace (ngx_http_core_server). */
  brace: number;
  /** The directives directly inside it. */
  children: NginxDirective[];
}

/** The `server { … }` blocks of configuration text, with the directives directly inside each. */
export function serverBlocks(text: string): ServerBlock[] {
  const out: ServerBlock[] = [];
  const open: { d: NginxDirective; block?: ServerBlock }[] = [];
  for (const d of nginxDirectives(text)) {
    open.length = Math.min(open.length, d.depth);
    const parent = open[open.length - 1];
    if (parent?.block && parent.d.depth + 1 === d.depth) parent.block.children.push(d);
    if (!d.opens) continue;
    let block: ServerBlock | undefined;
    if (d.name === 'server') {
      block = { server: d, brace: text.indexOf('{', d.end), children: [] };
      out.push(block);
    }
    // A block that opened at a depth the parser skipped (unbalanced text) is padded so depths stay indexes.
    while (open.length < d.depth) open.push({ d });
    open.push({ d, block });
  }
  return out;
}

/** Whether some `listen` of the block has the `ssl` parameter. */
export function listensSsl(b: ServerBlock): NginxDirective | undefined {
  return b.children.find((c) => c.name === 'listen' && c.args.includes('ssl'));
}

/** Where nginx looks for a certificate file named in its configuration (Debian's prefix for relative names). */
export function certificatePath(arg: string): string | null {
  // A variable is resolved per connection; `data:` and `engine:` name no file.
  if (!arg || arg.includes('$') || /^(data|engine|store):/.test(arg)) return null;
  return resolvePath('/etc/nginx', arg);
}

/**
 * What the image build and its start could write, as far as the Dockerfile shows it: the paths COPY/ADD put files at
 * or under, the text of every RUN, CMD and ENTRYPOINT, and the text of the files they copy from the build context
 * (scripts among them). `unknown` is set when something copied could not be read, so a script in it could create any
 * file, or when a destination is a variable.
 */
export interface ImageWrites {
  copiedTo: string[];
  texts: string[];
  unknown: boolean;
}

const MAX_FILES = 200;
const MAX_SIZE = 256 * 1024;

export function imageWrites(ctx: RuleContext, stage: Stage): ImageWrites {
  const out: ImageWrites = { copiedTo: [], texts: [], unknown: false };
  const chain = stageChain(stage);
  let files = 0;
  const read = (path: string, depth: number): void => {
    if (files >= MAX_FILES) {
      out.unknown = true;
      return;
    }
    const text = ctx.readContextFile?.(path) ?? null;
    if (text !== null) {
      files++;
      if (text.length <= MAX_SIZE) out.texts.push(text);
      return;
    }
    const entries = depth < 6 ? (ctx.contextEntries?.(path) ?? null) : null;
    if (!entries) {
      out.unknown = true;
      return;
    }
    for (const e of entries) read(path ? `${path}/${e.name}` : e.name, depth + 1);
  };
  for (const s of chain) {
    let cwd = workdirAt(s, s.startLine);
    for (const ins of s.instructions) {
      cwd = afterWorkdir(cwd, ins);
      if (ins.keyword === 'RUN' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') out.texts.push(instrText(ins));
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const json = ins.jsonStrings();
      const args = (json ?? ins.args()).map((a) => a.value);
      if (args.length < 2) continue;
      const dest = args[args.length - 1];
      if (dest.includes('$')) {
        out.unknown = true;
        continue;
      }
      out.copiedTo.push(resolvePath(cwd, dest));
      if (ins.heredocs().length) {
        out.texts.push(instrText(ins));
        continue;
      }
      // Another stage's or image's files, a URL or a wildcard: what they hold is not known here.
      if (ins.flag('from') || !ctx.readContextFile) {
        out.unknown = true;
        continue;
      }
      for (const src of args.slice(0, -1)) {
        if (/^[a-z]+:\/\//i.test(src) || /[*?[$]/.test(src)) {
          out.unknown = true;
          continue;
        }
        read(resolvePath('/', src).slice(1), 0);
      }
    }
  }
  return out;
}

function instrText(ins: Instr): string {
  return ins.doc.getText({ start: { line: ins.startLine, character: 0 }, end: { line: ins.endLine + 1, character: 0 } });
}

/**
 * Whether the image could have a file at `path`: a COPY/ADD put something there or in a folder above it, or some
 * command or copied file names it or its file name (an `openssl req -out`, a `cp`, a `mv`, a start script), or
 * something unread could. Only a path nothing mentions is missing.
 */
export function mayExist(w: ImageWrites, path: string): boolean {
  // mkcert, certbot and acme.sh choose file names of their own (`mkcert localhost` writes ./localhost.pem).
  // An `openssl … -out "$CERT"` writes where a variable says: any path.
  if (w.unknown || w.texts.some((t) => /\b(mkcert|certbot|acme\.sh|ssl-cert)\b|-(key)?out[\s=]+["']?\$/.test(t))) return true;
  if (w.copiedTo.some((d) => d === '/' || path === d || path.startsWith(`${d.replace(/\/+$/, '')}/`))) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return w.texts.some((t) => mentionsOutsideConfig(t, name));
}

/** Whether `name` is in `text` on a line other than one that only names it to nginx (`ssl_certificate …;`). */
function mentionsOutsideConfig(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    if (!/^\s*ssl_(trusted_|client_)?certificate(_key)?\s/.test(line)) return true;
  }
  return false;
}

/**
 * Images whose files are known: the distributions' and nginx's own. Another base image (a team's, a tutorial's)
 * may already hold the certificate.
 */
export function plainBase(stage: Stage): boolean {
  let s: Stage | null = stage;
  while (s?.parent) s = s.parent;
  const image = s?.image ?? '';
  return /^(docker\.io\/)?(library\/)?(debian|ubuntu|alpine|nginx)(:[\w.-]+)?$/.test(image);
}
