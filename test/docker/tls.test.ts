// tcp+TLS the way DOCKER_HOST/DOCKER_TLS_VERIFY/DOCKER_CERT_PATH describe it, against a real TLS
// handshake: a mutual-TLS listener (certificates made with openssl here) in front of the real
// engine's socket. Also: a server the client does not trust is classified as a TLS problem, and a
// listener that never answers is a timeout, both in Korean and English.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { defaultInputs, resolveEndpoint } from '../../common/src/engine/endpoint';
import { inspectImageConfig } from '../../common/src/engine/inspect';
import { DockerModel } from '../../client/src/docker/model';
import { MAIN_SOCKET, mainEndpoint, setupMainEngine, TEST_IMAGE } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-tls-'));
const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

function makeCerts(): void {
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=dfg test CA');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=localhost');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server-cert.pem', '-days', '2', '-extfile', 'server.ext');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'client.csr', '-subj', '/CN=client');
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', '2', '-extfile', 'client.ext');
  // A second, unrelated CA for the "wrong certificates" case.
  fs.mkdirSync(path.join(dir, 'other'));
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other/ca-key.pem', '-out', 'other/ca.pem', '-days', '2', '-subj', '/CN=other CA');
  fs.copyFileSync(path.join(dir, 'cert.pem'), path.join(dir, 'other/cert.pem'));
  fs.copyFileSync(path.join(dir, 'key.pem'), path.join(dir, 'other/key.pem'));
}

describe('tcp + TLS endpoint', () => {
  let server: tls.Server;
  let silent: net.Server;
  let port = 0;
  let silentPort = 0;
  const sockets = new Set<net.Socket>();

  before(async () => {
    setupMainEngine();
    makeCerts();
    server = tls.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'server-key.pem')),
        cert: fs.readFileSync(path.join(dir, 'server-cert.pem')),
        ca: fs.readFileSync(path.join(dir, 'ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (client) => {
        // Only clients holding a certificate of our CA get this far; bridge them to the engine.
        const engine = net.connect(MAIN_SOCKET);
        sockets.add(client).add(engine);
        client.pipe(engine).pipe(client);
        const close = () => {
          client.destroy();
          engine.destroy();
        };
        client.on('error', close);
        engine.on('error', close);
      },
    );
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    silent = net.createServer((s) => void sockets.add(s)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as net.AddressInfo).port;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
    await new Promise((r) => silent.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const model = (env: NodeJS.ProcessEnv) =>
    new DockerModel({ resolve: () => resolveEndpoint({ ...defaultInputs(), env }), connect: { requestTimeoutMs: 3000, connectTimeoutMs: 1000 } });

  it('DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH reach the engine with mutual TLS', async () => {
    const m = model({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    m.start();
    await m.waitFor((x) => x.state.kind !== 'connecting' && x.state.kind !== 'idle', 10000);
    assert.equal(m.state.kind, 'ready', m.state.kind === 'error' ? m.state.error.message : '');
    assert.match(m.endpoint!.label, /^tcp:\/\/127\.0\.0\.1:\d+ \(TLS\)$/);
    assert.ok(m.images.some((i) => (i.RepoTags ?? []).includes(TEST_IMAGE)));
    m.dispose();
  });

  it('the base-image inspect of the explainer and the CLI goes through the same TLS endpoint', async () => {
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir };
    const viaTls = await inspectImageConfig(TEST_IMAGE, { endpoint: resolveEndpoint({ ...defaultInputs(), env }) });
    assert.ok(viaTls, 'the image config over mutual TLS');
    assert.deepEqual(viaTls, await inspectImageConfig(TEST_IMAGE, { endpoint: mainEndpoint() }));
    const wrongCa = { ...env, DOCKER_CERT_PATH: path.join(dir, 'other') };
    assert.equal(await inspectImageConfig(TEST_IMAGE, { endpoint: resolveEndpoint({ ...defaultInputs(), env: wrongCa }) }), null, 'a failed handshake is null, not a throw');
  });

  it('certificates of another CA: a TLS error with a bilingual reason, no crash', async () => {
    const m = model({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: path.join(dir, 'other') });
    m.start();
    await m.waitFor((x) => x.state.kind === 'error', 10000);
    const s = m.state;
    assert.ok(s.kind === 'error');
    assert.equal(s.error.kind, 'tls', `${s.error.kind}: ${s.error.detail}`);
    assert.match(s.error.reason.ko, /TLS 연결에 실패했습니다/);
    m.dispose();
  });

  it('a listener that never answers is a timeout', async () => {
    const m = model({ DOCKER_HOST: `tcp://127.0.0.1:${silentPort}` });
    m.start();
    await m.waitFor((x) => x.state.kind === 'error', 10000);
    const s = m.state;
    assert.ok(s.kind === 'error');
    assert.equal(s.error.kind, 'timeout', `${s.error.kind}: ${s.error.detail}`);
    assert.equal(s.error.reason.ko, '엔진이 제시간에 응답하지 않았습니다');
    m.dispose();
  });
});
