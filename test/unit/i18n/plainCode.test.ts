/**
 * plainCode (common/src/i18n.ts): the one place where diagnostics, quick-fix titles and the CLI lose their Markdown
 * code marks (issue 18, item 8).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { plainCode, plainLine } from '../../../common/src/i18n';

describe('plainCode', () => {
  it('drops the marks of a one-word span and quotes a span with spaces', () => {
    assert.equal(plainCode('`-y` 추가하기'), '-y 추가하기');
    assert.equal(plainCode('`COPY` 명령이'), 'COPY 명령이');
    assert.equal(plainCode('Replace `tail -f /dev/null` with `exec nginx`'), 'Replace “tail -f /dev/null” with “exec nginx”');
    assert.equal(plainCode('`nginx -g "daemon off;"`'), '“nginx -g "daemon off;"”');
  });
  it('reads double-backtick spans and keeps a backtick that opens no span', () => {
    assert.equal(plainCode('`` a`b `` x'), 'a`b x');
    assert.equal(plainCode('a ``` b'), 'a ``` b');
    assert.equal(plainCode('no code here'), 'no code here');
  });
  it('plainLine renders one language, or both, without marks', () => {
    const m = { ko: '`-y` 옵션을 붙이세요', en: 'Add `-y`' };
    assert.equal(plainLine(m, 'en'), 'Add -y');
    assert.equal(plainLine(m, 'both'), '-y 옵션을 붙이세요 / Add -y');
  });
});
