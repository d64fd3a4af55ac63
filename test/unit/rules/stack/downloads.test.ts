/**
 * DG114 (a download with the certificate check turned off) and DG115 (a downloaded script piped into a shell): the
 * firing cases, the near misses that must stay quiet, and both languages of each message.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG114 } from '../../../../server/src/rules/stack/DG114-certificateCheckOff';
import { DG115 } from '../../../../server/src/rules/stack/DG115-remoteScriptPipedToShell';
import { assertBilingual, run, where } from '../hadolint/helpers';

const F = 'FROM debian:bookworm\n';

describe('DG114 certificate check turned off', () => {
  it('fires on curl -k / --insecure, alone or in a short-option group, naming the flag', () => {
    const w = where(DG114, F + 'RUN curl -k https://example.org/a.tgz -o /tmp/a.tgz\nRUN curl -fsSLk https://example.org/b\nRUN curl --insecure -O https://example.org/c\n');
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[2, '-k'], [3, '-fsSLk'], [4, '--insecure']]);
    assert.match(w[1].en, /`curl -fsSLk` skips the server certificate check/);
    assert.match(w[1].ko, /서버 인증서를 확인하지 않으므로/);
    assertBilingual(run(DG114, F + 'RUN curl -k https://example.org/x\n'));
  });
  it('fires on wget --no-check-certificate and on git turning http.sslVerify off', () => {
    const text =
      F +
      'RUN wget --no-check-certificate https://example.org/x.tar.gz\n' +
      'RUN git -c http.sslVerify=false clone https://example.org/r.git\n' +
      'RUN git config --global http.sslverify false\n' +
      'RUN GIT_SSL_NO_VERIFY=1 git clone https://example.org/r.git\n' +
      'ENV GIT_SSL_NO_VERIFY=true\n';
    assert.deepEqual(
      where(DG114, text).map((x) => [x.line, x.text]),
      [[6, 'GIT_SSL_NO_VERIFY'], [2, '--no-check-certificate'], [3, 'http.sslVerify=false'], [4, 'http.sslverify'], [5, 'GIT_SSL_NO_VERIFY=1']],
    );
    assertBilingual(run(DG114, text));
  });
  it('stays quiet when the check stays on, or a -k is only part of another option’s value', () => {
    const text =
      F +
      'RUN curl -fsSL https://example.org/x -o /tmp/x\n' +
      // `-o` takes the rest of the group as its value: this writes a file called `k`, the check stays on.
      'RUN curl -fsSLok https://example.org/x\n' +
      'RUN curl -H "X-k: 1" https://example.org/x\n' +
      'RUN wget -q https://example.org/x\n' +
      'RUN git -c http.sslVerify=true clone https://example.org/r.git && git config http.sslVerify true\n' +
      'RUN git clone https://example.org/r.git\n';
    assert.deepEqual(where(DG114, text), []);
  });
});

describe('DG115 remote script piped into a shell', () => {
  it('fires on curl | sh and wget -O- | bash, from the download to the shell', () => {
    const text =
      F +
      'RUN curl -fsSL https://deb.example.org/setup.sh | bash -\n' +
      'RUN wget -qO- https://example.org/install.sh | sh\n' +
      'RUN apt-get update && wget -O - https://example.org/i.sh | sudo sh -s -- --yes\n';
    const w = where(DG115, text);
    assert.deepEqual(w.map((x) => x.line), [2, 3, 4]);
    assert.equal(w[0].text, 'curl -fsSL https://deb.example.org/setup.sh | bash -');
    assert.match(w[1].en, /`https:\/\/example.org\/install.sh` is run by `sh` without any check/);
    assertBilingual(run(DG115, text));
  });
  it('also inside sh -c', () => {
    assert.deepEqual(where(DG115, F + `RUN sh -c 'curl -fsSL https://example.org/i.sh | sh'\n`).map((x) => x.line), [2]);
  });
  it('stays quiet on a download to a file, a checked install, or a pipe into something else', () => {
    const text =
      F +
      'RUN curl -fsSLo /tmp/i.sh https://example.org/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n' +
      'RUN curl -fsSL https://example.org/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' +
      'RUN wget -O /tmp/x.sh https://example.org/x.sh | cat\n' +
      'RUN curl -fsSL https://example.org/data.tgz | tar -xz -C /opt\n' +
      'RUN echo "echo hi" | sh\n';
    assert.deepEqual(where(DG115, text), []);
  });
});

describe('DG114 and DG115 beside a checksum check', () => {
  it('DG114 stays quiet when the same RUN checks the download against a pinned checksum (a swapped file fails the build)', () => {
    const text = F + 'RUN curl -fsSL -k -o /tmp/a.tgz https://example.org/a.tgz && echo "0123abcd  /tmp/a.tgz" | sha256sum -c - && tar -xzf /tmp/a.tgz\n';
    assert.deepEqual(where(DG114, text), []);
  });
  it('DG115 sees `curl -o -` and `-o-` as standard output, and `-o file` as a file', () => {
    const text = F + 'RUN curl -o - https://example.org/i.sh | sh\nRUN curl -o- https://example.org/i.sh | bash\nRUN curl -o /tmp/i.sh https://example.org/i.sh | sh\n';
    assert.deepEqual(where(DG115, text).map((x) => x.line), [2, 3]);
  });
});
