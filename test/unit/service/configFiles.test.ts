/**
 * service/configFiles.ts: an nginx config file's findings, through the Dockerfiles that copy it or on its own, and
 * its quick fixes. (The LSP side, with hover and a Dockerfile edit, is test/lsp/nginxConfig.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { configFileCodeActions, configFileDiagnostics, toLspConfigDiagnostic, type LinkedDockerfile } from '../../../server/src/service/configFiles';
import { ParsedDocument } from '../../../server/src/service/document';

const SITE = 'server {\n    listen 80;\n    root /var/www/html;\n    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php7.4-fpm.sock;\n    }\n    try_file $uri $uri/ =404;\n}\n';

function link(dockerfile: string, rel: string, uri = 'file:///p/Dockerfile', files: Record<string, string> = {}): LinkedDockerfile {
  return { doc: new ParsedDocument(uri, 1, dockerfile), rel, readContextFile: (p) => files[p] ?? null };
}
const buster = (copy: string) => `FROM debian:buster\nRUN apt-get update && apt-get install -y nginx php-fpm\n${copy}\nCMD ["nginx", "-g", "daemon off;"]\n`;

function apply(text: string, edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }): string {
  const lines = text.split('\n');
  const l = lines[edit.range.start.line];
  lines[edit.range.start.line] = l.slice(0, edit.range.start.character) + edit.newText + l.slice(edit.range.end.character);
  return lines.join('\n');
}

test('through a Dockerfile that copies it into /etc/nginx: the Dockerfile-dependent finding, on the config line', () => {
  const list = configFileDiagnostics(SITE, [link(buster('COPY srcs/site /etc/nginx/sites-available/default'), 'srcs/site')]);
  assert.deepEqual(
    list.map((d) => [d.code, d.range.start.line, d.fix?.edits[0].newText]),
    [
      ['DG124', 4, 'unix:/run/php/php7.3-fpm.sock'],
      ['DG126', 6, 'try_files'],
    ],
  );
  assert.equal(list[0].via?.line, 3);
  assert.ok(!list[0].message.en.startsWith('`srcs/site`'), list[0].message.en);
  assert.ok(!list[0].message.ko.startsWith('`srcs/site`'), list[0].message.ko);
  const lsp = toLspConfigDiagnostic(list[0], 'ko');
  assert.equal(lsp.relatedInformation?.[0].message, '이 파일을 이미지에 넣는 COPY');
});

test('the quick fix replaces exactly the marked text, and the fixed file is quiet', () => {
  const links = [link(buster('COPY srcs/site /etc/nginx/sites-available/default'), 'srcs/site')];
  let text = SITE;
  for (let round = 0; round < 2; round++) {
    const [d] = configFileDiagnostics(text, links).map((x) => toLspConfigDiagnostic(x, 'en'));
    const [action] = configFileCodeActions('file:///p/srcs/site', text, d.range, [d]);
    text = apply(text, action.edit!.changes!['file:///p/srcs/site'][0]);
  }
  assert.equal(text, SITE.replace('php7.4-fpm', 'php7.3-fpm').replace('try_file ', 'try_files '));
  assert.deepEqual(configFileDiagnostics(text, links), []);
  // A diagnostic whose text was since changed gets no fix.
  const [stale] = configFileDiagnostics(SITE, links).map((x) => toLspConfigDiagnostic(x, 'en'));
  assert.deepEqual(configFileCodeActions('file:///p/srcs/site', text.replace('unix:/run/php/php7.3-fpm.sock', 'unix:/run/php/php7.3-fpm.soc'), stale.range, [stale]), []);
});

test('two Dockerfiles copying the same file show each finding once; one that copies it elsewhere does not count', () => {
  const twice = configFileDiagnostics(SITE, [
    link(buster('COPY srcs/site /etc/nginx/sites-available/default'), 'srcs/site', 'file:///p/Dockerfile'),
    link(buster('COPY site /etc/nginx/conf.d/site.conf'), 'site', 'file:///p/srcs/Dockerfile'),
  ]);
  assert.deepEqual(
    twice.map((d) => d.code),
    ['DG124', 'DG126'],
  );
  assert.equal(twice[0].via?.uri, 'file:///p/Dockerfile');
  // Copied to /tmp: nothing says which PHP it talks to, so only the file's own mistakes are shown, with no link.
  const elsewhere = configFileDiagnostics(SITE, [link(buster('COPY srcs/site /tmp/site'), 'srcs/site')]);
  assert.deepEqual(
    elsewhere.map((d) => [d.code, d.via]),
    [['DG126', undefined]],
  );
});

test('settings turn the config rules off here too; a correct file is quiet', () => {
  const links = [link(buster('COPY srcs/site /etc/nginx/sites-available/default'), 'srcs/site')];
  assert.deepEqual(
    configFileDiagnostics(SITE, links, { rules: { DG126: 'off' } }).map((d) => d.code),
    ['DG124'],
  );
  assert.deepEqual(configFileDiagnostics(SITE, [], { rules: { DG126: 'off' } }), []);
  assert.deepEqual(configFileDiagnostics(SITE, [], { rules: { DG126: 'warning' } })[0].severity, 2);
  assert.deepEqual(configFileDiagnostics(SITE.replace('php7.4', 'php7.3').replace('try_file ', 'try_files '), links), []);
});

test('DG128 in the config file: `autoindex on` where Debian\'s index page hides the listing', () => {
  const site = 'server {\n    listen 80;\n    root /var/www/html;\n    index index.html index.nginx-debian.html;\n    location / {\n        autoindex on;\n    }\n}\n';
  const dockerfile = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx\nCOPY site.conf /etc/nginx/conf.d/site.conf\nCMD ["nginx", "-g", "daemon off;"]\n';
  const list = configFileDiagnostics(site, [link(dockerfile, 'site.conf')]);
  assert.deepEqual(
    list.map((d) => [d.code, d.range.start.line, d.fix?.title.en]),
    [['DG128', 5, 'Remove `index.nginx-debian.html` from `index`']],
  );
  // The fix drops the name from the `index` line (not the autoindex line it is reported on), and the file is quiet.
  const [lsp] = list.map((d) => toLspConfigDiagnostic(d, 'en'));
  const [action] = configFileCodeActions('file:///p/site.conf', site, lsp.range, [lsp]);
  const fixed = apply(site, action.edit!.changes!['file:///p/site.conf'][0]);
  assert.equal(fixed, site.replace(' index.nginx-debian.html;', ';'));
  assert.deepEqual(configFileDiagnostics(fixed, [link(dockerfile, 'site.conf')]), []);
  // With index.html copied into the root as well, dropping the name would not show the listing: no fix.
  const copied = dockerfile.replace('CMD', 'COPY index.html /var/www/html/\nCMD');
  assert.equal(configFileDiagnostics(site, [link(copied, 'site.conf', 'file:///p/Dockerfile', { 'index.html': '<h1>hi</h1>' })])[0].fix, undefined);
  assert.match(list[0].message.en, /index\.nginx-debian\.html/);
  // Near miss: the Dockerfile removes the page, so the listing shows.
  const removed = dockerfile.replace('install -y nginx', 'install -y nginx && rm /var/www/html/index.nginx-debian.html');
  assert.deepEqual(configFileDiagnostics(site, [link(removed, 'site.conf')]), []);
});
