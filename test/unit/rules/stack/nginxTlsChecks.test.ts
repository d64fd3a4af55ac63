/**
 * DG127: TLS in nginx configuration a Dockerfile copies or writes, without a certificate or naming one the image
 * never gets (issue 15). nginx's words are checked with the nginx installed on this machine, with `-t` only, in a
 * temporary folder with its own main configuration and error log.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DG127 } from '../../../../server/src/rules/stack/DG127-nginxTlsWithoutCertificate';
import { assertBilingual, run, where } from '../hadolint/helpers';

const BASE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx openssl\n';
const CMD = 'CMD ["nginx", "-g", "daemon off;"]\n';
const COPY = 'COPY srcs/site.conf /etc/nginx/sites-available/default\n';
const OPENSSL = 'RUN openssl req -x509 -nodes -newkey rsa:2048 -days 365 -subj "/CN=localhost" -keyout /etc/ssl/private/site.key -out /etc/ssl/certs/site.crt\n';

/** A site that redirects to HTTPS; its `server {` of the TLS block is on line 5, `listen 443 ssl` on line 6. */
const site = (tls = '    ssl_certificate /etc/ssl/certs/site.crt;\n    ssl_certificate_key /etc/ssl/private/site.key;\n') => `server {
    listen 80;
    return 301 https://$host$request_uri;
}
server {
    listen 443 ssl;
${tls}    root /var/www/html;
}
`;

describe('DG127: listen ... ssl without a certificate', () => {
  it('fires on the COPY source, naming the file, the line and nginx\'s words', () => {
    const w = where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site('') });
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'srcs/site.conf');
    assert.match(w[0].en, /^`srcs\/site\.conf` line 6: `listen \.\.\. ssl` without a certificate/);
    assert.ok(w[0].en.includes('`nginx: [emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in /etc/nginx/sites-enabled/default:5`'), w[0].en);
    assert.match(w[0].ko, /^`srcs\/site\.conf` 6번 줄: /);
    assertBilingual(run(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site('') }));
  });
  it('is quiet with the certificate in the block, in the http block, in an include, or on reject_handshake', () => {
    assert.deepEqual(where(DG127, BASE + OPENSSL + COPY + CMD, { 'srcs/site.conf': site() }), []);
    const http = { 'srcs/site.conf': site(''), 'srcs/tls.conf': 'ssl_certificate /etc/ssl/certs/site.crt;\nssl_certificate_key /etc/ssl/private/site.key;\n' };
    assert.deepEqual(where(DG127, BASE + OPENSSL + COPY + 'COPY srcs/tls.conf /etc/nginx/conf.d/\n' + CMD, http), []);
    assert.deepEqual(where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site('    include snippets/self-signed.conf;\n') }), []);
    assert.deepEqual(where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site('    ssl_reject_handshake on;\n') }), []);
  });
});

describe('DG127: a certificate the image never gets', () => {
  it('fires when nothing creates or copies the files', () => {
    const w = where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site() });
    assert.equal(w.length, 2);
    assert.match(w[0].en, /^`srcs\/site\.conf` line 7: nothing in the Dockerfile creates or copies `\/etc\/ssl\/certs\/site\.crt`, named by `ssl_certificate`/);
    assert.ok(w[0].en.includes('`nginx: [emerg] cannot load certificate "/etc/ssl/certs/site.crt"`'));
    assert.ok(w[1].en.includes('`nginx: [emerg] cannot load certificate key "/etc/ssl/private/site.key"`'));
    assertBilingual(run(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site() }));
  });
  it('is quiet when openssl in a RUN, a COPY, or the start script makes them', () => {
    const files = { 'srcs/site.conf': site(), 'srcs/start.sh': '#!/bin/sh\nopenssl req -x509 -nodes -newkey rsa:2048 -subj /CN=x -keyout /etc/ssl/private/site.key -out /etc/ssl/certs/site.crt\nexec nginx -g "daemon off;"\n' };
    assert.deepEqual(where(DG127, BASE + OPENSSL + COPY + CMD, files), []);
    assert.deepEqual(where(DG127, BASE + COPY + 'COPY srcs/start.sh /start.sh\nCMD ["/start.sh"]\n', files), []);
    assert.deepEqual(where(DG127, BASE + COPY + 'COPY certs/ /etc/ssl/\n' + CMD, files), []);
  });
  it('is quiet when an unread folder, mkcert or another base image could hold them', () => {
    const files = { 'srcs/site.conf': site() };
    // srcs/tools is not readable here: a script in it could make the files.
    assert.deepEqual(where(DG127, BASE + COPY + 'COPY srcs/tools /opt/tools\nRUN /opt/tools/setup.sh\n' + CMD, files), []);
    assert.deepEqual(where(DG127, BASE + COPY + 'RUN mkcert -install && mkcert localhost\n' + CMD, files), []);
    const byVariable = 'ENV CERT=/etc/ssl/certs/site.crt KEY=/etc/ssl/private/site.key\nRUN openssl req -x509 -nodes -newkey rsa:2048 -subj /CN=x \\\n    -keyout "$KEY" -out "$CERT"\n';
    assert.deepEqual(where(DG127, BASE + byVariable + COPY + CMD, files), []);
    assert.deepEqual(where(DG127, BASE.replace('debian:bookworm', 'registry.example.com/team/web:1') + COPY + CMD, files), []);
  });
});

describe('DG127 against the real nginx -t', () => {
  const NGINX = '/usr/sbin/nginx';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-dg127-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** nginx -t of `siteText` as /etc/nginx/sites-enabled/default under `dir`; paths in stderr without `dir`. */
  function nginxT(siteText: string) {
    const root = path.join(dir, `t${Math.random().toString(36).slice(2)}`);
    const etc = path.join(root, 'etc', 'nginx');
    fs.mkdirSync(path.join(etc, 'sites-available'), { recursive: true });
    fs.mkdirSync(path.join(etc, 'sites-enabled'));
    fs.writeFileSync(path.join(etc, 'sites-available', 'default'), siteText.split('/etc/ssl/').join(`${root}/etc/ssl/`));
    fs.symlinkSync(path.join(etc, 'sites-available', 'default'), path.join(etc, 'sites-enabled', 'default'));
    const main = path.join(etc, 'nginx.conf');
    fs.writeFileSync(main, `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  include ${etc}/sites-enabled/*;\n}\n`);
    // A startup error log in a file makes nginx also print `nginx: [emerg] …` on stderr, as in `docker logs`.
    const r = spawnSync(NGINX, ['-t', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', main], { encoding: 'utf8', timeout: 20_000 });
    return { root, status: r.status, stderr: r.stderr.split(root).join('') };
  }
  const quoted = (en: string) => /`(nginx: \[emerg\] [^`]*)`/.exec(en)![1];

  it('says what DG127 quotes for a server without certificate', () => {
    assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: scripts/ci/apt-install.sh installs nginx`);
    const r = nginxT(site(''));
    assert.equal(r.status, 1, r.stderr);
    const w = where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site('') });
    assert.ok(r.stderr.includes(quoted(w[0].en)), `nginx said:\n${r.stderr}\nDG127 quotes:\n${quoted(w[0].en)}`);
  });

  it('says what DG127 quotes for a missing certificate file, then for a missing key, and passes with both', () => {
    const w = where(DG127, BASE + COPY + CMD, { 'srcs/site.conf': site() });
    const noCert = nginxT(site());
    assert.equal(noCert.status, 1);
    assert.ok(noCert.stderr.includes(quoted(w[0].en)), noCert.stderr);
    // With the certificate made but not the key, nginx names the key.
    const t = nginxT(site());
    fs.mkdirSync(path.join(t.root, 'etc/ssl/certs'), { recursive: true });
    fs.mkdirSync(path.join(t.root, 'etc/ssl/private'), { recursive: true });
    const openssl = (out: string, key: string) =>
      spawnSync('openssl', ['req', '-x509', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', out], { encoding: 'utf8' });
    assert.equal(openssl(path.join(t.root, 'etc/ssl/certs/site.crt'), path.join(t.root, 'k.tmp')).status, 0);
    const again = spawnSync(NGINX, ['-t', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', path.join(t.root, 'etc/nginx/nginx.conf')], { encoding: 'utf8' });
    assert.equal(again.status, 1);
    assert.ok(again.stderr.split(t.root).join('').includes(quoted(w[1].en)), again.stderr);
    // (control) both files made: the same configuration passes.
    fs.renameSync(path.join(t.root, 'k.tmp'), path.join(t.root, 'etc/ssl/private/site.key'));
    const ok = spawnSync(NGINX, ['-t', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', path.join(t.root, 'etc/nginx/nginx.conf')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
  });
});
