import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3003 } from '../../../../server/src/rules/hadolint/DL3003';
import { DL3004 } from '../../../../server/src/rules/hadolint/DL3004';
import { DL3013 } from '../../../../server/src/rules/hadolint/DL3013';
import { DL3016 } from '../../../../server/src/rules/hadolint/DL3016';
import { DL3018 } from '../../../../server/src/rules/hadolint/DL3018';
import { DL3019 } from '../../../../server/src/rules/hadolint/DL3019';
import { DL3042 } from '../../../../server/src/rules/hadolint/DL3042';
import { DL3047 } from '../../../../server/src/rules/hadolint/DL3047';
import { DL4001 } from '../../../../server/src/rules/hadolint/DL4001';
import { DL4006 } from '../../../../server/src/rules/hadolint/DL4006';
import { assertBilingual, fixOnce, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';
const A = 'FROM alpine:3.20\n';

describe('DL3003 cd', () => {
  it('fires on a cd that nothing in its RUN runs after', () => {
    // `cd /tmp && make` is the build pattern and stays quiet since issue 15 (cdExemptions.test.ts).
    assert.equal(where(DL3003, F + 'RUN mkdir -p /tmp/b && cd /tmp/b\n')[0].text, 'cd /tmp/b');
    assertBilingual(run(DL3003, F + 'RUN cd /tmp\n'));
  });
  it('leaves RUNs under a PowerShell SHELL alone', () => {
    assert.deepEqual(where(DL3003, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN cd C:\\; echo x\n'), []);
  });
  it('does not fire inside a subshell or on cd as an argument', () => {
    assert.deepEqual(where(DL3003, F + 'RUN (cd /src && make) && echo cd\n'), []);
  });
});

describe('DL3004 sudo', () => {
  it('fires on sudo, also behind env', () => {
    assert.equal(where(DL3004, F + 'RUN sudo apt-get update\n').length, 1);
    assert.equal(where(DL3004, F + 'RUN env A=1 sudo -u x id\n').length, 1);
    assertBilingual(run(DL3004, F + 'RUN sudo x\n'));
  });
  it('does not fire on installing sudo or writing sudoers', () => {
    assert.deepEqual(where(DL3004, F + 'RUN apt-get install -y sudo && echo "x ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers\n'), []);
  });
});

describe('DL3013/DL3042 pip', () => {
  it('DL3013 fires on unpinned packages; DL3042 without --no-cache-dir', () => {
    const text = 'FROM python:3.12\nRUN pip install requests flask==3.0 && python -m pip install rich\n';
    assert.equal(where(DL3013, text).length, 2);
    assert.equal(where(DL3042, text).length, 2);
    assertBilingual(run(DL3013, text));
    assertBilingual(run(DL3042, text));
  });
  it('do not fire on pinned, requirements files, --no-cache-dir or PIP_NO_CACHE_DIR', () => {
    assert.deepEqual(where(DL3013, 'FROM python:3.12\nRUN pip install -r requirements.txt flask==3.0 .\n'), []);
    assert.deepEqual(where(DL3042, 'FROM python:3.12\nRUN pip install --no-cache-dir x\n'), []);
    assert.deepEqual(where(DL3042, 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n'), []);
  });
});

describe('DL3016 npm', () => {
  it('fires on unpinned packages', () => {
    assert.match(where(DL3016, 'FROM node:20\nRUN npm install -g pm2 @scope/x\n')[0].en, /`pm2`, `@scope\/x`/);
    assertBilingual(run(DL3016, 'FROM node:20\nRUN npm i pm2\n'));
  });
  it('does not fire on versions, plain npm install or paths', () => {
    assert.deepEqual(where(DL3016, 'FROM node:20\nRUN npm install && npm install -g pm2@5.4.2 @scope/x@1 ./local\n'), []);
  });
});

describe('DL3018/DL3019 apk', () => {
  it('fire on unpinned packages and on a missing --no-cache', () => {
    const text = A + 'RUN apk add curl nginx=1.26.2-r0\n';
    assert.match(where(DL3018, text)[0].en, /`curl`/);
    assert.equal(where(DL3019, text).length, 1);
    assertBilingual(run(DL3018, text));
    assertBilingual(run(DL3019, text));
  });
  it('do not fire when pinned / with --no-cache / a virtual name', () => {
    assert.deepEqual(where(DL3018, A + 'RUN apk add --no-cache --virtual .deps curl=8.5.0-r0\n'), []);
    assert.deepEqual(where(DL3019, A + 'RUN apk add --no-cache curl\n'), []);
  });
});

describe('DL3047 wget progress', () => {
  it('fires on a bare wget and adds --progress', () => {
    const text = F + 'RUN wget https://wordpress.org/latest.tar.gz\n';
    assert.equal(where(DL3047, text)[0].text, 'wget');
    assertBilingual(run(DL3047, text));
    const fixed = fixOnce(DL3047, text);
    assert.equal(fixed, F + 'RUN wget --progress=dot:giga https://wordpress.org/latest.tar.gz\n');
    assert.deepEqual(run(DL3047, fixed), []);
  });
  it('does not fire with -q, -nv or --progress', () => {
    assert.deepEqual(where(DL3047, F + 'RUN wget -q x && wget -nv y && wget --progress=bar:force z && wget -qO- u\n'), []);
  });
});

describe('DL4001 wget and curl', () => {
  it('fires on the less used tool', () => {
    const w = where(DL4001, F + 'RUN wget a && wget b\nRUN curl -O c\n');
    assert.deepEqual(w.map((x) => x.line), [3]);
    assertBilingual(run(DL4001, F + 'RUN wget a && curl b\n'));
  });
  it('does not fire with one tool', () => {
    assert.deepEqual(where(DL4001, F + 'RUN apt-get install -y curl wget && wget a\n'), []);
  });
});

describe('DL4006 pipefail', () => {
  it('fires on a pipe without pipefail', () => {
    assert.equal(where(DL4006, F + 'RUN curl -fsSL https://x | tar xz\n')[0].text, 'curl -fsSL https://x');
    assertBilingual(run(DL4006, F + 'RUN wget -O- x | sh\n'));
  });
  it('does not fire with set -o pipefail, a pipefail SHELL, or echo on the left', () => {
    assert.deepEqual(where(DL4006, F + 'RUN set -eux -o pipefail; curl x | tar xz\n'), []);
    assert.deepEqual(where(DL4006, F + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | tar xz\n'), []);
    assert.deepEqual(where(DL4006, F + 'RUN echo "$SUM *f" | sha256sum -c -\n'), []);
  });
});
