import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { DG124, socketVersion } from '../../../../server/src/rules/stack/DG124-phpFpmSocketMismatch';
import { DG125, handStartedFpm } from '../../../../server/src/rules/stack/DG125-phpFpmRunDirMissing';
import { debianDefaultPhp } from '../../../../server/src/rules/stack/phpFpm';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

const site = (sock: string) => `server {\n  listen 80;\n  root /var/www/html;\n  location ~ \\.php$ {\n    include snippets/fastcgi-php.conf;\n    fastcgi_pass ${sock};\n  }\n}\n`;

const buster = (install: string, extra = '') =>
  `FROM debian:buster\nRUN apt-get update && apt-get install -y nginx ${install}\nCOPY conf/site.conf /etc/nginx/sites-available/default\n${extra}CMD ["nginx", "-g", "daemon off;"]\n`;

test('DG124: php-fpm on buster is 7.3, the copied config asks for 7.4', () => {
  const w = where(DG124, buster('php-fpm'), { 'conf/site.conf': site('unix:/run/php/php7.4-fpm.sock') });
  assert.equal(w.length, 1);
  assert.equal(w[0].line, 3);
  assert.equal(w[0].text, 'conf/site.conf');
  assert.match(w[0].en, /`conf\/site\.conf` line 6: `fastcgi_pass unix:\/run\/php\/php7\.4-fpm\.sock`/);
  assert.match(w[0].en, /installs `php-fpm` \(PHP 7\.3 on `debian:buster`\)/);
  assert.match(w[0].ko, /`php-fpm` 패키지\(`debian:buster` 이미지에서는 PHP 7\.3\)가 설치됩니다/);
  assert.match(w[0].en, /502 Bad Gateway/);
  assert.match(w[0].en, /`unix:\/run\/php\/php7\.3-fpm\.sock`/);
  assert.match(w[0].ko, /^`conf\/site\.conf` 6번 줄: `fastcgi_pass/);
  assert.match(w[0].en, /connect\(\) to unix:\/run\/php\/php7\.4-fpm\.sock failed \(2: No such file or directory\)/);
  assert.match(w[0].ko, /connect\(\) to unix:\/run\/php\/php7\.4-fpm\.sock failed/);
  assertBilingual(run(DG124, buster('php-fpm'), { 'conf/site.conf': site('unix:/run/php/php7.4-fpm.sock') }));
});

test('DG124: an explicit phpX.Y-fpm package and a /var/run path', () => {
  const text = `FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx php8.2-fpm\nCOPY site.conf /etc/nginx/conf.d/\n`;
  const w = where(DG124, text, { 'site.conf': site('unix:/var/run/php/php7.3-fpm.sock') });
  assert.equal(w.length, 1);
  assert.match(w[0].en, /installs `php8\.2-fpm`;/);
  assert.match(w[0].en, /`unix:\/var\/run\/php\/php8\.2-fpm\.sock`/);
});

test('DG124: php-fpm on bookworm is 8.2; a config written in the Dockerfile is reported where it is written', () => {
  const text = `FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx php-fpm\nCOPY <<EOF /etc/nginx/conf.d/php.conf\nserver {\n  location ~ \\.php$ { fastcgi_pass unix:/run/php/php7.3-fpm.sock; }\n}\nEOF\n`;
  const w = where(DG124, text);
  assert.equal(w.length, 1);
  assert.equal(w[0].line, 5);
  assert.equal(w[0].text, 'fastcgi_pass');
  // It sits on that line, so the message does not name a file and line first.
  assert.match(w[0].en, /^`fastcgi_pass unix:\/run\/php\/php7\.3-fpm\.sock` points at the PHP 7\.3 socket/);
});

test('DG124 stays quiet: matching version, TCP, variable, unknown base, edited pool, other stage', () => {
  const files = (s: string) => ({ 'conf/site.conf': site(s) });
  assert.deepEqual(run(DG124, buster('php-fpm'), files('unix:/run/php/php7.3-fpm.sock')), []);
  assert.deepEqual(run(DG124, buster('php7.3-fpm'), files('unix:/var/run/php/php7.3-fpm.sock')), []);
  assert.deepEqual(run(DG124, buster('php-fpm'), files('127.0.0.1:9000')), []);
  assert.deepEqual(run(DG124, buster('php-fpm'), files('$php_upstream')), []);
  // No version in the path: Debian's alternatives link, not judged.
  assert.deepEqual(run(DG124, buster('php-fpm'), files('unix:/run/php/php-fpm.sock')), []);
  // The release behind php-fpm is unknown (ubuntu was not checked; a variable without a default).
  const ubuntu = buster('php-fpm').replace('debian:buster', 'ubuntu:22.04');
  assert.deepEqual(run(DG124, ubuntu, files('unix:/run/php/php7.4-fpm.sock')), []);
  const variable = buster('php-fpm').replace('debian:buster', 'debian:$RELEASE');
  assert.deepEqual(run(DG124, variable, files('unix:/run/php/php7.4-fpm.sock')), []);
  // The pool's listen is changed: the socket path is no longer Debian's default.
  const sed = buster('php-fpm', `RUN sed -i 's|^listen = .*|listen = /run/php/php7.4-fpm.sock|' /etc/php/7.3/fpm/pool.d/www.conf\n`);
  assert.deepEqual(run(DG124, sed, files('unix:/run/php/php7.4-fpm.sock')), []);
  const copied = buster('php-fpm', `COPY conf/www.conf /etc/php/7.3/fpm/pool.d/www.conf\n`);
  assert.deepEqual(run(DG124, copied, files('unix:/run/php/php7.4-fpm.sock')), []);
  // Two versions installed: which one listens is not ours to guess.
  assert.deepEqual(run(DG124, buster('php7.3-fpm php7.4-fpm'), files('unix:/run/php/php7.4-fpm.sock')), []);
  // The config lands in an earlier stage the final image does not build on.
  const other = `FROM debian:buster AS web\nRUN apt-get update && apt-get install -y nginx php-fpm\nCOPY conf/site.conf /etc/nginx/sites-available/default\nFROM debian:bookworm\nRUN apt-get update && apt-get install -y php-fpm\n`;
  assert.deepEqual(run(DG124, other, files('unix:/run/php/php7.3-fpm.sock')), []);
  // No build context to read: nothing to judge.
  assert.deepEqual(run(DG124, buster('php-fpm')), []);
});

test('socket paths and Debian releases', () => {
  assert.equal(socketVersion('unix:/run/php/php7.3-fpm.sock'), '7.3');
  assert.equal(socketVersion('unix:/var/run/php/php8.2-fpm.sock'), '8.2');
  assert.equal(socketVersion('127.0.0.1:9000'), null);
  assert.equal(socketVersion('unix:/run/php/php-fpm.sock'), null);
  assert.equal(debianDefaultPhp('debian:buster-slim'), '7.3');
  assert.equal(debianDefaultPhp('debian:10'), '7.3');
  assert.equal(debianDefaultPhp('debian:bullseye-20240612-slim'), '7.4');
  assert.equal(debianDefaultPhp('docker.io/library/debian:12.5'), '8.2');
  assert.equal(debianDefaultPhp('debian:trixie-slim'), '8.4');
  assert.equal(debianDefaultPhp('debian:forky'), null);
  assert.equal(debianDefaultPhp('ubuntu:20.04'), null);
  assert.equal(debianDefaultPhp('debian:latest'), null);
});

const fpm = (run2: string, cmd: string) => `FROM debian:buster\nRUN apt-get update && apt-get install -y nginx php7.3-fpm${run2}\n${cmd}\n`;

test('DG125: php-fpm7.3 -F in an exec-form CMD, no /run/php', () => {
  const w = where(DG125, fpm('', 'CMD ["php-fpm7.3", "-F"]'));
  assert.equal(w.length, 1);
  assert.equal(w[0].line, 3);
  assert.match(w[0].en, /`php-fpm7\.3 -F` binds `\/run\/php\/php7\.3-fpm\.sock`/);
  assert.match(w[0].en, /mkdir -p \/run\/php/);
  assert.match(w[0].ko, /`\/run\/php` 디렉터리가 없어/);
  assertBilingual(run(DG125, fpm('', 'CMD ["php-fpm7.3", "-F"]')));
});

test('DG125: in a shell-form CMD and in the start script (named with its line)', () => {
  const shell = fpm('', 'CMD service nginx start && php-fpm7.3 --nodaemonize');
  assert.equal(where(DG125, shell)[0].text, 'php-fpm7.3 --nodaemonize');
  const text = `FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx php-fpm\nCOPY start.sh /start.sh\nCMD ["bash", "/start.sh"]\n`;
  const w = where(DG125, text, { 'start.sh': '#!/bin/bash\nservice nginx start\nexec /usr/sbin/php-fpm8.2 -F -R\n' });
  assert.equal(w.length, 1);
  assert.equal(w[0].line, 4);
  assert.match(w[0].en, /^`start\.sh` line 3: `\/usr\/sbin\/php-fpm8\.2 -F -R`/);
  assert.match(w[0].ko, /^`start\.sh` 파일 3번 줄의/);
});

test('DG125 fix: a RUN that makes /run/php above the CMD (or ENTRYPOINT); then the rule is quiet', () => {
  const text = fpm('', 'CMD ["php-fpm7.3", "-F"]');
  assert.equal(fixOnce(DG125, text), text.replace('CMD [', 'RUN mkdir -p /run/php\nCMD ['));
  const script = `FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx php-fpm\nCOPY start.sh /start.sh\nENTRYPOINT ["bash", "/start.sh"]\n`;
  const files = { 'start.sh': '#!/bin/bash\nservice nginx start\nexec /usr/sbin/php-fpm8.2 -F -R\n' };
  assert.equal(fixOnce(DG125, script, files), script.replace('ENTRYPOINT [', 'RUN mkdir -p /run/php\nENTRYPOINT ['));
});

test('DG125 stays quiet when /run/php is made first, the init script runs, or the setup is not Debian\'s', () => {
  assert.deepEqual(run(DG125, fpm(' && mkdir -p /run/php', 'CMD ["php-fpm7.3", "-F"]')), []);
  assert.deepEqual(run(DG125, fpm('\nRUN mkdir /var/run/php', 'CMD ["php-fpm7.3", "-F"]')), []);
  assert.deepEqual(run(DG125, fpm('', 'CMD mkdir -p /run/php && php-fpm7.3 -F')), []);
  assert.deepEqual(run(DG125, fpm('', 'CMD service php7.3-fpm start && php-fpm7.3 -F')), []);
  const script = `FROM debian:buster\nRUN apt-get update && apt-get install -y php7.3-fpm\nCOPY start.sh /\nCMD ["sh", "/start.sh"]\n`;
  assert.deepEqual(run(DG125, script, { 'start.sh': 'mkdir -p /run/php\nphp-fpm7.3 -F\n' }), []);
  // The usual way: the init script, not a hand start.
  assert.deepEqual(run(DG125, script, { 'start.sh': 'service php7.3-fpm start\nnginx -g "daemon off;"\n' }), []);
  // The pool listens elsewhere (edited), or php-fpm only tests its configuration.
  assert.deepEqual(run(DG125, fpm(" && sed -i 's/^listen = .*/listen = 9000/' /etc/php/7.3/fpm/pool.d/www.conf", 'CMD ["php-fpm7.3", "-F"]')), []);
  assert.deepEqual(run(DG125, fpm('', 'CMD php-fpm7.3 -t && nginx -g "daemon off;"')), []);
  // The official php image: plain `php-fpm`, listening on port 9000, no apt package.
  assert.deepEqual(run(DG125, 'FROM php:8.2-fpm\nCMD ["php-fpm", "-F"]\n'), []);
  // Another version than the installed one: a missing binary, not this rule's case.
  assert.deepEqual(run(DG125, fpm('', 'CMD ["php-fpm7.4", "-F"]')), []);
});

test('handStartedFpm', () => {
  assert.equal(handStartedFpm(['php-fpm7.3', '-F']), '7.3');
  assert.equal(handStartedFpm(['/usr/sbin/php-fpm8.2']), '8.2');
  assert.equal(handStartedFpm(['php-fpm7.3', '-t']), null);
  assert.equal(handStartedFpm(['php-fpm7.3', '--fpm-config=/etc/x.conf']), null);
  assert.equal(handStartedFpm(['php-fpm', '-F']), null);
});
