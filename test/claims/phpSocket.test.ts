/**
 * DG124's claim, on the real nginx (nginxServer.ts): a `fastcgi_pass unix:` socket that does not exist (the socket of
 * another PHP version than the image installs) answers every PHP request with `502 Bad Gateway`, and nginx's error
 * log says `connect() to unix:… failed (2: No such file or directory)`, the text DG124 quotes; nginx itself starts
 * and serves other pages, which is why the cause is hard to see. Then DG124 on a Dockerfile with the same config.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DG124 } from '../../server/src/rules/stack/DG124-phpFpmSocketMismatch';
import { where } from '../unit/rules/hadolint/helpers';
import { startNginx, type NginxServer } from './nginxServer';

/** The socket the config names (under the prefix here; /run/php in an image), which nothing listens on. */
const site = (port: number, root: string, socket: string) => `server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.php index.html;
    location ~ \\.php$ {
        fastcgi_pass unix:${socket};
    }
}
`;

describe('claims: a php-fpm socket that is not there', () => {
  let server: NginxServer;
  let socket = '';

  before(async () => {
    server = await startNginx(
      'php-socket',
      (port, prefix) => {
        socket = path.join(prefix, 'run/php/php7.4-fpm.sock');
        return site(port, path.join(prefix, 'www'), socket);
      },
      (prefix) => {
        fs.mkdirSync(path.join(prefix, 'www'), { recursive: true });
        fs.writeFileSync(path.join(prefix, 'www', 'index.php'), '<?php echo "hello";\n');
        fs.writeFileSync(path.join(prefix, 'www', 'static.html'), 'static\n');
      },
    );
  });

  after(() => server?.stop());

  it('GET /index.php is 502 Bad Gateway, and the error log names the socket with (2: No such file or directory)', async () => {
    const r = await fetch(`http://127.0.0.1:${server.port}/index.php`);
    assert.equal(r.status, 502);
    assert.match(await r.text(), /502 Bad Gateway/);
    // nginx writes the log line as the request fails; give it a moment to reach the pipe.
    // Wait for the exact line, not any "connect() to": an earlier request's line must not end the wait early.
    const expected = `connect() to unix:${socket} failed (2: No such file or directory)`;
    const until = Date.now() + 5000;
    while (!server.stderr().includes(expected) && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
    assert.ok(server.stderr().includes(expected), server.stderr());
  });

  it('nginx itself runs: a static page is served (the container looks healthy)', async () => {
    const r = await fetch(`http://127.0.0.1:${server.port}/static.html`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'static\n');
  });

  it('DG124 says 502 and quotes that log line for the same config in an image with PHP 7.3', () => {
    const text = 'FROM debian:buster\nRUN apt-get update && apt-get install -y nginx php-fpm\nCOPY site.conf /etc/nginx/conf.d/site.conf\nCMD ["nginx", "-g", "daemon off;"]\n';
    const w = where(DG124, text, { 'site.conf': site(80, '/var/www/html', '/run/php/php7.4-fpm.sock') });
    assert.equal(w.length, 1);
    assert.match(w[0].en, /502 Bad Gateway/);
    assert.ok(w[0].en.includes('connect() to unix:/run/php/php7.4-fpm.sock failed (2: No such file or directory)'), w[0].en);
  });
});
