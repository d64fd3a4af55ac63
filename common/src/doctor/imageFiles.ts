/**
 * Where the files of the build context end up in the image, read from the Dockerfile's COPY/ADD lines, so that a
 * cause found in the container (an nginx config line, a script) points at the file the user edits. Also the few
 * other instructions the web checks quote: ENV/ARG names, EXPOSE, CMD/ENTRYPOINT.
 * Deliberately small: logical lines (backslash continuations joined), the last stage only, no variable expansion.
 */
import * as path from 'node:path';

export interface Instruction {
  keyword: string;
  /** The text after the keyword, continuations joined. */
  rest: string;
  /** 1-based line of the keyword. */
  line: number;
  /** Bodies of the heredocs (`<<EOF` … `EOF`) of a RUN/COPY/ADD, in order; their lines are not instructions. */
  heredocs?: string[];
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`: the heredoc openers BuildKit's Dockerfile frontend reads in RUN, COPY and ADD. */
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g;

export interface Copy {
  sources: string[];
  /** Absolute in-image destination (relative ones joined to the WORKDIR of the time). */
  dest: string;
  /** Destination is a folder: it ends in `/`, or there are several sources. */
  destIsDir: boolean;
  line: number;
}

/** Folders that exist in a Debian image with nginx: a COPY to one of them lands inside it. */
const KNOWN_DIRS = new Set(['/', '/bin', '/etc', '/etc/nginx', '/etc/nginx/conf.d', '/etc/nginx/sites-available', '/etc/nginx/sites-enabled', '/etc/nginx/snippets', '/home', '/opt', '/root', '/srv', '/tmp', '/usr/bin', '/usr/local/bin', '/usr/share/nginx/html', '/var/www', '/var/www/html']);

export function instructions(dockerfile: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = dockerfile.split(/\r?\n/);
  let escape = '\\';
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*#\s*escape\s*=\s*([\\`])\s*$/.exec(lines[i]);
    if (m && out.length === 0) escape = m[1];
    if (/^\s*(#|$)/.test(lines[i])) continue;
    const start = i;
    let text = lines[i];
    while (text.trimEnd().endsWith(escape) && i + 1 < lines.length) {
      text = text.trimEnd().slice(0, -1);
      i++;
      // Comment lines inside a continued instruction are dropped by the parser.
      while (i < lines.length && /^\s*#/.test(lines[i])) i++;
      text += ' ' + (lines[i] ?? '');
    }
    const k = /^\s*(\w+)\s*(.*)$/s.exec(text);
    if (!k) continue;
    const x: Instruction = { keyword: k[1].toUpperCase(), rest: k[2].trim(), line: start + 1 };
    if (['RUN', 'COPY', 'ADD'].includes(x.keyword)) {
      // A heredoc's body follows the instruction's line; skipping it keeps its lines from reading as instructions.
      for (const h of x.rest.matchAll(HEREDOC)) {
        const body: string[] = [];
        const strip = h[1] === '-';
        while (i + 1 < lines.length) {
          i++;
          const l = strip ? lines[i].replace(/^\t+/, '') : lines[i];
          if (l === h[3]) break;
          body.push(l);
        }
        (x.heredocs ??= []).push(body.join('\n'));
      }
    }
    out.push(x);
  }
  return out;
}

/** The instructions of the last stage (what the container runs). */
export function lastStage(ins: Instruction[]): Instruction[] {
  let from = 0;
  ins.forEach((x, i) => {
    if (x.keyword === 'FROM') from = i;
  });
  return ins.slice(from);
}

/** JSON array form or whitespace-separated words. */
export function words(rest: string): string[] {
  if (rest.startsWith('[')) {
    try {
      const a = JSON.parse(rest);
      if (Array.isArray(a) && a.every((x) => typeof x === 'string')) return a;
    } catch {
      // not JSON: fall through to words
    }
  }
  return rest.split(/\s+/).filter(Boolean);
}

export function copies(ins: Instruction[]): Copy[] {
  const out: Copy[] = [];
  let workdir = '/';
  for (const x of lastStage(ins)) {
    if (x.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, words(x.rest)[0] ?? '/');
    if (x.keyword !== 'COPY' && x.keyword !== 'ADD') continue;
    const w = words(x.rest);
    if (w.some((a) => a.startsWith('--from'))) continue;
    const args = w.filter((a) => !a.startsWith('--'));
    if (args.length < 2) continue;
    const rawDest = args[args.length - 1];
    const dest = path.posix.resolve(workdir, rawDest);
    // Sources are relative to the context even when written `/srcs/x` (the context is the root).
    const sources = args.slice(0, -1).map((s) => path.posix.normalize(s).replace(/^\/+/, '').replace(/^\.\//, '').replace(/\/$/, '') || '.');
    out.push({
      sources,
      dest,
      // A folder when the Dockerfile says so (`/`, `.`, several sources), or when it names a folder every Debian-based
      // image has: `COPY x.sh /etc/nginx` copies into the folder only because it exists, which the text cannot show.
      destIsDir: rawDest.endsWith('/') || rawDest === '.' || args.length > 2 || KNOWN_DIRS.has(dest),
      line: x.line,
    });
  }
  return out;
}

/**
 * The build-context file that became `inImage`, or null. `exists(rel)` tells whether the context has that file
 * (a folder source reads as no file: its files are found under it).
 */
export function contextFileOf(cs: Copy[], inImage: string, exists: (rel: string) => boolean): string | null {
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i];
    for (const src of c.sources) {
      if (src.includes('*') || src.includes('?')) continue;
      if (exists(src)) {
        const target = c.destIsDir ? path.posix.join(c.dest, path.posix.basename(src)) : c.dest;
        if (target === inImage) return src;
      } else if (inImage.startsWith(c.dest.replace(/\/$/, '') + '/')) {
        // A folder source: its contents land in dest.
        const rel = path.posix.join(src === '.' ? '' : src, inImage.slice(c.dest.replace(/\/$/, '').length + 1));
        if (exists(rel)) return rel;
      }
    }
  }
  return null;
}

/** The reverse: where the context file `rel` lands in the image, or null. */
export function inImageOf(cs: Copy[], rel: string, exists: (rel: string) => boolean): string | null {
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i];
    for (const src of c.sources) {
      if (src === rel && exists(src)) return c.destIsDir ? path.posix.join(c.dest, path.posix.basename(src)) : c.dest;
      if (!exists(src) && (src === '.' || rel.startsWith(src + '/'))) return path.posix.join(c.dest, src === '.' ? rel : rel.slice(src.length + 1));
    }
  }
  return null;
}

/** The 1-based line of the first line of `text` matching `re`, or null. */
export function lineOf(text: string, re: RegExp): number | null {
  const i = text.split(/\r?\n/).findIndex((l) => re.test(l));
  return i < 0 ? null : i + 1;
}
