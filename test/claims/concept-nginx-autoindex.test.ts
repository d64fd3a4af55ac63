/**
 * The claims of docs/concepts/nginx-autoindex.{ko,en}.md on the real nginx (nginxServer.ts), beyond what
 * autoindex.test.ts already proves (an index.html beats `autoindex on`; a folder without one is listed; an absolute
 * `index` name; `try_files $uri` without `$uri/`): with autoindex off (the default) a folder without an index file is
 * 403 with `directory index of "…" is forbidden` in the error log; the index page needs no autoindex; the first
 * existing name of the `index` list wins; with
 * `index index.php` an index.php present hides the listing, and the request goes over FastCGI to the PHP handler
 * (fastcgiResponder.ts stands in for php-fpm); names starting with a dot are left out of the listing but still
 * served; a folder without the trailing slash is redirected (301) to it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPhpSite, type FastCgiResponder, type PhpSite } from './fastcgiResponder';
import type { NginxServer } from './nginxServer';

const site = (port: number, www: string, socket: string) => `server {
    listen 127.0.0.1:${port};
    root ${www};
    location /off/ {
    }
    location /default/ {
    }
    location /php/ {
        index index.php;
        autoindex on;
    }
    location /html-first/ {
        index index.html index.php;
    }
    location /php-first/ {
        index index.php index.html;
    }
    location ~ \\.php$ {
        fastcgi_pass unix:${socket};
        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
        fastcgi_param REQUEST_METHOD $request_method;
    }
}
`;

describe('claims: when nginx lists a folder (docs/concepts/nginx-autoindex)', () => {
  let server: NginxServer;
  let fpm: FastCgiResponder;
  let www = '';
  const base = () => `http://127.0.0.1:${server.port}`;

  let php: PhpSite | undefined;

  before(async () => {
    php = await startPhpSite(
      'concept-autoindex',
      site,
      (root) => {
        const put = (f: string, text: string) => {
          fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
          fs.writeFileSync(path.join(root, f), text);
        };
        put('off/a.txt', 'a\n');
        put('default/index.html', 'the index page\n');
        put('php/index.php', '<?php echo "from php";\n');
        put('php/other.txt', 'o\n');
        put('php/empty/visible.txt', 'v\n');
        put('php/empty/.env', 'SECRET=1\n');
        for (const d of ['html-first', 'php-first']) {
          put(`${d}/index.html`, `the html index of ${d}\n`);
          put(`${d}/index.php`, '<?php echo "from php";\n');
        }
      },
      (r) => `Content-Type: text/plain\r\n\r\nran ${r.params.SCRIPT_FILENAME}\n`,
    );
    ({ server, fpm, www } = php);
  });

  after(async () => {
    await php?.close();
  });

  it('autoindex off (the default) and no index file: 403 Forbidden, and the error log says directory index … is forbidden', async () => {
    const r = await fetch(`${base()}/off/`);
    assert.equal(r.status, 403);
    await r.text();
    // Wait for this request's own line: nginxServer's readiness probe (GET /) already logged one for the root folder,
    // so waiting for any "is forbidden" raced nginx's write of this one.
    const expected = `directory index of "${www}/off/" is forbidden`;
    const until = Date.now() + 5000;
    while (!server.stderr().includes(expected) && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
    assert.ok(server.stderr().includes(expected), server.stderr());
  });

  it('the index page needs no autoindex: `index` (default index.html) serves it', async () => {
    const r = await fetch(`${base()}/default/`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'the index page\n');
  });

  it('index index.php with an index.php present: no listing although autoindex is on; FastCGI runs /php/index.php', async () => {
    const before = fpm.requests.length;
    const r = await fetch(`${base()}/php/`);
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.doesNotMatch(body, /Index of/);
    assert.equal(body, `ran ${www}/php/index.php\n`);
    assert.equal(fpm.requests.length, before + 1);
  });

  it('the index files are tried in the order `index` lists them: the first that exists wins', async () => {
    const html = await fetch(`${base()}/html-first/`);
    assert.equal(await html.text(), 'the html index of html-first\n');
    const php = await fetch(`${base()}/php-first/`);
    assert.equal(await php.text(), `ran ${www}/php-first/index.php\n`);
  });

  it('the same location without an index.php in the folder: the listing appears', async () => {
    const r = await fetch(`${base()}/php/empty/`);
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.match(body, /<title>Index of \/php\/empty\/<\/title>/);
    assert.match(body, /visible\.txt/);
  });

  it('the listing leaves out names starting with a dot, but nginx still serves them by name', async () => {
    const list = await (await fetch(`${base()}/php/empty/`)).text();
    assert.match(list, /visible\.txt/);
    assert.doesNotMatch(list, /\.env/);
    const r = await fetch(`${base()}/php/empty/.env`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'SECRET=1\n');
  });

  it('a folder asked for without the trailing slash is redirected (301) to it', async () => {
    const r = await fetch(`${base()}/php/empty`, { redirect: 'manual' });
    assert.equal(r.status, 301);
    assert.match(r.headers.get('location') ?? '', /\/php\/empty\/$/);
    await r.text();
  });
});
