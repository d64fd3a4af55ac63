/**
 * DL3006/DL3007 on FROM lines built from variables: the image is judged as the builder expands it with the ARGs
 * declared before the first FROM, and the message says what it expanded to. Near misses: anything the Dockerfile
 * alone does not decide (an ARG without a default, the build platform), ARGs out of reach of FROM, stage names.
 * Neither rule has a quick fix, so there is no fix output to check.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3006 } from '../../../../server/src/rules/hadolint/DL3006';
import { DL3007 } from '../../../../server/src/rules/hadolint/DL3007';
import { assertBilingual, run, where } from './helpers';

const DIGEST = 'sha256:' + 'ab12'.repeat(16);

describe('DL3006 with ARG defaults in FROM', () => {
  it('fires on `FROM $BASE` when the ARG default has no tag, and says so in both languages', () => {
    const text = 'ARG BASE=debian\nFROM $BASE\nRUN true\n';
    const w = where(DL3006, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[2, '$BASE']]);
    assert.equal(w[0].en, '`$BASE` is `debian` (ARG default): `debian` has no tag, so it pulls `latest`; write `debian:<version>`');
    assert.equal(w[0].ko, 'ARG 기본값으로 풀면 `$BASE` 이미지는 `debian`입니다. `debian`에 태그가 없어 `latest`를 받습니다. `debian:<버전>`처럼 태그를 적으세요');
    assertBilingual(run(DL3006, text));
  });

  it('expands braces, quotes, defaults built from earlier ARGs, and takes the last global value', () => {
    assert.equal(where(DL3006, 'ARG IMG="node"\nFROM ${IMG} AS app\n')[0].en.startsWith('`${IMG}` is `node` (ARG default)'), true);
    assert.match(where(DL3006, 'ARG DISTRO=ubuntu\nARG BASE=docker.io/library/${DISTRO}\nFROM $BASE\n')[0].en, /is `docker\.io\/library\/ubuntu` \(ARG default\)/);
    assert.equal(where(DL3006, 'ARG BASE=debian:bookworm\nARG BASE=debian\nFROM $BASE\n').length, 1);
    assert.equal(where(DL3006, 'ARG BASE=debian\nARG BASE=debian:bookworm\nFROM $BASE\n').length, 0);
  });

  it('follows ${VAR:-default} and ${VAR:+word} as the builder does', () => {
    // No ARG value: the default written in the FROM line decides, and the message says that is where it came from.
    const inline = where(DL3006, 'ARG BASE\nFROM ${BASE:-alpine}\n');
    assert.equal(inline.length, 1);
    assert.match(inline[0].en, /^`\$\{BASE:-alpine\}` is `alpine` \(the default written in FROM\): /);
    assert.match(inline[0].ko, /^FROM에 적힌 기본값으로 풀면/);
    // The ARG's own default wins over the one in FROM.
    assert.equal(where(DL3006, 'ARG BASE=debian:bookworm\nFROM ${BASE:-alpine}\n').length, 0);
    // `:+` adds its word only when the ARG is set and not empty.
    assert.equal(where(DL3006, 'ARG SLIM=\nFROM debian${SLIM:+:bookworm-slim}\n').length, 1);
    assert.equal(where(DL3006, 'ARG SLIM=1\nFROM debian${SLIM:+:bookworm-slim}\n').length, 0);
  });

  it('stays quiet when the image is not decided by the Dockerfile, is a stage, scratch, a digest or tagged', () => {
    const quiet = [
      // No default: the value must come from --build-arg.
      'ARG BASE\nFROM $BASE\n',
      'ARG TAG\nFROM debian:$TAG\n',
      'ARG REGISTRY\nARG BASE=${REGISTRY}debian\nFROM $BASE\n',
      // An ARG after the first FROM belongs to that stage; FROM lines never see it.
      'FROM debian:bookworm AS first\nARG BASE=debian\nFROM $BASE\n',
      // The build platform is set by the builder, per build.
      'FROM tools-$TARGETARCH\n',
      'ARG BASE=tools-${TARGETOS}\nFROM $BASE\n',
      // A variable naming an earlier stage: that stage is the base, not an image.
      'ARG FLAVOUR=build\nFROM debian:bookworm AS build\nFROM $FLAVOUR\n',
      'ARG WITH_DEBUG=false\nFROM alpine:3.20 AS dev-false\nFROM dev-${WITH_DEBUG}\n',
      'ARG BASE=scratch\nFROM $BASE\n',
      `ARG BASE=debian@${DIGEST}\nFROM $BASE\n`,
      'ARG BASE=debian:bookworm\nFROM $BASE\n',
      'ARG V=12\nFROM node:$V-slim\n',
      // An empty tag breaks the build: InvalidDefaultArgInFrom reports it, not a tag rule.
      'ARG TAG=\nFROM debian:$TAG\n',
    ];
    for (const text of quiet) assert.deepEqual(where(DL3006, text), [], text);
  });
});

describe('DL3007 with ARG defaults in FROM', () => {
  it('fires when a variable in the name resolves to a :latest reference', () => {
    const text = 'ARG OS=alpine\nFROM registry.example.com/team/img-${OS}:latest\n';
    const w = where(DL3007, text);
    assert.deepEqual(w.map((x) => x.line), [2]);
    assert.equal(w[0].text, 'registry.example.com/team/img-${OS}:latest');
    assert.equal(
      w[0].en,
      '`registry.example.com/team/img-${OS}:latest` is `registry.example.com/team/img-alpine:latest` (ARG default): use a version tag instead of `registry.example.com/team/img-alpine:latest`',
    );
    assert.match(w[0].ko, /^ARG 기본값으로 풀면 .* 이미지는 `registry\.example\.com\/team\/img-alpine:latest`입니다\. .* 대신 버전 태그를 쓰세요$/);
    assertBilingual(run(DL3007, text));
  });

  it('fires when the whole reference, or just its tag, comes from an ARG default', () => {
    assert.equal(where(DL3007, 'ARG BASE=python:latest\nFROM $BASE AS app\n').length, 1);
    assert.equal(where(DL3007, 'ARG TAG=latest\nFROM python:${TAG}\n').length, 1);
    assert.equal(where(DL3007, 'ARG TAG\nFROM python:${TAG:-latest}\n').length, 1);
  });

  it('stays quiet on version tags, digests and unknown values', () => {
    const quiet = ['ARG TAG=3.12\nFROM python:${TAG}\n', `ARG BASE=python:latest@${DIGEST}\nFROM $BASE\n`, 'ARG TAG\nFROM python:$TAG\n', 'ARG TAG=latest\nFROM python:${TAG}-$TARGETARCH\n'];
    for (const text of quiet) assert.deepEqual(where(DL3007, text), [], text);
  });

  it('keeps its plain message for a literal reference', () => {
    assert.equal(where(DL3007, 'FROM python:latest\n')[0].en, 'Use a version tag instead of `python:latest`');
  });
});
