/**
 * The claims of docs/concepts/tls-self-signed.{ko,en}.md, on this machine's openssl, curl and nginx (nginxServer.ts
 * runs nginx in a temporary prefix on a free local port; no engine is needed for TLS facts): what
 * `openssl req -x509 … -nodes` writes, why a verifying client refuses the certificate (`self-signed certificate`,
 * curl's exit code 60) while `curl -k` connects, that trusting the certificate itself (`--cacert`) works only for the
 * names in its subjectAltName, that nginx cannot load a key with a pass phrase without a terminal, and what nginx
 * answers to plain HTTP on its TLS port. What a browser shows is not checked here (no browser in this lane): the page
 * cites Chrome's and Firefox's release notes for the subjectAltName rule.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exec } from './claims';
import { NGINX, startNginx, type NginxServer } from './nginxServer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-claims-tls-'));
const file = (name: string) => path.join(dir, name);
const openssl = (args: string[]) => exec('openssl', args, { timeoutMs: 30_000 });
const curl = (args: string[]) => exec('curl', ['-sS', '--max-time', '10', ...args], { timeoutMs: 20_000 });

/** The page's command: a certificate for `localhost` and its key, without a pass phrase. */
const REQ = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'];

describe('claims: a self-signed certificate (docs/concepts/tls-self-signed)', () => {
  let server: NginxServer;
  let url = '';

  before(async () => {
    const r = await openssl([...REQ, '-keyout', file('key.pem'), '-out', file('cert.pem')]);
    assert.equal(r.code, 0, r.out);
    server = await startNginx('tls', (port, prefix) => {
      fs.writeFileSync(path.join(prefix, 'index.html'), 'hello over TLS\n');
      return `server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${file('cert.pem')};
    ssl_certificate_key ${file('key.pem')};
    root ${prefix};
}
`;
    });
    url = `https://localhost:${server.port}/index.html`;
  });

  after(() => {
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('openssl req -x509 -nodes writes a certificate whose issuer is its subject, and a key with no pass phrase', async () => {
    assert.match(fs.readFileSync(file('cert.pem'), 'utf8'), /^-----BEGIN CERTIFICATE-----/);
    assert.match(fs.readFileSync(file('key.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    const r = await openssl(['x509', '-in', file('cert.pem'), '-noout', '-subject', '-issuer', '-ext', 'subjectAltName']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.stdout, /^subject=CN ?= ?localhost$/m);
    assert.match(r.stdout, /^issuer=CN ?= ?localhost$/m);
    assert.match(r.stdout, /DNS:localhost/);
  });

  it('without -nodes the key is encrypted, and nginx without a terminal cannot load it', async () => {
    const r = await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-passout', 'pass:secret', '-days', '1', '-subj', '/CN=localhost', '-keyout', file('enc.pem'), '-out', file('enc-cert.pem')]);
    assert.equal(r.code, 0, r.out);
    assert.match(fs.readFileSync(file('enc.pem'), 'utf8'), /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const conf = file('enc.conf');
    fs.writeFileSync(
      conf,
      `pid ${dir}/enc.pid;\nerror_log stderr;\nevents {}\nhttp {\n  server {\n    listen 127.0.0.1:1 ssl;\n    ssl_certificate ${file('enc-cert.pem')};\n    ssl_certificate_key ${file('enc.pem')};\n  }\n}\n`,
    );
    // setsid: no controlling terminal, as in a container started without -t; nginx -t only parses, it opens no port.
    const t = await exec('setsid', ['-w', NGINX, '-e', 'stderr', '-p', dir, '-t', '-c', conf], { timeoutMs: 20_000 });
    assert.equal(t.timedOut, false);
    assert.notEqual(t.code, 0, t.out);
    assert.match(t.stderr, /\[emerg\] .*cannot load certificate key .*enc\.pem.*PEM_read_bio_PrivateKey\(\) failed/);
  });

  it('openssl verify refuses the certificate (self-signed certificate) unless it is given as its own CA', async () => {
    const plain = await openssl(['verify', file('cert.pem')]);
    assert.notEqual(plain.code, 0);
    assert.match(plain.out, /error 18 at 0 depth lookup: self-signed certificate/);
    const trusted = await openssl(['verify', '-CAfile', file('cert.pem'), file('cert.pem')]);
    assert.equal(trusted.code, 0, trusted.out);
    assert.match(trusted.stdout, /: OK$/m);
  });

  it('curl refuses nginx with the certificate (exit code 60, self-signed certificate); curl -k gets the page', async () => {
    const strict = await curl([url]);
    assert.equal(strict.code, 60, strict.out);
    assert.match(strict.stderr, /SSL certificate problem: self-signed certificate/);
    const k = await curl(['-k', url]);
    assert.equal(k.code, 0, k.out);
    assert.equal(k.stdout, 'hello over TLS\n');
  });

  it('-k skips the check, not the encryption: the connection is still TLS', async () => {
    const v = await curl(['-k', '-v', '-o', '/dev/null', url]);
    assert.equal(v.code, 0, v.out);
    assert.match(v.stderr, /SSL connection using TLSv1\.[23]/);
  });

  it('openssl s_client completes the handshake and reports Verify return code: 18 (self-signed certificate)', async () => {
    const r = await exec('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-servername', 'localhost'], { input: Buffer.from(''), timeoutMs: 20_000 });
    assert.match(r.stdout, /Verify return code: 18 \(self-signed certificate\)/);
    assert.match(r.stdout, /subject=CN ?= ?localhost/);
  });

  it('--cacert cert.pem trusts it for https://localhost (a name in subjectAltName) but not for https://127.0.0.1', async () => {
    const ok = await curl(['--cacert', file('cert.pem'), url]);
    assert.equal(ok.code, 0, ok.out);
    assert.equal(ok.stdout, 'hello over TLS\n');
    const ip = await curl(['--cacert', file('cert.pem'), `https://127.0.0.1:${server.port}/index.html`]);
    assert.equal(ip.code, 60, ip.out);
    assert.match(ip.stderr, /no alternative certificate subject name matches target host name '127\.0\.0\.1'/);
  });

  it('plain http:// to the TLS port: nginx answers 400 "The plain HTTP request was sent to HTTPS port"', async () => {
    const r = await fetch(`http://127.0.0.1:${server.port}/index.html`);
    assert.equal(r.status, 400);
    assert.match(await r.text(), /The plain HTTP request was sent to HTTPS port/);
  });
});
