/**
 * docs/concepts/ports.*.md (issue 20): EXPOSE records a port and publishes nothing; `-p` publishes (with or without
 * EXPOSE, on the address it names); `-P` publishes every exposed port to a random host port; a host port can be
 * published once; a server bound to the container's 127.0.0.1 is out of reach of a published port; containers on one
 * user-defined network reach any port by name. Shown with busybox httpd on the local engine; the page says so.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders } from '../engine/builders';
import { ensureBusyboxImage } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, docker, dockerOk, runOnce } from './claims';

const classic = builders().find((b) => b.name === 'classic')!;
const PAGE = { en: fs.readFileSync(path.resolve(__dirname, '../../docs/concepts/ports.en.md'), 'utf8') };
/** What the test server answers: unique to this run, so an unrelated server on a host port cannot pass for it. */
const BODY = `hello-${RUN_ID}`;

let exposed = '';
let plain = '';
const networks: string[] = [];

/** GET http://127.0.0.1:<port>/ from the host: the body, or the error's code when nothing answers. */
function get(port: number, timeoutMs = 2000): Promise<{ ok: boolean; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ ok: res.statusCode === 200, body }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, body: e.code ?? e.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, body: e.code ?? e.message }));
  });
}

/** Polls until the page answers with BODY (the server needs a moment), or gives the last answer after `ms`. */
async function answers(port: number, ms = 5000): Promise<{ ok: boolean; body: string }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await get(port);
    if ((r.ok && r.body.includes(BODY)) || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** A host port that is free now (the kernel's pick, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a container of this run (detached); returns its name. */
async function start(image: string, opts: string[], argv: string[] = []): Promise<string> {
  const name = containerName('port');
  await dockerOk(['run', '-d', '--name', name, '--label', `${LABEL}=${RUN_ID}`, ...opts, image, ...argv]);
  return name;
}

describe('claims: EXPOSE and publishing ports (docs/concepts/ports)', { concurrency: true }, () => {
  before(async () => {
    const busybox = ensureBusyboxImage();
    const files = (expose: string) => ({
      Dockerfile: `FROM ${busybox}\nRUN mkdir /www && echo ${BODY} > /www/index.html\n${expose}CMD ["httpd", "-f", "-p", "80", "-h", "/www"]\n`,
    });
    const [a, b] = await Promise.all([build(classic, 'port-exposed', files('EXPOSE 80 81\n')), build(classic, 'port-plain', files(''))]);
    assert.equal(a.code, 0, a.out);
    assert.equal(b.code, 0, b.out);
    exposed = a.tag;
    plain = b.tag;
  });
  after(async () => {
    await cleanup();
    for (const n of networks) await docker(['network', 'rm', n]);
  });

  it('EXPOSE alone publishes nothing: docker port prints nothing, no host port is bound, docker ps shows 80/tcp', async () => {
    const name = await start(exposed, []);
    assert.equal(await dockerOk(['port', name]), '', 'docker port prints nothing');
    const ports = JSON.parse(await dockerOk(['inspect', '--format', '{{json .NetworkSettings.Ports}}', name])) as Record<string, unknown>;
    assert.deepEqual(ports, { '80/tcp': null, '81/tcp': null }, 'exposed, bound to no host port');
    assert.equal(await dockerOk(['ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}']), '80-81/tcp');
    // The server runs: from inside the container it answers.
    const inside = await docker(['exec', name, 'wget', '-qO-', 'http://127.0.0.1/']);
    assert.match(inside.stdout, new RegExp(BODY));
    // Nothing on the host's port 80 is this server (whatever else may listen there).
    const host = await get(80);
    assert.ok(!host.body.includes(BODY), `localhost:80 does not reach the container (${host.body.slice(0, 40)})`);
  });

  it('-p <host>:80 publishes, without any EXPOSE; 127.0.0.1:<host>:80 binds the host loopback only', async () => {
    const port = await freePort();
    const name = await start(plain, ['-p', `127.0.0.1:${port}:80`]);
    assert.equal(await dockerOk(['port', name]), `80/tcp -> 127.0.0.1:${port}`);
    const r = await answers(port);
    assert.ok(r.ok && r.body.includes(BODY), `the page answers on the host port (${r.body.slice(0, 60)})`);
  });

  it('-P publishes every exposed port to a random high host port; an image without EXPOSE gets none', async () => {
    const name = await start(exposed, ['-P']);
    const lines = (await dockerOk(['port', name])).split('\n').sort();
    const by = Object.fromEntries(lines.map((l) => /^(\d+\/tcp) -> [\d.:[\]]+:(\d+)$/.exec(l)!).map((m) => [m[1], Number(m[2])]));
    assert.deepEqual(Object.keys(by).sort(), ['80/tcp', '81/tcp'], lines.join('\n'));
    for (const p of Object.values(by)) assert.ok(p >= 1024, `a high port: ${p}`);
    const r = await answers(by['80/tcp']);
    assert.ok(r.ok && r.body.includes(BODY), `the random port leads to port 80 (${r.body.slice(0, 60)})`);
    const none = await start(plain, ['-P']);
    assert.equal(await dockerOk(['port', none]), '', 'nothing exposed, nothing published');
  });

  it('two containers cannot publish the same host port', async () => {
    const port = await freePort();
    await start(plain, ['-p', `127.0.0.1:${port}:80`]);
    const second = containerName('port-twice');
    const r = await docker(['run', '-d', '--name', second, '--label', `${LABEL}=${RUN_ID}`, '-p', `127.0.0.1:${port}:80`, plain]);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /port is already allocated|address already in use/);
  });

  it("a server bound to the container's 127.0.0.1 is out of reach of the published port", async () => {
    const port = await freePort();
    const name = await start(plain, ['-p', `127.0.0.1:${port}:80`], ['httpd', '-f', '-p', '127.0.0.1:80', '-h', '/www']);
    // It runs and answers inside the container…
    let inside = '';
    for (let i = 0; i < 25 && !inside.includes(BODY); i++) {
      inside = (await docker(['exec', name, 'wget', '-qO-', 'http://127.0.0.1/'])).stdout;
      if (!inside.includes(BODY)) await new Promise((res) => setTimeout(res, 200));
    }
    assert.match(inside, new RegExp(BODY), 'the server is up');
    // …and the published port gets no page.
    const r = await get(port);
    assert.ok(!r.ok && !r.body.includes(BODY), `no answer through -p (${r.body.slice(0, 40)})`);
    // Closed at once (the page says so): reset or refused, not a wait for the timeout.
    assert.match(r.body, /^(ECONNRESET|ECONNREFUSED|socket hang up)$/);
  });

  it('containers on one user-defined network reach a port that is neither exposed nor published, by name', async () => {
    const net = `${RUN_ID}-net`;
    await dockerOk(['network', 'create', '--label', `${LABEL}=${RUN_ID}`, net]);
    networks.push(net);
    const server = await start(plain, ['--network', net]);
    let body = '';
    for (let i = 0; i < 10 && !body.includes(BODY); i++) {
      body = (await runOnce(plain, ['wget', '-qO-', `http://${server}/`], ['--network', net])).stdout;
      if (!body.includes(BODY)) await new Promise((res) => setTimeout(res, 300));
    }
    assert.match(body, new RegExp(BODY));
  });

  it('the page says what these runs show', () => {
    const t = PAGE.en;
    assert.match(t, /`docker port <container>` prints nothing/);
    assert.match(t, /`docker run -P` \(capital P\) publishes \*\*every exposed port\*\* to a free, random high port/);
    assert.match(t, /`-p` works without any `EXPOSE`/);
    assert.match(t, /`-p 127\.0\.0\.1:8080:80` publishes on the host's loopback address only/);
    assert.match(t, /Two containers cannot publish the same host port/);
    assert.match(t, /a server bound to the container's loopback address is out of reach of a published port/);
    assert.match(t, /reach each other by container name on any port their servers listen on, published or not, `EXPOSE` or not/);
    assert.match(t, /lists an exposed port that is not published as `80\/tcp`/);
  });
});
