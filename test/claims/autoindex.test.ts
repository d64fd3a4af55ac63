/**
 * DG128's claim, on the real nginx (nginxServer.ts): for a folder request, an existing `index` file is served and
 * `autoindex on` lists only a folder without one; an absolute `index` name is redirected to without a look at the
 * disk. Then DG128 is run on a Dockerfile that copies the same layout.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DG128 } from '../../server/src/rules/stack/DG128-autoindexBehindIndex';
import { where } from '../unit/rules/hadolint/helpers';
import { startNginx, type NginxServer } from './nginxServer';

/**
 * The site both nginx and DG128 read: `/a/` has an index.html, `/b/` has none, `/c/` names an absolute index, `/d/`
 * has an index.html but a `try_files` without `$uri/`, so the request never reaches the index module.
 */
const site = (root: string, port: number) => `server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    location /a/ {
        autoindex on;
        try_files $uri $uri/ =404;
    }
    location /b/ {
        autoindex on;
        try_files $uri $uri/ =404;
    }
    location /c/ {
        index /target.txt;
        autoindex on;
    }
    location /d/ {
        autoindex on;
        try_files $uri =404;
    }
}
`;

describe('claims: index files come before autoindex', () => {
  let server: NginxServer;
  let port = 0;

  before(async () => {
    server = await startNginx('autoindex', (p, prefix) => site(path.join(prefix, 'www'), p), (prefix) => {
      const www = path.join(prefix, 'www');
      for (const d of ['a', 'b', 'c', 'd']) fs.mkdirSync(path.join(www, d), { recursive: true });
      fs.writeFileSync(path.join(www, 'd', 'index.html'), 'the index page of d\n');
      fs.writeFileSync(path.join(www, 'a', 'index.html'), 'the index page of a\n');
      fs.writeFileSync(path.join(www, 'a', 'listed.txt'), 'x\n');
      fs.writeFileSync(path.join(www, 'b', 'listed.txt'), 'x\n');
      fs.writeFileSync(path.join(www, 'target.txt'), 'the absolute index\n');
    });
    port = server.port;
  });

  after(() => server?.stop());

  it('GET /a/ returns the index file, not a listing, although autoindex is on', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/a/`);
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.equal(body, 'the index page of a\n');
    assert.doesNotMatch(body, /Index of/);
  });

  it('GET /b/ (no index file) returns the listing', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/b/`);
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.match(body, /<title>Index of \/b\/<\/title>/);
    assert.match(body, /listed\.txt/);
  });

  it('GET /c/ follows the absolute index name though no such file is in c/', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/c/`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'the absolute index\n');
  });

  it('GET /d/ with `try_files $uri =404` is 404: `$uri` is tested as a file, and a folder is not one', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/d/`);
    assert.equal(r.status, 404);
    await r.text();
  });

  it('DG128 fires for /a/ and /c/ of the same site in an image, not for /b/ or /d/', () => {
    const text =
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\n' +
      'COPY site/a/index.html /srv/www/a/\nCOPY site/d/index.html /srv/www/d/\nCOPY site.conf /etc/nginx/conf.d/site.conf\nCMD ["nginx", "-g", "daemon off;"]\n';
    const w = where(DG128, text, { 'site.conf': site('/srv/www', 80), 'site/a/index.html': 'the index page of a\n', 'site/d/index.html': 'the index page of d\n' });
    assert.equal(w.length, 2, JSON.stringify(w));
    assert.ok(w[0].en.includes('line 6: `autoindex on` applies to `/a/`, but its folder `/srv/www/a` holds `index.html`'), w[0].en);
    assert.ok(w[1].en.includes('line 15: `autoindex on` applies to `/c/`, but `/target.txt` in the `index` list is absolute'), w[1].en);
    assert.ok(!w.some((f) => f.en.includes('`/b/`') || f.en.includes('`/d/`')));
  });
});
