/**
 * One HTTP(S) request to the container's published port, as a reviewer's browser would send it, but without
 * following redirects (the checks look at each answer) and without trusting the certificate (the stack's is
 * self-signed: the peer certificate is read and judged instead). Every request has a deadline; an AbortSignal ends
 * it early. Never throws: a transport failure comes back as `error` with node's code (ECONNREFUSED, ECONNRESET,
 * EPROTO for TLS spoken to a plain HTTP port, …).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';

export interface WebReply {
  /** 0 when no HTTP answer came (see `error`). */
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, cut at MAX_BODY bytes. */
  body: string;
  /** The certificate the server presented (HTTPS only). */
  cert?: X509Certificate;
  error?: { code: string; message: string };
}

const MAX_BODY = 1 << 20;
export const REQUEST_TIMEOUT_MS = 10_000;

export function request(
  url: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; host?: string } = {},
): Promise<WebReply> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    let done = false;
    const finish = (r: WebReply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const fail = (code: string, message: string) => finish({ status: 0, headers: {}, body: '', error: { code, message } });
    const options: https.RequestOptions = {
      method: 'GET',
      agent: false,
      // The self-signed certificate is expected: it is inspected below, not trusted.
      rejectUnauthorized: false,
      servername: opts.host ?? 'localhost',
      headers: { Host: opts.host ?? u.host, 'User-Agent': 'dockerfile-guide-doctor', Accept: 'text/html,*/*' },
      signal: opts.signal,
    };
    const req = mod.request(u, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const sock = res.socket as TLSSocket;
      let cert: X509Certificate | undefined;
      try {
        const raw = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate(false)?.raw : undefined;
        if (raw) cert = new X509Certificate(raw);
      } catch {
        cert = undefined;
      }
      res.on('data', (c: Buffer) => {
        if (size < MAX_BODY) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), cert }));
      res.on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? 'ERR', e.message));
    });
    const timer = setTimeout(() => {
      req.destroy();
      fail('ETIMEDOUT', `no answer from ${url} in ${opts.timeoutMs ?? REQUEST_TIMEOUT_MS} ms`);
    }, opts.timeoutMs ?? REQUEST_TIMEOUT_MS);
    req.on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.name ?? 'ERR', e.message));
    req.end();
  });
}

/**
 * Is this the page nginx's autoindex module makes for a directory? HTML: `<title>Index of URI</title>` and
 * `<h1>Index of URI</h1>`; JSON: an array of `{ "name":… }`; XML: a `<list>` (ngx_http_autoindex_module.c).
 */
export function isListing(r: WebReply, uriPath = '/'): boolean {
  if (r.status !== 200) return false;
  const type = String(r.headers['content-type'] ?? '');
  if (/json/.test(type)) return /^\s*\[\s*(\{\s*"name"|\])/.test(r.body);
  if (/xml/.test(type)) return /<list>/.test(r.body);
  const p = uriPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<title>Index of ${p}</title>`).test(r.body) && new RegExp(`<h1>Index of ${p}</h1>`).test(r.body);
}

/** The page's <title>, for telling the user what answered instead. */
export function titleOf(body: string): string | null {
  const m = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body);
  return m ? decodeEntities(m[1].trim().replace(/\s+/g, ' ')) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsaquo: '›', lsaquo: '‹', raquo: '»', laquo: '«', mdash: '—', ndash: '–', hellip: '…' };

/** The named and numeric entities a page title uses (WordPress writes `WordPress &rsaquo; Installation`). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
