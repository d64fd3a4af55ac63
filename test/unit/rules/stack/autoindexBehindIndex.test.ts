/**
 * DG128: `autoindex on` where an `index` file exists, so nginx serves that file and never the listing (issue 15).
 * The behaviour itself is checked against the real nginx in test/claims/autoindex.test.ts. The only quick fix drops
 * Debian's placeholder page from `index` (no site wants to serve it); for the other files removing the name, deleting
 * the file or moving `autoindex on` are edits whose right choice depends on the site, so none is offered.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ParsedDocument } from '../../../../server/src/service/document';
import { DG128 } from '../../../../server/src/rules/stack/DG128-autoindexBehindIndex';
import { STACK_RULES } from '../../../../server/src/rules/stack';
import type { ContextEntry, RuleContext } from '../../../../server/src/rules/types';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

const APT = 'FROM debian:buster\nRUN apt-get update && apt-get install -y nginx php-fpm wget\n';
const COPY = 'COPY srcs/default /etc/nginx/sites-available/default\n';
const CMD = 'CMD ["nginx", "-g", "daemon off;"]\n';

/** The modal ft_server site: `autoindex on` in `location /` (line 6), root /var/www/html. */
const site = (index = 'index index.html index.htm index.nginx-debian.html index.php;', root = '/var/www/html', inner = '        autoindex on;\n', extra = '') => `server {
    listen 80;
    root ${root};
    ${index}
    location / {
${inner}        try_files $uri $uri/ =404;
    }
${extra}    location ~ \\.php$ {
        include snippets/fastcgi-php.conf;
        fastcgi_pass unix:/run/php/php7.3-fpm.sock;
    }
}
`;

/** A context with folders too (ctxOf in the helpers reads files only). */
function ctxWith(text: string, files: Record<string, string>): RuleContext {
  const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
  const entries = (dir: string): ContextEntry[] | null => {
    const prefix = dir ? `${dir}/` : '';
    const names = new Map<string, boolean>();
    for (const p of Object.keys(files)) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      names.set(rest[0], rest.length > 1 || names.get(rest[0]) === true);
    }
    return names.size ? [...names].map(([name, isDir]) => ({ name, dir: isDir })) : null;
  };
  return {
    doc,
    readContextFile: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null),
    contextEntries: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? null : entries(p)),
  };
}

describe('DG128: the listing is hidden by an index file', () => {
  it('fires on Debian\'s index.nginx-debian.html, naming the file, the line and where the page comes from', () => {
    const text = APT + COPY + CMD;
    const w = where(DG128, text, { 'srcs/default': site() });
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'srcs/default');
    assert.match(w[0].en, /^`srcs\/default` line 6: `autoindex on` applies to `\/`, but its folder `\/var\/www\/html` holds `index\.nginx-debian\.html`/);
    assert.ok(w[0].en.includes("Debian's nginx package creates `/var/www/html/index.nginx-debian.html`"), w[0].en);
    assert.match(w[0].ko, /^`srcs\/default` 6번 줄: `autoindex on` 지시어는/);
    assert.ok(w[0].ko.includes('이 파일은 Debian의 nginx 패키지가 설치할 때 만듭니다.'), w[0].ko);
    assert.ok(w[0].en.includes('Remove `index.nginx-debian.html` from `index`, delete the file, or put `autoindex on` in a location whose folder has no index file'), w[0].en);
    const f = run(DG128, text, { 'srcs/default': site() });
    assertBilingual(f);
    // The same finding can be shown inside the config file, on `autoindex`.
    const conf = site();
    // In the config file itself, the fix drops the placeholder's name from the `index` line.
    const name = conf.indexOf(' index.nginx-debian.html');
    assert.deepEqual(f[0].inFile, {
      path: 'srcs/default',
      start: conf.indexOf('autoindex'),
      end: conf.indexOf('autoindex') + 'autoindex'.length,
      fix: { title: { ko: '`index` 지시어에서 `index.nginx-debian.html` 이름 빼기', en: 'Remove `index.nginx-debian.html` from `index`' }, edits: [{ start: name, end: name + ' index.nginx-debian.html'.length, newText: '' }] },
    });
  });

  it('fires when WordPress is moved into the root, on index.php', () => {
    const wp = 'WORKDIR /tmp\nRUN wget https://wordpress.org/latest.tar.gz && tar -xzf latest.tar.gz && mv wordpress/* /var/www/html/ && rm /var/www/html/index.nginx-debian.html\n';
    const w = where(DG128, APT + wp + COPY + CMD, { 'srcs/default': site() });
    assert.equal(w.length, 1);
    assert.ok(w[0].en.includes('holds `index.php`'), w[0].en);
    assert.ok(w[0].en.includes("WordPress's own `index.php`, installed on line 4"), w[0].en);
    // Deleting WordPress's index.php would break the site: the advice is to move the listing instead.
    assert.ok(w[0].en.includes('WordPress runs from that file, so keep it'), w[0].en);
    assert.doesNotMatch(w[0].en, /delete the file/);
    assert.ok(w[0].ko.includes('WordPress 사이트는 이 파일로 동작하므로 지우면 안 됩니다'), w[0].ko);
    // --strip-components=1 into the root, and `wp core download` there, do the same.
    const strip = 'RUN rm -f /var/www/html/index.nginx-debian.html && wget -q https://wordpress.org/latest.tar.gz -O /tmp/latest.tar.gz && tar xzf /tmp/latest.tar.gz --strip-components=1 -C /var/www/html\n';
    assert.equal(where(DG128, APT + strip + COPY + CMD, { 'srcs/default': site() }).length, 1);
    const wpcli = 'RUN rm -rf /var/www/html/* && wp core download --path=/var/www/html --allow-root\n';
    assert.equal(where(DG128, APT + wpcli + COPY + CMD, { 'srcs/default': site() }).length, 1);
  });

  it('fires on an index.html a COPY puts in the root, also with nginx\'s default index', () => {
    const text = APT + 'RUN rm /var/www/html/index.nginx-debian.html\nCOPY srcs/index.html /var/www/html/\n' + COPY + CMD;
    const files = { 'srcs/default': site('# no index: nginx uses index.html'), 'srcs/index.html': '<h1>hi</h1>\n' };
    const w = where(DG128, text, files);
    assert.equal(w.length, 1);
    assert.ok(w[0].en.includes("a name in nginx's default `index index.html`"), w[0].en);
    assert.ok(w[0].en.includes('copied from `srcs/index.html` by the COPY on line 4'), w[0].en);
    // A folder copied onto the root brings its index.html too.
    const folder = APT + 'RUN rm /var/www/html/index.nginx-debian.html\nCOPY srcs/www /var/www/html\n' + COPY + CMD;
    assert.equal(where(DG128, folder, { 'srcs/default': site() }).length, 0, 'nothing known in the folder');
    const ctx = ctxWith(folder, { 'srcs/default': site(), 'srcs/www/index.html': 'x', 'srcs/www/files/a.txt': 'y' });
    assert.equal(DG128.check(ctx).length, 1);
  });

  it('fires in a location whose folder is WordPress, and on server-level autoindex inherited by `location /`', () => {
    const wp = 'RUN wget https://wordpress.org/latest.tar.gz -P /tmp && tar -xzf /tmp/latest.tar.gz -C /var/www/html && rm /var/www/html/index.nginx-debian.html\n';
    const sub = site(undefined, undefined, '', '    location /wordpress/ {\n        autoindex on;\n    }\n');
    const w = where(DG128, APT + wp + COPY + CMD, { 'srcs/default': sub });
    assert.equal(w.length, 1);
    assert.ok(w[0].en.includes('applies to `/wordpress/`, but its folder `/var/www/html/wordpress` holds `index.php`'), w[0].en);
    const serverLevel = site('index index.nginx-debian.html;\n    autoindex on;', undefined, '');
    const s = where(DG128, APT + COPY + CMD, { 'srcs/default': serverLevel });
    assert.equal(s.length, 1);
    assert.match(s[0].en, /line 5: `autoindex on` applies to `\/`/);
  });

  it('fires in a Dockerfile heredoc config, on the directive itself', () => {
    const text = `${APT}COPY <<EOF /etc/nginx/conf.d/site.conf\nserver {\n    listen 80;\n    root /var/www/html;\n    index index.nginx-debian.html;\n    autoindex on;\n}\nEOF\n${CMD}`;
    const w = where(DG128, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'autoindex');
    assert.equal(w[0].line, 8);
  });

  it('fix: drops Debian\'s placeholder page from `index` in a Dockerfile heredoc config; then the rule is quiet', () => {
    const text = `${APT}COPY <<EOF /etc/nginx/conf.d/site.conf\nserver {\n    root /var/www/html;\n    index index.html index.nginx-debian.html;\n    autoindex on;\n}\nEOF\n${CMD}`;
    assert.ok(STACK_RULES.includes(DG128));
    const fixed = fixOnce(DG128, text);
    assert.equal(fixed, text.replace('index index.html index.nginx-debian.html;', 'index index.html;'));
  });

  it('no fix where the shadowing file is one the site needs, or the name is the only one', () => {
    const copied = `${APT}COPY index.html /var/www/html/\nCOPY <<EOF /etc/nginx/conf.d/site.conf\nserver {\n    root /var/www/html;\n    index index.html index.nginx-debian.html;\n    autoindex on;\n}\nEOF\n${CMD}`;
    const found = run(DG128, copied, { 'index.html': '<h1>hi</h1>' });
    assert.equal(found.length, 1);
    assert.deepEqual(DG128.fix!({ doc: new ParsedDocument('file:///x/Dockerfile', 1, copied) }, found[0]), []);
    const only = `${APT}COPY <<EOF /etc/nginx/conf.d/site.conf\nserver {\n    root /var/www/html;\n    index index.nginx-debian.html;\n    autoindex on;\n}\nEOF\n${CMD}`;
    const one = run(DG128, only);
    assert.equal(one.length, 1);
    assert.deepEqual(DG128.fix!({ doc: new ParsedDocument('file:///x/Dockerfile', 1, only) }, one[0]), []);
  });
});

describe('DG128: near misses', () => {
  it('is quiet when no index name exists there', () => {
    // The Debian page exists, but `index` names only index.php, which nothing puts in the root.
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': site('index index.php index.html;') }), []);
  });

  it('is quiet when the Dockerfile or the start script deletes the Debian page', () => {
    assert.deepEqual(where(DG128, APT + 'RUN rm -f /var/www/html/index.nginx-debian.html\n' + COPY + CMD, { 'srcs/default': site() }), []);
    assert.deepEqual(where(DG128, APT + 'RUN rm -rf /var/www/html/*\n' + COPY + CMD, { 'srcs/default': site() }), []);
    const files = { 'srcs/default': site(), 'srcs/start.sh': '#!/bin/sh\nrm /var/www/html/index.nginx-debian.html\nexec nginx -g "daemon off;"\n' };
    assert.deepEqual(where(DG128, APT + COPY + 'COPY srcs/start.sh /start.sh\nCMD ["sh", "/start.sh"]\n', files), []);
    const star = { 'srcs/default': site(), 'srcs/start.sh': '#!/bin/sh\ncd /var/www/html && rm -rf *\nexec nginx -g "daemon off;"\n' };
    assert.deepEqual(where(DG128, APT + COPY + 'COPY srcs/start.sh /start.sh\nCMD ["sh", "/start.sh"]\n', star), []);
  });

  it('still fires when the start script only moves things into the folder', () => {
    const files = { 'srcs/default': site(), 'srcs/start.sh': '#!/bin/sh\nmv /tmp/wordpress/ /var/www/html/\nexec nginx -g "daemon off;"\n' };
    assert.equal(where(DG128, APT + COPY + 'COPY srcs/start.sh /start.sh\nCMD ["sh", "/start.sh"]\n', files).length, 1);
  });

  it('is quiet when a regex or exact location takes the folder request, or try_files never tests it as a folder', () => {
    const regex = site(undefined, undefined, undefined, '    location ~ ^/$ {\n        return 200;\n    }\n');
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': regex }), []);
    // `location = /` takes `/` before `location /` does.
    const exact = site(undefined, undefined, undefined, '    location = / {\n        autoindex off;\n    }\n');
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': exact }), []);
    const noDir = site(undefined, undefined, '        autoindex on;\n        try_files $uri =404;\n').replace('        try_files $uri $uri/ =404;\n', '');
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': noDir }), []);
  });

  it('is quiet with autoindex off, a root with a variable, or a relative root', () => {
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': site(undefined, undefined, '        autoindex off;\n') }), []);
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': site(undefined, '/var/www/$host') }), []);
    assert.deepEqual(where(DG128, APT + COPY + CMD, { 'srcs/default': site(undefined, 'html') }), []);
  });

  it('is quiet on a subfolder without index files (location /files/ while WordPress sits in /wordpress/)', () => {
    const wp = 'RUN wget https://wordpress.org/latest.tar.gz -P /tmp && tar -xzf /tmp/latest.tar.gz -C /var/www/html && rm /var/www/html/index.nginx-debian.html\n';
    const files = site(undefined, undefined, '', '    location /files/ {\n        autoindex on;\n    }\n');
    assert.deepEqual(where(DG128, APT + wp + COPY + CMD, { 'srcs/default': files }), []);
    // WordPress in /wordpress/ does not hide the listing of `/` either.
    assert.deepEqual(where(DG128, APT + wp + COPY + CMD, { 'srcs/default': site() }), []);
  });

  it('is quiet when the config is toggled with sed at build time, or the site is not linked', () => {
    const sed = "RUN sed -i 's/autoindex on/autoindex off/' /etc/nginx/sites-available/default\n";
    assert.deepEqual(where(DG128, APT + COPY + sed + CMD, { 'srcs/default': site() }), []);
    const other = 'COPY srcs/default /etc/nginx/sites-available/mysite\n';
    assert.deepEqual(where(DG128, APT + other + CMD, { 'srcs/default': site() }), []);
    const linked = other + 'RUN ln -s /etc/nginx/sites-available/mysite /etc/nginx/sites-enabled/\n';
    assert.equal(where(DG128, APT + linked + CMD, { 'srcs/default': site() }).length, 1);
    // Debian's own link of `default` removed: that site is not read.
    assert.deepEqual(where(DG128, APT + COPY + 'RUN rm /etc/nginx/sites-enabled/default\n' + CMD, { 'srcs/default': site() }), []);
  });

  it('is quiet when something copied cannot be read, or nginx does not come from Debian', () => {
    assert.deepEqual(where(DG128, APT + COPY + 'COPY tools /opt/tools\n' + CMD, { 'srcs/default': site() }), []);
    assert.deepEqual(where(DG128, 'FROM nginx:1.27\n' + COPY + CMD, { 'srcs/default': site() }), []);
  });
});
