/**
 * The nginx configuration as the running container has it: `nginx -T` prints every file nginx loads, in the order it
 * read them, each after a `# configuration file PATH:` line and followed by one more line feed (src/core/nginx.c, the
 * `ngx_dump_config` loop over cycle->config_dump). Reading that instead of the build
 * context sees what start scripts changed (sed at start, envsubst templates) and the files copied in with a folder.
 * The tokenizer is small on purpose: directives with their arguments, the blocks around them, and a 1-based line in
 * the file they come from. Enough to point at `fastcgi_pass`, `autoindex`, `index`, `root`, `listen` and `return`.
 */

export interface NginxFile {
  /** The path nginx printed (as included: sites-enabled/… links are not resolved here). */
  path: string;
  text: string;
}

export interface Directive {
  name: string;
  args: string[];
  /** The file it is in (as nginx printed it) and its 1-based line. */
  file: string;
  line: number;
  /** The enclosing blocks, outermost first: `http`, `server`, `location /`, … */
  blocks: string[];
  /** Index of the `server` block it belongs to (counted over all files in order), or -1. */
  server: number;
}

const HEADER = /^# configuration file (.+):$/;

/** Splits `nginx -T` output into its files. Lines before the first header (the `nginx -t` verdict) are dropped. */
export function splitDump(dump: string): NginxFile[] {
  const out: NginxFile[] = [];
  let cur: { path: string; lines: string[] } | null = null;
  for (const l of dump.split('\n')) {
    const m = HEADER.exec(l);
    if (m) {
      if (cur) out.push({ path: cur.path, text: cur.lines.join('\n') });
      cur = { path: m[1], lines: [] };
    } else if (cur) cur.lines.push(l);
  }
  if (cur) out.push({ path: cur.path, text: cur.lines.join('\n') });
  return out;
}

/**
 * Directives of all files, in nginx's reading order. `include` is where nginx read the included file, and the dump
 * lists files in that order, so an `include`d file's directives inherit the blocks open at the `include`.
 */
export function directives(files: NginxFile[]): Directive[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out: Directive[] = [];
  let servers = 0;
  const seen = new Set<string>();
  const walk = (f: NginxFile, outer: string[], outerServer: number) => {
    if (seen.has(f.path)) return;
    seen.add(f.path);
    const blocks = [...outer];
    const serverStack: number[] = [outerServer];
    let words: string[] = [];
    let wordLine = 0;
    let line = 1;
    let word = '';
    let quote = '';
    let comment = false;
    const push = () => {
      if (word) {
        if (!words.length) wordLine = line;
        words.push(word);
      }
      word = '';
    };
    for (const ch of f.text) {
      if (comment) {
        if (ch === '\n') {
          comment = false;
          line++;
        }
        continue;
      }
      if (quote) {
        if (ch === quote) quote = '';
        else word += ch;
        if (ch === '\n') line++;
        continue;
      }
      if (ch === '"' || ch === "'") {
        if (!word && !words.length) wordLine = line;
        quote = ch;
        continue;
      }
      if (ch === '#' && !word) {
        comment = true;
        continue;
      }
      if (ch === ';' || ch === '{' || ch === '}') {
        push();
        if (ch === ';' && words.length) {
          const d: Directive = { name: words[0], args: words.slice(1), file: f.path, line: wordLine, blocks: [...blocks], server: serverStack[serverStack.length - 1] };
          out.push(d);
          if (d.name === 'include') {
            // The dump prints included files whole; glob patterns are matched against the printed paths.
            const re = globRe(d.args[0] ?? '');
            for (const g of files) if (re.test(g.path) || re.test(g.path.replace(/^\/etc\/nginx\//, ''))) walk(byPath.get(g.path)!, blocks, serverStack[serverStack.length - 1]);
          }
        } else if (ch === '{') {
          const head = words.join(' ');
          blocks.push(head);
          serverStack.push(words[0] === 'server' ? servers++ : serverStack[serverStack.length - 1]);
        } else if (ch === '}') {
          blocks.pop();
          if (serverStack.length > 1) serverStack.pop();
        }
        words = [];
        continue;
      }
      if (/\s/.test(ch)) {
        push();
        if (ch === '\n') line++;
        continue;
      }
      word += ch;
    }
  };
  if (files.length) walk(files[0], [], -1);
  // Files nginx printed that no include reached from the first (should not happen, but keep their directives).
  for (const f of files) walk(f, [], -1);
  return out;
}

function globRe(pattern: string): RegExp {
  const esc = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^(?:/etc/nginx/)?${esc}$`);
}

/** The server block that answers TLS (a `listen` with `ssl` or port 443) and the one on port 80. */
export function serverOf(ds: Directive[], kind: 'https' | 'http'): number | null {
  for (const d of ds) {
    if (d.name !== 'listen' || d.server < 0) continue;
    const ssl = d.args.includes('ssl') || /(^|:)443$/.test(d.args[0] ?? '');
    const port80 = /(^|:|\])80$/.test(d.args[0] ?? '') || d.args[0] === '80';
    if (kind === 'https' ? ssl : port80 && !ssl) return d.server;
  }
  return null;
}

/** The innermost `location` (by prefix) of server `server` whose prefix matches `uri`; `null` for server level. */
export function prefixLocation(ds: Directive[], server: number, uri: string): string | null {
  let best: string | null = null;
  for (const d of ds) {
    if (d.server !== server) continue;
    for (const b of d.blocks) {
      const m = /^location\s+(?:\^~\s+|=\s+)?(\/\S*)$/.exec(b);
      if (m && uri.startsWith(m[1]) && (!best || m[1].length > best.length)) best = m[1];
    }
  }
  return best;
}

/** The directive `name` in effect for `location` (or server level) of `server`: the location's own, else the server's, else http's. */
export function effective(ds: Directive[], server: number, location: string | null, name: string): Directive | null {
  const here = location ? new RegExp(`^location\\s+(?:\\^~\\s+|=\\s+)?${escapeRe(location)}$`) : null;
  const inLoc = here ? ds.filter((d) => d.name === name && d.server === server && here.test(d.blocks[d.blocks.length - 1] ?? '')) : [];
  if (inLoc.length) return inLoc[inLoc.length - 1];
  const atServer = ds.filter((d) => d.name === name && d.server === server && d.blocks[d.blocks.length - 1] === 'server');
  if (atServer.length) return atServer[atServer.length - 1];
  const atHttp = ds.filter((d) => d.name === name && d.blocks[d.blocks.length - 1] === 'http');
  return atHttp.length ? atHttp[atHttp.length - 1] : null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
