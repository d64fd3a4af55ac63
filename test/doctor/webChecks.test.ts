/**
 * The doctor's web-stack checks (common/src/doctor/webChecks.ts) against the real scaffold on the local engine:
 *   - the scaffold as generated (--debian bookworm, WordPress and phpMyAdmin from Debian): every check passes, the
 *     autoindex switch found is `docker exec … autoindex.sh off`; with that script hidden from the context, the
 *     AUTOINDEX env var is found instead and the container is restarted with it;
 *   - fastcgi_pass pointed at PHP 7.4's socket (the image has 8.2): /wordpress/ fails with a 502 mapped to the
 *     fastcgi_pass line of srcs/nginx.conf, naming the socket php-fpm really has;
 *   - Debian's placeholder page kept and named in `index`: the listing check fails, pointing at the `index` line;
 *   - WordPress given a database host MariaDB does not listen on: "Error establishing a database connection";
 *   - the switch script without its reload, and port 80 without its redirect; the switch restarting nginx with
 *     `service nginx restart`, which takes the container down (nginx is PID 1).
 * The cases run side by side (each has its own container), so the suite takes about as long as its slowest case.
 * Images are tagged by the hash of their build context and kept, so a second run builds nothing (set
 * DFG_DOCTOR_DROP_IMAGES=1 to remove them); containers and the network are removed in after().
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateStack } from '../../common/src/scaffold/stack';
import { runWebChecks, type WebCheckOptions } from '../../common/src/doctor/webChecks';
import { allPassed, runDoctor } from '../../common/src/doctor/doctor';
import { doctorEngine } from '../../common/src/doctor/engine';
import { mainEndpoint } from '../docker/helpers';
import type { DoctorCheck } from '../../common/src/doctor/types';
import { request } from '../../common/src/doctor/webHttp';
import { buildStackImage, docker, publishedPort, useLocalDebianBase } from '../engine/stackImage';
import { removeUntaggedStepImages, stepImageIds } from '../engine/stepImages';

const LABEL = 'dockerfile-guide.test';
const CACHE_LABEL = 'dockerfile-guide.test-cache';
const run = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const NETWORK = `dfg-doctor-web-${run}`;
const PASSWORD = 'doctor-dev-password';

function log(s: string) {
  process.stderr.write(`[doctor-web] ${s}\n`);
}

type Variant = 'good' | 'fastcgi' | 'index' | 'noreload' | 'restart' | 'daemon' | 'notrap';
const VARIANTS: Variant[] = ['good', 'fastcgi', 'index', 'noreload', 'restart', 'daemon', 'notrap'];

/** The scaffold, with a fixed salt source (the same bytes give the same context, so the layer cache holds). */
function writeScaffold(dir: string, variant: Variant): void {
  for (const f of generateStack({ debian: 'bookworm', siteName: 'localhost', phpMyAdmin: true, source: 'debian', lang: 'en', random: (n) => Buffer.alloc(n, 7) })) {
    let text = f.content;
    if (variant === 'fastcgi' && f.path === 'srcs/nginx.conf') {
      assert.match(text, /fastcgi_pass unix:\/run\/php\/php8\.2-fpm\.sock;/);
      text = text.replace('php8.2-fpm.sock', 'php7.4-fpm.sock');
    }
    if (variant === 'index' && f.path === 'srcs/nginx.conf') {
      assert.match(text, /^ {4}index index\.php/m);
      text = text.replace(/^( {4}index) /m, '$1 index.nginx-debian.html ');
    }
    if (variant === 'index' && f.path === 'Dockerfile') {
      assert.match(text, / \/var\/www\/html\/index\.nginx-debian\.html/);
      text = text.replace(' /var/www/html/index.nginx-debian.html', '');
    }
    // The switch edits the config but forgets the reload; and port 80 serves the site instead of redirecting.
    if (variant === 'noreload' && f.path === 'srcs/autoindex.sh') {
      assert.match(text, /^ {2}nginx -s reload$/m);
      text = text.replace(/^ {2}nginx -s reload$/m, '  true');
    }
    if (variant === 'noreload' && f.path === 'srcs/nginx.conf') {
      assert.match(text, /^ {4}return 301 https:\/\/\$host\$request_uri;$/m);
      text = text.replace(/^ {4}return 301 https:\/\/\$host\$request_uri;$/m, '    root /var/www/html;');
    }
    // The switch restarts nginx the way a VM would: nginx is PID 1, so the container goes down with it.
    if (variant === 'restart' && f.path === 'srcs/autoindex.sh') {
      assert.match(text, /^ {2}nginx -s reload$/m);
      text = text.replace(/^ {2}nginx -s reload$/m, '  service nginx restart');
    }
    // `daemon` misspelt in the site config: nginx refuses it at start, and start.sh ends with nginx.
    if (variant === 'daemon' && f.path === 'srcs/nginx.conf') text = `dameon off;\n${text}`;
    // The start script without its trap: bash stays PID 1 and ignores SIGTERM, so docker stop needs the 10 s kill.
    if (variant === 'notrap' && f.path === 'srcs/start.sh') {
      assert.match(text, /^trap stop_services TERM INT$/m);
      text = text.replace(/^trap stop_services TERM INT$/m, ': no trap');
    }
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), text, { mode: f.mode });
  }
}

function contextHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort()) {
    h.update(path.relative(dir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

function imageExists(tag: string): boolean {
  return docker(['image', 'inspect', tag], { allowFail: true }).status === 0;
}

function execIn(container: () => string): WebCheckOptions['exec'] {
  return (argv) =>
    new Promise((resolve) => {
      execFile('docker', ['exec', container(), ...argv], { encoding: 'utf8', timeout: 30_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
        resolve({ exitCode: code, output: `${stdout}${stderr}` });
      });
    });
}

function contextOf(dir: string, hide: string[] = []) {
  return {
    readFile(rel: string) {
      if (hide.includes(rel)) return null;
      try {
        return fs.readFileSync(path.join(dir, rel), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

async function waitFor(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Running {
  name: string;
  dir: string;
  image: string;
  httpPort: number;
  httpsPort: number;
}

const made: string[] = [];
let counter = 0;

async function start(image: string, dir: string, env: Record<string, string> = {}): Promise<Running> {
  const name = `dfg-doctor-web-${run}-${counter++}`;
  made.push(name);
  docker([
    'run', '-d', '--name', name, '--network', NETWORK, '--label', `${LABEL}=${run}`,
    '-p', '127.0.0.1::80', '-p', '127.0.0.1::443',
    '-e', `WORDPRESS_DB_PASSWORD=${PASSWORD}`,
    ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    image,
  ]);
  const c = { name, dir, image, httpPort: publishedPort(name, 80), httpsPort: publishedPort(name, 443) };
  // Up when nginx answers (start.sh execs it last, after MariaDB and php-fpm are up).
  await waitFor(`${name} answers HTTPS`, 90_000, async () => (await request(`https://127.0.0.1:${c.httpsPort}/`, { timeoutMs: 2000 })).status > 0);
  return c;
}

function byId(checks: DoctorCheck[]): Record<string, DoctorCheck> {
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}

function lineIn(dir: string, rel: string, re: RegExp): number {
  const i = fs.readFileSync(path.join(dir, rel), 'utf8').split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `${rel} has a line matching ${re}`);
  return i + 1;
}

describe('doctor web checks on the web-stack scaffold (real engine)', { timeout: 20 * 60_000, concurrency: true }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-doctor-web-'));
  const images = {} as Record<Variant, string>;
  const dirs = {} as Record<Variant, string>;
  const t0 = Date.now();

  before(async () => {
    const v = docker(['version', '--format', '{{.Server.Version}}'], { allowFail: true });
    if (v.status !== 0) throw new Error(`no Docker engine answers: ${v.stderr}`);
    docker(['network', 'create', '--label', `${LABEL}=${run}`, NETWORK]);
    for (const variant of VARIANTS) {
      const dir = path.join(work, variant);
      writeScaffold(dir, variant);
      useLocalDebianBase(dir);
      dirs[variant] = dir;
      // Its build fails (the scaffold's RUN checks the config with `nginx -t`): the doctor builds it in its test.
      if (variant === 'daemon') continue;
      const tag = `dfg-test/doctor-web-stack:${variant}-${contextHash(dir)}`;
      if (!imageExists(tag)) {
        const t = Date.now();
        buildStackImage(dir, tag, { network: NETWORK, labels: { [CACHE_LABEL]: 'doctor-web-stack' } });
        log(`built ${tag} in ${Date.now() - t} ms`);
      }
      images[variant] = tag;
    }
    log(`images ready after ${Date.now() - t0} ms`);
  });

  after(() => {
    for (const name of made) docker(['rm', '-f', '-v', name], { allowFail: true });
    docker(['network', 'rm', NETWORK], { allowFail: true });
    if (process.env.DFG_DOCTOR_DROP_IMAGES === '1') for (const tag of Object.values(images)) if (tag) docker(['rmi', tag], { allowFail: true });
    fs.rmSync(work, { recursive: true, force: true });
    log(`total ${Date.now() - t0} ms`);
  });

  it('the scaffold as generated passes every check; the switch is autoindex.sh run with docker exec', async () => {
    const c = await start(images.good, dirs.good);
    const checks = await runWebChecks({
      httpPort: c.httpPort,
      httpsPort: c.httpsPort,
      containerId: c.name,
      exec: execIn(() => c.name),
      lang: 'both',
      context: contextOf(c.dir),
    });
    log(JSON.stringify(checks.map((x) => [x.id, x.ok, x.skipped ?? false, x.detail, x.file, x.line])));
    assert.deepEqual(checks.map((x) => x.id), ['http-redirect', 'https-certificate', 'autoindex-on', 'autoindex-off', 'wordpress', 'phpmyadmin']);
    for (const x of checks) {
      assert.equal(x.ok, true, `${x.id}: ${x.detail}`);
      assert.ok(!x.skipped, `${x.id} was made, not skipped: ${x.detail}`);
      assert.ok(x.titleMsg?.ko && x.titleMsg.en && x.detailMsg?.ko && x.detailMsg.en, `${x.id} is bilingual`);
      assert.ok(x.title.includes(x.titleMsg.ko) && x.title.includes(x.titleMsg.en), 'lang both renders both');
    }
    const by = byId(checks);
    assert.match(by['autoindex-off'].detail, /autoindex\.sh off/);
    assert.equal(by['autoindex-off'].file, 'srcs/autoindex.sh');
    assert.equal(by['autoindex-off'].line, lineIn(c.dir, 'srcs/autoindex.sh', /^sed -i /), 'the line that rewrites the config');
    assert.equal(by['http-redirect'].line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*return 301 /));
    assert.equal(by['autoindex-on'].line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*autoindex on;/));
    assert.equal(by['https-certificate'].file, 'srcs/nginx.conf');
    assert.equal(by['https-certificate'].line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*ssl_certificate\s/));
    assert.match(by['https-certificate'].detail, /CN=localhost/);
    // The switch was put back: the listing shows again, and the config says on.
    assert.match((await request(`https://127.0.0.1:${c.httpsPort}/`)).body, /<h1>Index of \/<\/h1>/);
  });

  it('an image whose only switch is the AUTOINDEX env var is restarted with AUTOINDEX=off', async () => {
    let c = await start(images.good, dirs.good);
    const restarts: Record<string, string>[] = [];
    const checks = await runWebChecks({
      httpPort: c.httpPort,
      httpsPort: c.httpsPort,
      containerId: c.name,
      exec: execIn(() => c.name),
      async restartWith(env) {
        restarts.push(env);
        c = await start(c.image, c.dir, env);
        return { httpPort: c.httpPort, httpsPort: c.httpsPort };
      },
      lang: 'en',
      // As if the image had no autoindex.sh of its own: start.sh's AUTOINDEX is the way left.
      context: contextOf(dirs.good, ['srcs/autoindex.sh']),
    });
    const off = byId(checks)['autoindex-off'];
    assert.deepEqual(restarts, [{ AUTOINDEX: 'off' }]);
    assert.equal(off.ok, true, off.detail);
    assert.ok(!off.skipped);
    assert.match(off.detail, /AUTOINDEX=off/);
    assert.equal(off.file, 'Dockerfile');
    assert.equal(off.line, lineIn(dirs.good, 'Dockerfile', /^ENV AUTOINDEX=/));
    assert.equal(off.title, 'No listing after switching autoindex off', 'lang en renders English only');
  });

  it('fastcgi_pass at the PHP 7.4 socket: /wordpress/ fails with 502 on the fastcgi_pass line', async () => {
    const c = await start(images.fastcgi, dirs.fastcgi);
    const checks = await runWebChecks({ httpPort: c.httpPort, httpsPort: c.httpsPort, containerId: c.name, exec: execIn(() => c.name), lang: 'ko', context: contextOf(c.dir) });
    const by = byId(checks);
    log(JSON.stringify(checks.map((x) => [x.id, x.ok, x.detail, x.file, x.line])));
    for (const id of ['wordpress', 'phpmyadmin']) {
      const x = by[id];
      assert.equal(x.ok, false, `${id}: ${x.detail}`);
      assert.equal(x.file, 'srcs/nginx.conf');
      assert.equal(x.line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*fastcgi_pass\s/));
      assert.match(x.detailMsg!.en, /502 Bad Gateway/);
      assert.match(x.detailMsg!.en, /php7\.4-fpm\.sock/);
      assert.match(x.detailMsg!.en, /\/run\/php\/php8\.2-fpm\.sock/, 'names the socket php-fpm has');
      assert.ok(x.evidence?.some((l) => /connect\(\) to unix:\/run\/php\/php7\.4-fpm\.sock failed/.test(l)), `error log evidence: ${x.evidence}`);
      assert.equal(x.detail, x.detailMsg!.ko, 'lang ko renders Korean only');
    }
    // The rest of the stack is fine: only the PHP checks fail.
    for (const id of ['http-redirect', 'https-certificate', 'autoindex-on', 'autoindex-off']) assert.equal(by[id].ok, true, `${id}: ${by[id].detail}`);
  });

  it("Debian's placeholder page named in index: the listing check fails on the index line", async () => {
    const c = await start(images.index, dirs.index);
    const checks = await runWebChecks({ httpPort: c.httpPort, httpsPort: c.httpsPort, containerId: c.name, exec: execIn(() => c.name), lang: 'en', context: contextOf(c.dir) });
    const by = byId(checks);
    log(JSON.stringify(checks.map((x) => [x.id, x.ok, x.detail, x.file, x.line])));
    const on = by['autoindex-on'];
    assert.equal(on.ok, false, on.detail);
    assert.equal(on.file, 'srcs/nginx.conf');
    assert.equal(on.line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*index\s/));
    assert.match(on.detail, /index\.nginx-debian\.html/);
    assert.match(on.detail, /Welcome to nginx/);
    // Switching off cannot be judged when the listing never showed: skipped, not failed.
    assert.equal(by['autoindex-off'].ok, true);
    assert.equal(by['autoindex-off'].skipped, true);
    for (const id of ['http-redirect', 'https-certificate', 'wordpress', 'phpmyadmin']) assert.equal(by[id].ok, true, `${id}: ${by[id].detail}`);
  });

  it('WordPress cannot reach MariaDB: the wordpress check names the database error and wp-config.php', async () => {
    // MariaDB listens on 127.0.0.1 only (Debian's bind-address): another loopback address is refused.
    const c = await start(images.good, dirs.good, { WORDPRESS_DB_HOST: '127.0.0.2' });
    const checks = await runWebChecks({ httpPort: c.httpPort, httpsPort: c.httpsPort, containerId: c.name, exec: execIn(() => c.name), lang: 'en', context: contextOf(c.dir) });
    const wp = byId(checks).wordpress;
    assert.equal(wp.ok, false, wp.detail);
    assert.match(wp.detail, /Error establishing a database connection/);
    assert.equal(wp.file, 'srcs/wp-config.php');
    assert.equal(wp.line, lineIn(c.dir, 'srcs/wp-config.php', /DB_PASSWORD|DB_HOST/));
    assert.equal(byId(checks).phpmyadmin.ok, true, 'the login page needs no database');
  });

  it('a switch that forgets the reload, and port 80 serving the site: both found, on their lines', async () => {
    const c = await start(images.noreload, dirs.noreload);
    const checks = await runWebChecks({ httpPort: c.httpPort, httpsPort: c.httpsPort, containerId: c.name, exec: execIn(() => c.name), lang: 'en', context: contextOf(c.dir) });
    const by = byId(checks);
    log(JSON.stringify(checks.map((x) => [x.id, x.ok, x.detail, x.file, x.line])));
    assert.equal(by['http-redirect'].ok, false);
    assert.match(by['http-redirect'].detail, /HTTP answers \d+ instead of redirecting/);
    assert.equal(by['http-redirect'].file, 'srcs/nginx.conf');
    assert.equal(by['http-redirect'].line, lineIn(c.dir, 'srcs/nginx.conf', /^\s*listen 80;/));
    assert.equal(by['autoindex-on'].ok, true);
    const off = by['autoindex-off'];
    assert.equal(off.ok, false);
    assert.match(off.detail, /changed the configuration to `autoindex off`.*nginx -s reload/);
    assert.equal(off.file, 'srcs/autoindex.sh');
  });

  it('a switch that restarts nginx with service: the container goes down, and the check says why, on that line', async () => {
    const c = await start(images.restart, dirs.restart);
    const checks = await runWebChecks({ httpPort: c.httpPort, httpsPort: c.httpsPort, containerId: c.name, exec: execIn(() => c.name), lang: 'en', context: contextOf(c.dir) });
    const off = byId(checks)['autoindex-off'];
    log(JSON.stringify([off.ok, off.detail, off.file, off.line, off.evidence]));
    assert.equal(off.ok, false);
    assert.match(off.detail, /stops answering.*PID 1/);
    assert.equal(off.file, 'srcs/autoindex.sh');
    assert.equal(off.line, lineIn(c.dir, 'srcs/autoindex.sh', /service nginx restart/));
    assert.equal(docker(['inspect', '--format', '{{.State.Running}}', c.name]).stdout.trim(), 'false', 'the container stopped with nginx');
  });
  // The whole doctor (runDoctor: run, watch, processes, these checks, docker stop) on the same images, as
  // "Run and check" runs it: the scaffold passes everything, and each breakage names its cause and line.
  const doctorRun = async (variant: Variant) => {
    const engine = await doctorEngine(mainEndpoint());
    return runDoctor(engine, { lang: 'en', dockerfile: path.join(dirs[variant], 'Dockerfile'), contextDir: dirs[variant], image: images[variant], build: false, watchSeconds: 5, webChecks: runWebChecks });
  };

  it('doctor: the scaffold as generated passes every step and check, and stops gracefully with a clean database shutdown', async () => {
    const r = await doctorRun('good');
    assert.ok(allPassed(r), JSON.stringify(r.checks.filter((c) => !c.ok), null, 1));
    assert.deepEqual(
      r.checks.map((c) => c.id),
      ['run', 'processes', 'http-redirect', 'https-certificate', 'autoindex-on', 'autoindex-off', 'wordpress', 'phpmyadmin', 'stop', 'database-shutdown'],
    );
    assert.equal(r.stop?.graceful, true);
    assert.ok(r.stop!.seconds < 10, String(r.stop!.seconds));
  });

  it('doctor: `daemon` misspelt in the site config fails the build\'s `nginx -t`, pointing at that line of srcs/nginx.conf', async () => {
    const engine = await doctorEngine(mainEndpoint());
    const dir = dirs.daemon;
    const tag = `dfg-test/doctor-web-stack:daemon-${run}`;
    // The classic builder keeps the images it committed before the failing RUN, untagged: this build's own go.
    const steps: string[] = [];
    const onBuildLine = (l: string) => void steps.push(...stepImageIds(l));
    const r = await runDoctor(engine, { lang: 'en', dockerfile: path.join(dir, 'Dockerfile'), contextDir: dir, image: tag, imageLabels: { [LABEL]: run }, onBuildLine });
    removeUntaggedStepImages(steps);
    assert.ok(steps.length > 0, 'the classic build printed its step images');
    assert.equal(r.build?.ok, false);
    assert.equal(r.build?.cause, 'config-error');
    assert.equal(r.build?.failedLine, lineIn(dir, 'Dockerfile', /^RUN openssl req/));
    const build = byId(r.checks).build;
    assert.equal(build.file, 'srcs/nginx.conf');
    assert.equal(build.line, 1);
    assert.ok(build.evidence?.some((l) => l.includes('unknown directive "dameon"')), JSON.stringify(build.evidence));
    assert.equal(r.run, null);
  });

  it('doctor: fastcgi_pass at PHP 7.4 makes /wordpress/ fail with 502 on the fastcgi_pass line', async () => {
    const r = await doctorRun('fastcgi');
    const wp = byId(r.checks).wordpress;
    assert.equal(wp.ok, false);
    assert.match(wp.detail, /502/);
    assert.equal(wp.file, 'srcs/nginx.conf');
    assert.equal(wp.line, lineIn(dirs.fastcgi, 'srcs/nginx.conf', /fastcgi_pass/));
  });

  it('doctor: start.sh without its trap needs the 10 s kill (137), pointing at the script\'s last command', async () => {
    const r = await doctorRun('notrap');
    assert.equal(r.stop?.graceful, false);
    assert.equal(r.stop?.exitCode, 137);
    const stop = byId(r.checks).stop;
    assert.equal(stop.file, 'srcs/start.sh');
    assert.equal(stop.line, lineIn(dirs.notrap, 'srcs/start.sh', /^wait "\$nginx_pid"$/));
  });
});
