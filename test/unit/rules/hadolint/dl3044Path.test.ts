/**
 * DL3044 on one ENV that sets a name twice and refers to it in the second value (`ENV PATH=/a:$PATH PATH=/b:$PATH`):
 * both values are expanded before either is set, so the second starts from the PATH before the ENV and the first
 * assignment is lost. Reported even when the name had a value before (the image's PATH, an earlier ENV), which the
 * plain DL3044 case leaves alone; the message names the lost assignment in both languages.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3044, sameEnvReferences } from '../../../../server/src/rules/hadolint/DL3044';
import { ParsedDocument } from '../../../../server/src/service/document';
import { assertBilingual, run, where } from './helpers';

const F = 'FROM alpine:3.20\n';

describe('DL3044: one ENV that sets a name twice', () => {
  it('fires on the second $PATH when the image defines PATH and nothing in the Dockerfile does', () => {
    const w = where(DL3044, F + 'ENV PATH=/opt/tools/bin:$PATH PATH=/opt/node/bin:$PATH\n');
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[2, '$PATH']]);
    assert.equal(w[0].en, '`PATH=/opt/tools/bin:$PATH` earlier in this ENV is lost: `$PATH` here is still the value from before this ENV, and this assignment of the same name replaces it');
    assert.match(w[0].ko, /^이 ENV에서 앞서 쓴 `PATH=\/opt\/tools\/bin:\$PATH` 할당은 사라집니다\. 여기의 `\$PATH` 참조는 이 ENV 이전의 값으로 치환되고/);
    assertBilingual(run(DL3044, F + 'ENV PATH=/a:$PATH PATH=/b:$PATH\n'));
  });

  it('fires when an earlier ENV of the stage defined the name too, and on ${NAME} and across continuation lines', () => {
    const text = F + 'ENV GOPATH=/go\nENV GOPATH=/work:${GOPATH} \\\n    GOPATH=/cache:${GOPATH}\n';
    const w = where(DL3044, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[4, '${GOPATH}']]);
    assert.match(w[0].en, /^`GOPATH=\/work:\$\{GOPATH\}` earlier in this ENV is lost/);
  });

  it('names the nearest earlier assignment for each reference when a name is set three times', () => {
    const w = where(DL3044, F + 'ENV P=/a:$P P=/b:$P P=/c:$P\n');
    assert.deepEqual(w.map((x) => x.en.match(/^`([^`]+)`/)![1]), ['P=/a:$P', 'P=/b:$P']);
  });

  it('still reports the plain case (a name without an earlier value) with its own message', () => {
    const [f] = where(DL3044, F + 'ENV HOME_DIR=/srv LOG_DIR=$HOME_DIR/log\n');
    assert.equal(f.en, '`HOME_DIR` is defined in this same ENV, so the previous value is substituted');
  });

  it('stays quiet on the forms that keep every assignment', () => {
    const text =
      F +
      // Two ENVs: the second sees the first.
      'ENV PATH=/a:$PATH\nENV PATH=/b:$PATH\n' +
      // One assignment of PATH, another name after it.
      'ENV PATH=/c:$PATH LANG=C.UTF-8\n' +
      // Another name refers to a name defined before this ENV (the old value is what is meant): hadolint is quiet too.
      'ENV APP=/srv\nENV APP=/opt/app DATA=$APP/data\n' +
      // The second pair refers to PATH but sets another name.
      'ENV PATH=/d:$PATH OLD_PATH=$PATH\n';
    assert.deepEqual(where(DL3044, text), []);
  });

  it('keeps the references UndefinedVar leaves to DL3044 unchanged: every same-ENV reference, the PATH one included', () => {
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, F + 'ENV PATH=/a:$PATH PATH=/b:$PATH X=1 Y=$X\n');
    const refs = sameEnvReferences(doc.instructions[1]).map((r) => doc.getText(r.range));
    assert.deepEqual(refs, ['$PATH', '$X']);
  });
});
