import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DuplicateStageName } from '../../../../server/src/rules/buildkit/DuplicateStageName';
import { FromPlatformFlagConstDisallowed } from '../../../../server/src/rules/buildkit/FromPlatformFlagConstDisallowed';
import { InvalidDefaultArgInFrom, isValidImageReference } from '../../../../server/src/rules/buildkit/InvalidDefaultArgInFrom';
import { MultipleInstructionsDisallowed } from '../../../../server/src/rules/buildkit/MultipleInstructionsDisallowed';
import { RedundantTargetPlatform } from '../../../../server/src/rules/buildkit/RedundantTargetPlatform';
import { ReservedStageName } from '../../../../server/src/rules/buildkit/ReservedStageName';
import { UndefinedArgInFrom } from '../../../../server/src/rules/buildkit/UndefinedArgInFrom';
import { WorkdirRelativePath } from '../../../../server/src/rules/buildkit/WorkdirRelativePath';
import { findings, fixed, lines } from './helpers';

describe('DuplicateStageName', () => {
  it('flags the repeat, not the first, case-insensitively', () => {
    const f = findings(DuplicateStageName, lines('FROM a AS build', 'FROM b AS other', 'FROM c AS Build'));
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 2);
    assert.match(f[0].message.en, /line 1/);
  });
  it('does not fire on distinct names', () => {
    assert.equal(findings(DuplicateStageName, lines('FROM a AS build', 'FROM b AS build2', 'FROM c')).length, 0);
  });
});

describe('ReservedStageName', () => {
  it('fires on scratch and context', () => {
    assert.equal(findings(ReservedStageName, lines('FROM a AS scratch', 'FROM b AS Context')).length, 2);
  });
  it('does not fire on FROM scratch or similar names', () => {
    assert.equal(findings(ReservedStageName, lines('FROM scratch AS base', 'FROM base AS scratchpad')).length, 0);
  });
});

describe('UndefinedArgInFrom', () => {
  it('fires on an undeclared ARG and suggests a close name', () => {
    const f = findings(UndefinedArgInFrom, lines('ARG VERSION=1', 'FROM --platform=$BUILDPLATFROM node:${VERSON}'));
    assert.equal(f.length, 2);
    assert.match(f[0].message.en, /BUILDPLATFROM.*did you mean 'BUILDPLATFORM'/);
    assert.match(f[1].message.en, /VERSON.*VERSION/);
  });
  it('does not fire on global ARGs, predefined platform ARGs or proxy ARGs', () => {
    const text = lines('ARG TAG=bookworm', 'FROM --platform=$BUILDPLATFORM debian:${TAG} AS a', 'FROM golang-$TARGETARCH');
    assert.equal(findings(UndefinedArgInFrom, text).length, 0);
  });
  it('an ARG declared inside a stage does not count for a later FROM', () => {
    const f = findings(UndefinedArgInFrom, lines('FROM debian', 'ARG TAG=1', 'FROM alpine:$TAG'));
    assert.equal(f.length, 1);
  });
});

describe('InvalidDefaultArgInFrom', () => {
  it('fires when the default leaves an invalid image name', () => {
    const f = findings(InvalidDefaultArgInFrom, lines('ARG TAG', 'FROM busybox:${TAG}'));
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /busybox:/);
  });
  it('fires on an empty image', () => {
    assert.equal(findings(InvalidDefaultArgInFrom, lines('ARG BASE', 'FROM $BASE')).length, 1);
  });
  it('accepts defaults, in-place defaults and empty suffixes', () => {
    const ok = lines('ARG TAG=latest', 'ARG VARIANT', 'ARG T2', 'FROM busybox:${TAG}', 'FROM busybox:stable${VARIANT}', 'FROM alpine:${T2:-3.14}');
    assert.equal(findings(InvalidDefaultArgInFrom, ok).length, 0);
  });
  it('expands defaults that use earlier ARGs, quotes and literal removals, as the builder does', () => {
    const ok = lines(
      'ARG GO_VERSION=1.26',
      'ARG DISTRO="bookworm"',
      'ARG IMAGE="golang:${GO_VERSION}-${DISTRO}"',
      'ARG CLI=${GO_VERSION}',
      'ARG SUPPORTED=${TARGETPLATFORM#linux/amd64}',
      'ARG SUPPORTED=${SUPPORTED:+"unsupported"}',
      'ARG SUPPORTED=${SUPPORTED:-"supported"}',
      'FROM ${IMAGE} AS base',
      'FROM cli:$CLI',
      'FROM base AS delve-supported',
      'FROM delve-${SUPPORTED}',
    );
    assert.deepEqual(findings(InvalidDefaultArgInFrom, ok).map((f) => f.message.en), []);
    // …while a default that really expands to nothing is still caught.
    assert.equal(findings(InvalidDefaultArgInFrom, lines('ARG V', 'ARG IMAGE=node:${V}', 'FROM $IMAGE')).length, 1);
  });
  it('leaves undeclared names to UndefinedArgInFrom', () => {
    assert.equal(findings(InvalidDefaultArgInFrom, lines('FROM busybox:${NOPE}')).length, 0);
  });
  it('knows image references', () => {
    for (const ok of ['debian', 'debian:bookworm', 'docker.io/library/php:8.3-fpm', 'localhost:5000/a/b:1', 'GHCR.io/owner/x', 'x@sha256:' + 'a'.repeat(64)]) {
      assert.ok(isValidImageReference(ok), ok);
    }
    for (const bad of ['', 'debian:', 'Debian', ':tag', 'a//b', 'x:-y', 'ghcr.io/Owner/x']) assert.ok(!isValidImageReference(bad), bad);
  });
});

describe('RedundantTargetPlatform', () => {
  it('fires on $TARGETPLATFORM and ${TARGETPLATFORM}', () => {
    assert.equal(findings(RedundantTargetPlatform, lines('FROM --platform=$TARGETPLATFORM a', 'FROM --platform=${TARGETPLATFORM} b')).length, 2);
  });
  it('does not fire on $BUILDPLATFORM', () => {
    assert.equal(findings(RedundantTargetPlatform, lines('FROM --platform=$BUILDPLATFORM a')).length, 0);
  });
  it('removes the flag', () => {
    const out = fixed(RedundantTargetPlatform, lines('FROM --platform=$TARGETPLATFORM debian AS x'));
    assert.equal(out, lines('FROM debian AS x'));
    assert.equal(findings(RedundantTargetPlatform, out).length, 0);
  });
});

describe('FromPlatformFlagConstDisallowed', () => {
  it('fires on a constant platform', () => {
    const f = findings(FromPlatformFlagConstDisallowed, lines('FROM --platform=linux/amd64 alpine AS base'));
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /"linux\/amd64"/);
  });
  it('accepts variables and platform-named stages', () => {
    const ok = lines('FROM --platform=$BUILDPLATFORM alpine AS a', 'FROM --platform=linux/arm64 alpine AS build_arm64', 'FROM alpine');
    assert.equal(findings(FromPlatformFlagConstDisallowed, ok).length, 0);
  });
});

describe('MultipleInstructionsDisallowed', () => {
  it('flags all but the last CMD of a stage', () => {
    const f = findings(MultipleInstructionsDisallowed, lines('FROM a', 'CMD one', 'ENTRYPOINT x', 'CMD two', 'CMD three'));
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [1, 3],
    );
    assert.match(f[0].message.en, /line 5/);
    assert.deepEqual(f[0].tags, [1]);
  });
  it('counts per stage', () => {
    assert.equal(findings(MultipleInstructionsDisallowed, lines('FROM a AS x', 'CMD one', 'FROM b', 'CMD two', 'HEALTHCHECK NONE')).length, 0);
  });
});

describe('WorkdirRelativePath', () => {
  it('fires on a relative first WORKDIR', () => {
    const f = findings(WorkdirRelativePath, lines('FROM a', 'WORKDIR app/src'));
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /app\/src/);
  });
  it('accepts a relative WORKDIR after an absolute one, also through a parent stage', () => {
    const ok = lines('FROM a AS base', 'WORKDIR /app', 'WORKDIR src', 'FROM base', 'WORKDIR lib', 'FROM b', 'WORKDIR $HOME/x', 'WORKDIR C:\\app');
    assert.equal(findings(WorkdirRelativePath, ok).length, 0);
  });
});
