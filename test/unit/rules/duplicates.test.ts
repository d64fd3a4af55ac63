/**
 * Issue 15: one problem, one diagnostic. Three pairs reported the same problem twice on the same place; for each, the
 * case where both fired now gives exactly one diagnostic through computeDiagnostics (the one that says it better),
 * and each side still reports its own cases.
 * - LegacyKeyValueFormat / DG110 on `ENV KEY = value`: DG110 stays (it says the value became `= value`).
 * - dockerfile-utils' noSourceImage / DL3061 on an instruction before FROM: DL3061 stays (it names the instruction).
 * - UndefinedVar / DL3044 on `$A` in `ENV A=1 B=$A`: DL3044 stays (A is defined on that very line; DL3044 says why
 *   its value is not the one set there).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ValidationCode } from 'dockerfile-utils';
import { ENGINE_VALIDATOR_SETTINGS, runRules } from '../../../server/src/rules/engine';
import { computeDiagnostics } from '../../../server/src/service/diagnostics';
import { ParsedDocument } from '../../../server/src/service/document';
import { validatorProblems } from '../../../server/src/service/validation';
import { DG110 } from '../../../server/src/rules/stack/DG110-spacesAroundEquals';
import { LegacyKeyValueFormat } from '../../../server/src/rules/buildkit/LegacyKeyValueFormat';
import { UndefinedVar } from '../../../server/src/rules/buildkit/UndefinedVar';
import { DL3044 } from '../../../server/src/rules/hadolint/DL3044';
import { DL3061 } from '../../../server/src/rules/hadolint/DL3061';
import { fixOnce, run } from './hadolint/helpers';

const doc = (text: string) => new ParsedDocument('file:///dup/Dockerfile', 1, text);

/** `line:column code` (0-based) of every diagnostic with one of `codes`, as the user sees them. */
function shown(text: string, codes: string[]): string[] {
  return computeDiagnostics(doc(text))
    .filter((d) => codes.includes(d.code))
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
}

describe('LegacyKeyValueFormat and DG110: `key = value`', () => {
  const PAIR = ['LegacyKeyValueFormat', 'DG110'];

  it('reports `LABEL key = value` once, as DG110, with the value Docker keeps and a fix', () => {
    const text = 'FROM debian:bookworm\nLABEL owner = "Lee <lee@example.org>"\n';
    // The legacy property is still there (the engine sees it), only DG110 reports it.
    assert.equal(doc(text).instructions[1].properties()[0].operator, null);
    assert.deepEqual(shown(text, PAIR), ['1:6 DG110']);
    const [d] = computeDiagnostics(doc(text)).filter((x) => x.code === 'DG110');
    assert.equal(d.message.en, '`LABEL owner = …` sets the value to `= "Lee <lee@example.org>"`; write `owner="Lee <lee@example.org>"`');
    assert.equal(fixOnce(DG110, text), 'FROM debian:bookworm\nLABEL owner="Lee <lee@example.org>"\n');
  });

  it('reports `ENV KEY = a b` once and suggests the quoted form the fix writes', () => {
    const text = 'FROM debian:bookworm\nENV MOTD = hello there\n';
    assert.deepEqual(shown(text, PAIR), ['1:4 DG110']);
    const [f] = run(DG110, text);
    assert.match(f.message.en, /sets the value to `= hello there`; write `MOTD="hello there"`$/);
    assert.match(f.message.ko, /`MOTD="hello there"`처럼 붙여 쓰세요$/);
    assert.equal(fixOnce(DG110, text), 'FROM debian:bookworm\nENV MOTD="hello there"\n');
  });

  it('quotes the value as written: `KEY =value` keeps `=value`', () => {
    const [f] = run(DG110, 'FROM debian:bookworm\nENV LEVEL =debug\n');
    assert.match(f.message.en, /sets the value to `=debug`; write `LEVEL=debug`$/);
  });

  it('LegacyKeyValueFormat alone still reports `ENV key value`, with its fix (DG110 is quiet)', () => {
    const text = 'FROM debian:bookworm\nENV INDEX_PAGE off\nLABEL team web\n';
    assert.deepEqual(shown(text, PAIR), ['1:0 LegacyKeyValueFormat', '2:0 LegacyKeyValueFormat']);
    assert.equal(fixOnce(LegacyKeyValueFormat, text), 'FROM debian:bookworm\nENV INDEX_PAGE=off\nLABEL team web\n');
  });

  it('an `=` that only follows a line continuation is beyond DG110: LegacyKeyValueFormat reports it alone', () => {
    const text = 'FROM debian:bookworm\nENV SITE \\\n    = blog\n';
    assert.deepEqual(run(DG110, text), []);
    assert.deepEqual(shown(text, PAIR), ['1:0 LegacyKeyValueFormat']);
  });

  it('neither fires on `key=value`, even with `=` inside the value', () => {
    assert.deepEqual(shown('FROM debian:bookworm\nENV SEP="= x" MODE=a=b\nLABEL k=v\n', PAIR), []);
  });
});

describe('noSourceImage and DL3061: an instruction before FROM', () => {
  const PAIR = ['noSourceImage', 'DL3061'];

  it('reports an instruction before FROM once, as DL3061', () => {
    const text = '# syntax=docker/dockerfile:1\nARG TAG=bookworm\nENV LANG=C.UTF-8\nFROM debian:$TAG\n';
    // dockerfile-utils still sees it at the same place; the engine drops it for DL3061.
    const raw = validatorProblems(doc(text), ENGINE_VALIDATOR_SETTINGS).filter((p) => p.code === ValidationCode.NO_SOURCE_IMAGE);
    assert.deepEqual(raw.map((p) => p.range), [run(DL3061, text)[0].range]);
    assert.deepEqual(shown(text, PAIR), ['2:0 DL3061']);
    assert.equal(run(DL3061, text)[0].message.en, '`ENV` comes before any FROM: only ARG may come before the first FROM, so the build fails here');
  });

  it('a document without any FROM but with another instruction: DL3061 alone, and its message still holds', () => {
    assert.deepEqual(shown('RUN echo hi\n', PAIR), ['0:0 DL3061']);
  });

  it('noSourceImage alone still reports a document with no instruction but ARG, or none at all', () => {
    assert.deepEqual(shown('ARG TAG=bookworm\n', PAIR), ['0:0 noSourceImage']);
    assert.deepEqual(shown('# nothing yet\n', PAIR), ['0:0 noSourceImage']);
    assert.deepEqual(run(DL3061, 'ARG TAG=bookworm\n'), []);
  });

  it('neither fires when only ARG and comments come before FROM', () => {
    assert.deepEqual(shown('# syntax=docker/dockerfile:1\nARG TAG=bookworm\nFROM debian:$TAG\nRUN true\n', PAIR), []);
  });
});

describe('UndefinedVar and DL3044: `$A` in `ENV A=1 B=$A`', () => {
  const PAIR = ['UndefinedVar', 'DL3044'];

  it('reports the reference once, as DL3044', () => {
    const text = 'FROM debian:bookworm\nENV ROOT=/srv LOGS=$ROOT/logs\n';
    assert.deepEqual(shown(text, PAIR), ['1:19 DL3044']);
    assert.deepEqual(run(UndefinedVar, text), []);
  });

  it('also when the name is a global ARG not declared in the stage (declaring it would not give the value set here)', () => {
    const text = 'ARG ROOT=/opt\nFROM alpine:3.20\nENV ROOT=/srv LOGS=${ROOT}/logs\n';
    assert.deepEqual(shown(text, PAIR), ['2:19 DL3044']);
  });

  it('UndefinedVar still reports other names in the same ENV, and a use before the pair that sets it', () => {
    const text = 'FROM debian:bookworm\nENV ROOT=/srv LOGS=$ROTO/logs\nENV CACHE=$TMP_DIR TMP_DIR=/tmp\n';
    assert.deepEqual(shown(text, PAIR), ['1:19 UndefinedVar', '2:10 UndefinedVar']);
    assert.deepEqual(run(DL3044, text), []);
  });

  it('UndefinedVar keeps its fix for a global ARG used in the same ENV as a DL3044 reference', () => {
    const text = 'ARG TAG\nFROM alpine:3.20\nENV ROOT=/srv LOGS=$ROOT/$TAG\n';
    assert.deepEqual(shown(text, PAIR), ['2:19 DL3044', '2:25 UndefinedVar']);
    assert.equal(fixOnce(UndefinedVar, text), 'ARG TAG\nFROM alpine:3.20\nARG TAG\nENV ROOT=/srv LOGS=$ROOT/$TAG\n');
  });

  it('DL3044 still reports on an image whose ENV we cannot see, where UndefinedVar stays quiet anyway', () => {
    assert.deepEqual(shown('FROM php:8.3-fpm\nENV ROOT=/srv LOGS=$ROOT/logs\n', PAIR), ['1:19 DL3044']);
  });

  it('neither fires when an earlier ENV set the name', () => {
    assert.deepEqual(shown('FROM debian:bookworm\nENV ROOT=/opt\nENV ROOT=/srv LOGS=$ROOT/logs\n', PAIR), []);
  });

  it('the engine agrees with computeDiagnostics: runRules alone gives the same single finding', () => {
    const text = 'FROM debian:bookworm\nENV ROOT=/srv LOGS=$ROOT/logs\n';
    assert.deepEqual(runRules(doc(text)).filter((d) => PAIR.includes(d.code)).map((d) => d.code), ['DL3044']);
  });
});
