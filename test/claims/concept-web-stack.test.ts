/**
 * The claims of docs/concepts/web-stack.{ko,en}.md. What is proven elsewhere is not repeated: phpSocket.test.ts shows
 * that a `fastcgi_pass unix:` socket nobody listens on gives 502 Bad Gateway (while static pages still work), and
 * autoindex.test.ts / concept-nginx-autoindex.test.ts show how `index` picks index.php.
 *
 * Here, on the host nginx (nginxServer.ts) with fastcgiResponder.ts standing in for php-fpm: nginx serves a static
 * file itself and php-fpm never hears of it; a .php request goes over the socket as FastCGI parameters, with the
 * script's path (SCRIPT_FILENAME), not its contents, the request headers as HTTP_* parameters and the POST body on
 * STDIN; what the FastCGI side prints is what
 * the browser gets; without a PHP location nginx sends the PHP source as it is.
 * On the engine (busybox): a second container reaches the first by its name on a user-defined network, `localhost`
 * in a container is that container itself, and the default bridge network has no names.
 *
 * Debian 12 package facts on the page are not run here; they were read from the packages: php8.2-fpm's pool file
 * says `listen = /run/php/php8.2-fpm.sock`, its binary is /usr/sbin/php-fpm8.2 and `-F` keeps it in the foreground
 * (its man page); `mysql-server` has no candidate in bookworm, `default-mysql-server` depends on `mariadb-server`,
 * and /usr/bin/mysql is a link to mariadb (mariadb-client-core).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBusyboxImage } from '../engine/images';
import { LABEL, RUN_ID, cleanup, containerName, docker, dockerOk } from './claims';
import { startPhpSite, type FastCgiResponder, type PhpSite } from './fastcgiResponder';
import type { NginxServer } from './nginxServer';

const PHP_SOURCE = '<?php $pdo = new PDO("mysql:host=db", "app", "secret"); echo "hi";\n';

/** `/app/` passes .php to FastCGI; `/bare/` has no PHP location at all. */
const site = (port: number, www: string, socket: string) => `server {
    listen 127.0.0.1:${port};
    root ${www};
    index index.php index.html;
    location ~ ^/app/.*\\.php$ {
        fastcgi_pass unix:${socket};
        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
        fastcgi_param REQUEST_METHOD $request_method;
        fastcgi_param QUERY_STRING $query_string;
        fastcgi_param CONTENT_LENGTH $content_length;
    }
}
`;

describe('claims: how a request travels through nginx and php-fpm (docs/concepts/web-stack)', () => {
  let server: NginxServer;
  let fpm: FastCgiResponder;
  let www = '';
  const base = () => `http://127.0.0.1:${server.port}`;

  let php: PhpSite | undefined;

  before(async () => {
    php = await startPhpSite(
      'concept-web-stack',
      site,
      (root) => {
        for (const d of ['app', 'bare']) {
          fs.mkdirSync(path.join(root, d), { recursive: true });
          fs.writeFileSync(path.join(root, d, 'index.php'), PHP_SOURCE);
        }
        fs.writeFileSync(path.join(root, 'app', 'style.css'), 'body { color: black }\n');
      },
      (r) => `Status: 201 Created\r\nContent-Type: text/plain\r\nX-From: fastcgi\r\n\r\n${r.params.REQUEST_METHOD} ${r.params.SCRIPT_FILENAME} ${r.params.QUERY_STRING} [${r.stdin.toString()}]\n`,
    );
    ({ server, fpm, www } = php);
  });

  after(async () => {
    await php?.close();
  });

  it('a static file is served by nginx itself: php-fpm gets no request', async () => {
    const before = fpm.requests.length;
    const r = await fetch(`${base()}/app/style.css`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'body { color: black }\n');
    assert.equal(fpm.requests.length, before);
  });

  it('a .php request goes over the socket with the script path, not the script, and the FastCGI answer is the response', async () => {
    const r = await fetch(`${base()}/app/index.php?id=7`, { headers: { 'x-demo': 'sent-along' } });
    assert.equal(r.status, 201, 'the status line comes from the FastCGI side');
    assert.equal(r.headers.get('x-from'), 'fastcgi');
    assert.equal(await r.text(), `GET ${www}/app/index.php id=7 []\n`);
    const last = fpm.requests.at(-1)!;
    assert.equal(last.params.SCRIPT_FILENAME, `${www}/app/index.php`);
    assert.equal(last.params.HTTP_X_DEMO, 'sent-along', 'request headers go along as HTTP_* parameters');
    assert.ok(!Object.values(last.params).some((v) => v.includes('new PDO')), 'nginx does not send the file contents');
  });

  it('a POST body reaches php-fpm on STDIN', async () => {
    const r = await fetch(`${base()}/app/index.php`, { method: 'POST', body: 'name=kim', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(await r.text(), `POST ${www}/app/index.php  [name=kim]\n`);
  });

  it('without a PHP location, nginx sends the PHP source as a file: the password is in the response', async () => {
    const before = fpm.requests.length;
    const r = await fetch(`${base()}/bare/index.php`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), PHP_SOURCE);
    assert.equal(fpm.requests.length, before);
  });
});

describe('claims: containers of a stack find each other by name (docs/concepts/web-stack)', () => {
  let busybox = '';
  const network = `${RUN_ID}-net`;
  let db = '';

  before(async () => {
    busybox = ensureBusyboxImage();
    await dockerOk(['network', 'create', '--label', `${LABEL}=${RUN_ID}`, network]);
    db = containerName('db');
    // A stand-in for MariaDB: something listening on 3306 in the container named db.
    await dockerOk(['run', '-d', '--name', db, '--network', network, '--label', `${LABEL}=${RUN_ID}`, busybox, 'sh', '-c', 'while true; do echo db-answers | nc -l -p 3306; done']);
  });

  after(async () => {
    await cleanup();
    await docker(['network', 'rm', network]);
  });

  /** Runs `nc <host> 3306` in a new container on `net`; what it read, or the error. */
  const connect = (net: string, host: string) =>
    docker(['run', '--rm', '--name', containerName('app'), '--label', `${LABEL}=${RUN_ID}`, '--network', net, busybox, 'sh', '-c', `nc -w 3 ${host} 3306 </dev/null`], 30_000);

  it('on a user-defined network the app container reaches the database by its container name', async () => {
    let r = await connect(network, db);
    // The listener may need a moment to start.
    for (let i = 0; i < 20 && !r.stdout.includes('db-answers'); i++) {
      await new Promise((res) => setTimeout(res, 250));
      r = await connect(network, db);
    }
    assert.equal(r.stdout, 'db-answers\n', r.out);
  });

  it('localhost in the app container is the app container itself: nothing listens on 3306 there', async () => {
    const r = await connect(network, 'localhost');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /127\.0\.0\.1\): Connection refused/);
    assert.doesNotMatch(r.stdout, /db-answers/);
  });

  it('on the default bridge network the name is not known', async () => {
    const r = await connect('bridge', db);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /bad address/);
  });
});
