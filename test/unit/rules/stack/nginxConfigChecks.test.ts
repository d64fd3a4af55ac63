/**
 * DG126: a misspelt directive in nginx configuration a Dockerfile copies or writes (issue 15). The message nginx
 * prints is checked against the nginx installed on this machine (scripts/ci/apt-install.sh installs it), always in a
 * temporary folder with its own main configuration and error log, only with `-t`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DG104 } from '../../../../server/src/rules/stack/DG104-nginxDaemonOffWrong';
import { DG126 } from '../../../../server/src/rules/stack/DG126-nginxUnknownDirective';
import { nginxDirectives } from '../../../../server/src/rules/stack/nginxConfig';
import { directiveTypos, nearest } from '../../../../server/src/rules/stack/nginxUnknownDirective';
import { NGINX_DIRECTIVES } from '../../../../server/src/rules/stack/nginxDirectiveNames';
import { assertBilingual, run, where } from '../hadolint/helpers';

const BASE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx php-fpm\n';
const CMD = 'CMD ["nginx", "-g", "daemon off;"]\n';

/** A PHP site, as students write one for ft_server; `fastcgi_pass` is on line 12. */
const site = (fastcgi = 'fastcgi_pass', extra = '') => `server {
  listen 80;
  listen [::]:80;
  server_name localhost;
  root /var/www/html;
  index index.php index.html;
  autoindex on;
  location / {
    try_files $uri $uri/ =404;
  }
  location ~ \\.php$ {
    ${fastcgi} unix:/run/php/php8.2-fpm.sock;
  }
${extra}}
`;

const COPY_SITE = BASE + 'COPY srcs/default /etc/nginx/sites-available/default\n' + CMD;

describe('DG126: a misspelt directive in a copied site configuration', () => {
  it('fires on the COPY source, naming the file, the line and nginx\'s own words', () => {
    const w = where(DG126, COPY_SITE, { 'srcs/default': site('fastcgi_pas') });
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 3);
    assert.equal(w[0].text, 'srcs/default');
    assert.match(w[0].en, /^`srcs\/default` line 12: nginx has no `fastcgi_pas` directive \(a typo for `fastcgi_pass`\?\)/);
    assert.ok(w[0].en.includes('`nginx: [emerg] unknown directive "fastcgi_pas" in /etc/nginx/sites-enabled/default:12`'), w[0].en);
    assert.match(w[0].ko, /^`srcs\/default` 12번 줄: `fastcgi_pas` 지시어는 nginx에 없습니다/);
    assert.ok(w[0].ko.includes('unknown directive "fastcgi_pas" in /etc/nginx/sites-enabled/default:12'));
    assertBilingual(run(DG126, COPY_SITE, { 'srcs/default': site('fastcgi_pas') }));
  });

  it('finds each of the usual misspellings with the directive meant', () => {
    const cases: [string, string][] = [
      ['  autoindx on;\n', 'autoindex'],
      ['  server_nmae example.com;\n', 'server_name'],
      ['  location /a {\n    try_file $uri =404;\n  }\n', 'try_files'],
      ['  Listen 8080;\n', 'listen'],
      ['  lisen 8080;\n', 'listen'],
    ];
    for (const [extra, meant] of cases) {
      const w = where(DG126, COPY_SITE, { 'srcs/default': site('fastcgi_pass', extra) });
      assert.equal(w.length, 1, extra);
      assert.ok(w[0].en.includes(`a typo for \`${meant}\``), w[0].en);
    }
  });

  it('reports the name itself when the Dockerfile holds the configuration (COPY heredoc), with the line in that file', () => {
    const text = BASE + 'COPY <<EOF /etc/nginx/conf.d/app.conf\nserver {\n  listen 80;\n  sever_name app;\n}\nEOF\n' + CMD;
    const w = where(DG126, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'sever_name');
    assert.ok(w[0].en.includes('unknown directive "sever_name" in /etc/nginx/conf.d/app.conf:3'), w[0].en);
  });

  it('reads a folder copied onto /etc/nginx (its nginx.conf)', () => {
    const files = { 'srcs/nginx/nginx.conf': 'user www-data;\nworker_procesess auto;\nevents {}\nhttp {}\n' };
    const w = where(DG126, BASE + 'COPY srcs/nginx /etc/nginx\n' + CMD, files);
    assert.equal(w.length, 1);
    assert.ok(w[0].en.includes('in /etc/nginx/nginx.conf:2'), w[0].en);
  });
});

describe('DG126 near misses', () => {
  it('is quiet on a correctly spelt configuration', () => {
    assert.deepEqual(where(DG126, COPY_SITE, { 'srcs/default': site() }), []);
  });
  it('is quiet on third-party directives far from any of nginx\'s own', () => {
    const extra = '  more_set_headers "Server: x";\n  brotli on;\n  pagespeed on;\n  js_import main.js;\n  passenger_enabled on;\n';
    assert.deepEqual(where(DG126, COPY_SITE, { 'srcs/default': site('fastcgi_pass', extra) }), []);
  });
  it('leaves a misspelt daemon to DG104', () => {
    const files = { 'conf/nginx.conf': 'dameon off;\nevents {}\nhttp {}\n' };
    const text = BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\n' + CMD;
    assert.deepEqual(where(DG126, text, files), []);
    assert.equal(where(DG104, text, files).length, 1);
  });
  it('does not read data blocks (types, map) or blocks of unknown modules as directives', () => {
    const extra = '  types {\n    text/htm htm;\n    lisen x;\n  }\n  map $uri $x {\n    lisen 1;\n  }\n  content_by_lua_block {\n    lisen(1)\n  }\n';
    assert.deepEqual(directiveTypos(site('fastcgi_pass', extra)), []);
    // After the block, directives are read again.
    assert.equal(directiveTypos(site('fastcgi_pass', extra + '  lisen 1;\n')).length, 1);
  });
  it('does not read certificates or password files copied under /etc/nginx', () => {
    const files = { 'srcs/cert.pem': '-----BEGIN CERTIFICATE-----\nlisten;\n', 'srcs/.htpasswd': 'lisen;\n' };
    const text = BASE + 'COPY srcs/cert.pem /etc/nginx/ssl/cert.pem\nCOPY srcs/.htpasswd /etc/nginx/.htpasswd\n' + CMD;
    assert.deepEqual(where(DG126, text, files), []);
  });
  it('uses one edit for short names (several real ones are two edits from any short word)', () => {
    assert.equal(nearest('roo'), 'root');
    assert.equal(nearest('rot'), 'root');
    assert.equal(nearest('ro'), null);
  });
  it('knows directives from nginx\'s source, old and new', () => {
    for (const d of ['daemon', 'listen', 'fastcgi_pass', 'ssl_certificate', 'http2', 'ssl', 'types', 'include']) assert.ok(NGINX_DIRECTIVES.has(d), d);
  });
});

describe('DG126 against the real nginx -t', () => {
  const NGINX = '/usr/sbin/nginx';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-dg126-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** An image-like tree under `dir`: etc/nginx/nginx.conf including sites-enabled/*, the site linked from sites-available. */
  function nginxT(siteText: string) {
    const etc = path.join(dir, `t${Math.random().toString(36).slice(2)}`, 'etc', 'nginx');
    fs.mkdirSync(path.join(etc, 'sites-available'), { recursive: true });
    fs.mkdirSync(path.join(etc, 'sites-enabled'));
    fs.writeFileSync(path.join(etc, 'sites-available', 'default'), siteText);
    fs.symlinkSync(path.join(etc, 'sites-available', 'default'), path.join(etc, 'sites-enabled', 'default'));
    const main = path.join(etc, 'nginx.conf');
    fs.writeFileSync(main, `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  include ${etc}/sites-enabled/*;\n}\n`);
    // The startup error log is a file, as Debian's /var/log/nginx/error.log (the official image links it to
    // /dev/stderr, which is another open file): nginx then also writes `nginx: [emerg] …` on stderr, the line
    // `docker logs` shows. With `-e stderr` it would print only its log format (`2026/… [emerg] 1#1: …`).
    const r = spawnSync(NGINX, ['-t', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', main], { encoding: 'utf8', timeout: 20_000 });
    // nginx names the file with the temp folder in front: the image's path is what follows it.
    return { status: r.status, stderr: r.stderr.split(etc.slice(0, -'/etc/nginx'.length)).join('') };
  }

  it('prints exactly the text DG126 quotes, and exits 1', () => {
    assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: scripts/ci/apt-install.sh installs nginx`);
    const typos: [string, string][] = [['fastcgi_pass', 'fastcgi_pas'], ['autoindex', 'autoindx'], ['server_name', 'server_nmae'], ['try_files', 'try_file'], ['listen 80', 'Listen 80']];
    for (const [right, typo] of typos) {
      const text = site().replace(right, typo);
      const r = nginxT(text);
      assert.equal(r.status, 1, r.stderr);
      const w = where(DG126, COPY_SITE, { 'srcs/default': text });
      assert.equal(w.length, 1);
      const quoted = /`(nginx: \[emerg\] [^`]*)`/.exec(w[0].en)![1];
      assert.ok(r.stderr.includes(quoted), `nginx said:\n${r.stderr}\nDG126 quotes:\n${quoted}`);
    }
  });

  it('(control) passes the same site spelt right', () => {
    const r = nginxT(site());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /test is successful/);
  });
});

describe('nginx words as nginx reads them', () => {
  it('keeps `${NAME}` of an envsubst template in one word: it opens no block', () => {
    const text = 'server {\n  listen ${PORT} default_server;\n  root ${WEBROOT};\n  lisen 1;\n}\n';
    assert.deepEqual(
      nginxDirectives(text).map((d) => [d.name, d.depth, d.args.join(' ')]),
      [['server', 0, ''], ['listen', 1, '${PORT} default_server'], ['root', 1, '${WEBROOT}'], ['lisen', 1, '1']],
    );
    assert.deepEqual(directiveTypos(text).map((x) => [x.directive.name, x.line]), [['lisen', 4]]);
  });
});
