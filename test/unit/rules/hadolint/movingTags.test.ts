/**
 * Moving tags: `latest` stays DL3007's (hadolint flags exactly that tag), the channel tags (`lts`, `stable`,
 * `mainline`, `edge`, …, with variant parts such as `-slim`) are DG116's. Near misses: release names, version tags,
 * a Node LTS codename, dated snapshots, Windows LTSC names, digests, stage names. DG116 has no quick fix (the right
 * version is the user's choice), so there is no fix output to check.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3007 } from '../../../../server/src/rules/hadolint/DL3007';
import { DG116, movingTag } from '../../../../server/src/rules/stack/DG116-movingBaseTag';
import { STACK_RULES } from '../../../../server/src/rules/stack/index';
import { assertBilingual, run, where } from './helpers';

describe('DG116 moving base tag', () => {
  it('fires on channel tags and says the tag moves, in both languages', () => {
    const text = 'FROM node:lts AS build\nRUN npm ci\nFROM nginx:stable-alpine\n';
    const w = where(DG116, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[1, 'node:lts'], [3, 'nginx:stable-alpine']]);
    assert.equal(
      w[0].en,
      '`node:lts` is a moving tag: the same name points to a different image each time a new `lts` release comes out, so rebuilds are not reproducible. Pin a version, as in `node:<version>`',
    );
    assert.equal(w[0].ko, '`node:lts`의 `lts` 태그는 새 릴리스가 나올 때마다 다른 이미지를 가리키므로, 다시 빌드한 결과를 재현할 수 없습니다. `node:<버전>`처럼 버전을 고정하세요');
    // The variant part is kept in the suggestion.
    assert.match(w[1].en, /Pin a version, as in `nginx:<version>-alpine`$/);
    assert.match(w[1].ko, /`nginx:<버전>-alpine`처럼 버전을 고정하세요$/);
    assertBilingual(run(DG116, text));
  });

  it('knows the channels of the official images, with their variant parts', () => {
    const moving = [
      'node:lts-slim',
      'node:lts-alpine3.24',
      'node:current',
      'node:current-bookworm-slim',
      'nginx:mainline',
      'nginx:stable-trixie-perl',
      'debian:stable',
      'debian:stable-slim',
      'debian:oldstable',
      'debian:testing',
      'debian:stable-backports',
      'ubuntu:rolling',
      'alpine:edge',
      'docker.io/library/node:lts',
      'localhost:5000/web/nginx:stable',
    ];
    for (const image of moving) assert.equal(where(DG116, `FROM ${image}\n`).length, 1, image);
  });

  it('stays quiet on release names, versions, codenames, snapshots and pinned digests', () => {
    const fixed = [
      'debian:bookworm',
      'debian:bookworm-slim',
      'debian:trixie-20260803',
      'debian:stable-20260803-slim',
      'node:22',
      'node:22-slim',
      'node:lts-krypton',
      'node:jod-alpine',
      'mcr.microsoft.com/windows/servercore:ltsc2022',
      'ubuntu:24.04',
      'alpine:3.20',
      'nginx:1.30-alpine',
      'debian:sid',
      'debian:unstable-slim',
      'example/stable:1.0',
      'node:lts@sha256:' + '0f'.repeat(32),
    ];
    for (const image of fixed) assert.deepEqual(where(DG116, `FROM ${image}\n`), [], image);
    // A stage that happens to be called `lts` is the base, not an image.
    assert.deepEqual(where(DG116, 'FROM node:22 AS lts\nFROM lts\n'), []);
  });

  it('leaves latest to DL3007, which keeps its wording and does not take the other channels', () => {
    assert.deepEqual(where(DG116, 'FROM node:latest\n'), []);
    assert.equal(where(DL3007, 'FROM node:latest\n')[0].en, 'Use a version tag instead of `node:latest`');
    for (const image of ['node:lts', 'debian:stable', 'alpine:edge']) assert.deepEqual(where(DL3007, `FROM ${image}\n`), [], image);
  });

  it('sees a moving tag that comes from an ARG default, and says where it came from', () => {
    const w = where(DG116, 'ARG NODE_TAG=lts-slim\nFROM node:${NODE_TAG}\n');
    assert.equal(w.length, 1);
    assert.match(w[0].en, /^`node:\$\{NODE_TAG\}` is `node:lts-slim` \(ARG default\): `node:lts-slim` is a moving tag/);
    assert.match(w[0].ko, /^ARG 기본값으로 풀면 `node:\$\{NODE_TAG\}` 이미지는 `node:lts-slim`입니다\. /);
    assert.deepEqual(where(DG116, 'ARG NODE_TAG\nFROM node:${NODE_TAG}\n'), []);
    assert.deepEqual(where(DG116, 'ARG NODE_TAG=22-slim\nFROM node:${NODE_TAG}\n'), []);
  });

  it('splits a tag into its channel and variant part', () => {
    assert.deepEqual(movingTag('lts-bookworm-slim'), { channel: 'lts', suffix: '-bookworm-slim' });
    assert.equal(movingTag('ltsc2022'), null);
    assert.equal(movingTag('latest'), null);
    assert.equal(movingTag('LTS'), null);
  });

  it('is registered with the stack rules', () => {
    assert.ok(STACK_RULES.includes(DG116));
  });
});
