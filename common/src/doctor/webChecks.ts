/**
 * The doctor's web-stack checks (issue 16, step 5): what a reviewer of the nginx + php-fpm (+ MariaDB) assignment
 * tries in a browser, run against the container's published loopback ports, each as pass/fail with the cause and,
 * where it can be told, the file and line to change.
 *
 *   http-redirect       http://…/ answers 301/302/307/308 to an https:// address
 *   https-certificate   the TLS port answers, and its certificate is self-signed (issuer = subject, signed by its own key)
 *   autoindex-on        / shows nginx's directory listing (after switching autoindex on, when the image has a switch)
 *   autoindex-off       / shows no listing after switching autoindex off the way the image offers (autoindexSwitch.ts)
 *   wordpress           /wordpress/ reaches WordPress through php-fpm, without "Error establishing a database connection"
 *   phpmyadmin          /phpmyadmin/ serves phpMyAdmin's login form
 *
 * Causes come from the answer, the configuration nginx really loaded (`nginx -T` in the container, nginxDump.ts),
 * nginx's error log and the php-fpm sockets, mapped back to the build context through the Dockerfile's COPY lines.
 * Everything in the container runs as argv through `exec` (no shell strings).
 */
import * as path from 'node:path';
import { line as oneLine, msg, type Lang, type Msg } from '../i18n';
import type { DoctorCheck } from './types';
import { request, isListing, titleOf, type WebReply } from './webHttp';
import { directives, effective, prefixLocation, serverOf, splitDump, type Directive } from './nginxDump';
import { contextFileOf, copies, inImageOf, instructions, lineOf, type Copy } from './imageFiles';
import { findAutoindexSwitch, type AutoindexSwitch, type ImageScript } from './autoindexSwitch';

export interface WebCheckOptions {
  httpPort?: number;
  httpsPort?: number;
  containerId: string;
  exec(argv: string[]): Promise<{ exitCode: number; output: string }>;
  /**
   * Restart the container with these env vars added (for an image whose autoindex switch is an env var). Returns the
   * new published ports, or null when it did not come back. `exec` must then reach the new container.
   */
  restartWith?(env: Record<string, string>): Promise<{ httpPort?: number; httpsPort?: number } | null>;
  lang: Lang;
  signal?: AbortSignal;
  context?: {
    readFile(rel: string): string | null;
    dockerfileText?: string;
    /** The Dockerfile's path relative to the context (default `Dockerfile`). */
    dockerfilePath?: string;
    /** All files of the context (relative paths), when the caller can list them: finds scripts copied with a folder. */
    listFiles?(): string[];
  };
}

const EXEC_TIMEOUT_MS = 15_000;
/** How long a switch may take to show (nginx's reload starts new workers; a restart starts the whole stack). */
const SWITCH_WAIT_MS = 10_000;

interface Where {
  file: string | null;
  line: number | null;
}
const NOWHERE: Where = { file: null, line: null };

interface Env {
  o: WebCheckOptions;
  dockerfile: string;
  dockerfilePath: string;
  copies: Copy[];
  ds: Directive[];
  /** In-image path (as nginx printed it) → build-context path or resolved in-image path. */
  places: Map<string, string>;
  exists(rel: string): boolean;
}

async function exec(o: WebCheckOptions, argv: string[]): Promise<{ exitCode: number; output: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ exitCode: number; output: string }>((resolve) => {
    timer = setTimeout(() => resolve({ exitCode: -1, output: `timeout after ${EXEC_TIMEOUT_MS} ms` }), EXEC_TIMEOUT_MS);
  });
  try {
    return await Promise.race([o.exec(argv).catch((e: unknown) => ({ exitCode: -1, output: String(e) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

async function prepare(o: WebCheckOptions): Promise<Env> {
  const read = (rel: string) => {
    try {
      return o.context?.readFile(rel) ?? null;
    } catch {
      return null;
    }
  };
  const dockerfilePath = o.context?.dockerfilePath ?? 'Dockerfile';
  const dockerfile = o.context?.dockerfileText ?? read(dockerfilePath) ?? '';
  const cs = copies(instructions(dockerfile));
  const exists = (rel: string) => read(rel) !== null;
  const dump = await exec(o, ['nginx', '-T']);
  const files = dump.exitCode === 0 ? splitDump(dump.output) : [];
  const places = new Map<string, string>();
  for (const f of files) {
    // Only files with server blocks are ever pointed at (not mime.types, fastcgi_params, modules-enabled/*).
    if (!/\b(server|location)\b/.test(f.text)) continue;
    // sites-enabled/* are links to sites-available/*, where the Dockerfile copies the file.
    const real = await exec(o, ['readlink', '-f', f.path]);
    const inImage = real.exitCode === 0 && real.output.trim().startsWith('/') ? real.output.trim() : f.path;
    places.set(f.path, contextFileOf(cs, inImage, exists) ?? inImage);
  }
  return { o, dockerfile, dockerfilePath, copies: cs, ds: directives(files), places, exists };
}

function where(env: Env, d: Directive | null | undefined): Where {
  if (!d) return NOWHERE;
  const file = env.places.get(d.file) ?? d.file;
  // An absolute path is the container's, not a context file: never read the host's copy of it.
  const text = file.startsWith('/') ? null : env.o.context?.readFile(file);
  // The context's copy may differ from the container's (a start script's sed): find the directive there.
  if (text) {
    const lines = text.split(/\r?\n/);
    if (!new RegExp(`^\\s*${d.name}\\b`).test(lines[d.line - 1] ?? '')) {
      const i = lines.findIndex((l) => new RegExp(`^\\s*${d.name}\\s+${escapeRe(d.args[0] ?? '')}`).test(l));
      const j = i >= 0 ? i : lines.findIndex((l) => new RegExp(`^\\s*${d.name}\\b`).test(l));
      if (j >= 0) return { file, line: j + 1 };
    }
  }
  return { file, line: d.line };
}

function dockerfileLine(env: Env, re: RegExp): Where {
  const l = lineOf(env.dockerfile, re);
  return env.dockerfile ? { file: env.dockerfilePath, line: l } : NOWHERE;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function make(env: Env, id: string, ok: boolean, title: Msg, detail: Msg, at: Where = NOWHERE, evidence?: string[], skipped = false): DoctorCheck {
  const c: DoctorCheck = {
    id,
    ok,
    title: oneLine(title, env.o.lang),
    detail: oneLine(detail, env.o.lang),
    file: at.file,
    line: at.line,
    titleMsg: title,
    detailMsg: detail,
  };
  if (evidence?.length) c.evidence = evidence;
  if (skipped) c.skipped = true;
  return c;
}

// ------------------------------------------------------------------------------------------------ titles

const TITLES = {
  'http-redirect': msg('HTTP 요청을 HTTPS로 보냅니다', 'HTTP redirects to HTTPS'),
  'https-certificate': msg('HTTPS가 자체 서명 인증서로 응답합니다', 'HTTPS answers with the self-signed certificate'),
  'autoindex-on': msg('autoindex를 켜면 디렉터리 목록이 보입니다', 'Directory listing with autoindex on'),
  'autoindex-off': msg('autoindex를 끄면 디렉터리 목록이 사라집니다', 'No listing after switching autoindex off'),
  wordpress: msg('`/wordpress/` 경로가 php-fpm을 거쳐 WordPress를 보여 줍니다', '`/wordpress/` reaches WordPress through php-fpm'),
  phpmyadmin: msg('`/phpmyadmin/` 경로가 로그인 페이지를 보여 줍니다', '`/phpmyadmin/` serves its login page'),
} as const;

// ------------------------------------------------------------------------------------------------ shared causes

/** The error log lines that matter (the last ones nginx wrote), read inside the container. */
async function errorLog(env: Env, match: RegExp): Promise<string[]> {
  const logs = env.ds.filter((d) => d.name === 'error_log' && d.args[0]?.startsWith('/')).map((d) => d.args[0]);
  const candidates = [...new Set([...logs, '/var/log/nginx/error.log'])];
  for (const p of candidates) {
    const real = await exec(env.o, ['readlink', '-f', p]);
    // A log linked to the container's stderr (the official image's way) is not a file to read here.
    if (real.exitCode !== 0 || /^\/(dev|proc)\//.test(real.output.trim())) continue;
    const r = await exec(env.o, ['tail', '-n', '50', p]);
    if (r.exitCode === 0) return r.output.split('\n').filter((l) => match.test(l)).slice(-5);
  }
  return [];
}

function transportCause(r: WebReply, port: number, scheme: 'http' | 'https'): Msg {
  const code = r.error?.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ERR_SOCKET_CLOSED' || code === 'EPIPE')
    return msg(
      `127.0.0.1:${port} 포트에 연결했지만 응답이 없습니다(${code}). 컨테이너 안에서 nginx가 ${scheme === 'https' ? 443 : 80}번 포트를 듣지 않거나, 컨테이너가 멈췄습니다.`,
      `Connected to 127.0.0.1:${port} but got no answer (${code}): nginx in the container does not listen on port ${scheme === 'https' ? 443 : 80}, or the container stopped.`,
    );
  if (scheme === 'https' && (code === 'EPROTO' || /wrong version number|ssl/i.test(r.error?.message ?? '')))
    return msg(
      `443번 포트가 TLS로 응답하지 않습니다(${r.error?.message}). \`listen 443\` 지시어에 \`ssl\` 인자가 없으면 nginx는 그 포트에서 평문 HTTP를 말합니다.`,
      `Port 443 does not speak TLS (${r.error?.message}): without the \`ssl\` parameter on \`listen 443\`, nginx speaks plain HTTP there.`,
    );
  return msg(`응답이 없습니다: ${r.error?.message ?? code}`, `No answer: ${r.error?.message ?? code}`);
}

/** Follows redirects on the published HTTPS port (a Location names the container's host, not ours: its path is kept). */
async function getFollow(env: Env, port: number, uri: string, max = 5): Promise<{ reply: WebReply; uri: string }> {
  let cur = uri;
  for (let i = 0; ; i++) {
    const r = await request(`https://127.0.0.1:${port}${cur}`, { signal: env.o.signal });
    const loc = r.headers.location;
    if (i >= max || r.status < 300 || r.status >= 400 || typeof loc !== 'string') return { reply: r, uri: cur };
    const u = new URL(loc, `https://127.0.0.1${cur}`);
    cur = u.pathname + u.search;
  }
}

/** The HTTPS server block and the location that serves `uri` (prefix locations only, as nginx picks for a folder). */
function served(env: Env, uri: string): { server: number | null; location: string | null } {
  const server = serverOf(env.ds, 'https');
  return { server, location: server === null ? null : prefixLocation(env.ds, server, uri) };
}

/** A 502: the address in `fastcgi_pass` against the php-fpm that runs, with the error log's words. */
async function badGateway(env: Env): Promise<{ detail: Msg; at: Where; evidence: string[] }> {
  const server = serverOf(env.ds, 'https');
  const passes = env.ds.filter((d) => d.name === 'fastcgi_pass' && (server === null || d.server === server));
  const pass = passes.find((d) => d.blocks.some((b) => /php/.test(b))) ?? passes[0];
  const evidence = await errorLog(env, /connect\(\) to|upstream|fastcgi/i);
  const versions = (await exec(env.o, ['ls', '-1', '/etc/php'])).output.split('\n').filter((v) => /^\d+\.\d+$/.test(v));
  const socks = await exec(env.o, ['ls', '-1', '/run/php']);
  const sockets = socks.exitCode === 0 ? socks.output.split('\n').filter((s) => s.endsWith('.sock')).map((s) => `/run/php/${s}`) : [];
  const listens = await exec(env.o, ['grep', '-rhE', '^[[:space:]]*listen[[:space:]]*=', '/etc/php']);
  const poolListen = listens.output.split('\n').map((l) => l.split('=')[1]?.trim()).filter(Boolean);
  const installed = versions.length ? versions.join(', ') : '?';
  if (!pass) {
    return {
      detail: msg(
        '502 Bad Gateway 응답입니다. 그런데 HTTPS 서버 블록에 `fastcgi_pass` 지시어가 없습니다. PHP 요청을 넘기는 `location ~ \\.php$` 블록을 확인하세요.',
        '502 Bad Gateway, but the HTTPS server block has no `fastcgi_pass`: check the `location ~ \\.php$` block that passes PHP requests on.',
      ),
      at: NOWHERE,
      evidence,
    };
  }
  const addr = pass.args[0] ?? '';
  const at = where(env, pass);
  const sock = addr.startsWith('unix:') ? addr.slice(5).replace(/^\/var\/run\//, '/run/') : null;
  const wanted = poolListen.length ? poolListen.join(', ') : sockets.join(', ') || '?';
  if (sock && !sockets.includes(sock) && (sockets.length || poolListen.length)) {
    return {
      detail: msg(
        `502 Bad Gateway: \`fastcgi_pass ${addr}\` 지시어가 가리키는 소켓이 없습니다. 이 이미지의 php-fpm은 ${installed} 버전이고 ${wanted} 주소에서 요청을 받습니다. \`fastcgi_pass\` 지시어의 경로를 그 소켓으로 바꾸세요.`,
        `502 Bad Gateway: there is no socket at \`fastcgi_pass ${addr}\`. This image's php-fpm is ${installed} and listens on ${wanted}; point \`fastcgi_pass\` at that socket.`,
      ),
      at,
      evidence,
    };
  }
  if (!sockets.length && sock) {
    return {
      detail: msg(
        `502 Bad Gateway: /run/php 디렉터리에 php-fpm 소켓이 없습니다. php-fpm(설치된 버전: ${installed})이 실행되지 않았습니다. 시작 스크립트에서 php-fpm을 띄우는지 확인하세요(\`fastcgi_pass ${addr}\`).`,
        `502 Bad Gateway: no php-fpm socket in /run/php, so php-fpm (installed: ${installed}) is not running. Check that the start script starts it (\`fastcgi_pass ${addr}\`).`,
      ),
      at,
      evidence,
    };
  }
  if (!sock && poolListen.some((l) => l.startsWith('/'))) {
    return {
      detail: msg(
        `502 Bad Gateway: \`fastcgi_pass ${addr}\` 지시어는 TCP 주소인데, php-fpm 풀은 유닉스 소켓 ${wanted}에서 요청을 받습니다. \`fastcgi_pass unix:${poolListen[0]};\` 형태로 바꾸거나 풀의 \`listen\` 값을 바꾸세요.`,
        `502 Bad Gateway: \`fastcgi_pass ${addr}\` is a TCP address, but the php-fpm pool listens on the unix socket ${wanted}. Use \`fastcgi_pass unix:${poolListen[0]};\` or change the pool's \`listen\`.`,
      ),
      at,
      evidence,
    };
  }
  return {
    detail: msg(
      `502 Bad Gateway: nginx가 \`fastcgi_pass ${addr}\` 주소의 php-fpm에 연결하지 못했습니다. php-fpm이 실행 중인지, 소켓 권한이 맞는지 오류 로그를 확인하세요.`,
      `502 Bad Gateway: nginx could not reach php-fpm at \`fastcgi_pass ${addr}\`. Check that php-fpm runs and the socket's permissions in the error log.`,
    ),
    at,
    evidence,
  };
}

/** Any answer that is not the page: the status mapped to its usual cause for `uri`. */
async function pageCause(env: Env, uri: string, r: WebReply, port: number): Promise<{ detail: Msg; at: Where; evidence?: string[] }> {
  if (!r.status) return { detail: transportCause(r, port, 'https'), at: where(env, env.ds.find((d) => d.name === 'listen' && d.args.includes('ssl'))) };
  if (r.status === 502) return badGateway(env);
  const { server, location } = served(env, uri);
  if (r.status === 403) {
    const idx = server === null ? null : effective(env.ds, server, location, 'index');
    const evidence = await errorLog(env, /forbidden|Permission denied/);
    return {
      detail: msg(
        `403 Forbidden: nginx가 \`${uri}\` 디렉터리에서 index 파일을 찾지 못했습니다. \`index\` 지시어에 \`index.php\` 이름이 있는지, PHP 파일이 그 디렉터리에 있는지 확인하세요.`,
        `403 Forbidden: nginx found no index file in \`${uri}\`. Check that \`index\` names \`index.php\` and that the PHP files are in that folder.`,
      ),
      at: where(env, idx),
      evidence,
    };
  }
  if (r.status === 404) {
    const root = server === null ? null : effective(env.ds, server, location, 'root');
    return {
      detail: msg(
        `404 Not Found: \`${root?.args[0] ?? 'root'}${uri}\` 경로에 아무것도 없습니다. 파일을 그 경로에 두거나 \`root\` 지시어를 고치세요.`,
        `404 Not Found: nothing at \`${root?.args[0] ?? 'root'}${uri}\`. Put the files there or fix \`root\`.`,
      ),
      at: where(env, root),
    };
  }
  if (r.status >= 500) {
    const evidence = await errorLog(env, /error|crit|PHP/);
    return { detail: msg(`${r.status} 오류 응답입니다. nginx 오류 로그를 확인하세요.`, `Answered ${r.status}: see nginx's error log.`), at: NOWHERE, evidence };
  }
  return { detail: msg(`${r.status} 응답입니다(페이지 제목: ${titleOf(r.body) ?? '-'}).`, `Answered ${r.status} (page title: ${titleOf(r.body) ?? '-'}).`), at: NOWHERE };
}

// ------------------------------------------------------------------------------------------------ the checks

async function httpRedirect(env: Env): Promise<DoctorCheck> {
  const id = 'http-redirect';
  const T = TITLES[id];
  const port = env.o.httpPort;
  const s80 = serverOf(env.ds, 'http');
  if (!port) {
    return make(env, id, false, T, msg(
      '80번 포트가 게시되지 않았습니다. Dockerfile에 `EXPOSE 80` 줄이 있는지 확인하세요.',
      'Port 80 is not published: check that the Dockerfile has `EXPOSE 80`.',
    ), dockerfileLine(env, /^\s*EXPOSE\b/i));
  }
  const r = await request(`http://127.0.0.1:${port}/`, { signal: env.o.signal });
  const ret = env.ds.find((d) => d.name === 'return' && d.server === s80);
  const listen80 = env.ds.find((d) => d.name === 'listen' && d.server === s80) ?? env.ds.find((d) => d.name === 'listen' && /(^|:)80\b/.test(d.args[0] ?? ''));
  if (!r.status) return make(env, id, false, T, transportCause(r, port, 'http'), where(env, listen80));
  const loc = String(r.headers.location ?? '');
  if ([301, 302, 307, 308].includes(r.status) && /^https:\/\/[^/]/i.test(loc)) {
    return make(env, id, true, T, msg(`${r.status} 응답으로 ${loc} 주소로 보냅니다.`, `Answers ${r.status} to ${loc}.`), where(env, ret));
  }
  if (r.status === 400 && /plain HTTP request was sent to HTTPS port/i.test(r.body)) {
    return make(env, id, false, T, msg(
      '80번 포트가 TLS를 기다립니다: 평문 HTTP 요청에 400 오류로 응답합니다. 80번 포트의 `listen` 지시어에서 `ssl` 인자를 빼고, 그 서버 블록에서 `return 301 https://$host$request_uri;` 지시어로 보내세요.',
      'Port 80 expects TLS and answers a plain HTTP request with 400: drop `ssl` from its `listen` and send the request on with `return 301 https://$host$request_uri;`.',
    ), where(env, listen80));
  }
  if (r.status >= 300 && r.status < 400) {
    return make(env, id, false, T, msg(
      `${r.status} 응답이지만 보내는 주소가 https://로 시작하지 않습니다: \`${loc}\`. \`return\` 지시어의 주소를 확인하세요(예: \`https://$host$request_uri\`).`,
      `Answers ${r.status}, but the address is not https://…: \`${loc}\`. Check the \`return\` address (e.g. \`https://$host$request_uri\`).`,
    ), where(env, ret));
  }
  return make(env, id, false, T, msg(
    `HTTP 요청에 ${r.status} 코드로 응답하고 HTTPS로 보내지 않습니다. 80번 포트의 서버 블록에 \`return 301 https://$host$request_uri;\` 지시어를 두세요.`,
    `HTTP answers ${r.status} instead of redirecting. Put \`return 301 https://$host$request_uri;\` in the port 80 server block.`,
  ), where(env, ret ?? listen80));
}

async function httpsCertificate(env: Env): Promise<DoctorCheck> {
  const id = 'https-certificate';
  const T = TITLES[id];
  const port = env.o.httpsPort;
  if (!port) {
    return make(env, id, false, T, msg(
      '443번 포트가 게시되지 않았습니다. Dockerfile에 `EXPOSE 443` 줄이 있는지 확인하세요.',
      'Port 443 is not published: check that the Dockerfile has `EXPOSE 443`.',
    ), dockerfileLine(env, /^\s*EXPOSE\b/i));
  }
  const r = await request(`https://127.0.0.1:${port}/`, { signal: env.o.signal });
  const certLine = env.ds.find((d) => d.name === 'ssl_certificate');
  const listen = env.ds.find((d) => d.name === 'listen' && (d.args.includes('ssl') || /(^|:)443$/.test(d.args[0] ?? '')));
  if (!r.status && !r.cert) return make(env, id, false, T, transportCause(r, port, 'https'), where(env, listen));
  const c = r.cert;
  if (!c) {
    return make(env, id, false, T, msg('TLS 연결에서 인증서를 받지 못했습니다.', 'The TLS connection presented no certificate.'), where(env, certLine));
  }
  const cn = /CN=([^\n,]+)/.exec(c.subject)?.[1] ?? c.subject.replace(/\n/g, ', ');
  const evidence = [`subject: ${c.subject.replace(/\n/g, ', ')}`, `issuer: ${c.issuer.replace(/\n/g, ', ')}`, `valid: ${c.validFrom} – ${c.validTo}`];
  let selfSigned = c.subject === c.issuer;
  try {
    selfSigned = selfSigned && c.verify(c.publicKey);
  } catch {
    selfSigned = false;
  }
  if (!selfSigned) {
    return make(env, id, false, T, msg(
      `HTTPS는 응답하지만 인증서가 자체 서명이 아닙니다(발급자: ${c.issuer.replace(/\n/g, ', ')}). 과제는 이미지 안에서 만든 자체 서명 인증서를 씁니다.`,
      `HTTPS answers, but the certificate is not self-signed (issuer: ${c.issuer.replace(/\n/g, ', ')}). The assignment uses a self-signed certificate made in the image.`,
    ), where(env, certLine), evidence);
  }
  const now = Date.now();
  if (Date.parse(c.validTo) < now || Date.parse(c.validFrom) > now) {
    return make(env, id, false, T, msg(
      `자체 서명 인증서(CN=${cn})의 유효 기간이 지금이 아닙니다(${c.validFrom} – ${c.validTo}). openssl 명령의 \`-days\` 값을 늘리고 이미지를 다시 빌드하세요.`,
      `The self-signed certificate (CN=${cn}) is not valid now (${c.validFrom} – ${c.validTo}). Raise openssl's \`-days\` and rebuild the image.`,
    ), dockerfileLine(env, /openssl\s+req/), evidence);
  }
  return make(env, id, true, T, msg(
    `자체 서명 인증서로 응답합니다(CN=${cn}, ${c.validTo}까지 유효).`,
    `Answers with a self-signed certificate (CN=${cn}, valid until ${c.validTo}).`,
  ), where(env, certLine), evidence);
}

async function wordpress(env: Env): Promise<DoctorCheck> {
  const id = 'wordpress';
  const T = TITLES[id];
  const port = env.o.httpsPort;
  if (!port) return make(env, id, false, T, msg('443번 포트가 게시되지 않아 확인하지 못했습니다.', 'Not checked: port 443 is not published.'));
  const { reply: r, uri } = await getFollow(env, port, '/wordpress/');
  // WordPress sends this page with 500 (dead_db() in wp-includes/functions.php), but a site's own db-error.php
  // template chooses its own status: the words decide, not the code.
  if (r.status && /Error establishing a database connection/i.test(r.body)) {
    const wp = wpConfig(env);
    return make(env, id, false, T, msg(
      'WordPress는 php-fpm을 거쳐 실행되지만 "Error establishing a database connection" 오류를 보여 줍니다. MariaDB가 실행 중인지, wp-config.php 파일의 DB_NAME, DB_USER, DB_PASSWORD, DB_HOST 값이 만든 데이터베이스와 사용자에 맞는지 확인하세요.',
      'WordPress runs through php-fpm but shows "Error establishing a database connection". Check that MariaDB runs and that wp-config.php\'s DB_NAME, DB_USER, DB_PASSWORD and DB_HOST match the database and user that were created.',
    ), wp, await errorLog(env, /PHP|mysqli|database/i));
  }
  if (r.status === 200 && /^\s*<\?php/.test(r.body)) {
    const { server } = served(env, '/wordpress/index.php');
    return make(env, id, false, T, msg(
      'PHP 파일의 소스가 그대로 내려옵니다: `.php` 요청이 php-fpm으로 넘어가지 않습니다. `location ~ \\.php$` 블록과 그 안의 `fastcgi_pass` 지시어를 확인하세요.',
      'The PHP source comes back as is: `.php` requests do not go to php-fpm. Check the `location ~ \\.php$` block and its `fastcgi_pass`.',
    ), where(env, env.ds.find((d) => d.name === 'index' && d.server === server)));
  }
  if (r.status === 200 && /wp-(content|includes|admin)|WordPress/i.test(r.body)) {
    const setup = /setup-config\.php/.test(uri);
    return make(env, id, true, T, setup
      ? msg(`WordPress가 응답합니다(${uri}): wp-config.php 파일이 없어 데이터베이스 설정을 묻습니다.`, `WordPress answers (${uri}); with no wp-config.php it asks for the database settings.`)
      : msg(`WordPress가 php-fpm을 거쳐 응답합니다(${uri}, 페이지 제목: ${titleOf(r.body) ?? '-'}).`, `WordPress answers through php-fpm (${uri}, page title: ${titleOf(r.body) ?? '-'}).`));
  }
  if (r.status === 404 && !mentions(env, /wordpress/i)) {
    return make(env, id, true, T, msg('이 이미지에는 WordPress가 없어 확인하지 않았습니다.', 'Not checked: this image has no WordPress.'), NOWHERE, undefined, true);
  }
  const c = await pageCause(env, uri, r, port);
  return make(env, id, false, T, c.detail, c.at, c.evidence);
}

async function phpMyAdmin(env: Env): Promise<DoctorCheck> {
  const id = 'phpmyadmin';
  const T = TITLES[id];
  const port = env.o.httpsPort;
  if (!port) return make(env, id, false, T, msg('443번 포트가 게시되지 않아 확인하지 못했습니다.', 'Not checked: port 443 is not published.'));
  const { reply: r, uri } = await getFollow(env, port, '/phpmyadmin/');
  if (r.status === 200 && /name="pma_username"|<title>phpMyAdmin<\/title>/.test(r.body)) {
    return make(env, id, true, T, msg(`phpMyAdmin 로그인 페이지가 나옵니다(${uri}).`, `phpMyAdmin's login page (${uri}).`));
  }
  if (r.status === 200 && /mysqli/i.test(r.body)) {
    return make(env, id, false, T, msg(
      'phpMyAdmin이 mysqli 확장이 없다고 합니다. Dockerfile에서 `phpX.Y-mysql` 패키지를 설치하세요.',
      'phpMyAdmin says the mysqli extension is missing: install the `phpX.Y-mysql` package in the Dockerfile.',
    ), dockerfileLine(env, /php\S*-fpm/));
  }
  if (r.status === 404 && !mentions(env, /phpmyadmin/i)) {
    return make(env, id, true, T, msg('이 이미지에는 phpMyAdmin이 없어 확인하지 않았습니다.', 'Not checked: this image has no phpMyAdmin.'), NOWHERE, undefined, true);
  }
  const c = await pageCause(env, uri, r, port);
  return make(env, id, false, T, c.detail, c.at, c.evidence);
}

function mentions(env: Env, re: RegExp): boolean {
  return re.test(env.dockerfile) || env.ds.some((d) => re.test(d.args.join(' ')));
}

function wpConfig(env: Env): Where {
  for (const c of env.copies) {
    for (const s of c.sources) {
      if (/wp-config\.php$/.test(s)) {
        const text = env.o.context?.readFile(s) ?? '';
        return { file: s, line: lineOf(text, /DB_PASSWORD|DB_HOST/) };
      }
    }
  }
  return dockerfileLine(env, /wp-config/);
}

// ------------------------------------------------------------------------------------------------ autoindex

/** Scripts the image has: the build-context files the Dockerfile copies in, with their in-image paths. */
function imageScripts(env: Env): ImageScript[] {
  const out: ImageScript[] = [];
  const read = (rel: string) => env.o.context?.readFile(rel) ?? null;
  const rels = new Set<string>();
  for (const c of env.copies) for (const s of c.sources) if (!s.includes('*') && env.exists(s)) rels.add(s);
  for (const f of env.o.context?.listFiles?.() ?? []) if (inImageOf(env.copies, f, env.exists)) rels.add(f);
  for (const rel of rels) {
    const text = read(rel);
    if (text === null || text.length > 200_000) continue;
    out.push({ rel, inImage: inImageOf(env.copies, rel, env.exists), text });
  }
  return out;
}

async function listingNow(env: Env, port: number): Promise<WebReply> {
  return request(`https://127.0.0.1:${port}/`, { signal: env.o.signal });
}

/** Waits until / is (or is not) a listing, for at most SWITCH_WAIT_MS; returns the last answer. */
async function waitListing(env: Env, port: number, want: boolean): Promise<WebReply> {
  const end = Date.now() + SWITCH_WAIT_MS;
  // Two answers in a row: for a moment after `nginx -s reload` the old workers still answer some connections with
  // the old configuration, so one answer from a new worker does not yet mean the next request sees it.
  let seen = 0;
  for (;;) {
    const r = await listingNow(env, port);
    seen = isListing(r) === want && r.status ? seen + 1 : 0;
    if (seen >= 2) return r;
    if (Date.now() > end || env.o.signal?.aborted) return r;
    await sleep(seen ? 200 : 500, env.o.signal);
  }
}

function switchText(sw: AutoindexSwitch, on: boolean): string {
  if (sw.kind === 'env') return `${sw.name}=${on ? sw.onValue : sw.offValue}`;
  return `docker exec … ${(on ? sw.on ?? [] : sw.off).join(' ')}`;
}

/**
 * The COPY map guesses where a script lands (`COPY x.sh /somewhere` is a file or a folder depending on the image):
 * confirm it in the container, else look the script up by name there. A script that cannot be found is no switch.
 */
async function locate(env: Env, sw: AutoindexSwitch | null): Promise<AutoindexSwitch | null> {
  if (!sw || sw.kind !== 'script') return sw;
  const found = async (p: string) => (await exec(env.o, ['test', '-f', p])).exitCode === 0;
  if (await found(sw.inImage)) return sw;
  const byName = await exec(env.o, ['find', '/', '-xdev', '-type', 'f', '-name', path.posix.basename(sw.inImage)]);
  const real = byName.output.split('\n').find((p) => p.startsWith('/') && !p.startsWith('/proc/'));
  if (!real) return null;
  const swap = (argv: string[]) => argv.map((a) => (a === sw.inImage ? real : a));
  // An on/off pair lives in one folder: move the other script along.
  const dir = path.posix.dirname(real);
  const move = (argv: string[] | null) => argv && swap(argv).map((a, i) => (i === 1 && a !== real ? path.posix.join(dir, path.posix.basename(a)) : a));
  return { ...sw, inImage: real, off: swap(sw.off), on: move(sw.on) };
}

/** The line of a switch script that stops or restarts nginx (`service nginx restart`, `nginx -s stop`, `kill`). */
function stopLine(env: Env, sw: AutoindexSwitch): Where | null {
  if (sw.kind !== 'script') return null;
  const text = sw.file.startsWith('/') ? null : env.o.context?.readFile(sw.file);
  const l = text ? lineOf(text, /^(?!\s*#).*(service\s+nginx\s+(re)?start|service\s+nginx\s+stop|nginx\s+-s\s+(stop|quit)|\/etc\/init\.d\/nginx\s+(re)?start|systemctl\s+restart\s+nginx|\bkill(all)?\b.*nginx)/) : null;
  return l ? { file: sw.file, line: l } : null;
}

/** Why / is not a listing while autoindex should be on. */
async function notListingCause(env: Env, r: WebReply, port: number): Promise<{ detail: Msg; at: Where; evidence?: string[] }> {
  const { server, location } = served(env, '/');
  const ai = server === null ? null : effective(env.ds, server, location, 'autoindex');
  const idx = server === null ? null : effective(env.ds, server, location, 'index');
  const root = server === null ? null : effective(env.ds, server, location, 'root');
  if (r.status === 403) {
    const evidence = await errorLog(env, /forbidden|Permission denied/);
    if (!ai || ai.args[0] !== 'on') {
      return {
        detail: msg(
          `403 Forbidden: \`/\` 경로에서 autoindex가 꺼져 있고(${ai ? '`autoindex off`' : '`autoindex` 지시어 없음'}) index 파일도 없어 nginx가 목록을 거부합니다. \`location /\` 블록에 \`autoindex on;\` 지시어를 두세요.`,
          `403 Forbidden: autoindex is off for \`/\` (${ai ? '`autoindex off`' : 'no `autoindex`'}) and there is no index file, so nginx refuses the listing. Put \`autoindex on;\` in \`location /\`.`,
        ),
        at: ai ? where(env, ai) : where(env, idx ?? root),
        evidence,
      };
    }
    return {
      detail: msg(
        '403 Forbidden: `autoindex on` 상태인데도 목록이 거부됩니다. nginx 작업 프로세스(www-data)가 `root` 디렉터리를 읽을 수 있는지 권한을 확인하세요.',
        "403 Forbidden although autoindex is on: check that nginx's workers (www-data) may read the `root` folder.",
      ),
      at: where(env, root),
      evidence,
    };
  }
  if (r.status === 200) {
    // An index file answered: name it.
    const names = idx?.args ?? ['index.html'];
    const dir = root?.args[0] ?? '/var/www/html';
    const ls = await exec(env.o, ['ls', '-1A', dir]);
    const present = ls.exitCode === 0 ? ls.output.split('\n') : [];
    const shadow = names.find((n) => present.includes(n));
    return {
      detail: shadow
        ? msg(
            `목록 대신 \`${dir}/${shadow}\` 파일이 나옵니다(페이지 제목: ${titleOf(r.body) ?? '-'}). nginx는 \`index\` 지시어의 파일이 하나라도 있으면 목록 대신 그 파일을 보여 줍니다. \`index\` 지시어에서 \`${shadow}\` 이름을 빼거나 Dockerfile에서 그 파일을 지우세요.`,
            `\`${dir}/${shadow}\` answers instead of the listing (page title: ${titleOf(r.body) ?? '-'}): when a file named in \`index\` exists, nginx serves it rather than listing. Remove \`${shadow}\` from \`index\` or delete the file in the Dockerfile.`,
          )
        : msg(
            `목록 대신 다른 페이지가 나옵니다(페이지 제목: ${titleOf(r.body) ?? '-'}). \`index\` 지시어와 \`location /\` 블록의 \`try_files\` 지시어를 확인하세요.`,
            `Another page answers instead of the listing (page title: ${titleOf(r.body) ?? '-'}). Check \`index\` and \`location /\`'s \`try_files\`.`,
          ),
      at: where(env, idx ?? ai),
      evidence: shadow ? [`${dir}: ${present.join(' ')}`] : undefined,
    };
  }
  return pageCause(env, '/', r, port);
}

async function autoindexChecks(env: Env): Promise<[DoctorCheck, DoctorCheck]> {
  const idOn = 'autoindex-on';
  const idOff = 'autoindex-off';
  let port = env.o.httpsPort;
  if (!port) {
    const d = msg('443번 포트가 게시되지 않아 확인하지 못했습니다.', 'Not checked: port 443 is not published.');
    return [make(env, idOn, false, TITLES[idOn], d), make(env, idOff, false, TITLES[idOff], d)];
  }
  const sw = await locate(env, findAutoindexSwitch(env.dockerfile, env.dockerfilePath, imageScripts(env)));
  const swAt: Where = sw ? { file: sw.file, line: sw.line } : NOWHERE;

  // 1. The listing, in the state the container started in; switched on first when it is off and a script can.
  let first = await listingNow(env, port);
  let switchedOn = false;
  if (!isListing(first) && sw?.kind === 'script' && sw.on) {
    await exec(env.o, sw.on);
    first = await waitListing(env, port, true);
    switchedOn = true;
  }
  const onOk = isListing(first);
  let on: DoctorCheck;
  if (onOk) {
    on = make(env, idOn, true, TITLES[idOn], switchedOn
      ? msg(`\`${switchText(sw!, true)}\` 명령으로 켠 뒤 \`/\` 경로에서 디렉터리 목록이 보입니다.`, `\`/\` lists the folder after \`${switchText(sw!, true)}\`.`)
      : msg('`/` 경로에서 디렉터리 목록이 보입니다.', '`/` lists the folder.'),
      where(env, env.ds.find((d) => d.name === 'autoindex' && d.args[0] === 'on')));
  } else {
    const c = await notListingCause(env, first, port);
    on = make(env, idOn, false, TITLES[idOn], c.detail, c.at, c.evidence);
  }

  // 2. Switched off the image's way.
  const T = TITLES[idOff];
  if (!sw) {
    return [on, make(env, idOff, true, T, msg(
      '이미지에서 autoindex를 끄는 방법(환경 변수나 `docker exec` 명령으로 실행하는 스크립트)을 찾지 못해 확인하지 않았습니다. 평가 때 설정을 손으로 고친다면 문제는 아닙니다.',
      'Not checked: found no way the image offers to switch autoindex off (an env var, or a script run with `docker exec`). Not a fault if the configuration is edited by hand during the review.',
    ), NOWHERE, undefined, true)];
  }
  if (!onOk) {
    return [on, make(env, idOff, true, T, msg(
      `목록이 처음부터 보이지 않아 끄는 동작(${switchText(sw, false)})은 확인하지 않았습니다.`,
      `Not checked: the listing never showed, so switching it off (${switchText(sw, false)}) proves nothing.`,
    ), swAt, undefined, true)];
  }
  if (sw.kind === 'env') {
    if (!env.o.restartWith) {
      return [on, make(env, idOff, true, T, msg(
        `autoindex는 \`${sw.name}\` 환경 변수로 끕니다. 이번 실행은 컨테이너를 다시 시작할 수 없어 확인하지 않았습니다.`,
        `autoindex is switched off with the \`${sw.name}\` env var; this run cannot restart the container, so it was not checked.`,
      ), swAt, undefined, true)];
    }
    const ports = await env.o.restartWith({ [sw.name]: sw.offValue });
    if (!ports?.httpsPort) {
      return [on, make(env, idOff, false, T, msg(
        `\`${sw.name}=${sw.offValue}\` 값으로 다시 시작한 컨테이너가 HTTPS로 응답하지 않습니다.`,
        `The container restarted with \`${sw.name}=${sw.offValue}\` does not answer on HTTPS.`,
      ), swAt)];
    }
    port = ports.httpsPort;
  }
  const ran = sw.kind === 'script' ? await exec(env.o, sw.off) : null;
  const after = await waitListing(env, port, false);
  // A script that failed, unless it took nginx down with it (said below, with the reason).
  if (ran && ran.exitCode !== 0 && after.status) {
    return [on, make(env, idOff, false, T, msg(
      `\`${sw.kind === 'script' ? sw.off.join(' ') : ''}\` 명령이 ${ran.exitCode} 코드로 실패했습니다.`,
      `\`${sw.kind === 'script' ? sw.off.join(' ') : ''}\` failed with exit code ${ran.exitCode}.`,
    ), swAt, ran.output.trim().split('\n').slice(-5))];
  }
  let off: DoctorCheck;
  if (after.status && !isListing(after) && after.status < 500) {
    off = make(env, idOff, true, T, msg(
      `\`${switchText(sw, false)}\` 다음에는 \`/\` 경로가 목록 대신 ${after.status} 코드로 응답합니다.`,
      `After \`${switchText(sw, false)}\`, \`/\` answers ${after.status} instead of a listing.`,
    ), swAt);
  } else if (!after.status) {
    off = make(env, idOff, false, T, msg(
      `\`${switchText(sw, false)}\` 다음에 nginx가 응답하지 않습니다. 스크립트가 \`service nginx restart\` 명령처럼 PID 1인 nginx를 멈추면 컨테이너도 멈춥니다. 설정을 바꾼 뒤에는 \`nginx -s reload\` 명령을 쓰세요.`,
      `nginx stops answering after \`${switchText(sw, false)}\`. A script that stops nginx as PID 1 (\`service nginx restart\`, for one) stops the container with it: reload with \`nginx -s reload\` instead.`,
    ), stopLine(env, sw) ?? swAt, [after.error?.message ?? '', ...(ran?.output.trim().split('\n').slice(-3) ?? [])]);
  } else {
    const now = await exec(env.o, ['nginx', '-T']);
    const stillOn = directives(splitDump(now.output)).some((d) => d.name === 'autoindex' && d.args[0] === 'on');
    off = make(env, idOff, false, T, stillOn
      ? msg(
          `\`${switchText(sw, false)}\` 다음에도 설정에 \`autoindex on\` 지시어가 남아 있어 목록이 계속 보입니다. 스크립트가 고치는 파일과 패턴을 확인하세요.`,
          `After \`${switchText(sw, false)}\` the configuration still says \`autoindex on\` and / still lists: check the file and pattern the switch edits.`,
        )
      : msg(
          `\`${switchText(sw, false)}\` 명령이 설정을 \`autoindex off\` 값으로 바꿨지만 목록이 계속 보입니다. 설정을 바꾼 뒤 \`nginx -s reload\` 명령으로 다시 읽게 하세요.`,
          `\`${switchText(sw, false)}\` changed the configuration to \`autoindex off\`, but / still lists: make nginx read it again with \`nginx -s reload\`.`,
        ), swAt);
  }
  // Leave the container as it was found (a script switch; an env restart already made a new container).
  // nginx's reload is asynchronous: wait for the listing, so what runs next sees the container as it was.
  if (sw.kind === 'script' && sw.on && !switchedOn && off.ok) {
    await exec(env.o, sw.on);
    await waitListing(env, port, true);
  }
  return [on, off];
}

// ------------------------------------------------------------------------------------------------ entry

export async function runWebChecks(o: WebCheckOptions): Promise<DoctorCheck[]> {
  // Cancelled between checks with the signal's reason (each request also ends at once on it).
  o.signal?.throwIfAborted();
  const env = await prepare(o);
  const redirect = await httpRedirect(env);
  o.signal?.throwIfAborted();
  const cert = await httpsCertificate(env);
  o.signal?.throwIfAborted();
  const wp = await wordpress(env);
  o.signal?.throwIfAborted();
  const pma = await phpMyAdmin(env);
  o.signal?.throwIfAborted();
  // Last: switching autoindex may reload nginx or restart the container.
  const [on, off] = await autoindexChecks(env);
  return [redirect, cert, on, off, wp, pma];
}

/** Re-exported for the CLI's docs and tests: the ids in the order they are reported. */
export const WEB_CHECK_IDS = ['http-redirect', 'https-certificate', 'autoindex-on', 'autoindex-off', 'wordpress', 'phpmyadmin'] as const;

