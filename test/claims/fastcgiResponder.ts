/**
 * A minimal FastCGI responder on a Unix socket, standing in for php-fpm in claims about what nginx sends over
 * `fastcgi_pass unix:…` (php-fpm is not installed on this machine, and a Debian image with it would take minutes to
 * build). It speaks only what nginx uses without `fastcgi_keep_conn`: one request per connection, records
 * BEGIN_REQUEST, PARAMS and STDIN in; STDOUT and END_REQUEST out, then it closes the connection. `answer` gets the
 * parameters nginx sent and the request body, and returns the CGI response text (headers, blank line, body).
 * The record layout is the one of the FastCGI 1.0 specification (8-byte header, name-value pairs with 1- or 4-byte
 * lengths).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { startNginx, type NginxServer } from './nginxServer';

const BEGIN_REQUEST = 1;
const END_REQUEST = 3;
const PARAMS = 4;
const STDIN = 5;
const STDOUT = 6;

export interface FastCgiRequest {
  params: Record<string, string>;
  stdin: Buffer;
}

export interface FastCgiResponder {
  /** Every request answered so far, in order. */
  requests: FastCgiRequest[];
  close(): Promise<void>;
}

function record(type: number, id: number, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(1, 0);
  header.writeUInt8(type, 1);
  header.writeUInt16BE(id, 2);
  header.writeUInt16BE(content.length, 4);
  return Buffer.concat([header, content]);
}

/** Name-value pairs: each length is 1 byte below 128, else 4 bytes with the high bit set. */
function readPairs(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const len = () => {
    if (buf[i] < 128) return buf[i++];
    const n = buf.readUInt32BE(i) & 0x7fffffff;
    i += 4;
    return n;
  };
  while (i < buf.length) {
    const n = len();
    const v = len();
    const name = buf.subarray(i, i + n).toString('utf8');
    i += n;
    out[name] = buf.subarray(i, i + v).toString('utf8');
    i += v;
  }
  return out;
}

/** Listens on `socketPath` (which must not exist yet) and answers every request with `answer(request)`. */
export function startResponder(socketPath: string, answer: (r: FastCgiRequest) => string): Promise<FastCgiResponder> {
  const requests: FastCgiRequest[] = [];
  const server = net.createServer((conn) => {
    let pending = Buffer.alloc(0);
    let params = Buffer.alloc(0);
    let stdin = Buffer.alloc(0);
    conn.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 8) {
        const type = pending.readUInt8(1);
        const id = pending.readUInt16BE(2);
        const length = pending.readUInt16BE(4);
        const padding = pending.readUInt8(6);
        if (pending.length < 8 + length + padding) break;
        const content = pending.subarray(8, 8 + length);
        pending = pending.subarray(8 + length + padding);
        if (type === PARAMS) params = Buffer.concat([params, content]);
        else if (type === STDIN && length > 0) stdin = Buffer.concat([stdin, content]);
        else if (type === STDIN) {
          // The empty STDIN record ends the request: answer it.
          const req = { params: readPairs(params), stdin };
          requests.push(req);
          const body = Buffer.from(answer(req), 'utf8');
          const out: Buffer[] = [];
          for (let at = 0; at < body.length; at += 0xffff) out.push(record(STDOUT, id, body.subarray(at, at + 0xffff)));
          out.push(record(STDOUT, id, Buffer.alloc(0)), record(END_REQUEST, id, Buffer.alloc(8)));
          conn.end(Buffer.concat(out));
        } else if (type !== BEGIN_REQUEST) conn.destroy();
      }
    });
    conn.on('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      fs.chmodSync(socketPath, 0o666);
      resolve({ requests, close: () => new Promise((res) => server.close(() => res())) });
    });
  });
}

/** A real nginx whose PHP requests go over FastCGI to a responder standing in for php-fpm (the concept claims' site). */
export interface PhpSite {
  server: NginxServer;
  fpm: FastCgiResponder;
  /** The document root. */
  www: string;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/**
 * Starts nginx with `site(port, www, socket)` and the responder on `socket` in nginx's temporary prefix; `fill(www)`
 * writes the files it serves before nginx starts.
 */
export async function startPhpSite(
  name: string,
  site: (port: number, www: string, socket: string) => string,
  fill: (www: string) => void,
  answer: (r: FastCgiRequest) => string,
): Promise<PhpSite> {
  const socketIn = (prefix: string) => path.join(prefix, 'php-fpm.sock');
  const server = await startNginx(name, (port, prefix) => site(port, path.join(prefix, 'www'), socketIn(prefix)), (prefix) => fill(path.join(prefix, 'www')));
  let fpm: FastCgiResponder;
  try {
    fpm = await startResponder(socketIn(server.prefix), answer);
  } catch (e) {
    server.stop();
    throw e;
  }
  return {
    server,
    fpm,
    www: path.join(server.prefix, 'www'),
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await fpm.close();
      server.stop();
    },
  };
}
