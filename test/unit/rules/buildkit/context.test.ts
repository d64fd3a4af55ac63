import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CopyIgnoredFile, isIgnored, parseDockerignore } from '../../../../server/src/rules/buildkit/CopyIgnoredFile';
import { looksSecret, SecretsUsedInArgOrEnv } from '../../../../server/src/rules/buildkit/SecretsUsedInArgOrEnv';
import { UndefinedVar } from '../../../../server/src/rules/buildkit/UndefinedVar';
import { findings, fixed, lines } from './helpers';

describe('UndefinedVar', () => {
  it('fires on an unknown name in a bare base image, with a suggestion', () => {
    const f = findings(UndefinedVar, lines('FROM debian:buster', 'ENV APP_DIR=/app', 'COPY srcs $APP_DRI/'));
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /\$APP_DRI.*did you mean \$APP_DIR/);
    assert.deepEqual(f[0].range.start, { line: 2, character: 10 });
  });
  it('fires on a global ARG or platform ARG not redeclared in the stage', () => {
    const f = findings(UndefinedVar, lines('ARG VERSION=1', 'FROM golang:1.22', 'LABEL v=$VERSION', 'COPY bin-$TARGETARCH /bin/x'));
    assert.equal(f.length, 2);
    assert.match(f[0].message.en, /Global ARG 'VERSION'/);
    assert.match(f[1].message.en, /Predefined ARG 'TARGETARCH'/);
  });
  it('declares a global or platform ARG in the stage', () => {
    const text = lines('ARG VERSION=1', 'FROM golang:1.22 AS build', 'LABEL v=$VERSION');
    const out = fixed(UndefinedVar, text);
    assert.equal(out, lines('ARG VERSION=1', 'FROM golang:1.22 AS build', 'ARG VERSION', 'LABEL v=$VERSION'));
    assert.equal(findings(UndefinedVar, out).length, 0);
    const multi = lines('FROM alpine AS a', 'RUN true', 'FROM alpine', 'COPY bin-$TARGETARCH /x');
    const out2 = fixed(UndefinedVar, multi);
    assert.equal(out2, lines('FROM alpine AS a', 'RUN true', 'FROM alpine', 'ARG TARGETARCH', 'COPY bin-$TARGETARCH /x'));
    assert.equal(findings(UndefinedVar, out2).length, 0);
  });
  it('respects ARG/ENV scope, inheritance through FROM <stage>, modifiers, quotes, heredocs and RUN', () => {
    const ok = lines(
      'ARG VERSION=1',
      'FROM debian AS base',
      'ARG VERSION',
      'ENV APP=/app PATH=$PATH:/app/bin',
      'LABEL v=$VERSION',
      'FROM base',
      'WORKDIR $APP',
      "ENV MSG='$NOT_EXPANDED'",
      'COPY ${MAYBE:-default} /x',
      'COPY <<EOF /etc/x',
      '$INSIDE_HEREDOC',
      'EOF',
      'RUN echo $ANYTHING_GOES_IN_RUN',
      'USER $HOME',
    );
    assert.deepEqual(findings(UndefinedVar, ok).map((f) => f.message.en), []);
  });
  it('only says "may be undefined", at most info, about unknown names on images whose ENV we cannot see', () => {
    const f = findings(UndefinedVar, lines('FROM php:8.3-fpm', 'COPY php.ini $PHP_INI_DIR/'));
    assert.deepEqual(f.map((x) => [x.atMost, /may be undefined/.test(x.message.en)]), [['info', true]]);
  });
  it('but catches a one-letter typo of a name in scope there', () => {
    assert.equal(findings(UndefinedVar, lines('FROM php:8.3-fpm', 'ENV WEB_ROOT=/var/www', 'COPY . $WEB_RO0T')).length, 1);
  });
  it('ARG of one stage is not visible in the next, only in a stage built FROM it (BuildKit; see test/claims/stages)', () => {
    assert.equal(findings(UndefinedVar, lines('FROM alpine AS a', 'ARG X=1', 'FROM alpine', 'ENV Y=$X')).length, 1);
    assert.equal(findings(UndefinedVar, lines('FROM alpine AS a', 'ARG X=1', 'FROM a', 'ENV Y=$X')).length, 0);
    assert.equal(findings(UndefinedVar, lines('FROM alpine AS a', 'ARG X=1', 'FROM a AS b', 'FROM b', 'ENV Y=$X')).length, 0);
  });
  it('an ENV does not see itself in the same instruction; a name set by an earlier pair is left to DL3044', () => {
    assert.equal(findings(UndefinedVar, lines('FROM alpine', 'ENV B=$A A=1')).length, 1);
    assert.equal(findings(UndefinedVar, lines('FROM alpine', 'ENV A=1 B=$A')).length, 0);
  });
});

describe('SecretsUsedInArgOrEnv', () => {
  it('fires on secret-looking names', () => {
    const f = findings(SecretsUsedInArgOrEnv, lines('FROM debian', "ENV MYSQL_PASSWORD='password'", 'ARG GITHUB_TOKEN', 'ENV passwd=1 api_key=2'));
    assert.deepEqual(
      f.map((x) => x.message.en.match(/"(.*)"/)![1]),
      ['MYSQL_PASSWORD', 'GITHUB_TOKEN', 'passwd', 'api_key'],
    );
    assert.match(f[0].message.ko, /ENV "MYSQL_PASSWORD"/);
  });
  it('does not fire on near misses', () => {
    for (const n of ['KEYBOARD', 'PUBLIC_KEY', 'GPG_KEY', 'GPG_KEYS', 'TOKENIZER_PATH', 'AUTHOR', 'PASSWORDLESS', 'MONKEY']) assert.ok(!looksSecret(n), n);
    assert.equal(findings(SecretsUsedInArgOrEnv, lines('FROM python', 'ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D', 'ARG AUTHOR')).length, 0);
  });
});

describe('CopyIgnoredFile', () => {
  const files = { '.dockerignore': '# comment\n*.key\nsrcs/tmp/\n**/*.log\n!keep.log\nsecret' };
  // `*.key` matches at the top of the context only (a `*` never crosses `/`), so srcs/server.key is kept.
  it('fires on a source excluded by .dockerignore', () => {
    const f = findings(CopyIgnoredFile, lines('FROM debian', 'COPY server.key srcs/server.key /etc/ssl/', 'ADD srcs/tmp/a.sh ./secret /x/', 'COPY ["a/b.log", "/logs/"]'), files);
    assert.deepEqual(
      f.map((x) => x.message.en),
      [
        'Attempting to Copy file "server.key" that is excluded by .dockerignore (.dockerignore line 2: `*.key`)',
        'Attempting to Add file "srcs/tmp/a.sh" that is excluded by .dockerignore (.dockerignore line 3: `srcs/tmp/`)',
        'Attempting to Add file "./secret" that is excluded by .dockerignore (.dockerignore line 6: `secret`)',
        'Attempting to Copy file "a/b.log" that is excluded by .dockerignore (.dockerignore line 4: `**/*.log`)',
      ],
    );
  });
  it('does not fire on kept files, re-included files, --from, globs, variables, or without .dockerignore', () => {
    const text = lines('FROM debian', 'COPY srcs/nginx.conf keep.log /x/', 'COPY --from=build /x.key /y', 'COPY *.key $K /z/', 'ADD https://x/y.key /w');
    assert.equal(findings(CopyIgnoredFile, text, files).length, 0);
    assert.equal(findings(CopyIgnoredFile, lines('FROM debian', 'COPY srcs/server.key /x')).length, 0);
  });
  it('prefers <Dockerfile>.dockerignore', () => {
    const text = lines('FROM debian', 'COPY a.txt /');
    assert.equal(findings(CopyIgnoredFile, text, { 'Dockerfile.dockerignore': 'a.txt', '.dockerignore': '' }).length, 1);
    assert.equal(findings(CopyIgnoredFile, text, { 'Dockerfile.dockerignore': 'b.txt', '.dockerignore': 'a.txt' }).length, 0);
  });
  it('matches like Docker: last match wins, parents exclude children', () => {
    const p = parseDockerignore('docs\n!docs/keep.md\n/build/**\n');
    assert.ok(isIgnored(p, 'docs/a.md'));
    assert.ok(!isIgnored(p, 'docs/keep.md'));
    assert.ok(isIgnored(p, 'build/x/y'));
    assert.ok(!isIgnored(p, 'src/docs.md'));
  });
});
