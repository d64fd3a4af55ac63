import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3000 } from '../../../../server/src/rules/hadolint/DL3000';
import { DL3002 } from '../../../../server/src/rules/hadolint/DL3002';
import { DL3006 } from '../../../../server/src/rules/hadolint/DL3006';
import { DL3007 } from '../../../../server/src/rules/hadolint/DL3007';
import { DL3011 } from '../../../../server/src/rules/hadolint/DL3011';
import { DL3020 } from '../../../../server/src/rules/hadolint/DL3020';
import { DL3021 } from '../../../../server/src/rules/hadolint/DL3021';
import { DL3022 } from '../../../../server/src/rules/hadolint/DL3022';
import { DL3023 } from '../../../../server/src/rules/hadolint/DL3023';
import { DL3025 } from '../../../../server/src/rules/hadolint/DL3025';
import { DL3043 } from '../../../../server/src/rules/hadolint/DL3043';
import { DL3044 } from '../../../../server/src/rules/hadolint/DL3044';
import { DL3045 } from '../../../../server/src/rules/hadolint/DL3045';
import { DL3059 } from '../../../../server/src/rules/hadolint/DL3059';
import { DL3061 } from '../../../../server/src/rules/hadolint/DL3061';
import { assertBilingual, ctxOf, fixOnce, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';

describe('DL3000 absolute WORKDIR', () => {
  it('fires on a relative WORKDIR', () => {
    assert.equal(where(DL3000, F + 'WORKDIR app\n')[0].text, 'app');
    assertBilingual(run(DL3000, F + 'WORKDIR app\n'));
  });
  it('does not fire on absolute, variable or Windows paths', () => {
    assert.deepEqual(where(DL3000, F + 'WORKDIR /app\nWORKDIR $HOME\nWORKDIR "/x y"\nWORKDIR C:\\\\app\n'), []);
  });
});

describe('DL3002 last USER root', () => {
  it('fires when the final stage ends as root', () => {
    assert.equal(where(DL3002, F + 'USER app\nUSER root\n').length, 1);
    assert.equal(where(DL3002, F + 'USER 0:0\n').length, 1);
    assertBilingual(run(DL3002, F + 'USER root\n'));
  });
  it('does not fire when root is followed by another user, or in a build stage', () => {
    assert.deepEqual(where(DL3002, F + 'USER root\nRUN x\nUSER www-data\n'), []);
    assert.deepEqual(where(DL3002, 'FROM debian AS b\nUSER root\nFROM debian\nUSER app\n'), []);
  });
});

describe('DL3006/DL3007 image tags', () => {
  it('fire on an untagged image and on :latest', () => {
    assert.equal(where(DL3006, 'FROM debian\n')[0].text, 'debian');
    assert.equal(where(DL3007, 'FROM debian:latest\n')[0].text, 'debian:latest');
    assertBilingual(run(DL3006, 'FROM debian\n'));
    assertBilingual(run(DL3007, 'FROM debian:latest\n'));
  });
  it('do not fire on tags, digests, scratch, stage names or variables', () => {
    const text = 'ARG V=1\nFROM debian:bookworm AS a\nFROM localhost:5000/img:1\nFROM a\nFROM scratch\nFROM node@sha256:abc\nFROM img:$V\n';
    assert.deepEqual(where(DL3006, text), []);
    assert.deepEqual(where(DL3007, text), []);
  });
});

describe('DL3011 port range', () => {
  it('fires above 65535', () => {
    assert.equal(where(DL3011, F + 'EXPOSE 80 70000/tcp\n')[0].text, '70000/tcp');
    assertBilingual(run(DL3011, F + 'EXPOSE 99999\n'));
  });
  it('does not fire on valid ports, ranges or variables', () => {
    assert.deepEqual(where(DL3011, F + 'EXPOSE 80 443/tcp 8000-8010 $PORT\n'), []);
  });
});

describe('DL3020 ADD for local files', () => {
  it('fires and replaces ADD with COPY', () => {
    const text = F + 'ADD srcs/nginx.conf /etc/nginx/sites-available/default\n';
    assert.equal(where(DL3020, text)[0].text, 'ADD');
    assertBilingual(run(DL3020, text));
    const fixed = fixOnce(DL3020, text);
    assert.equal(fixed, F + 'COPY srcs/nginx.conf /etc/nginx/sites-available/default\n');
    assert.deepEqual(run(DL3020, fixed), []);
  });
  it('does not fire for URLs or archives', () => {
    assert.deepEqual(where(DL3020, F + 'ADD https://x.org/a.txt /a\nADD rootfs.tar.xz /\nADD wp.tar.gz /var/www/\n'), []);
  });
});

describe('DL3021 several sources', () => {
  it('fires when the destination lacks a slash', () => {
    assert.equal(where(DL3021, F + 'COPY a b /dest\n')[0].text, '/dest');
    assertBilingual(run(DL3021, F + 'COPY a b /dest\n'));
  });
  it('does not fire with a slash or one source', () => {
    assert.deepEqual(where(DL3021, F + 'COPY a b /dest/\nCOPY a /dest\nCOPY ["a", "b", "/d/"]\n'), []);
  });
});

describe('DL3022/DL3023 COPY --from', () => {
  it('DL3022 fires on an unknown alias; DL3023 on its own stage', () => {
    assert.equal(where(DL3022, 'FROM debian AS a\nCOPY --from=biuld /x /x\n')[0].text, 'biuld');
    assert.equal(where(DL3023, 'FROM debian AS a\nCOPY --from=a /x /x\n')[0].text, 'a');
    assertBilingual(run(DL3022, 'FROM debian\nCOPY --from=b /x /x\n'));
    assertBilingual(run(DL3023, 'FROM debian AS a\nCOPY --from=a /x /x\n'));
  });
  it('do not fire on an earlier stage, an index or an image', () => {
    const text = 'FROM debian AS build\nFROM debian\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n';
    assert.deepEqual(where(DL3022, text), []);
    assert.deepEqual(where(DL3023, text), []);
  });
});

describe('DL3025 exec form', () => {
  it('fires on shell-form CMD and converts a simple command', () => {
    const text = F + 'CMD nginx -g "daemon off;"\n';
    assert.equal(where(DL3025, text).length, 1);
    assertBilingual(run(DL3025, text));
    const fixed = fixOnce(DL3025, text);
    assert.equal(fixed, F + 'CMD ["nginx", "-g", "daemon off;"]\n');
    assert.deepEqual(run(DL3025, fixed), []);
  });
  it('offers no conversion when the shell is needed, and does not fire on exec form', () => {
    const ctxText = F + 'CMD service mysql start && nginx\n';
    assert.equal(where(DL3025, ctxText).length, 1);
    assert.deepEqual(DL3025.fix!(ctxOf(ctxText), run(DL3025, ctxText)[0]), []);
    assert.deepEqual(where(DL3025, F + 'CMD ["nginx"]\nENTRYPOINT ["x"]\n'), []);
  });
});

describe('DL3043 forbidden ONBUILD triggers', () => {
  it('fires on ONBUILD FROM/MAINTAINER', () => {
    assert.equal(where(DL3043, F + 'ONBUILD FROM x\nONBUILD MAINTAINER me\n').length, 2);
    assertBilingual(run(DL3043, F + 'ONBUILD ONBUILD RUN x\n'));
  });
  it('does not fire on ONBUILD RUN', () => {
    assert.deepEqual(where(DL3043, F + 'ONBUILD RUN echo hi\n'), []);
  });
});

describe('DL3044 self-reference in ENV', () => {
  it('fires on ENV A=1 B=$A', () => {
    assert.equal(where(DL3044, F + 'ENV A=1 B=$A/x\n')[0].text, '$A');
    assertBilingual(run(DL3044, F + 'ENV A=1 B=${A}\n'));
  });
  it('does not fire when defined earlier or in another ENV', () => {
    assert.deepEqual(where(DL3044, F + 'ENV A=1\nENV B=$A\nENV PATH=/x:$PATH C=1\n'), []);
    assert.deepEqual(where(DL3044, F + 'ENV A=0\nENV A=1 B=$A\n'), []);
  });
});

describe('DL3045 relative COPY destination without WORKDIR', () => {
  it('fires without WORKDIR', () => {
    assert.equal(where(DL3045, F + 'COPY srcs/x.sh ./\n')[0].text, './');
    assertBilingual(run(DL3045, F + 'COPY a tmp/a\n'));
  });
  it('does not fire with WORKDIR (also inherited) or an absolute path', () => {
    assert.deepEqual(where(DL3045, F + 'COPY a /tmp/a\nWORKDIR /app\nCOPY b ./\n'), []);
    assert.deepEqual(where(DL3045, 'FROM debian AS base\nWORKDIR /app\nFROM base\nCOPY b ./\n'), []);
  });
});

describe('DL3059 consecutive RUNs', () => {
  it('fires once per run of consecutive RUNs', () => {
    const w = where(DL3059, F + 'RUN a\nRUN b\nRUN c\nCOPY x /x\nRUN d\nRUN e\n');
    assert.deepEqual(w.map((x) => x.line), [3, 7]);
    assert.match(w[0].en, /^3 RUN/);
    assertBilingual(run(DL3059, F + 'RUN a\nRUN b\n'));
  });
  it('does not fire on separated RUNs or RUNs with --mount', () => {
    assert.deepEqual(where(DL3059, F + 'RUN a\nCOPY x /x\nRUN b\nRUN --mount=type=cache,target=/c c\n'), []);
  });
});

describe('DL3061 order', () => {
  it('fires when an instruction other than ARG comes before FROM', () => {
    assert.equal(where(DL3061, 'LABEL a=b\nFROM debian\n')[0].text, 'LABEL');
    assertBilingual(run(DL3061, 'RUN x\nFROM debian\n'));
  });
  it('does not fire on ARG, comments and directives before FROM', () => {
    assert.deepEqual(where(DL3061, '# syntax=docker/dockerfile:1\n# c\nARG V=1\nFROM debian:$V\n'), []);
  });
});
