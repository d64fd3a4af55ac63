/**
 * DG128's claim, on the nginx installed on this machine (scripts/ci/apt-install.sh installs it): for a folder request,
 * an existing `index` file is served and `autoindex on` lists only a folder without one; an absolute `index` name is
 * redirected to without a look at the disk. nginx runs in a temporary prefix with its own configuration, pid file,
 * temp folders and error log on stderr, listening on 127.0.0.1 at a port that was free a moment before; it is
 * stopped (by its own pid) when the suite ends. Then DG128 is run on a Dockerfile that copies the same layout.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DG128 } from '../../server/src/rules/stack/DG128-autoindexBehindIndex';
import { where } from '../unit/rules/hadolint/helpers';

const NGINX = '/usr/sbin/nginx';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('claims: index files come before autoindex', () => {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-claims-autoindex-'));
  const www = path.join(prefix, 'www');
  let port = 0;
  let nginx: ChildProcess | null = null;
  let stderr = '';

  before(async () => {
    assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: scripts/ci/apt-install.sh installs nginx`);
    fs.mkdirSync(path.join(www, 'a'), { recursive: true });
    fs.mkdirSync(path.join(www, 'b'), { recursive: true });
    fs.mkdirSync(path.join(www, 'c'), { recursive: true });
    fs.mkdirSync(path.join(www, 'd'), { recursive: true });
    fs.writeFileSync(path.join(www, 'd', 'index.html'), 'the index page of d\n');
    fs.mkdirSync(path.join(prefix, 'tmp'));
    fs.writeFileSync(path.join(www, 'a', 'index.html'), 'the index page of a\n');
    fs.writeFileSync(path.join(www, 'a', 'listed.txt'), 'x\n');
    fs.writeFileSync(path.join(www, 'b', 'listed.txt'), 'x\n');
    fs.writeFileSync(path.join(www, 'target.txt'), 'the absolute index\n');
    port = await freePort();
    const tmp = path.join(prefix, 'tmp');
    // As root, nginx's workers would switch to `nobody`, who cannot read the 0700 temporary folder.
    const user = process.getuid?.() === 0 ? 'user root;\n' : '';
    const conf = path.join(prefix, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `${user}pid ${prefix}/nginx.pid;\nerror_log stderr;\ndaemon off;\nworker_processes 1;\nevents {}\nhttp {\n    access_log off;\n` +
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${tmp}/${t};\n`).join('') +
        site(www, port) +
        '}\n',
    );
    nginx = spawn(NGINX, ['-e', 'stderr', '-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const until = Date.now() + 15_000;
    for (;;) {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        return;
      } catch {
        if (nginx.exitCode !== null || Date.now() > until) throw new Error(`nginx did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  after(() => {
    if (nginx?.pid && nginx.exitCode === null) process.kill(nginx.pid, 'SIGTERM');
    fs.rmSync(prefix, { recursive: true, force: true });
  });

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
