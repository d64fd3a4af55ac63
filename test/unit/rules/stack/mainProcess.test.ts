import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG101 } from '../../../../server/src/rules/stack/DG101-mainProcessExits';
import { DG102 } from '../../../../server/src/rules/stack/DG102-interactiveShellLast';
import { DG103 } from '../../../../server/src/rules/stack/DG103-shellEntrypointIgnoresCmd';
import { DG111 } from '../../../../server/src/rules/stack/DG111-keepAliveMainProcess';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

const FT = 'FROM debian:buster\nRUN apt-get update && apt-get install -y nginx mariadb-server php-fpm\n';

describe('DG101 main process exits at once', () => {
  it('fires on `service nginx start` as the last command of a shell-form CMD', () => {
    const w = where(DG101, FT + 'CMD service mysql start && service nginx start\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 3);
    assert.equal(w[0].text, 'service nginx start');
    assertBilingual(run(DG101, FT + 'CMD service nginx start\n'));
  });
  it('fires on nginx without daemon off, php-fpm without -F, /etc/init.d and a trailing &', () => {
    assert.equal(where(DG101, FT + 'CMD ["nginx"]\n').length, 1);
    assert.equal(where(DG101, FT + 'CMD ["php-fpm7.3"]\n').length, 1);
    assert.equal(where(DG101, FT + 'CMD /etc/init.d/mysql start\n').length, 1);
    const bg = where(DG101, FT + 'CMD service mysql start && nginx -g "daemon off;" &\n');
    assert.equal(bg.length, 1);
    assert.match(bg[0].en, /background/);
  });
  it('does not fire on nginx in the foreground, php-fpm -F, or the official php image', () => {
    assert.deepEqual(where(DG101, FT + `CMD service mysql start && nginx -g 'daemon off;'\n`), []);
    assert.deepEqual(where(DG101, FT + 'CMD ["nginx", "-g", "daemon off;"]\n'), []);
    assert.deepEqual(where(DG101, FT + 'CMD ["php-fpm7.3", "-F"]\n'), []);
    assert.deepEqual(where(DG101, 'FROM php:8.3-fpm\nCMD ["php-fpm"]\n'), []);
    assert.deepEqual(where(DG101, 'FROM nginx:1.27\nRUN echo hi\n'), [], 'inherited CMD of the base image');
  });
  it('follows CMD ["bash", "start.sh"] into the script and names its line', () => {
    const files = { 'srcs/start.sh': '#!/bin/bash\nservice mysql start\nservice php7.3-fpm start\nservice nginx start\n' };
    const text = FT + 'COPY srcs/start.sh /root/\nWORKDIR /root\nCMD ["bash", "start.sh"]\n';
    const w = where(DG101, text, files);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 5);
    assert.match(w[0].en, /`srcs\/start\.sh` line 4/);
    assert.match(w[0].ko, /`srcs\/start\.sh` 파일 4번 줄/);
    // The same script ending in exec nginx -g 'daemon off;' is fine.
    const ok = { 'srcs/start.sh': files['srcs/start.sh'].replace('service nginx start', "exec nginx -g 'daemon off;'") };
    assert.deepEqual(where(DG101, text, ok), []);
  });
  it('names the deamon typo when it is what keeps nginx from the foreground', () => {
    const files = { 'start.sh': 'service mysql start\nnginx -g deamon off;\n' };
    const w = where(DG101, FT + 'COPY start.sh /\nCMD ["bash", "/start.sh"]\n', files);
    assert.equal(w.length, 1);
    // What nginx really does: it refuses the unknown directive, it never gets as far as daemonizing.
    assert.match(w[0].en, /unknown directive "deamon"/);
    assert.match(w[0].en, /exits with code 1/);
    assert.doesNotMatch(w[0].en, /forks into a daemon/);
    assert.match(w[0].ko, /종료 코드 1/);
    assert.match(w[0].en, /`start\.sh` line 2/);
  });
  it('says nginx refuses to start, not that it daemonizes, for any misspelt daemon', () => {
    const spellings = ['dameon', 'deamon', 'daemno', 'demon', 'daemonn', 'Daemon'];
    let checked = 0;
    for (const typo of spellings) {
      const w = where(DG101, FT + `CMD ["nginx", "-g", "${typo} off;"]\n`);
      assert.equal(w.length, 1, typo);
      assert.match(w[0].en, new RegExp(`unknown directive "${typo}"`), typo);
      assert.match(w[0].en, /exits with code 1/, typo);
      assert.doesNotMatch(w[0].en, /forks into a daemon/, typo);
      assert.doesNotMatch(w[0].ko, /데몬으로 분리/, typo);
      checked++;
    }
    assert.equal(checked, spellings.length);
    assert.equal(run(DG101, FT + 'CMD ["nginx", "-g", "dameon off;"]\n')[0].data?.nginx, false, 'no daemon-off fix for a typo');
  });
  it('reads daemon off (or its typo) from the nginx.conf the Dockerfile writes', () => {
    assert.deepEqual(where(DG101, FT + 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf\nCMD ["nginx"]\n'), []);
    const files = { 'srcs/nginx.conf': 'user www-data;\ndaemon off;\nevents {}\n' };
    assert.deepEqual(where(DG101, FT + 'COPY srcs/nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx"]\n', files), []);
    const typo = { 'srcs/nginx.conf': 'user www-data;\ndameon off;\nevents {}\n' };
    const w = where(DG101, FT + 'COPY srcs/nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx"]\n', typo);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`srcs\/nginx\.conf` line 2/);
    assert.match(w[0].en, /unknown directive "dameon"/);
    assert.match(w[0].ko, /`srcs\/nginx\.conf` 파일 2번 줄/);
    // daemon off in a file that is not nginx's main configuration does not keep nginx in the foreground: nginx
    // refuses it inside http {} (where conf.d is included), and never reads a file nothing includes.
    const other = where(DG101, FT + 'RUN echo "daemon off;" > /etc/nginx/conf.d/x.conf\nCMD ["nginx"]\n');
    assert.equal(other.length, 1);
    assert.match(other[0].en, /does not keep nginx in the foreground/);
    assert.match(other[0].en, /not allowed here/);
  });
  it('fix: a CMD that is only `service nginx start` becomes the exec form', () => {
    const fixed = fixOnce(DG101, FT + 'CMD service nginx start\n');
    assert.equal(fixed, FT + 'CMD ["nginx", "-g", "daemon off;"]\n');
    assert.deepEqual(run(DG101, fixed), []);
  });
  it('fix: CMD ["nginx"] gets daemon off', () => {
    const fixed = fixOnce(DG101, FT + 'CMD ["nginx"]\n');
    assert.equal(fixed, FT + 'CMD ["nginx", "-g", "daemon off;"]\n');
    assert.deepEqual(run(DG101, fixed), []);
  });
  it('fix: inside a longer CMD, only that command is replaced', () => {
    const fixed = fixOnce(DG101, FT + 'CMD service mysql start && service nginx start\n');
    assert.equal(fixed, FT + "CMD service mysql start && nginx -g 'daemon off;'\n");
    assert.deepEqual(run(DG101, fixed), []);
  });
});

describe('DG102 bare interactive shell last', () => {
  it('fires on `… && bash` and on a script ending in bash', () => {
    const w = where(DG102, FT + 'CMD service nginx start && service mysql start && bash\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'bash');
    assertBilingual(run(DG102, FT + 'CMD service nginx start && bash\n'));
    const files = { 'srcs/init.sh': 'service nginx start\nservice mysql start\nbash\n' };
    const s = where(DG102, FT + 'COPY ./srcs/init.sh ./\nCMD bash init.sh\n', files);
    assert.equal(s.length, 1);
    assert.match(s[0].en, /`srcs\/init\.sh` line 3/);
  });
  it('follows a script linked into place by RUN ln -s', () => {
    const files = { 'srcs/startup.sh': 'nginx -g deamon off;\nservice nginx start\nbash\n' };
    const text = FT + 'COPY srcs/startup.sh /usr/local/bin/\nRUN ln -s /usr/local/bin/startup.sh /\nENTRYPOINT ["/bin/bash", "startup.sh"]\n';
    const w = where(DG102, text, files);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`srcs\/startup\.sh` line 3/);
  });
  it('fires on the FROM line when there is no CMD and the base image only runs bash', () => {
    const w = where(DG102, FT + 'COPY srcs/run.sh .\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'debian:buster');
    assert.match(w[0].en, /no CMD/);
    assert.deepEqual(where(DG102, 'FROM nginx:1.27\nRUN apt-get update && apt-get install -y curl\n'), [], 'nginx keeps its own CMD');
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\nRUN echo hi > /x\n'), [], 'nothing installed: a base image');
  });
  it('does not fire on a script run by bash, on bash -c, or on a plain base image', () => {
    assert.deepEqual(where(DG102, FT + 'CMD ["bash", "start.sh"]\n'), [], 'unreadable script: no judgement');
    assert.deepEqual(where(DG102, FT + `CMD ["bash", "-c", "nginx -g 'daemon off;'"]\n`), []);
    assert.deepEqual(where(DG102, 'FROM scratch\nADD rootfs.tar.xz /\nCMD ["bash"]\n'), []);
  });
});

describe('DG111 keep-alive main process', () => {
  it('fires on tail -f /dev/null, sleep infinity & wait and a while-true loop in a script', () => {
    assert.equal(where(DG111, FT + 'CMD service nginx start && tail -f /dev/null\n').length, 1);
    const w = where(DG111, FT + 'CMD /bin/bash ./db.sh && sleep infinity & wait\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'sleep infinity');
    const files = { 'srcs/setup.sh': 'service nginx start\nwhile true; do\n  sleep 0.3\ndone\n' };
    const s = where(DG111, FT + 'COPY srcs /srcs\nENTRYPOINT ["/bin/bash", "/srcs/setup.sh"]\n', files);
    assert.equal(s.length, 1);
    assert.match(s[0].en, /line 3/);
    assertBilingual(run(DG111, FT + 'CMD tail -f /dev/null\n'));
  });
  it('says what docker stop does to it: the classic start line, at info, names SIGTERM, the 10 s, 137 and the database', () => {
    // Info, not hint: VS Code's Problems panel does not list hints, and this is what the container does when stopped.
    assert.equal(DG111.severity, 'info');
    const w = where(DG111, FT + 'CMD service nginx start && service mysql start && tail -f /dev/null\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].en, '`tail -f /dev/null` only keeps the container alive: `nginx`, `mysql` run in the background, and PID 1 does not act on SIGTERM, so `docker stop` waits 10 s and then kills everything (exit code 137). `mysql` never shuts the database down cleanly. Run the last service in the foreground');
    assert.match(w[0].ko, /`nginx`, `mysql` 서비스는 백그라운드에서 실행되고, PID 1은 SIGTERM을 처리하지 않으므로 `docker stop` 명령은 10초를 기다린 뒤 모두 강제 종료합니다\(종료 코드 137\)\. `mysql` 서비스는 데이터베이스를 정상 종료하지 못합니다/);
    // In a start script: the services started above the keep-alive, and no database when there is none.
    const files = { 'srcs/start.sh': '#!/bin/sh\n/etc/init.d/nginx start\nphp-fpm7.3\nsleep infinity\n' };
    const s = where(DG111, FT + 'COPY srcs /srcs\nCMD ["sh", "/srcs/start.sh"]\n', files);
    assert.equal(s.length, 1);
    assert.match(s[0].en, /^`sleep infinity` only keeps the container alive \(`srcs\/start\.sh` line 4\): `nginx`, `php-fpm7\.3` run in the background/);
    assert.doesNotMatch(s[0].en, /database/);
    // Nothing started before it: the consequence for PID 1 alone.
    assert.match(where(DG111, FT + 'CMD ["tail", "-f", "/dev/null"]\n')[0].en, /^`tail -f \/dev\/null` only keeps the container alive: PID 1 does not act on SIGTERM/);
  });
  it('does not fire on a short sleep, a finite loop or a real service last', () => {
    assert.deepEqual(where(DG111, FT + `CMD sleep 5 && nginx -g 'daemon off;'\n`), []);
    assert.deepEqual(where(DG111, FT + 'CMD for i in 1 2 3; do sleep 1; done\n'), []);
    assert.deepEqual(where(DG111, FT + 'CMD ["tail", "-n", "20", "/var/log/x"]\n'), []);
  });
});

describe('DG103 shell-form ENTRYPOINT with a CMD', () => {
  it('fires on the CMD and names the ENTRYPOINT line', () => {
    const w = where(DG103, FT + 'ENTRYPOINT bash /root/start.sh\nCMD tail -f /dev/null\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 4);
    assert.match(w[0].en, /line 3/);
    assertBilingual(run(DG103, FT + 'ENTRYPOINT bash x.sh\nCMD ["y"]\n'));
  });
  it('does not fire with an exec-form ENTRYPOINT, without a CMD, or on CMD []', () => {
    assert.deepEqual(where(DG103, FT + 'ENTRYPOINT ["bash", "/root/start.sh"]\nCMD ["tail", "-f", "/dev/null"]\n'), []);
    assert.deepEqual(where(DG103, FT + 'ENTRYPOINT bash /root/start.sh\n'), []);
    assert.deepEqual(where(DG103, FT + 'ENTRYPOINT bash /root/start.sh\nCMD []\n'), []);
  });
});
