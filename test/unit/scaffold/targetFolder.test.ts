// The new-stack wizard's folder answer (issue 18, item 4): relative paths land under the workspace,
// absolute ones stay as typed, and answers that would create a surprising folder are refused with a
// reason in both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTargetFolder } from '../../../common/src/scaffold/targetFolder';

describe('resolveTargetFolder', () => {
  it('resolves a relative path (new or nested) against the workspace folder', () => {
    assert.deepEqual(resolveTargetFolder('web-stack', '/ws'), { ok: true, path: '/ws/web-stack' });
    assert.deepEqual(resolveTargetFolder(' a/b/../c ', '/ws'), { ok: true, path: '/ws/a/c' });
    assert.deepEqual(resolveTargetFolder('.', '/ws'), { ok: true, path: '/ws' });
  });
  it('keeps an absolute path, even without a workspace', () => {
    assert.deepEqual(resolveTargetFolder('/tmp/x//y/', undefined), { ok: true, path: '/tmp/x/y/' });
  });
  it('refuses empty input, ~ and a relative path with no workspace, saying why in Korean and English', () => {
    for (const [typed, base] of [['  ', '/ws'], ['~/site', '/ws'], ['site', undefined]] as const) {
      const r = resolveTargetFolder(typed, base);
      assert.equal(r.ok, false, typed);
      if (!r.ok) {
        assert.match(r.reason.ko, /[가-힣]/);
        assert.match(r.reason.en, /[a-z]/);
      }
    }
  });
});
