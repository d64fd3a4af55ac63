/**
 * UndefinedVar on a base image whose ENV we cannot see (anything but debian, ubuntu, alpine, busybox, scratch): the
 * name is reported as one that may be undefined, naming the base image, and at most at info (Finding.atMost, which
 * engine.ts findingSeverity honours unless the user or the project chose the rule's severity).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { UndefinedVar } from '../../../../server/src/rules/buildkit/UndefinedVar';
import { findingSeverity, runRules, SEVERITY } from '../../../../server/src/rules/engine';
import type { Finding } from '../../../../server/src/rules/types';
import { assertBilingual } from '../hadolint/helpers';
import { doc, findings } from './helpers';

const shown = (text: string, options = {}) =>
  runRules(doc(text), options, [UndefinedVar]).map((d) => ({ line: d.range.start.line + 1, severity: d.severity, en: d.message.en, ko: d.message.ko }));

describe('UndefinedVar on a base whose ENV is unknown', () => {
  it('says the name may be undefined, names the base image, in both languages', () => {
    const f = findings(UndefinedVar, 'FROM node:20-slim\nWORKDIR $APP_HOME\n');
    assert.equal(f.length, 1);
    assert.equal(f[0].atMost, 'info');
    assert.equal(f[0].message.en, "Variable '$APP_HOME' may be undefined: the base image `node:20-slim` may set it; if not, it becomes an empty string");
    assert.equal(
      f[0].message.ko,
      '정의되지 않았을 수 있는 변수입니다: $APP_HOME. 베이스 이미지 `node:20-slim`에서 설정했을 수 있지만, 그렇지 않다면 빈 문자열이 됩니다',
    );
    assertBilingual(f);
  });

  it('is shown at info, below the rule default (warning)', () => {
    assert.equal(UndefinedVar.severity, 'warning');
    assert.deepEqual(
      shown('FROM python:3.12\nCOPY requirements.txt $APP_HOME/\n').map((d) => [d.line, d.severity]),
      [[2, SEVERITY.info]],
    );
  });

  it('names the image the chain of stages starts from, as written', () => {
    const w = findings(UndefinedVar, 'FROM eclipse-temurin:21 AS jre\nFROM jre AS app\nCOPY app.jar $APP_HOME/\n');
    assert.match(w[0].message.en, /the base image `eclipse-temurin:21` may set it/);
    const v = findings(UndefinedVar, 'ARG BASE=node:20\nFROM ${BASE}\nENV P=$NODE_PATH\n');
    assert.match(v[0].message.en, /the base image `\$\{BASE\}` may set it/);
  });

  it('keeps the plain "undefined" warning on bare bases and for typos, and the ARG messages', () => {
    const bare = shown('FROM debian:bookworm\nWORKDIR $APP_HOME\n');
    assert.deepEqual(bare.map((d) => [d.severity, d.en]), [[SEVERITY.warning, "Usage of undefined variable '$APP_HOME'"]]);
    const typo = shown('FROM node:20\nENV APP_HOME=/srv\nWORKDIR $APP_HOM\n');
    assert.deepEqual(typo.map((d) => d.severity), [SEVERITY.warning]);
    assert.match(typo[0].en, /^Usage of undefined variable '\$APP_HOM' \(did you mean \$APP_HOME\?\)$/);
    const global = findings(UndefinedVar, 'ARG VERSION=1\nFROM node:20\nLABEL v=$VERSION\n');
    assert.equal(global[0].atMost, undefined);
    assert.match(global[0].message.en, /Global ARG 'VERSION'/);
  });

  it('stays quiet when the name is defined, common, defaulted, or only read by the shell', () => {
    for (const text of [
      'FROM node:20\nENV APP_HOME=/srv\nWORKDIR $APP_HOME\n',
      'FROM node:20\nARG APP_HOME=/srv\nWORKDIR $APP_HOME\n',
      'FROM node:20 AS base\nENV APP_HOME=/srv\nFROM base\nWORKDIR $APP_HOME\n',
      'FROM node:20\nWORKDIR $HOME/app\n',
      'FROM node:20\nWORKDIR ${APP_HOME:-/srv}\n',
      'FROM node:20\nRUN echo $APP_HOME\n',
      "FROM node:20\nLABEL note='$APP_HOME'\n",
    ]) {
      assert.deepEqual(findings(UndefinedVar, text).map((f) => f.message.en), [], text);
    }
  });

  it('gives way to a severity the user or the project chose for the rule', () => {
    const text = 'FROM node:20\nWORKDIR $APP_HOME\n';
    assert.deepEqual(shown(text, { rules: { UndefinedVar: 'error' } }).map((d) => d.severity), [SEVERITY.error]);
    assert.deepEqual(shown(text, { rules: { UndefinedVar: 'warning' } }).map((d) => d.severity), [SEVERITY.warning]);
    const project = (p: string) => (p === '.hadolint.yaml' ? 'override:\n  warning:\n    - UndefinedVar\n' : null);
    assert.deepEqual(shown(text, { readContextFile: project }).map((d) => d.severity), [SEVERITY.warning]);
  });
});

describe('findingSeverity with atMost', () => {
  const f = (over: Partial<Finding>): Finding => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: { ko: '가', en: 'a' }, ...over });
  it('lowers, never raises', () => {
    assert.equal(findingSeverity(UndefinedVar, f({ atMost: 'info' }), 'warning', {}), 'info');
    assert.equal(findingSeverity(UndefinedVar, f({ atMost: 'info' }), 'error', {}), 'info');
    assert.equal(findingSeverity(UndefinedVar, f({ atMost: 'info' }), 'hint', {}), 'hint');
    assert.equal(findingSeverity(UndefinedVar, f({}), 'warning', {}), 'warning');
  });
});
