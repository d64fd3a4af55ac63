// A push parser for tar archives (ustar, pax and GNU long names), small enough to nest: the image export is a tar
// whose entries are layer tars, and both levels are read in one pass without holding any entry body in memory.
// tar-stream is only a transitive dependency here, so the format is read directly: 512-byte headers, sizes in octal
// (or GNU base-256), bodies padded to 512 bytes, two zero blocks at the end.

const BLOCK = 512;
/** Pax and GNU long-name bodies are small metadata; a bigger one means a broken or hostile archive. */
const MAX_META = 1 << 20;

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** Path as stored, after pax/GNU long-name overrides. */
  path: string;
  type: TarEntryType;
  size: number;
  linkname: string;
}

/** Receives the body of one entry, chunk by chunk. */
export interface TarBodySink {
  data(chunk: Buffer): void;
  end(): void;
}

export class TarFormatError extends Error {}

type State = 'header' | 'body' | 'meta' | 'pad' | 'done';

export class TarParser {
  private state: State = 'header';
  private head = Buffer.alloc(BLOCK);
  private headFill = 0;
  private remaining = 0;
  private padding = 0;
  private sink: TarBodySink | undefined;
  private meta: Buffer[] = [];
  private metaKind: 'pax' | 'gnuName' | 'gnuLink' | 'skip' = 'skip';
  private pending: { path?: string; linkname?: string; size?: number } = {};
  /** Number of headers read; lets callers tell "not a tar" (fails on the first) from a truncated tar. */
  headers = 0;

  constructor(private readonly onEntry: (entry: TarEntry) => TarBodySink | undefined) {}

  get finished(): boolean {
    return this.state === 'done';
  }

  write(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length && this.state !== 'done') {
      switch (this.state) {
        case 'header': {
          const n = Math.min(BLOCK - this.headFill, chunk.length - off);
          chunk.copy(this.head, this.headFill, off, off + n);
          this.headFill += n;
          off += n;
          if (this.headFill === BLOCK) {
            this.headFill = 0;
            this.onHeader();
          }
          break;
        }
        case 'body':
        case 'meta': {
          const n = Math.min(this.remaining, chunk.length - off);
          const part = chunk.subarray(off, off + n);
          if (this.state === 'body') this.sink?.data(part);
          else if (this.metaKind !== 'skip') this.meta.push(Buffer.from(part));
          this.remaining -= n;
          off += n;
          if (this.remaining === 0) this.endBody();
          break;
        }
        case 'pad': {
          const n = Math.min(this.padding, chunk.length - off);
          this.padding -= n;
          off += n;
          if (this.padding === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  /** Call at the end of input: throws when the archive stopped inside an entry. */
  end(): void {
    if (this.state === 'done') return;
    if (this.state === 'header' && this.headFill === 0) {
      // Some writers omit the end-of-archive blocks; a stream that stops between entries is complete.
      this.state = 'done';
      return;
    }
    throw new TarFormatError('tar archive is truncated');
  }

  private onHeader(): void {
    const h = this.head;
    if (h.every((b) => b === 0)) {
      this.state = 'done';
      return;
    }
    if (!checksumOk(h)) throw new TarFormatError(`tar header checksum mismatch after ${this.headers} entries`);
    this.headers++;
    const flag = String.fromCharCode(h[156] || 0x30);
    const size = readNumber(h, 124, 12);
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;

    if (flag === 'x' || flag === 'L' || flag === 'K' || flag === 'g') {
      this.metaKind = flag === 'x' ? 'pax' : flag === 'L' ? 'gnuName' : flag === 'K' ? 'gnuLink' : 'skip';
      if (size > MAX_META) throw new TarFormatError(`tar metadata entry of ${size} bytes is too large`);
      this.meta = [];
      this.state = 'meta';
      if (size === 0) this.endBody();
      return;
    }

    let path = readString(h, 0, 100);
    const magic = h.toString('latin1', 257, 262);
    if (magic === 'ustar') {
      const prefix = readString(h, 345, 155);
      if (prefix) path = `${prefix}/${path}`;
    }
    const p = this.pending;
    this.pending = {};
    const entry: TarEntry = {
      path: p.path ?? path,
      type: typeOf(flag),
      size: p.size ?? size,
      linkname: p.linkname ?? readString(h, 157, 100),
    };
    if (entry.size !== size) {
      this.remaining = entry.size;
      this.padding = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    }
    this.sink = this.onEntry(entry);
    this.state = 'body';
    if (this.remaining === 0) this.endBody();
  }

  private endBody(): void {
    if (this.state === 'meta') {
      const body = Buffer.concat(this.meta);
      this.meta = [];
      if (this.metaKind === 'pax') Object.assign(this.pending, parsePax(body));
      else if (this.metaKind === 'gnuName') this.pending.path = cString(body);
      else if (this.metaKind === 'gnuLink') this.pending.linkname = cString(body);
    } else {
      const sink = this.sink;
      this.sink = undefined;
      sink?.end();
    }
    this.state = this.padding > 0 ? 'pad' : 'header';
  }
}

function typeOf(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

function checksumOk(h: Buffer): boolean {
  const stored = readNumber(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  return sum === stored;
}

function readString(h: Buffer, off: number, len: number): string {
  const end = h.indexOf(0, off);
  return h.toString('utf8', off, end < 0 || end > off + len ? off + len : end);
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.toString('utf8', 0, end < 0 ? b.length : end);
}

/** Octal, space/NUL padded; or GNU base-256 when the high bit of the first byte is set (sizes of 8 GiB and more). */
function readNumber(h: Buffer, off: number, len: number): number {
  if (h[off] & 0x80) {
    let n = h[off] & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + h[off + i];
    return n;
  }
  const s = h.toString('latin1', off, off + len).replace(/[\0 ]+/g, ' ').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`bad number in tar header: ${JSON.stringify(s)}`);
  return parseInt(s, 8);
}

/** Pax records are `<len> <key>=<value>\n`; only the keys that change what we read are kept. */
function parsePax(body: Buffer): { path?: string; linkname?: string; size?: number } {
  const out: { path?: string; linkname?: string; size?: number } = {};
  let off = 0;
  while (off < body.length) {
    const sp = body.indexOf(0x20, off);
    if (sp < 0) break;
    const len = parseInt(body.toString('latin1', off, sp), 10);
    if (!(len > 0) || off + len > body.length) break;
    const rec = body.toString('utf8', sp + 1, off + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) {
      const key = rec.slice(0, eq);
      const value = rec.slice(eq + 1);
      if (key === 'path') out.path = value;
      else if (key === 'linkpath') out.linkname = value;
      else if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    }
    off += len;
  }
  return out;
}
