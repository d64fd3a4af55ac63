/**
 * DL3045 and Windows paths: a drive path (`c:\tools`, `C:/app`) is absolute, as hadolint counts it, and messages
 * quote a backslash path as written, not as dockerfile-ast's escape-processed value (`c:\tools` reads `c:tools`).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3045 } from '../../../../server/src/rules/hadolint/DL3045';
import { assertBilingual, run, where } from './helpers';

const F = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n';

describe('DL3045 with Windows destinations', () => {
  it('is quiet on drive paths under the default escape, in shell and exec form', () => {
    assert.deepEqual(where(DL3045, F + 'COPY setup.ps1 c:\\tools\\setup.ps1\n'), []);
    assert.deepEqual(where(DL3045, F + 'COPY site C:/inetpub/site\n'), []);
    assert.deepEqual(where(DL3045, F + 'COPY ["setup.ps1", "D:\\\\tools\\\\"]\n'), []);
    assert.deepEqual(where(DL3045, F + 'COPY setup.ps1 "c:\\tools\\"\n'), []);
  });

  it('is quiet on drive paths under the backtick escape', () => {
    assert.deepEqual(where(DL3045, '# escape=`\n' + F + 'COPY setup.ps1 C:\\tools\\\n'), []);
  });

  it('still fires on relative paths, and on a drive letter without a separator', () => {
    // `c:tools` is relative to the drive's current folder.
    assert.deepEqual(where(DL3045, F + 'COPY setup.ps1 c:tools\n').map((x) => x.text), ['c:tools']);
    assert.deepEqual(where(DL3045, F + 'COPY setup.ps1 tools/setup.ps1\n').map((x) => x.text), ['tools/setup.ps1']);
    assertBilingual(run(DL3045, F + 'COPY setup.ps1 tools/\n'));
  });

  it('quotes a backslash path as written', () => {
    const w = where(DL3045, F + 'COPY setup.ps1 tools\\bin\\x\n');
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`tools\\bin\\x`/);
    assert.match(w[0].ko, /`tools\\bin\\x`/);
    const tick = where(DL3045, '# escape=`\n' + F + 'COPY setup.ps1 tools\\bin\\\n');
    assert.match(tick[0].en, /`tools\\bin\\`/);
  });
});
