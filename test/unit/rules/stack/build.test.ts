import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG104 } from '../../../../server/src/rules/stack/DG104-nginxDaemonOffWrong';
import { DG105 } from '../../../../server/src/rules/stack/DG105-serviceStartedAtBuild';
import { DG106 } from '../../../../server/src/rules/stack/DG106-chmod777';
import { DG108 } from '../../../../server/src/rules/stack/DG108-downloadNotVerified';
import { DG110 } from '../../../../server/src/rules/stack/DG110-spacesAroundEquals';
import { assertBilingual, ctxOf, fixOnce, run, where } from '../hadolint/helpers';

const F = 'FROM debian:bookworm\n';

describe('DG104 daemon off argument', () => {
  it('fires on deamon in exec form and fixes the JSON string', () => {
    const text = F + 'ENTRYPOINT ["nginx", "-g", "deamon off;"]\n';
    const w = where(DG104, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'deamon off;');
    assertBilingual(run(DG104, text));
    const fixed = fixOnce(DG104, text);
    assert.equal(fixed, F + 'ENTRYPOINT ["nginx", "-g", "daemon off;"]\n');
    assert.deepEqual(run(DG104, fixed), []);
  });
  it('fires on the unquoted shell form and quotes it', () => {
    const text = F + 'CMD service mysql start && nginx -g deamon off;\n';
    const w = where(DG104, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'deamon off;');
    const fixed = fixOnce(DG104, text);
    assert.equal(fixed, F + "CMD service mysql start && nginx -g 'daemon off;'\n");
    assert.deepEqual(run(DG104, fixed), []);
  });
  it('fires on a missing semicolon', () => {
    assert.equal(where(DG104, F + 'CMD ["nginx", "-g", "daemon off"]\n').length, 1);
    assert.equal(fixOnce(DG104, F + `CMD nginx -g 'daemon off'\n`), F + `CMD nginx -g 'daemon off;'\n`);
  });
  it('does not fire on correct spellings', () => {
    assert.deepEqual(where(DG104, F + `CMD nginx -g 'daemon off;'\n`), []);
    assert.deepEqual(where(DG104, F + 'CMD ["nginx", "-g", "daemon off; worker_processes 2;"]\n'), []);
    assert.deepEqual(where(DG104, F + 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf\n'), []);
  });
  it('fires on every near miss of daemon in -g, says nginx refuses to start, and fixes it', () => {
    const spellings = ['dameon', 'deamon', 'daemno', 'demon', 'daemonn', 'Daemon', 'deamn'];
    let checked = 0;
    for (const typo of spellings) {
      const exec = F + `CMD ["nginx", "-g", "${typo} off;"]\n`;
      const w = where(DG104, exec);
      assert.equal(w.length, 1, typo);
      assert.equal(w[0].text, `${typo} off;`);
      assert.match(w[0].en, new RegExp(`unknown directive "${typo}"`));
      assert.match(w[0].en, /exit code 1/);
      assert.match(w[0].ko, /종료 코드 1/);
      assert.equal(fixOnce(DG104, exec), F + 'CMD ["nginx", "-g", "daemon off;"]\n');
      const shell = F + `CMD service mysql start && nginx -g '${typo} off;'\n`;
      assert.equal(where(DG104, shell).length, 1, typo);
      assert.equal(fixOnce(DG104, shell), F + "CMD service mysql start && nginx -g 'daemon off;'\n");
      checked++;
    }
    assert.equal(checked, spellings.length);
    assertBilingual(run(DG104, F + 'CMD ["nginx", "-g", "dameon off;"]\n'));
    // Only the misspelt directive changes; the others in the same -g value stay.
    assert.equal(fixOnce(DG104, F + 'CMD ["nginx", "-g", "pid /tmp/n.pid; dameon off;"]\n'), F + 'CMD ["nginx", "-g", "pid /tmp/n.pid; daemon off;"]\n');
    // A -g after nginx further down an exec-form argv (an entry script that runs its arguments).
    assert.equal(where(DG104, F + 'ENTRYPOINT ["/start.sh", "nginx", "-g", "dameon off;"]\n').length, 1);
  });
  it('near miss: real directives and far-off words in -g are left alone', () => {
    const ok = ['worker_processes 2;', 'pid /run/nginx.pid;', 'user www-data;', 'env TZ;', 'error_log stderr;', 'daemon on;'];
    let checked = 0;
    for (const g of ok) {
      assert.deepEqual(where(DG104, F + `CMD ["nginx", "-g", "${g}"]\n`), [], g);
      checked++;
    }
    assert.equal(checked, ok.length);
    // Not an nginx -g value: a word that looks like a typo elsewhere is not nginx's business.
    assert.deepEqual(where(DG104, F + 'CMD ["echo", "-g", "dameon off;"]\n'), []);
    assert.deepEqual(where(DG104, F + 'RUN echo "dameon off;" > /tmp/notes.txt && nginx -t\n'), []);
  });
  it('fires on a misspelt daemon in nginx configuration the Dockerfile writes, and fixes it there', () => {
    const echo = F + 'RUN echo "dameon off;" >> /etc/nginx/nginx.conf\n';
    const w = where(DG104, echo);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'dameon');
    assert.match(w[0].en, /\/etc\/nginx\/nginx\.conf/);
    assert.match(w[0].en, /unknown directive "dameon"/);
    assert.equal(fixOnce(DG104, echo), F + 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf\n');
    const tee = F + "RUN printf 'user www-data;\\ndeamon off;\\n' | tee -a /etc/nginx/nginx.conf\n";
    assert.equal(where(DG104, tee)[0]?.text, 'deamon');
    assert.equal(fixOnce(DG104, tee), F + "RUN printf 'user www-data;\\ndaemon off;\\n' | tee -a /etc/nginx/nginx.conf\n");
    const heredoc = F + 'COPY <<EOF /etc/nginx/nginx.conf\nuser www-data;\ndaemno off;\nevents {}\nEOF\n';
    const h = where(DG104, heredoc);
    assert.equal(h.length, 1);
    assert.equal(h[0].line, 4);
    assert.equal(h[0].text, 'daemno');
    assert.equal(fixOnce(DG104, heredoc), heredoc.replace('daemno', 'daemon'));
  });
  it('fires on a misspelt daemon in a context file copied under /etc/nginx, naming its line', () => {
    const files = { 'srcs/nginx.conf': 'user www-data;\n# foreground for Docker\ndemon off;\nevents {}\n' };
    const text = F + 'COPY srcs/nginx.conf /etc/nginx/\nCMD ["nginx"]\n';
    const w = where(DG104, text, files);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'srcs/nginx.conf');
    assert.match(w[0].en, /`srcs\/nginx\.conf` line 3/);
    assert.match(w[0].ko, /`srcs\/nginx\.conf` 3번 줄/);
    assert.match(w[0].en, /unknown directive "demon"/);
    assertBilingual(run(DG104, text, files));
    assert.deepEqual(DG104.fix!(ctxOf(text, files), run(DG104, text, files)[0]), [], 'another file: no edit here');
    // The same file spelt right, or copied somewhere nginx does not look, is quiet; a comment is not a directive.
    assert.deepEqual(where(DG104, text, { 'srcs/nginx.conf': 'daemon off;\n# dameon is a common typo\n' }), []);
    assert.deepEqual(where(DG104, F + 'COPY srcs/nginx.conf /tmp/\n', files), []);
  });
});

describe('DG105 service started at build time', () => {
  it('fires on RUN service nginx start and php-fpm', () => {
    const w = where(DG105, F + 'RUN service nginx start && service php7.3-fpm start\n');
    assert.deepEqual(w.map((x) => x.text), ['service nginx start', 'service php7.3-fpm start']);
    assertBilingual(run(DG105, F + 'RUN service nginx start\n'));
  });
  it('does not fire when the database is started to be seeded in the same RUN', () => {
    assert.deepEqual(where(DG105, F + `RUN service mysql start && mysql -e "CREATE DATABASE wp;"\n`), []);
    assert.deepEqual(where(DG105, F + 'RUN service mysql start \\\n && mysql < /tmp/init.sql\n'), []);
    assert.equal(where(DG105, F + 'RUN service mysql start\n').length, 1, 'nothing uses it afterwards');
  });
});

describe('DG106 chmod 777', () => {
  it('fires, with stronger wording on system folders', () => {
    const w = where(DG106, F + 'RUN chmod 777 /var/www/html/phpmyadmin/tmp && chmod -R 777 /etc/nginx/\n');
    assert.equal(w.length, 2);
    assert.doesNotMatch(w[0].en, /system folder/);
    assert.match(w[1].en, /system folder `\/etc\/nginx\/` and everything under it/);
    assert.match(where(DG106, F + 'RUN chmod -R 777 /var/*\n')[0].ko, /시스템 폴더/);
    assertBilingual(run(DG106, F + 'RUN chmod a+w /srv/x\n'));
  });
  it('does not fire on 755, the sticky 1777 or runtime folders', () => {
    assert.deepEqual(where(DG106, F + 'RUN chmod -R 755 /var/www && chmod 1777 /tmp/x && chmod 644 f\n'), []);
    assert.deepEqual(where(DG106, F + 'RUN chmod 777 /var/run/mysqld\n'), []);
  });
});

describe('DG108 download without checksum', () => {
  it('fires on wget/curl of an archive and on ADD <url>', () => {
    const w = where(DG108, F + 'RUN wget https://wordpress.org/latest.tar.gz && tar xzf latest.tar.gz\nADD https://files.phpmyadmin.net/phpMyAdmin/5.0.4/phpMyAdmin-5.0.4-all-languages.tar.gz /tmp/\n');
    assert.deepEqual(w.map((x) => x.line), [2, 3]);
    assert.equal(w[0].text, 'https://wordpress.org/latest.tar.gz');
    assertBilingual(run(DG108, F + 'RUN curl -LO https://x.org/a.zip\n'));
  });
  it('does not fire when the same RUN checks a checksum, or with ADD --checksum', () => {
    assert.deepEqual(where(DG108, F + 'RUN wget -O wp.tgz https://wordpress.org/wordpress-6.5.tar.gz && echo "abc  wp.tgz" | sha256sum -c -\n'), []);
    assert.deepEqual(where(DG108, F + 'ADD --checksum=sha256:abc https://x.org/a.tar.gz /tmp/\n'), []);
    assert.deepEqual(where(DG108, F + 'RUN curl -fsSL https://example.org/api/status\n'), [], 'not an archive');
  });
});

describe('DG110 spaces around =', () => {
  it('fires on LABEL key = value and removes the spaces', () => {
    const text = F + 'LABEL maintainer = "avuorio <a@b.nl>"\n';
    const w = where(DG110, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /sets the value to `= "avuorio <a@b\.nl>"`/);
    assertBilingual(run(DG110, text));
    const fixed = fixOnce(DG110, text);
    assert.equal(fixed, F + 'LABEL maintainer="avuorio <a@b.nl>"\n');
    assert.deepEqual(run(DG110, fixed), []);
  });
  it('quotes an unquoted value with spaces', () => {
    const fixed = fixOnce(DG110, F + 'ENV GREETING = hello world\n');
    assert.equal(fixed, F + 'ENV GREETING="hello world"\n');
    assert.deepEqual(run(DG110, fixed), []);
  });
  it('does not fire on key=value or the legacy form without =', () => {
    assert.deepEqual(where(DG110, F + 'LABEL a=b c="d e"\nENV AUTO_INDEX on\nENV X="= y"\n'), []);
  });
});
