/**
 * The pure parts of the doctor's web checks: finding the autoindex switch (autoindexSwitch.ts), the Dockerfile's
 * COPY map (imageFiles.ts), the `nginx -T` reader (nginxDump.ts) and the listing test (webHttp.ts). The engine side
 * is in test/doctor/webChecks.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findAutoindexSwitch, type ImageScript } from '../../../common/src/doctor/autoindexSwitch';
import { contextFileOf, copies, inImageOf, instructions } from '../../../common/src/doctor/imageFiles';
import { directives, effective, prefixLocation, serverOf, splitDump } from '../../../common/src/doctor/nginxDump';
import { decodeEntities, isListing, titleOf } from '../../../common/src/doctor/webHttp';
import { detectWebStack } from '../../../common/src/doctor/webStack';
import { CORPUS } from '../corpusFiles';

const script = (rel: string, inImage: string, text: string): ImageScript => ({ rel, inImage, text });

describe('findAutoindexSwitch', () => {
  const df = 'FROM debian:bookworm\nCOPY srcs/ /usr/local/bin/\nENV AUTOINDEX=on\nCMD ["/usr/local/bin/start.sh"]\n';
  const start = script('srcs/start.sh', '/usr/local/bin/start.sh', '#!/bin/bash\n/usr/local/bin/toggle-autoindex.sh "$AUTOINDEX"\nexec nginx -g "daemon off;"\n');

  it('a script taking on|off is run with docker exec, through its interpreter, on the line that rewrites the config', () => {
    const sw = findAutoindexSwitch(df, 'Dockerfile', [
      start,
      script('srcs/toggle-autoindex.sh', '/usr/local/bin/toggle-autoindex.sh', '#!/bin/bash\n# flips it\ncase "$1" in\n  on|off) ;;\n  *) exit 2 ;;\nesac\nsed -i "s/autoindex [a-z]*;/autoindex $1;/" /etc/nginx/conf.d/site.conf\nnginx -s reload\n'),
    ]);
    assert.deepEqual(sw, { kind: 'script', inImage: '/usr/local/bin/toggle-autoindex.sh', file: 'srcs/toggle-autoindex.sh', line: 7, off: ['bash', '/usr/local/bin/toggle-autoindex.sh', 'off'], on: ['bash', '/usr/local/bin/toggle-autoindex.sh', 'on'] });
  });

  it('the argument is the word the script compares $1 (or a copy of it) with: 0/1', () => {
    const sw = findAutoindexSwitch('FROM x\nCOPY sw.sh /\n', 'Dockerfile', [
      script('sw.sh', '/sw.sh', 'choice=$1\nif [ "$choice" -eq 0 ]; then sed -i "s/autoindex on/autoindex off/" /etc/nginx/sites-available/x; fi\n'),
    ]);
    assert.equal(sw?.kind, 'script');
    assert.deepEqual(sw?.kind === 'script' && [sw.off, sw.on], [['sh', '/sw.sh', '0'], ['sh', '/sw.sh', '1']]);
  });

  it('a pair of scripts named off/on: each run without an argument', () => {
    const sw = findAutoindexSwitch('FROM x\nCOPY a/ /opt/\n', 'Dockerfile', [
      script('a/autoindex_on.sh', '/opt/autoindex_on.sh', '#!/bin/sh\ncp /opt/site-on.conf /etc/nginx/sites-enabled/site\nnginx -s reload\n# autoindex\n'),
      script('a/autoindex_off.sh', '/opt/autoindex_off.sh', '#!/bin/sh\ncp /opt/site-off.conf /etc/nginx/sites-enabled/site\nnginx -s reload\n# autoindex\n'),
    ]);
    assert.deepEqual(sw?.kind === 'script' && [sw.off, sw.on], [['sh', '/opt/autoindex_off.sh'], ['sh', '/opt/autoindex_on.sh']]);
  });

  it('a toggle without an argument is run once to switch off and once more to switch back', () => {
    const sw = findAutoindexSwitch('FROM x\nCOPY t.sh /root/\n', 'Dockerfile', [script('t.sh', '/root/t.sh', 'if grep -q "autoindex on" /etc/nginx/x; then sed -i "s/autoindex on/autoindex off/" /etc/nginx/x; else sed -i "s/autoindex off/autoindex on/" /etc/nginx/x; fi\n')]);
    assert.deepEqual(sw?.kind === 'script' && [sw.off, sw.on], [['sh', '/root/t.sh'], ['sh', '/root/t.sh']]);
  });

  it('near miss: the start script that reads AUTOINDEX is not a switch to exec; the ENV line is', () => {
    const sw = findAutoindexSwitch(df, 'Dockerfile', [
      script('srcs/start.sh', '/usr/local/bin/start.sh', '#!/bin/bash\nif [ "$AUTOINDEX" = off ]; then sed -i "s/autoindex on/autoindex off/" /etc/nginx/x; fi\nexec nginx -g "daemon off;"\n'),
    ]);
    assert.deepEqual(sw, { kind: 'env', name: 'AUTOINDEX', offValue: 'off', onValue: 'on', file: 'Dockerfile', line: 3 });
  });

  it('an env var only a script reads (docker run -e AUTO_INDEX=false), its words taken from the comparison', () => {
    const sw = findAutoindexSwitch('FROM x\nCOPY run.sh /\nCMD ["/run.sh"]\n', 'Dockerfile', [
      script('run.sh', '/run.sh', '#!/bin/sh\nif [ "$AUTO_INDEX" = "false" ]; then rm /etc/nginx/snippets/listing.conf; fi\nexec nginx -g "daemon off;"\n'),
    ]);
    assert.deepEqual(sw, { kind: 'env', name: 'AUTO_INDEX', offValue: 'false', onValue: 'true', file: 'run.sh', line: 2 });
  });

  it('near miss: a local variable named autoindex is not an env var; no switch at all gives null', () => {
    const sw = findAutoindexSwitch('FROM x\nCOPY s.sh /\nCMD bash /s.sh\n', 'Dockerfile', [
      script('s.sh', '/s.sh', 'autoindex=`grep autoindex /etc/nginx/x`\necho "$autoindex"\nnginx -g "daemon off;"\n'),
    ]);
    assert.equal(sw, null);
    assert.equal(findAutoindexSwitch('FROM x\nCMD ["nginx", "-g", "daemon off;"]\n', 'Dockerfile', []), null);
  });

  it('an ARG alone is not a switch (it is gone at run time); an ENV that carries it on is', () => {
    assert.equal(findAutoindexSwitch('FROM x\nARG AUTOINDEX=on\nRUN sed -i "s/autoindex on/autoindex $AUTOINDEX/" /x\n', 'Dockerfile', []), null);
    const sw = findAutoindexSwitch('FROM x\nARG AUTOINDEX=on\nENV AUTOINDEX_AT_START=$AUTOINDEX\n', 'Dockerfile', []);
    assert.equal(sw?.kind === 'env' && sw.name, 'AUTOINDEX');
  });
});

describe('the COPY map', () => {
  const df = [
    'FROM debian AS build',
    'COPY nope.sh /nope.sh',
    'FROM debian:bookworm',
    'WORKDIR /srv',
    'COPY conf/site.conf /etc/nginx/sites-available/site',
    'COPY scripts ./bin/',
    'COPY /tools/a.sh /etc/nginx',
    'COPY one.sh two.sh /opt/',
    'COPY --from=build /nope.sh /x.sh',
  ].join('\n');
  const files = new Set(['conf/site.conf', 'scripts/autoindex.sh', 'tools/a.sh', 'one.sh', 'two.sh']);
  const exists = (rel: string) => files.has(rel);
  const cs = copies(instructions(df));

  it('maps in-image paths back to the context: a file, a folder copied into a relative folder, several sources', () => {
    assert.equal(contextFileOf(cs, '/etc/nginx/sites-available/site', exists), 'conf/site.conf');
    assert.equal(contextFileOf(cs, '/srv/bin/autoindex.sh', exists), 'scripts/autoindex.sh');
    assert.equal(contextFileOf(cs, '/opt/two.sh', exists), 'two.sh');
    assert.equal(contextFileOf(cs, '/etc/nginx/a.sh', exists), 'tools/a.sh', 'a file copied into an existing folder');
  });

  it('near misses: earlier stages and --from copies do not count; an unknown path gives null', () => {
    assert.equal(contextFileOf(cs, '/nope.sh', exists), null);
    assert.equal(contextFileOf(cs, '/x.sh', exists), null);
    assert.equal(contextFileOf(cs, '/srv/bin/other.sh', exists), null);
    assert.equal(inImageOf(cs, 'scripts/autoindex.sh', exists), '/srv/bin/autoindex.sh');
    assert.equal(inImageOf(cs, 'README.md', exists), null);
  });

  it('joins continued lines and keeps the line of the keyword', () => {
    const ins = instructions('FROM x\nRUN a \\\n# a comment inside\n  && b\nEXPOSE 80\n');
    assert.deepEqual(ins.map((i) => [i.keyword, i.line]), [['FROM', 1], ['RUN', 2], ['EXPOSE', 5]]);
    assert.match(ins[1].rest, /a\s+&& b/);
  });
});

describe('nginx -T', () => {
  const dump = [
    'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok',
    'nginx: configuration file /etc/nginx/nginx.conf test is successful',
    '# configuration file /etc/nginx/nginx.conf:',
    'events {}',
    'http {',
    '    index index.html;',
    '    include /etc/nginx/sites-enabled/*;',
    '}',
    '',
    '# configuration file /etc/nginx/sites-enabled/site:',
    'server {',
    '    listen 80;',
    '    return 301 https://$host$request_uri;',
    '}',
    'server {',
    '    listen 443 ssl; # the TLS one',
    '    root /var/www/html;',
    '    location / {',
    '        autoindex on;',
    '    }',
    '    location /wordpress/ { try_files $uri $uri/ /wordpress/index.php?$args; }',
    '    location ~ \\.php$ {',
    '        fastcgi_pass "unix:/run/php/php8.2-fpm.sock";',
    '    }',
    '}',
  ].join('\n');
  const files = splitDump(dump);
  const ds = directives(files);

  it('splits the files and gives each directive its file, line and blocks', () => {
    assert.deepEqual(files.map((f) => f.path), ['/etc/nginx/nginx.conf', '/etc/nginx/sites-enabled/site']);
    const pass = ds.find((d) => d.name === 'fastcgi_pass')!;
    assert.deepEqual([pass.file, pass.line, pass.args, pass.blocks], ['/etc/nginx/sites-enabled/site', 13, ['unix:/run/php/php8.2-fpm.sock'], ['http', 'server', 'location ~ \\.php$']]);
  });

  it('finds the TLS and the port 80 server blocks, the location of a URI and what is in effect there', () => {
    const tls = serverOf(ds, 'https')!;
    assert.equal(serverOf(ds, 'http'), 0);
    assert.equal(tls, 1);
    assert.equal(prefixLocation(ds, tls, '/'), '/');
    assert.equal(prefixLocation(ds, tls, '/wordpress/x'), '/wordpress/');
    assert.equal(effective(ds, tls, '/', 'autoindex')?.line, 9);
    assert.equal(effective(ds, tls, '/wordpress/', 'autoindex'), null, 'not inherited from a sibling location');
    assert.equal(effective(ds, tls, '/', 'root')?.args[0], '/var/www/html', 'from the server');
    assert.equal(effective(ds, tls, '/', 'index')?.line, 3, 'from http, in nginx.conf');
  });
});

describe('the listing test', () => {
  const page = (body: string, type = 'text/html') => ({ status: 200, headers: { 'content-type': type }, body });
  it("recognises nginx's autoindex page and its JSON form; not another page, not an error", () => {
    assert.ok(isListing(page('<html>\r\n<head><title>Index of /</title></head>\r\n<body>\r\n<h1>Index of /</h1><hr><pre><a href="../">../</a>\r\n')));
    assert.ok(isListing(page('[\n{ "name":"wordpress", "type":"directory" }\n]', 'application/json')));
    assert.ok(!isListing(page('<title>Welcome to nginx!</title>')));
    assert.ok(!isListing({ ...page('<title>Index of /</title><h1>Index of /</h1>'), status: 403 }));
    assert.ok(!isListing(page('<title>Index of /x/</title><h1>Index of /x/</h1>')), 'another folder');
  });
  it('reads page titles with their entities', () => {
    assert.equal(titleOf('<head><title>WordPress &rsaquo; Installation</title>'), 'WordPress › Installation');
    assert.equal(decodeEntities('a &amp; b &#8250; &#x203A; &bogus;'), 'a & b › › &bogus;');
    assert.equal(titleOf('<p>none</p>'), null);
  });
});

describe('the switches of the ft_server corpus', () => {
  /** The finder on one repository of the corpus, its whole context readable (as the doctor's listFiles gives it). */
  function onRepo(repo: string) {
    const dir = path.join(CORPUS, 'ft_server', repo);
    const df = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const exists = (rel: string) => fs.existsSync(path.join(dir, rel)) && fs.statSync(path.join(dir, rel)).isFile();
    const cs = copies(instructions(df));
    const all = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => exists(f));
    return findAutoindexSwitch(df, 'Dockerfile', all.filter((f) => inImageOf(cs, f, exists)).map((rel) => ({ rel, inImage: inImageOf(cs, rel, exists), text: fs.readFileSync(path.join(dir, rel), 'utf8') })));
  }
  it('finds the kinds students write', () => {
    const got = (repo: string) => {
      const sw = onRepo(repo);
      return sw && (sw.kind === 'env' ? `env ${sw.name}=${sw.offValue}` : `exec ${sw.off.join(' ')}`);
    };
    assert.equal(got('DelicaTessa__ft_server'), 'exec bash /srcs/autoindex_off.sh');
    assert.equal(got('42tbruinem__ft_server'), 'exec sh /switch_index.sh 0');
    assert.equal(got('Croco-byte__ft_server'), 'exec sh /etc/nginx/ftserver_autoindex.sh off');
    assert.equal(got('Cardiox12__ft_server'), 'env AUTO_INDEX=off');
    assert.equal(got('Hugothms__ft_server'), null, 'a start script that compares a file, no switch');
  });
});

describe('detectWebStack', () => {
  it('from the Dockerfile: nginx and php-fpm installed (MariaDB optional)', () => {
    const s = detectWebStack('FROM debian:bookworm\nRUN apt-get update && apt-get install -y \\\n  nginx mariadb-server php8.2-fpm php8.2-mysql\nCMD ["/start.sh"]\n');
    assert.deepEqual(s, { nginx: true, phpFpm: true, mariadb: true, isWebStack: true });
    assert.equal(detectWebStack('FROM debian\nRUN apt-get install -y nginx php-fpm\n').mariadb, false);
    assert.equal(detectWebStack('FROM debian\nRUN apt-get install -y nginx php-fpm\n').isWebStack, true);
  });
  it('from the running processes, when the Dockerfile does not tell', () => {
    const s = detectWebStack(undefined, [['nginx: master process nginx -g daemon off;'], ['php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)']]);
    assert.equal(s.isWebStack, true);
  });
  it('near misses: nginx alone, php without fpm, a package that only contains the word', () => {
    assert.equal(detectWebStack('FROM debian\nRUN apt-get install -y nginx\n').isWebStack, false);
    assert.equal(detectWebStack('FROM debian\nRUN apt-get install -y nginx php8.2-cli\n').isWebStack, false);
    assert.equal(detectWebStack('FROM debian\nRUN apt-get install -y python3-nginx-config php8.2-fpm-extra-tool\n').isWebStack, false);
    assert.equal(detectWebStack('FROM nginx:1.27\nRUN echo php8.2-fpm > /notes\n').isWebStack, false, 'only installs count');
  });
});
