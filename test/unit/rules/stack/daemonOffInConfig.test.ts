/**
 * `daemon off;` put into nginx's configuration instead of on the command line (issue 15): DG101, DG102 and DG111
 * read where the Dockerfile writes it. nginx takes `daemon` only in its main context (ngx_core_commands in nginx's
 * src/core/nginx.c declare it NGX_MAIN_CONF); there it keeps `nginx` and `service nginx start` in the foreground.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG101 } from '../../../../server/src/rules/stack/DG101-mainProcessExits';
import { DG102 } from '../../../../server/src/rules/stack/DG102-interactiveShellLast';
import { DG104 } from '../../../../server/src/rules/stack/DG104-nginxDaemonOffWrong';
import { DG111 } from '../../../../server/src/rules/stack/DG111-keepAliveMainProcess';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

const BASE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\n';
const SERVICE = 'CMD service nginx start\n';
const BARE = 'CMD ["nginx"]\n';

describe('daemon off written into nginx.conf by a RUN', () => {
  const ways: [string, string][] = [
    ['echo >>', `RUN echo "daemon off;" >> /etc/nginx/nginx.conf\n`],
    ['printf >>', `RUN printf 'daemon off;\\n' >> /etc/nginx/nginx.conf\n`],
    ['tee -a', `RUN echo 'daemon off;' | tee -a /etc/nginx/nginx.conf > /dev/null\n`],
    ['sed s after a main-context directive', `RUN sed -i 's/^worker_processes auto;/&\\ndaemon off;/' /etc/nginx/nginx.conf\n`],
    ['sed s with another delimiter and -e', `RUN sed -i -e 's|^pid /run/nginx.pid;|&\\ndaemon off;|' /etc/nginx/nginx.conf\n`],
    ['sed s keeping the matched line, -i last', `RUN sed 's/^user .*/&\\ndaemon off;/' -i /etc/nginx/nginx.conf\n`],
    ['sed 1i', `RUN sed -i '1i daemon off;' /etc/nginx/nginx.conf\n`],
    ['sed $a', `RUN sed -i '$a\\daemon off;' /etc/nginx/nginx.conf\n`],
    ['sed i before http', `RUN sed -i '/^http {/i daemon off;' /etc/nginx/nginx.conf\n`],
    ['cat heredoc >>', 'RUN cat <<EOF >> /etc/nginx/nginx.conf\ndaemon off;\nEOF\n'],
    ['heredoc inside a RUN <<EOF script', 'RUN <<EOF\nset -e\ncat >> /etc/nginx/nginx.conf <<CONF\ndaemon off;\nCONF\nEOF\n'],
  ];
  for (const [name, run1] of ways) {
    it(`keeps service nginx start and bare nginx quiet: ${name}`, () => {
      assert.deepEqual(where(DG101, BASE + run1 + SERVICE), [], name);
      assert.deepEqual(where(DG101, BASE + run1 + BARE), [], name);
      assert.deepEqual(where(DG101, BASE + run1 + 'CMD /etc/init.d/nginx start\n'), [], name);
    });
  }
  it('reads the right body when one line opens two heredocs', () => {
    const text = BASE + 'RUN <<EOF\ncat <<A > /etc/nginx/conf.d/a.conf; cat <<B >> /etc/nginx/nginx.conf\nserver_tokens off;\nA\ndaemon off;\nB\nEOF\n';
    assert.deepEqual(where(DG101, text + SERVICE), []);
    // Swapped, daemon off goes into conf.d, inside http {}.
    const swapped = text.replace('server_tokens off;', 'X').replace('daemon off;', 'server_tokens off;').replace('X', 'daemon off;');
    assert.match(where(DG101, swapped + SERVICE)[0].en, /in `\/etc\/nginx\/conf\.d\/a\.conf`/);
  });
  it('reads a script the Dockerfile copies and runs at build time', () => {
    const files = { 'srcs/setup.sh': '#!/bin/sh\nset -e\nprintf "daemon off;\\n" >> /etc/nginx/nginx.conf\n' };
    const text = BASE + 'COPY srcs/setup.sh /tmp/\nRUN bash /tmp/setup.sh\n' + SERVICE;
    assert.deepEqual(where(DG101, text, files), []);
    // Without the build context the script cannot be read: the Dockerfile alone says nothing of daemon off.
    assert.equal(where(DG101, text).length, 1);
    // Brought in with the whole context, or from a copied folder.
    assert.deepEqual(where(DG101, BASE + 'WORKDIR /app\nCOPY . .\nRUN sh srcs/setup.sh\n' + SERVICE, files), []);
    assert.deepEqual(where(DG101, BASE + 'COPY srcs /opt/srcs\nRUN /opt/srcs/setup.sh\n' + SERVICE, files), []);
    // The same script copied but never run writes nothing.
    assert.equal(where(DG101, BASE + 'COPY srcs/setup.sh /tmp/\n' + SERVICE, files).length, 1);
  });
});

describe('daemon off in an nginx.conf copied from the build context', () => {
  const withOff = { 'conf/nginx.conf': 'user www-data;\nworker_processes auto;\ndaemon off;\nevents {\n  worker_connections 512;\n}\nhttp {\n  include /etc/nginx/sites-enabled/*;\n}\n' };
  it('is quiet when it is at the top level', () => {
    assert.deepEqual(where(DG101, BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\n' + SERVICE, withOff), []);
    assert.deepEqual(where(DG101, BASE + 'COPY conf/nginx.conf /etc/nginx/\n' + BARE, withOff), []);
    assert.deepEqual(where(DG101, BASE + 'ADD ["conf/nginx.conf", "/etc/nginx/nginx.conf"]\n' + SERVICE, withOff), []);
  });
  it('is quiet when it is in a file nginx.conf includes at its top level', () => {
    const files = {
      'conf/nginx.conf': 'user www-data;\ninclude /etc/nginx/main.d/*.conf;\nevents {}\nhttp {}\n',
      'conf/foreground.conf': 'daemon off;\n',
    };
    const text = BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\nCOPY conf/foreground.conf /etc/nginx/main.d/\n' + SERVICE;
    assert.deepEqual(where(DG101, text, files), []);
  });
  it('still fires when the copied nginx.conf has no daemon off, with the -g fix', () => {
    const files = { 'conf/nginx.conf': 'user www-data;\nevents {}\nhttp {}\n' };
    const text = BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\n' + SERVICE;
    const w = where(DG101, text, files);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /starts the service in the background/);
    assert.equal(fixOnce(DG101, text, files), BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx", "-g", "daemon off;"]\n');
  });
  it('fires when a later COPY replaces the nginx.conf that had daemon off appended', () => {
    const files = { 'conf/nginx.conf': 'user www-data;\nevents {}\nhttp {}\n' };
    const text = BASE + 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf\nCOPY conf/nginx.conf /etc/nginx/nginx.conf\n' + SERVICE;
    assert.equal(where(DG101, text, files).length, 1);
    // In the other order the appended line is in the copied file.
    const reordered = BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\nRUN echo "daemon off;" >> /etc/nginx/nginx.conf\n' + SERVICE;
    assert.deepEqual(where(DG101, reordered, files), []);
  });
});

describe('daemon off where nginx does not take it', () => {
  it('fires on daemon off inside http {} of a copied nginx.conf, with what nginx says', () => {
    const files = { 'conf/nginx.conf': 'user www-data;\nevents {}\nhttp {\n  daemon off;\n  include /etc/nginx/conf.d/*.conf;\n}\n' };
    const text = BASE + 'COPY conf/nginx.conf /etc/nginx/nginx.conf\n' + BARE;
    const found = run(DG101, text, files);
    assert.equal(found.length, 1);
    assertBilingual(found);
    assert.match(found[0].message.en, /`conf\/nginx\.conf` line 4/);
    assert.match(found[0].message.en, /"daemon" directive is not allowed here/);
    assert.match(found[0].message.en, /exits with code 1/);
    assert.doesNotMatch(found[0].message.en, /forks into a daemon/);
    assert.match(found[0].message.ko, /`conf\/nginx\.conf` 파일 4번 줄/);
    // `-g 'daemon off;'` would not help: nginx still refuses the file.
    assert.equal(found[0].data?.nginx, false);
  });
  it('fires on daemon off written inside a block by a heredoc or a sed that appends after `http {`', () => {
    const heredoc = BASE + 'COPY <<EOF /etc/nginx/nginx.conf\nevents {}\nhttp {\n    daemon off;\n}\nEOF\n' + SERVICE;
    const h = where(DG101, heredoc);
    assert.equal(h.length, 1);
    assert.match(h[0].en, /`Dockerfile` line 6/);
    assert.match(h[0].en, /not allowed here/);
    const sed = where(DG101, BASE + `RUN sed -i '/^http {/a daemon off;' /etc/nginx/nginx.conf\n` + SERVICE);
    assert.equal(sed.length, 1);
    assert.match(sed[0].en, /inside a block/);
    // Debian's nginx.conf has `sendfile on;` inside `http {}`: the line added after it is in there too.
    const inHttp = where(DG101, BASE + `RUN sed -i 's/sendfile on;/&\\n\\tdaemon off;/' /etc/nginx/nginx.conf\n` + SERVICE);
    assert.equal(inHttp.length, 1);
    assert.match(inHttp[0].en, /inside a block/);
  });
  it('fires on daemon off written into a site or conf.d file', () => {
    for (const dest of ['/etc/nginx/sites-available/default', '/etc/nginx/conf.d/foreground.conf']) {
      const text = BASE + `RUN echo "daemon off;" >> ${dest}\n` + SERVICE;
      const found = run(DG101, text);
      assert.equal(found.length, 1, dest);
      assertBilingual(found);
      assert.match(found[0].message.en, new RegExp(`in \`${dest.replace(/[.]/g, '\\.')}\``));
      assert.match(found[0].message.en, /does not keep nginx in the foreground/);
      assert.equal(found[0].data?.nginx, false);
    }
    const files = { 'srcs/default': 'daemon off;\nserver {\n  listen 80;\n}\n' };
    const copied = where(DG101, BASE + 'COPY srcs/default /etc/nginx/sites-available/default\n' + SERVICE, files);
    assert.equal(copied.length, 1);
    assert.match(copied[0].en, /`srcs\/default` line 1/);
  });
  it('takes the files a stock nginx.conf includes at its top level: modules-enabled (Debian), conf.d (Alpine package)', () => {
    assert.deepEqual(where(DG101, BASE + 'RUN echo "daemon off;" > /etc/nginx/modules-enabled/00-foreground.conf\n' + SERVICE), []);
    const alpine = 'FROM alpine:3.20\nRUN apk add --no-cache nginx\nRUN echo "daemon off;" > /etc/nginx/conf.d/foreground.conf\n' + BARE;
    assert.deepEqual(where(DG101, alpine), []);
    // nginx.org's packaging (the nginx images, Alpine ones too) includes conf.d inside http {}.
    // (ENTRYPOINT: the image's own entrypoint script would otherwise run the CMD.)
    const official = 'FROM nginx:1.27-alpine\nRUN echo "daemon off;" > /etc/nginx/conf.d/foreground.conf\nENTRYPOINT ["nginx"]\n';
    assert.match(where(DG101, official)[0].en, /not allowed here/);
    // A nginx.conf of its own decides instead: here it includes nothing at the top level.
    const files = { 'nginx.conf': 'events {}\nhttp {\n  include conf.d/*.conf;\n}\n' };
    const own = 'FROM alpine:3.20\nRUN apk add --no-cache nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nRUN echo "daemon off;" > /etc/nginx/conf.d/foreground.conf\n' + BARE;
    assert.equal(where(DG101, own, files).length, 1);
  });
  it('fires on daemon on appended, and offers no -g fix beside it', () => {
    const text = BASE + 'RUN echo "daemon on;" >> /etc/nginx/nginx.conf\n';
    const bare = run(DG101, text + BARE);
    assert.equal(bare.length, 1);
    assertBilingual(bare);
    assert.match(bare[0].message.en, /sets `daemon on;` \(`Dockerfile` line 3\)/);
    assert.equal(bare[0].data?.nginx, false, 'nginx refuses a second daemon directive from -g');
    const service = run(DG101, text + SERVICE);
    assert.equal(service.length, 1);
    assert.equal(service[0].data?.nginx, false);
  });
  it('fires when a sed takes the daemon line out again', () => {
    const text = BASE + `RUN echo "daemon off;" >> /etc/nginx/nginx.conf && sed -i '/^daemon/d' /etc/nginx/nginx.conf\n` + SERVICE;
    assert.equal(where(DG101, text).length, 1);
  });
  it('fires in a stage the final stage is not built from', () => {
    const text = 'FROM debian:bookworm AS other\nRUN echo "daemon off;" >> /etc/nginx/nginx.conf\n' + BASE + SERVICE;
    assert.equal(where(DG101, text).length, 1);
  });
});

describe('nginx kept in the foreground by its configuration, before the last command', () => {
  const OFF = BASE + 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf\n';
  it('DG111: the keep-alive after it never runs', () => {
    assert.deepEqual(where(DG111, OFF + 'CMD service nginx start && tail -f /dev/null\n'), []);
    const files = { 'start.sh': '#!/bin/bash\nservice nginx start\nsleep infinity\n' };
    assert.deepEqual(where(DG111, OFF + 'COPY start.sh /\nCMD ["bash", "/start.sh"]\n', files), []);
    // Without daemon off in the configuration, nginx daemonizes and tail is what keeps the container up.
    const w = where(DG111, BASE + 'CMD service nginx start && tail -f /dev/null\n');
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`nginx` runs in the background/);
    // In the background (`&`) it does not hold the script up, daemon off or not.
    assert.equal(where(DG111, OFF + 'CMD nginx & tail -f /dev/null\n').length, 1);
  });
  it('DG101 and DG102: the commands after it never run either', () => {
    assert.deepEqual(where(DG101, OFF + 'CMD service nginx start && service php8.2-fpm start\n'), []);
    assert.deepEqual(where(DG102, OFF + 'CMD service nginx start; bash\n'), []);
    assert.equal(where(DG102, BASE + 'CMD service nginx start; bash\n').length, 1);
  });
});

describe('DG104 reads the new ways of writing nginx configuration', () => {
  it('a misspelt daemon in a RUN heredoc: reported on the word, fixed in place', () => {
    const text = BASE + 'RUN cat <<EOF >> /etc/nginx/nginx.conf\ndeamon off;\nEOF\n' + SERVICE;
    const w = where(DG104, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 4);
    assert.equal(w[0].text, 'deamon');
    assert.equal(fixOnce(DG104, text), BASE + 'RUN cat <<EOF >> /etc/nginx/nginx.conf\ndaemon off;\nEOF\n' + SERVICE);
  });
  it('a misspelt daemon in a sed replacement and in a build-time script', () => {
    const sed = where(DG104, BASE + `RUN sed -i '1i dameon off;' /etc/nginx/nginx.conf\n`);
    assert.equal(sed.length, 1);
    assert.equal(sed[0].text, 'dameon');
    const files = { 'setup.sh': '#!/bin/sh\n\necho "daemno off;" >> /etc/nginx/nginx.conf\n' };
    const script = where(DG104, BASE + 'COPY setup.sh /root/\nRUN sh /root/setup.sh\n', files);
    assert.equal(script.length, 1);
    assert.equal(script[0].text, 'sh /root/setup.sh');
    assert.match(script[0].en, /`setup\.sh` line 3/);
    // And DG101 says nginx does not start, naming the script's line.
    const main = where(DG101, BASE + 'COPY setup.sh /root/\nRUN sh /root/setup.sh\n' + SERVICE, files);
    assert.equal(main.length, 1);
    assert.match(main[0].en, /unknown directive "daemno"/);
    assert.match(main[0].en, /`setup\.sh` line 3/);
  });
});
