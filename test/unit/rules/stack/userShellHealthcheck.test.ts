import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG117 } from '../../../../server/src/rules/stack/DG117-userTakesOneArgument';
import { DG118 } from '../../../../server/src/rules/stack/DG118-shellWithoutDashC';
import { DG119, imageWithoutShell } from '../../../../server/src/rules/stack/DG119-healthcheckShellForm';
import { ParsedDocument } from '../../../../server/src/service/document';
import { computeDiagnostics } from '../../../../server/src/service/diagnostics';
import { assertBilingual, ctxOf, fixOnce, run, where } from '../hadolint/helpers';

const DEB = 'FROM debian:bookworm-slim\n';

/** Every diagnostic on one line (0-based) of the whole pipeline: dockerfile-utils and all rules. */
function onLine(text: string, line: number) {
  return computeDiagnostics(new ParsedDocument('file:///x/Dockerfile', 1, text)).filter((d) => d.range.start.line === line);
}

describe('DG117 USER with more than one word', () => {
  it('fires on `USER user group`, names the stored name and the real error, and joins the words with a colon', () => {
    const text = DEB + 'RUN useradd web\nUSER web www-data\nRUN id\n';
    const w = where(DG117, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 3);
    assert.equal(w[0].text, 'web www-data');
    assert.match(w[0].en, /the user is `web www-data`, space included/);
    assert.match(w[0].en, /unable to find user web www-data: no matching entries in passwd file/);
    assert.match(w[0].en, /`USER web:www-data`/);
    assert.match(w[0].ko, /`USER web:www-data`/);
    assertBilingual(run(DG117, text));
    assert.equal(fixOnce(DG117, text), DEB + 'RUN useradd web\nUSER web:www-data\nRUN id\n');
    // One problem, one diagnostic: dockerfile-utils says nothing about USER's words.
    assert.deepEqual(onLine(text, 2).map((d) => d.code), ['DG117']);
    assert.equal(onLine(text, 2)[0].severity, 1);
  });

  it('fires on numeric ids and on three words, where no fix is guessed', () => {
    assert.equal(fixOnce(DG117, DEB + 'USER 1000 1000\n'), DEB + 'USER 1000:1000\n');
    const three = DEB + 'USER app staff wheel\n';
    const w = where(DG117, three);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /USER takes one `user\[:group\]`/);
    assert.deepEqual(DG117.fix!(ctxOf(three), run(DG117, three)[0]), []);
  });

  it('fires on a comment at the end of the line and moves it above', () => {
    const text = DEB + '  USER app # drop root\nCMD ["app"]\n';
    const w = where(DG117, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`#` starts a comment only at the beginning of a line/);
    assert.match(w[0].ko, /줄 맨 앞에서만 주석/);
    assert.equal(fixOnce(DG117, text), DEB + '  # drop root\n  USER app\nCMD ["app"]\n');
  });

  it('fires across a line continuation', () => {
    const text = DEB + 'USER app \\\n  staff\n';
    assert.equal(where(DG117, text).length, 1);
    assert.equal(fixOnce(DG117, text), DEB + 'USER app:staff\n');
  });

  it('stays quiet on one name, user:group, variables, quoted names and Windows images', () => {
    for (const user of ['app', 'app:staff', '1000:1000', '$APP_USER', '${APP_UID}:${APP_GID}', '${APP_USER:-web server}', '"web server"']) {
      assert.deepEqual(where(DG117, DEB + `USER ${user}\n`), [], user);
    }
    assert.deepEqual(where(DG117, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER NT AUTHORITY\\SYSTEM\n'), []);
    assert.deepEqual(where(DG117, '# escape=`\nFROM example/base\nUSER Container User\n'), []);
    // A stage built FROM a Windows stage is on Windows too.
    assert.deepEqual(where(DG117, 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base\nFROM base\nUSER Some Account\n'), []);
  });
});

describe('DG118 SHELL without -c', () => {
  it('fires on SHELL ["/bin/sh"], names the RUN that fails, and appends "-c"', () => {
    const text = DEB + 'SHELL ["/bin/sh"]\nRUN echo hello\n';
    const w = where(DG118, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 2);
    assert.match(w[0].en, /takes each command line for the name of a script file/);
    assert.match(w[0].en, /The RUN on line 3 fails with `No such file`/);
    assert.match(w[0].ko, /3번 줄의 RUN은 `No such file` 오류로 실패합니다/);
    assertBilingual(run(DG118, text));
    assert.equal(run(DG118, text)[0].atLeast, 'error');
    assert.equal(fixOnce(DG118, text), DEB + 'SHELL ["/bin/sh", "-c"]\nRUN echo hello\n');
    assert.deepEqual(onLine(text, 1).map((d) => d.code), ['DG118']);
    assert.equal(onLine(text, 1)[0].severity, 1);
  });

  it('keeps the options and appends "-c" after them', () => {
    const text = DEB + 'SHELL ["/bin/bash", "-o", "pipefail"]\nCMD echo hi\n';
    const w = where(DG118, text);
    assert.match(w[0].en, /The CMD on line 3 fails with `No such file` when the container starts/);
    assert.match(w[0].ko, /3번 줄의 CMD는 컨테이너가 시작될 때/);
    assert.equal(fixOnce(DG118, text), DEB + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD echo hi\n');
    assert.equal(fixOnce(DG118, DEB + 'SHELL ["/bin/zsh", "-e"]\n'), DEB + 'SHELL ["/bin/zsh", "-e", "-c"]\n');
  });

  it('names a RUN in a stage built FROM this one, and is a warning when nothing uses the shell', () => {
    const text = 'FROM debian:bookworm-slim AS base\nSHELL ["bash"]\nCMD ["true"]\nFROM debian:bookworm-slim AS other\nRUN true\nFROM base\nRUN echo inherited\n';
    const w = where(DG118, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /The RUN on line 7 fails/);
    const alone = DEB + 'SHELL ["/bin/sh"]\nCMD ["app"]\n';
    assert.match(where(DG118, alone)[0].en, /Every later shell-form RUN, CMD and ENTRYPOINT fails this way/);
    assert.equal(run(DG118, alone)[0].atLeast, undefined);
    assert.equal(onLine(alone, 1)[0].severity, 2);
  });

  it('says -s runs nothing and swaps it for -c', () => {
    const text = DEB + 'SHELL ["/bin/sh", "-s"]\nRUN make install\n';
    const w = where(DG118, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /reads its commands from standard input, which is empty during a build, so the RUN on line 3 runs nothing and still succeeds/);
    assert.match(w[0].ko, /3번 줄의 RUN은 아무것도 실행하지 않고/);
    assert.equal(fixOnce(DG118, text), DEB + 'SHELL ["/bin/sh", "-c"]\nRUN make install\n');
  });

  it('stays quiet with -c in any spelling, with a script operand, and for shells that are not POSIX', () => {
    for (const shell of [
      '["/bin/sh", "-c"]',
      '["/bin/bash", "-o", "pipefail", "-c"]',
      '["/bin/bash", "-euxo", "pipefail", "-c"]',
      '["bash", "-lc"]',
      '["/bin/bash", "--login", "-c"]',
      '["/bin/ash", "-eo", "pipefail", "-c"]',
      '["/bin/bash", "/usr/local/bin/run-step.sh"]',
      '["pwsh", "-Command"]',
      '["cmd", "/S", "/C"]',
      '["/usr/bin/env"]',
    ]) {
      assert.deepEqual(where(DG118, DEB + `SHELL ${shell}\nRUN echo hi\n`), [], shell);
    }
  });

  it('leaves a SHELL that is not a JSON array to dockerfile-utils, which says what the builders say', () => {
    for (const shell of ['/bin/bash -c', '"bin/sh"', "['/bin/sh', '-c']"]) {
      const text = DEB + `SHELL ${shell}\nRUN echo hi\n`;
      assert.deepEqual(where(DG118, text), [], shell);
      const d = onLine(text, 1);
      assert.deepEqual(d.map((x) => x.code), ['shellJsonForm'], shell);
      // BuildKit parse.go parseShell → errNotJSON: "SHELL requires the arguments to be in JSON form".
      assert.equal(d[0].message.en, 'SHELL requires the arguments to be in JSON form');
      assert.equal(d[0].severity, 1);
    }
  });
});

describe('DG119 shell-form HEALTHCHECK', () => {
  it('fires as a hint when the shell runs the check as a child, and converts a plain command with || exit 1', () => {
    const text = DEB + 'HEALTHCHECK --interval=10s CMD curl -f http://localhost/ || exit 1\n';
    const w = where(DG119, text);
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'CMD curl -f http://localhost/ || exit 1');
    assert.match(w[0].en, /Docker kills only the shell: `curl` keeps running in the container/);
    assert.match(w[0].en, /`HEALTHCHECK CMD \["curl", "-f", "http:\/\/localhost\/"\]`/);
    assert.match(w[0].ko, /Docker는 셸만 종료하므로 `curl` 명령은 컨테이너 안에 남아/);
    assertBilingual(run(DG119, text));
    assert.equal(fixOnce(DG119, text), DEB + 'HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/"]\n');
    const d = onLine(text, 1);
    assert.deepEqual(d.map((x) => x.code), ['DG119']);
    assert.equal(d[0].severity, 4);
  });

  it('advises a time limit of its own when the shell is needed, and offers no fix', () => {
    const text = DEB + 'HEALTHCHECK CMD curl -fsS "http://127.0.0.1:${PORT}/" > /dev/null || exit 1\n';
    const w = where(DG119, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /The shell is needed here: give `curl` a time limit of its own/);
    assert.deepEqual(DG119.fix!(ctxOf(text), run(DG119, text)[0]), []);
    const pipe = DEB + 'HEALTHCHECK CMD pg_isready -q && psql -c "select 1"\n';
    assert.match(where(DG119, pipe)[0].en, /`timeout 5 pg_isready …`/);
  });

  it('says every check fails on an image without /bin/sh, and converts a single command', () => {
    const text = 'FROM scratch\nCOPY server /server\nHEALTHCHECK CMD /server -health\nCMD ["/server"]\n';
    const w = where(DG119, text);
    assert.equal(w.length, 1);
    assert.match(w[0].en, /this image \(FROM scratch\) has no \/bin\/sh: every check fails \(`stat \/bin\/sh: no such file or directory`\)/);
    assert.match(w[0].ko, /unhealthy로 표시됩니다/);
    assert.equal(run(DG119, text)[0].atLeast, 'warning');
    assert.equal(onLine(text, 2)[0].severity, 2);
    assert.equal(fixOnce(DG119, text), 'FROM scratch\nCOPY server /server\nHEALTHCHECK CMD ["/server", "-health"]\nCMD ["/server"]\n');
    const distroless = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nHEALTHCHECK CMD /app health\n';
    assert.match(where(DG119, distroless)[0].en, /FROM gcr\.io\/distroless\/static-debian12:nonroot\) has no \/bin\/sh/);
  });

  it('knows which images have no shell', () => {
    assert.equal(imageWithoutShell('scratch'), true);
    assert.equal(imageWithoutShell('gcr.io/distroless/base-debian12'), true);
    assert.equal(imageWithoutShell('gcr.io/distroless/java17-debian12:nonroot'), true);
    assert.equal(imageWithoutShell('gcr.io/distroless/base-debian12:debug'), false);
    assert.equal(imageWithoutShell('gcr.io/distroless/static@sha256:' + 'a'.repeat(64)), false);
    assert.equal(imageWithoutShell('alpine:3.20'), false);
    assert.equal(imageWithoutShell(null), false);
  });

  it('stays quiet on exec form, single commands, NONE, a chosen SHELL, and a scratch image given a shell', () => {
    for (const hc of ['CMD ["curl", "-f", "http://localhost/"]', 'CMD curl -f http://localhost/', 'CMD /healthcheck.sh', 'NONE', '--interval=5s CMD ["pg_isready"]']) {
      assert.deepEqual(where(DG119, DEB + `HEALTHCHECK ${hc}\n`), [], hc);
    }
    assert.deepEqual(where(DG119, DEB + 'SHELL ["/bin/bash", "-c"]\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n'), []);
    // The daemon uses the image's final SHELL, wherever it is written.
    assert.deepEqual(where(DG119, DEB + 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1\nSHELL ["/bin/bash", "-c"]\n'), []);
    assert.deepEqual(where(DG119, 'FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nHEALTHCHECK CMD /app health\n'), []);
    assert.deepEqual(where(DG119, 'FROM scratch\nADD rootfs.tar /\nHEALTHCHECK CMD /app health\n'), []);
    assert.deepEqual(where(DG119, 'FROM gcr.io/distroless/base-debian12:debug\nHEALTHCHECK CMD /app health\n'), []);
  });
});
