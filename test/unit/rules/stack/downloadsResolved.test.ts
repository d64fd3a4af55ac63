/**
 * DG108 (a download with no checksum check) on URLs held in ARG/ENV values, and on programs: a download that is then
 * made executable or put into a `bin` folder in the same RUN. Firing cases, near misses, both languages.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG108 } from '../../../../server/src/rules/stack/DG108-downloadNotVerified';
import { assertBilingual, run, where } from '../hadolint/helpers';

const F = 'FROM debian:bookworm\n';

describe('DG108 resolves ARG and ENV values', () => {
  it('fires on wget $X when an ENV holds an archive URL, naming the variable and its value', () => {
    const text = F + 'ENV WP_URL=https://wordpress.org/latest.tar.gz\nRUN wget $WP_URL && tar xzf latest.tar.gz\n';
    const w = where(DG108, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[3, '$WP_URL']]);
    assert.equal(w[0].en, '`$WP_URL` (`https://wordpress.org/latest.tar.gz`) is downloaded without a checksum check');
    assert.equal(w[0].ko, '체크섬 확인 없이 내려받습니다: `$WP_URL` (`https://wordpress.org/latest.tar.gz`)');
    assertBilingual(run(DG108, text));
  });

  it('follows a value that refers to another variable, and an ARG default, global or in the stage', () => {
    const text =
      'ARG TOOL_URL=https://downloads.example.org/tool-2.1.zip\n' +
      F +
      'ARG TOOL_URL\n' +
      'ARG WP_VERSION=6.5\n' +
      'ENV WP_URL=https://wordpress.org/wordpress-${WP_VERSION}.tar.gz\n' +
      'RUN curl -fsSLo /tmp/wp.tgz "${WP_URL}" && tar -xzf /tmp/wp.tgz -C /var/www\n' +
      'RUN wget -q $TOOL_URL\n';
    const w = where(DG108, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[6, '"${WP_URL}"'], [7, '$TOOL_URL']]);
    assert.match(w[0].en, /\(`https:\/\/wordpress\.org\/wordpress-6\.5\.tar\.gz`\)/);
    assert.match(w[1].en, /\(`https:\/\/downloads\.example\.org\/tool-2\.1\.zip`\)/);
  });

  it('fires on ADD $X when the value is a URL, saying what it fetches', () => {
    const text = F + 'ARG PMA_URL=https://files.example.org/pma/pma-5.2.tar.gz\nADD ${PMA_URL} /tmp/\n';
    const w = where(DG108, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[3, '${PMA_URL}']]);
    assert.equal(w[0].en, '`ADD ${PMA_URL}` has no `--checksum` (it fetches `https://files.example.org/pma/pma-5.2.tar.gz`)');
    assert.equal(w[0].ko, '`ADD ${PMA_URL}`에 `--checksum` 옵션이 없습니다 (받는 URL: `https://files.example.org/pma/pma-5.2.tar.gz`)');
  });

  it('inside sh -c, the inner shell reads the ENV from its environment: that download fires too', () => {
    const text = F + "ENV PKG=https://example.org/pkg.tar.gz\nRUN sh -c 'wget $PKG && tar xzf pkg.tar.gz'\n";
    assert.deepEqual(where(DG108, text).map((x) => [x.line, x.text]), [[3, '$PKG']]);
  });

  it('stays quiet when the value is not an archive, unknown, set by the RUN itself, single-quoted, or checked', () => {
    const text =
      F +
      'ENV STATUS_URL=https://example.org/api/status\n' +
      'ARG SRC_URL\n' +
      'ENV PKG=https://example.org/pkg.tar.gz\n' +
      'ARG REPO=https://github.com/example/site.git\n' +
      'RUN curl -fsSL $STATUS_URL\n' +
      'RUN wget $SRC_URL\n' +
      'RUN PKG=https://example.org/api/ping && curl -fsSL $PKG\n' +
      // Single quotes keep `$PKG` as written: wget gets no URL.
      "RUN wget '$PKG'\n" +
      'RUN wget -O /tmp/p.tgz $PKG && echo "0123abcd  /tmp/p.tgz" | sha256sum -c -\n' +
      'ADD ${REPO} /src\n' +
      'ADD --checksum=sha256:0123abcd $PKG /tmp/\n';
    assert.deepEqual(where(DG108, text), []);
  });
});

describe('DG108 on downloaded programs', () => {
  it('fires when the downloaded file is made executable with chmod (+x, 755) later in the RUN', () => {
    const text =
      F +
      'RUN curl -Lo /usr/local/bin/kubectl https://dl.example.org/release/v1.30.0/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl\n' +
      'RUN wget -O composer-setup https://getcomposer.example.org/installer && chmod 755 ./composer-setup\n';
    const w = where(DG108, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [
      [2, 'https://dl.example.org/release/v1.30.0/bin/linux/amd64/kubectl'],
      [3, 'https://getcomposer.example.org/installer'],
    ]);
    assert.equal(
      w[0].en,
      '`https://dl.example.org/release/v1.30.0/bin/linux/amd64/kubectl` is downloaded to `/usr/local/bin/kubectl` and made executable with `chmod +x` without a checksum check',
    );
    assert.equal(
      w[0].ko,
      '체크섬 확인 없이 내려받은 `/usr/local/bin/kubectl` 파일에 `chmod +x` 명령으로 실행 권한을 줍니다: `https://dl.example.org/release/v1.30.0/bin/linux/amd64/kubectl`',
    );
    assert.match(w[1].en, /made executable with `chmod 755`/);
    assertBilingual(run(DG108, text));
  });

  it('fires when the download (named by -o, -O or wget -P) is moved, copied or installed into a bin folder', () => {
    const text =
      F +
      'RUN curl -fsSLO https://example.org/releases/yq_linux_amd64 && mv yq_linux_amd64 /usr/local/bin/yq\n' +
      'RUN wget -P /tmp https://example.org/dl/tool && install -m 0755 /tmp/tool /usr/local/bin/tool\n' +
      'RUN curl -sSL https://example.org/dl/mkcert -o mkcert && cp mkcert /root/.local/bin/\n';
    const w = where(DG108, text);
    assert.deepEqual(w.map((x) => x.line), [2, 3, 4]);
    assert.equal(w[0].en, '`https://example.org/releases/yq_linux_amd64` is downloaded to `yq_linux_amd64` and put into a `bin` folder with `mv … /usr/local/bin/yq` without a checksum check');
    assert.match(w[0].ko, /^체크섬 확인 없이 내려받은 `yq_linux_amd64` 파일을 `mv … \/usr\/local\/bin\/yq` 명령으로 `bin` 디렉터리에 넣습니다: /);
    assert.match(w[1].en, /downloaded to `\/tmp\/tool` and put into a `bin` folder with `install … \/usr\/local\/bin\/tool`/);
    assertBilingual(run(DG108, text));
  });

  it('pairs each curl -o with its own URL, and follows a URL held in an ENV', () => {
    const text =
      F +
      'ENV MC_URL=https://dl.example.org/client/mc\n' +
      'RUN curl -o /usr/local/bin/a https://example.org/a -o /tmp/b https://example.org/b && chmod +x /usr/local/bin/a\n' +
      'RUN curl -fsSL -o /usr/local/bin/mc "$MC_URL" && chmod a+rx /usr/local/bin/mc\n';
    assert.deepEqual(where(DG108, text).map((x) => [x.line, x.text]), [[3, 'https://example.org/a'], [4, '"$MC_URL"']]);
  });

  it('stays quiet on a download that is checked, not made a program, or another file', () => {
    const text =
      F +
      'RUN curl -Lo /usr/local/bin/kubectl https://dl.example.org/kubectl && echo "0123abcd  /usr/local/bin/kubectl" | sha256sum -c - && chmod +x /usr/local/bin/kubectl\n' +
      'RUN curl -fsSLo /etc/app/config.json https://example.org/config.json\n' +
      'RUN curl -o /tmp/data https://example.org/data && chmod 644 /tmp/data && chmod a-x /tmp/data && cp /tmp/data /srv/\n' +
      'RUN curl -o /tmp/tool https://example.org/tool && chmod +x /tmp/other && mv /tmp/notes /usr/local/bin/\n' +
      'RUN curl -fsSL https://example.org/tool > /tmp/tool\n' +
      // The proxy's URL is an option value, not a download.
      'RUN curl -x http://proxy.example.org:3128 -o /tmp/page https://example.org/page && chmod +x /tmp/page2\n';
    assert.deepEqual(where(DG108, text), []);
  });
});
