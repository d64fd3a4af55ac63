/**
 * The web-stack scaffold, built and served for real on the local Docker engine (no image registry needed):
 *   1. test/engine/images.ts makes a Debian bookworm base image with debootstrap --variant=minbase + docker import
 *      (scripts/ci/stack-base.sh; kept between runs under a tag named by its recipe);
 *   2. the scaffold is generated with --debian bookworm (WordPress and phpMyAdmin from Debian's packages);
 *   3. docker build, docker run -d -p 127.0.0.1::443, and HTTPS checks on loopback;
 *   4. everything the test made (container, image, network, temporary tag) is removed.
 * Set DFG_STACK_DROP_BASE=1 to remove the cached base image too.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { debianTag } from '../engine/images';
import { buildStackImage, docker, publishedPort, useLocalDebianBase } from '../engine/stackImage';

const ROOT = path.resolve(__dirname, '../..');
const id = `${process.pid}-${Date.now().toString(36)}`;
const IMAGE = `dockerfile-guide-test/web-stack:${id}`;
const CONTAINER = `dfg-web-stack-${id}`;
const NETWORK = `dfg-web-stack-${id}`;
const PASSWORD = `dev'pa"ss\\word$1`; // exercises start.sh's SQL escaping and php-fpm's env passing

function log(s: string) {
  process.stderr.write(`[stack] ${s}\n`);
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  cert?: X509Certificate;
}

function get(url: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      { method: 'GET', rejectUnauthorized: false, servername: 'localhost', timeout: 15_000, agent: false } as https.RequestOptions,
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          const sock = res.socket as import('node:tls').TLSSocket;
          const raw = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate(false)?.raw : undefined;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, cert: raw ? new X509Certificate(raw) : undefined });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

async function poll<T>(what: string, ms: number, f: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: not reached in ${ms} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web stack: scaffold built and served on the local Docker engine', { timeout: 30 * 60_000 }, () => {
  let work = '';
  let httpsPort = 0;
  let httpPort = 0;
  let startedAt = 0;
  const timings: Record<string, number> = {};
  const t0 = Date.now();

  before(async () => {
    const v = docker(['version', '--format', '{{.Server.Version}}'], { allowFail: true });
    if (v.status !== 0) throw new Error(`no Docker engine answers: ${v.stderr}`);

    let t = Date.now();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-web-stack-'));
    // The real CLI, as a user runs it (built by `npm test` before this suite; built here if missing).
    const cli = path.join(ROOT, 'dist/cli.js');
    if (!fs.existsSync(cli)) spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const gen = spawnSync(process.execPath, [cli, 'new-stack', work, '--debian', 'bookworm', '--lang', 'ko'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, `new-stack: ${gen.stdout}${gen.stderr}`);

    // The scaffold says FROM debian:bookworm, exactly as users get it; with no registry, the build starts from the
    // debootstrapped image instead (stackImage.ts).
    t = Date.now();
    const baseTag = useLocalDebianBase(work, 'bookworm');
    timings.base = Date.now() - t;
    log(`base image: ${baseTag} (${timings.base} ms)`);

    // Our own network: the test does not depend on the engine's default bridge (docker0) being present.
    docker(['network', 'create', NETWORK]);

    t = Date.now();
    buildStackImage(work, IMAGE, { network: NETWORK });
    timings.build = Date.now() - t;
    log(`docker build: ${timings.build} ms`);

    docker([
      'run', '-d', '--name', CONTAINER, '--network', NETWORK,
      '-p', '127.0.0.1::443', '-p', '127.0.0.1::80',
      '-e', `WORDPRESS_DB_PASSWORD=${PASSWORD}`,
      IMAGE,
    ]);
    startedAt = Date.now();
    httpsPort = publishedPort(CONTAINER, 443);
    httpPort = publishedPort(CONTAINER, 80);
    await poll('HTTPS answers', 90_000, async () => ((await get(`https://127.0.0.1:${httpsPort}/`)).status > 0 ? true : undefined));
    timings.firstResponse = Date.now() - startedAt;
    log(`first HTTPS response ${timings.firstResponse} ms after docker run`);
  });

  after(() => {
    if (CONTAINER) {
      const logs = docker(['logs', '--tail', '30', CONTAINER], { allowFail: true });
      if (logs.status === 0 && process.env.DFG_STACK_VERBOSE) log(`container log tail:\n${logs.stdout}${logs.stderr}`);
      docker(['rm', '-f', CONTAINER], { allowFail: true });
    }
    docker(['rmi', '-f', IMAGE], { allowFail: true });
    docker(['network', 'rm', NETWORK], { allowFail: true });
    if (process.env.DFG_STACK_DROP_BASE === '1') docker(['rmi', debianTag('bookworm')], { allowFail: true });
    if (work) fs.rmSync(work, { recursive: true, force: true });
    log(`timings (ms): ${JSON.stringify({ ...timings, total: Date.now() - t0 })}`);
  });

  const url = (p: string) => `https://127.0.0.1:${httpsPort}${p}`;

  it('start.sh stays PID 1 (its trap stops the services), nginx runs beside it, and Apache was kept out', () => {
    assert.equal(docker(['exec', CONTAINER, 'cat', '/proc/1/comm']).stdout.trim(), 'start.sh');
    assert.match(docker(['exec', CONTAINER, 'cat', '/proc/1/cmdline']).stdout.split('\0').join(' '), /^\/bin\/bash \/usr\/local\/bin\/start\.sh/);
    assert.notEqual(docker(['exec', CONTAINER, 'dpkg', '-s', 'apache2'], { allowFail: true }).status, 0, 'apache2 installed');
    docker(['exec', CONTAINER, 'php', '-l', '/usr/share/wordpress/wp-config.php']);
  });

  it('serves the self-signed certificate made in the image', async () => {
    const r = await get(url('/'));
    assert.ok(r.cert, 'peer certificate');
    const pem = docker(['exec', CONTAINER, 'cat', '/etc/ssl/certs/localhost.crt']).stdout;
    const inImage = new X509Certificate(pem);
    assert.equal(r.cert.fingerprint256, inImage.fingerprint256);
    assert.match(r.cert.subject, /CN=localhost/);
    assert.equal(r.cert.subject, r.cert.issuer, 'self-signed: issuer = subject');
    assert.ok(r.cert.verify(r.cert.publicKey), 'signed by its own key');
    assert.match(r.cert.subjectAltName ?? '', /DNS:localhost/);
  });

  it('HTTP redirects to HTTPS', async () => {
    const r = await get(`http://127.0.0.1:${httpPort}/wordpress/`);
    assert.equal(r.status, 301);
    assert.match(String(r.headers.location), /^https:\/\/127\.0\.0\.1\/wordpress\/$/);
  });

  it('lists / while autoindex is on, stops after autoindex.sh off via docker exec, lists again after on', async () => {
    const on = await get(url('/'));
    assert.equal(on.status, 200);
    assert.match(on.body, /Index of \//);
    assert.match(on.body, /href="wordpress\/"/);
    assert.match(on.body, /href="phpmyadmin\/"/);

    assert.equal(docker(['exec', CONTAINER, 'autoindex.sh', 'off']).stdout.trim(), 'autoindex off');
    const off = await poll('listing gone', 15_000, async () => {
      const r = await get(url('/'));
      return /Index of/.test(r.body) ? undefined : r;
    });
    assert.equal(off.status, 403);
    // The rest of the site still works with autoindex off.
    assert.equal((await get(url('/wordpress/'))).status, 302);

    assert.equal(docker(['exec', CONTAINER, 'autoindex.sh', 'toggle']).stdout.trim(), 'autoindex on');
    await poll('listing back', 15_000, async () => (/Index of \//.test((await get(url('/'))).body) ? true : undefined));
  });

  it('/wordpress/ reaches the WordPress installer through php-fpm and MariaDB', async () => {
    const r = await get(url('/wordpress/'));
    assert.equal(r.status, 302, r.body.slice(0, 500));
    assert.match(String(r.headers.location), /\/wordpress\/wp-admin\/install\.php$/);
    const inst = await get(url('/wordpress/wp-admin/install.php'));
    assert.equal(inst.status, 200, inst.body.slice(0, 500));
    assert.match(inst.body, /<title>WordPress &rsaquo; (Installation|설치)/);
    assert.doesNotMatch(inst.body, /Error establishing a database connection/);
    // The installer could only get here by connecting as the WordPress user with the password given to docker run.
    const tables = docker(['exec', CONTAINER, 'mariadb', '--user=root', '--batch', '--skip-column-names', '-e', "SHOW GRANTS FOR 'wordpress'@'localhost'"]);
    assert.match(tables.stdout, /ON `wordpress`\.\*/);
  });

  it('/phpmyadmin/ serves its login page', async () => {
    const r = await get(url('/phpmyadmin/'));
    assert.equal(r.status, 200);
    assert.match(r.body, /<title>phpMyAdmin<\/title>/);
    assert.match(r.body, /name="pma_username"/);
    assert.equal((await get(url('/phpmyadmin/setup/'))).status, 403, 'setup is not served');
  });

  it('stays up for 30 s and the HEALTHCHECK reports healthy', async () => {
    const wait = 30_000 - (Date.now() - startedAt);
    if (wait > 0) await sleep(wait);
    const state = JSON.parse(docker(['inspect', '--format', '{{json .State}}', CONTAINER]).stdout);
    assert.equal(state.Running, true, JSON.stringify(state));
    assert.equal(state.Restarting, false);
    const health = await poll('healthy', 60_000, async () => {
      const h = docker(['inspect', '--format', '{{.State.Health.Status}}', CONTAINER]).stdout.trim();
      return h === 'healthy' ? h : h === 'unhealthy' ? Promise.reject(new Error('unhealthy')) : undefined;
    });
    assert.equal(health, 'healthy');
  });

  it('docker stop is graceful: start.sh\'s trap passes SIGTERM on, MariaDB shuts down cleanly well before the 10 s, exit code 0 (not 137); a restart serves WordPress again', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    let t = Date.now();
    docker(['stop', CONTAINER], { timeoutMs: 30_000 });
    timings.stop = Date.now() - t;
    log(`docker stop: ${timings.stop} ms`);
    // Exit code 0 and "Shutdown complete" below are the proof that SIGTERM reached MariaDB; the bound only says the
    // stop ended well before the 10 s grace period, with room for a busy machine (it takes about 0.5 s).
    assert.ok(timings.stop < 8000, `docker stop took ${timings.stop} ms`);
    assert.equal(docker(['inspect', '--format', '{{.State.ExitCode}}', CONTAINER]).stdout.trim(), '0');
    // MariaDB logs its clean shutdown only when it got the signal itself; SIGKILL leaves no such line.
    const logs = docker(['logs', '--since', String(since), CONTAINER]);
    const out = logs.stdout + logs.stderr;
    assert.match(out, /start\.sh: SIGTERM/, out);
    assert.match(out, /Shutdown complete/, out);

    // Second start on the same data: init.sql runs again (idempotent) and the site comes back.
    t = Date.now();
    docker(['start', CONTAINER]);
    httpsPort = publishedPort(CONTAINER, 443);
    const r = await poll('WordPress after restart', 90_000, async () => {
      const x = await get(url('/wordpress/wp-admin/install.php'));
      return x.status === 200 ? x : undefined;
    });
    timings.restart = Date.now() - t;
    assert.doesNotMatch(r.body, /Error establishing a database connection/);
    assert.equal(docker(['inspect', '--format', '{{.State.Running}}', CONTAINER]).stdout.trim(), 'true');
  });
});
