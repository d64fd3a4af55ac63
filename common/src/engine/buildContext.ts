// The build context as a tar stream, honouring .dockerignore, written here rather than pulled in
// from tar-fs because we need only regular files, directories and symlinks, streamed one at a time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
// Shared with the CopyIgnoredFile rule, so what the sidebar sends and what the diagnostics assume never differ.
import { isIgnored, parseDockerignore } from '../dockerignore';

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mode: number, mtime: number, type: '0' | '5' | '2' | 'x', linkname = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime), 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write(linkname.slice(0, 100), 157, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

function pad(size: number): Buffer {
  const rem = size % 512;
  return Buffer.alloc(rem ? 512 - rem : 0);
}

/** Long names go in a PAX extended header (the engine's Go tar reader understands it). */
function entryHeader(name: string, size: number, mode: number, mtime: number, type: '0' | '5' | '2', link = ''): Buffer[] {
  const out: Buffer[] = [];
  if (Buffer.byteLength(name) > 99 || Buffer.byteLength(link) > 99) {
    const recs = [`path=${name}\n`, ...(link ? [`linkpath=${link}\n`] : [])].map((r) => {
      // The length prefix counts itself, so iterate until it is stable.
      let len = Buffer.byteLength(r) + 2;
      for (let n = Buffer.byteLength(`${len} ${r}`); n !== len; n = Buffer.byteLength(`${len} ${r}`)) len = n;
      return `${len} ${r}`;
    });
    const body = Buffer.from(recs.join(''), 'utf8');
    out.push(header('PaxHeader', body.length, 0o644, mtime, 'x'), body, pad(body.length));
  }
  out.push(header(name, size, mode, mtime, type, link));
  return out;
}

export interface ContextOptions {
  /** Paths (relative, posix) always sent even when .dockerignore excludes them, like the CLI does. */
  keep?: string[];
}

export function listContextFiles(dir: string, opts: ContextOptions = {}): string[] {
  const ignoreText = (() => {
    try {
      return fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8');
    } catch {
      return '';
    }
  })();
  const rules = parseDockerignore(ignoreText);
  const keep = new Set(opts.keep ?? []);
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    for (const ent of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      const ignored = isIgnored(rules, r) && !keep.has(r);
      if (ent.isDirectory()) {
        // An ignored directory may still hold a re-included file (`!dir/keep`), so walk it when any
        // rule negates; otherwise skip it wholesale (node_modules …).
        if (!ignored) out.push(r);
        if (!ignored || rules.some((x) => x.negate)) walk(r);
      } else if (!ignored) out.push(r);
    }
  };
  walk('');
  return out;
}

/** A tar stream of `dir` (files read one by one, never all in memory). */
export function packContext(dir: string, opts: ContextOptions = {}): Readable {
  const files = listContextFiles(dir, opts);
  async function* gen(): AsyncGenerator<Buffer> {
    for (const rel of files) {
      const abs = path.join(dir, rel);
      const st = fs.lstatSync(abs);
      const mtime = st.mtimeMs / 1000;
      if (st.isSymbolicLink()) {
        yield* entryHeader(rel, 0, st.mode, mtime, '2', fs.readlinkSync(abs));
      } else if (st.isDirectory()) {
        yield* entryHeader(`${rel}/`, 0, st.mode, mtime, '5');
      } else if (st.isFile()) {
        yield* entryHeader(rel, st.size, st.mode, mtime, '0');
        let sent = 0;
        for await (const chunk of fs.createReadStream(abs)) {
          sent += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        // A file that changed size while we read it would corrupt the archive; refuse clearly.
        if (sent !== st.size) throw new Error(`${rel} changed while the build context was being sent`);
        yield pad(st.size);
      }
    }
    yield Buffer.alloc(1024);
  }
  return Readable.from(gen(), { objectMode: false });
}
