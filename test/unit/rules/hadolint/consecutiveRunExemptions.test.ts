/**
 * DL3059 (issue 15) follows hadolint's exemptions: RUNs whose flags differ, and RUNs next to a RUN that is already a
 * chain of two or more commands (hadolint's `> 2` over a list that holds each command twice), are not reported.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3059 } from '../../../../server/src/rules/hadolint/DL3059';
import { substitutions } from '../../../../server/src/rules/helpers/commandCount';
import { assertBilingual, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';
const lines = (text: string) => where(DL3059, F + text).map((f) => f.line);

describe('DL3059: consecutive single-command RUNs are reported', () => {
  it('fires on two single-command RUNs, also with comments between them', () => {
    const w = where(DL3059, F + 'RUN apt-get update\nRUN apt-get install -y nginx\n');
    assert.deepEqual(
      w.map((f) => [f.line, f.text]),
      [[3, 'RUN']],
    );
    assert.match(w[0].en, /^2 RUN instructions in a row/);
    assert.deepEqual(lines('RUN useradd app\n# then its home\n\nRUN mkdir /home/app\n'), [5]);
    assertBilingual(run(DL3059, F + 'RUN a\nRUN b\n'));
  });

  it('fires on RUNs with the same mount, written in another order or with another option name', () => {
    assert.deepEqual(lines('RUN --mount=type=cache,target=/root/.cache pip install flask\nRUN --mount=target=/root/.cache,type=cache pip install gunicorn\n'), [3]);
    assert.deepEqual(lines('RUN --mount=target=/src make\nRUN --mount=type=bind,dst=/src make check\n'), [3]);
  });

  it('counts commands as hadolint does: tests in [ ] and names that are not literal do not count', () => {
    // `[ -f … ]` is a test expression for ShellCheck, not a command: this RUN holds one command (rm).
    assert.deepEqual(lines('RUN if [ -f /etc/motd ]; then rm /etc/motd; fi\nRUN touch /etc/motd\n'), [3]);
    // `$SETUP` has no literal name: only `echo` counts.
    assert.deepEqual(lines('RUN $SETUP && echo done\nRUN echo again\n'), [3]);
  });

  it('reports a run once, on its second RUN, and a chain ends the run', () => {
    const w = where(DL3059, F + 'RUN a\nRUN b\nRUN c\nRUN d && e\nRUN f\nRUN g\n');
    assert.deepEqual(
      w.map((f) => [f.line, f.en.split(';')[0]]),
      [
        [3, '3 RUN instructions in a row'],
        [7, '2 RUN instructions in a row'],
      ],
    );
  });
});

describe('DL3059: the RUNs hadolint leaves alone stay quiet', () => {
  it('stays quiet when the neighbours use different --mount (or other) flags', () => {
    assert.deepEqual(lines('RUN --mount=type=secret,id=npmrc npm ci\nRUN npm run build\n'), []);
    assert.deepEqual(lines('RUN --mount=type=cache,target=/var/cache/apt apt-get update\nRUN --mount=type=cache,target=/root/.npm npm ci\n'), []);
    assert.deepEqual(lines('RUN --network=none make test\nRUN make install\n'), []);
  });

  it('stays quiet when either RUN is already a chain of commands', () => {
    const chains = [
      'RUN apt-get update && apt-get install -y nginx\nRUN rm /etc/nginx/sites-enabled/default',
      'RUN echo a; echo b\nRUN echo c',
      'RUN echo c\nRUN curl -fsSL https://example.org/install.sh | sh',
      'RUN echo "built on $(date -u)" > /build-info\nRUN chmod 444 /build-info',
      'RUN ln -s /usr/bin/python3 `which python`\nRUN python --version',
      'RUN ["sh", "-c", "mkdir /data && chown 1000 /data"]\nRUN ["touch", "/data/.keep"]',
      'RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN curl --version',
    ];
    for (const c of chains) assert.deepEqual(lines(c + '\n'), [], c);
  });

  it('stays quiet on RUNs separated by another instruction or in different stages', () => {
    assert.deepEqual(lines('RUN a\nENV X=1\nRUN b\nFROM debian:bookworm\nRUN c\n'), []);
  });

  it('finds command substitutions, not quoted text or arithmetic', () => {
    assert.deepEqual(substitutions('"$(id -u):$(id -g)"'), ['id -u', 'id -g']);
    assert.deepEqual(substitutions('`uname -m`'), ['uname -m']);
    assert.deepEqual(substitutions("'$(not run)'"), []);
    assert.deepEqual(substitutions('$((1 + 2))'), []);
    assert.deepEqual(substitutions('$(echo "a)b")'), ['echo "a)b"']);
  });
});
