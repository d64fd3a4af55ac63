/**
 * DL3021 and Windows destinations: under `# escape=\`` a trailing `\` marks a folder, as it does for dockerfile-utils'
 * invalidDestination check, and the two never report one COPY twice (the engine drops dockerfile-utils' duplicate).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validate, ValidationCode } from 'dockerfile-utils';
import { DL3021 } from '../../../../server/src/rules/hadolint/DL3021';
import { computeDiagnostics } from '../../../../server/src/service/diagnostics';
import { ParsedDocument } from '../../../../server/src/service/document';
import { ENGINE_VALIDATOR_SETTINGS } from '../../../../server/src/rules/engine';
import { assertBilingual, fixOnce, run, where } from './helpers';

const WIN = '# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n';
const LINUX = 'FROM debian:bookworm\n';

/** The diagnostics the service shows on line `line` (1-based): code and covered text. */
function shownOn(text: string, line: number): { code: string; text: string }[] {
  const doc = new ParsedDocument('file:///w/Dockerfile', 1, text);
  return computeDiagnostics(doc, { readContextFile: () => null })
    .filter((d) => d.range.start.line === line - 1)
    .map((d) => ({ code: d.code, text: doc.getText(d.range) }));
}

/** dockerfile-utils' own invalidDestination problems, straight from its validator. */
function validatorDestinations(text: string): number {
  return validate(text, ENGINE_VALIDATOR_SETTINGS).filter((p) => p.code === ValidationCode.INVALID_DESTINATION).length;
}

describe('DL3021 under the backtick escape', () => {
  it('is quiet when the destination ends in \\ (a folder in a Windows image)', () => {
    assert.deepEqual(where(DL3021, WIN + 'COPY app.exe app.config C:\\app\\\n'), []);
    assert.deepEqual(where(DL3021, WIN + 'COPY ["app.exe", "app.config", "C:\\\\app\\\\"]\n'), []);
    assert.equal(validatorDestinations(WIN + 'COPY app.exe app.config C:\\app\\\n'), 0, 'dockerfile-utils agrees');
  });

  it('fires without the trailing separator and quotes the path as written', () => {
    const w = where(DL3021, WIN + 'COPY app.exe app.config C:\\app\n');
    assert.deepEqual(w.map((x) => x.text), ['C:\\app']);
    assert.match(w[0].en, /`C:\\app` must end with `\/` or `\\`/);
    assertBilingual(run(DL3021, WIN + 'COPY app.exe app.config C:\\app\n'));
  });

  it('fix: appends \\ to a backslash path, / otherwise', () => {
    const fixed = fixOnce(DL3021, WIN + 'COPY app.exe app.config C:\\app\n');
    assert.equal(fixed, WIN + 'COPY app.exe app.config C:\\app\\\n');
    assert.equal(fixOnce(DL3021, WIN + 'COPY app.exe app.config C:/app\n'), WIN + 'COPY app.exe app.config C:/app/\n');
  });
});

describe('DL3021 under the default escape', () => {
  it('reads the destination as the builder does: quotes off, \\\\ as one backslash', () => {
    // `"/srv/www/"` is /srv/www/ once the builder drops the quotes.
    assert.deepEqual(where(DL3021, LINUX + 'COPY index.html style.css "/srv/www/"\n'), []);
    assert.deepEqual(where(DL3021, LINUX + 'COPY ["index.html", "style.css", "c:\\\\site\\\\"]\n'), []);
    // A variable at the end may hold the slash; one earlier in the path cannot.
    assert.deepEqual(where(DL3021, LINUX + 'COPY index.html style.css ${SITE_DIR}\n'), []);
    assert.deepEqual(where(DL3021, LINUX + 'COPY index.html style.css $HOME/site\n').map((x) => x.text), ['$HOME/site']);
  });

  it('fix: the slash goes inside the closing quote', () => {
    const fixed = fixOnce(DL3021, LINUX + 'COPY index.html style.css "/srv/www"\n');
    assert.equal(fixed, LINUX + 'COPY index.html style.css "/srv/www/"\n');
  });
});

describe('DL3021 and dockerfile-utils: one problem, one diagnostic', () => {
  it('dockerfile-utils reports the same COPY itself, and only DL3021 is shown', () => {
    const text = LINUX + 'COPY index.html style.css /srv/www\n';
    assert.equal(validatorDestinations(text), 1, 'the validator on its own does report it');
    assert.deepEqual(shownOn(text, 2), [{ code: 'DL3021', text: '/srv/www' }]);
  });

  it('same under the backtick escape, and nothing for a quoted folder or a trailing \\', () => {
    assert.deepEqual(shownOn(WIN + 'COPY app.exe app.config C:\\app\n', 4), [{ code: 'DL3021', text: 'C:\\app' }]);
    assert.deepEqual(shownOn(WIN + 'COPY app.exe app.config C:\\app\\\n', 4), []);
    // dockerfile-utils alone flags the quoted folder (it reads the quote as the last character).
    const quoted = LINUX + 'COPY index.html style.css "/srv/www/"\n';
    assert.equal(validatorDestinations(quoted), 1);
    assert.deepEqual(shownOn(quoted, 2), []);
  });
});
