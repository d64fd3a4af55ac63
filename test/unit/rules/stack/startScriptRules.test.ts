/**
 * The command rules that look inside the start script the CMD/ENTRYPOINT runs (rules/stack/startScript.ts): DG106
 * (chmod 777) and DG123 (packages installed at container start); and DG101 keeping `service x start` at the end of a
 * script to itself. The diagnostic stays on the Dockerfile line that runs the script; the message names the script
 * and its line.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG101 } from '../../../../server/src/rules/stack/DG101-mainProcessExits';
import { DG106 } from '../../../../server/src/rules/stack/DG106-chmod777';
import { DG111 } from '../../../../server/src/rules/stack/DG111-keepAliveMainProcess';
import { DG123 } from '../../../../server/src/rules/stack/DG123-installAtContainerStart';
import { startScripts } from '../../../../server/src/rules/stack/startScript';
import { assertBilingual, ctxOf, run, where } from '../hadolint/helpers';

const BASE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\n';

/** A start script: line 2 opens a web folder to everyone, line 3 installs a package, the last keeps nginx up. */
const RUNNER = "#!/bin/sh\nchmod -R 777 /var/www/html\napt-get install -y curl\nexec nginx -g 'daemon off;'\n";

describe('DG106 inside the start script', () => {
  it('fires on `chmod 777` in the script the exec-form CMD runs, on the CMD, naming the script line', () => {
    const text = BASE + 'COPY tools/run.sh /usr/local/bin/run.sh\nCMD ["/usr/local/bin/run.sh"]\n';
    const w = where(DG106, text, { 'tools/run.sh': RUNNER });
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 4, 'on the CMD line');
    assert.equal(w[0].text, '["/usr/local/bin/run.sh"]');
    assert.equal(w[0].en, '`tools/run.sh` line 2: `chmod -R 777 /var/www/html` gives every user write access; set the owner with `chown` and use 755/644');
    assert.match(w[0].ko, /^`tools\/run\.sh` 파일 2번 줄: `chmod -R 777 \/var\/www\/html`: 모든 사용자에게 쓰기 권한을 줍니다/);
    assertBilingual(run(DG106, text, { 'tools/run.sh': RUNNER }));
  });
  it('follows a shell-form CMD that runs the script, relative to WORKDIR, and sits on that command', () => {
    const text = BASE + 'WORKDIR /app\nCOPY boot.sh .\nCMD service php8.2-fpm start && bash boot.sh\n';
    const files = { 'boot.sh': 'cd /app\nchmod 666 data.json\nexec nginx -g "daemon off;"\n' };
    const w = where(DG106, text, files);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'bash boot.sh');
    assert.match(w[0].en, /^`boot\.sh` line 2: `chmod 666 data\.json` gives every user write access/);
  });
  it('follows the script an ENTRYPOINT hands over to with `exec "$@"`', () => {
    const text = BASE + 'COPY entry.sh setup.sh /\nENTRYPOINT ["/entry.sh"]\nCMD ["/setup.sh"]\n';
    const files = { 'entry.sh': '#!/bin/sh\nset -e\nexec "$@"\n', 'setup.sh': '#!/bin/sh\n\nchmod 0777 /srv/uploads\nexec nginx -g "daemon off;"\n' };
    const w = where(DG106, text, files);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 4, 'on the ENTRYPOINT: the CMD is only its arguments');
    assert.match(w[0].en, /^`setup\.sh` line 3: `chmod 0777 \/srv\/uploads`/);
  });
  it('judges a RUN chmod once, as before, and a script run only by RUN not at all', () => {
    const text = BASE + 'COPY prep.sh run.sh /\nRUN chmod 777 /var/www && sh /prep.sh\nCMD ["/run.sh"]\n';
    const files = { 'prep.sh': 'chmod 777 /etc/nginx\n', 'run.sh': "exec nginx -g 'daemon off;'\n" };
    const w = where(DG106, text, files);
    assert.equal(w.length, 1, 'only the RUN command');
    assert.equal(w[0].line, 4);
    assert.equal(w[0].text, 'chmod 777 /var/www');
  });
  it('stays quiet on `chmod 777 /tmp` and /run in the script, on a function never called, and without the context', () => {
    const text = BASE + 'COPY run.sh /\nCMD ["/run.sh"]\n';
    const quiet = "chmod 777 /tmp\nchmod 1777 /var/tmp\nchmod 777 /run/php\nfix() {\n  chmod 777 /var/www\n}\nexec nginx -g 'daemon off;'\n";
    assert.deepEqual(where(DG106, text, { 'run.sh': quiet }), []);
    assert.deepEqual(DG106.check({ doc: ctxOf(text, { 'run.sh': RUNNER }).doc }), [], 'no context reader');
  });
  it('does not follow the CMD under a shell-form ENTRYPOINT, which never runs it', () => {
    const text = BASE + 'COPY run.sh /\nENTRYPOINT nginx -g "daemon off;"\nCMD ["/run.sh"]\n';
    assert.deepEqual(where(DG106, text, { 'run.sh': RUNNER }), []);
    assert.deepEqual(where(DG123, text, { 'run.sh': RUNNER }), []);
  });
  it('does not follow a script that is not brought in by COPY/ADD', () => {
    const text = BASE + 'CMD ["/run.sh"]\n';
    assert.deepEqual(where(DG106, text, { 'run.sh': RUNNER }), []);
  });
});

describe('DG123 packages installed at container start', () => {
  it('fires once per start script, naming the first install and how many follow', () => {
    const text = BASE + 'COPY srcs/init.sh /root/init.sh\nCMD bash /root/init.sh\n';
    const files = { 'srcs/init.sh': '#!/bin/bash\napt-get update\napt-get -y install wget\napt-get -y install mariadb-server\nservice mysql start\nexec nginx -g "daemon off;"\n' };
    const w = where(DG123, text, files);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 4);
    assert.equal(w[0].text, 'bash /root/init.sh');
    assert.equal(
      w[0].en,
      '`srcs/init.sh` line 3: `apt-get -y install wget` (and 1 more install command) downloads and installs packages every time the container starts; move it into a RUN of the Dockerfile so they are in the image',
    );
    assert.match(w[0].ko, /^`srcs\/init\.sh` 파일 3번 줄: `apt-get -y install wget` 명령\(외 설치 명령 1개\)은 컨테이너가 시작할 때마다/);
    assertBilingual(run(DG123, text, files));
  });
  it('fires on an install written in a shell-form CMD itself, on that command', () => {
    const w = where(DG123, BASE + `CMD apt-get install -y curl && nginx -g 'daemon off;'\n`);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'apt-get install -y curl');
    assert.match(w[0].en, /every time the container starts/);
    assert.equal(where(DG123, 'FROM alpine:3.20\nCMD apk add curl && crond -f\n').length, 1);
  });
  it('stays quiet on installs in RUN, in a script run only at build time, and on a local .deb', () => {
    const text = BASE + 'COPY build.sh run.sh /\nRUN sh /build.sh\nCMD ["/run.sh"]\n';
    const files = { 'build.sh': 'apt-get install -y curl\n', 'run.sh': 'apt-get update\napt-get install -y /tmp/tool.deb\nexec nginx -g "daemon off;"\n' };
    assert.deepEqual(where(DG123, text, files), []);
    assert.deepEqual(where(DG123, BASE + `CMD ["nginx", "-g", "daemon off;"]\n`), []);
  });
});

describe('service … start at the end of a start script (DG101 already says it)', () => {
  it('is DG101 alone, once, naming the script line; the script rules add nothing for it', () => {
    const text = BASE + 'COPY start.sh /\nCMD ["/start.sh"]\n';
    const files = { 'start.sh': '#!/bin/sh\nservice mariadb start\nservice nginx start\n' };
    const w = where(DG101, text, files);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`start\.sh` line 3/);
    assert.match(w[0].ko, /`start\.sh` 파일 3번 줄/);
    assert.deepEqual(where(DG111, text, files), []);
    assert.deepEqual(where(DG106, text, files), []);
    assert.deepEqual(where(DG123, text, files), []);
  });
});

describe('DG101: a command that returns at once after services started in the background', () => {
  it('fires when a script ends in `echo` after `service … start`, naming the script line', () => {
    const text = BASE + 'COPY start.sh /\nCMD ["/start.sh"]\n';
    const files = { 'start.sh': '#!/bin/sh\nservice mariadb start\nservice nginx start\necho "ready"\n' };
    const w = where(DG101, text, files);
    assert.equal(w.length, 1);
    assert.equal(
      w[0].en,
      'The container exits at once: the last command, `echo ready`, returns at once, and `mariadb`, `nginx` started before it run in the background, which does not keep the container up (`start.sh` line 4)',
    );
    assert.match(w[0].ko, /마지막 명령인 `echo ready` 명령은 바로 끝나고, 그 앞에서 띄운 `mariadb`, `nginx` 서비스는 .*\(`start\.sh` 파일 4번 줄\)$/);
    assertBilingual(run(DG101, text, files));
    assert.deepEqual(where(DG111, text, files), [], 'reported once');
  });
  it('fires on a shell-form CMD ending in `true` after a service', () => {
    const w = where(DG101, BASE + 'CMD service nginx start && true\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'true');
  });
  it('stays quiet without a background service, after a foreground server, and inside an `if`', () => {
    const text = BASE + 'COPY start.sh /\nCMD ["/start.sh"]\n';
    assert.deepEqual(where(DG101, text, { 'start.sh': 'echo hello\n' }), []);
    assert.deepEqual(where(DG101, text, { 'start.sh': `service mariadb start\nnginx -g 'daemon off;'\necho bye\n` }), []);
    const branch = `service mariadb start\nif [ -n "$DEBUG" ]; then\n  echo debug\nfi\n`;
    assert.deepEqual(where(DG101, text, { 'start.sh': branch }), []);
  });
});

describe('startScripts', () => {
  it('is worked out once per document version and reader', () => {
    const ctx = ctxOf(BASE + 'COPY run.sh /\nCMD ["/run.sh"]\n', { 'run.sh': RUNNER });
    const a = startScripts(ctx);
    assert.equal(a.length, 1);
    assert.equal(a[0].path, 'run.sh');
    assert.equal(startScripts(ctx), a);
    assert.notEqual(startScripts({ doc: ctx.doc, readContextFile: () => null }), a, 'another reader is asked again');
  });
});
