import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverText, openFile, setGuideLanguage, startedExtension } from '../helpers';
import { suite, test } from '../framework';

suite('deliberate failure (temporary)', () => {
  test('the English FROM hover is expected to contain Korean (it must not)', async () => {
    await startedExtension();
    await setGuideLanguage('en');
    const doc = await openFile('fail/Dockerfile', 'FROM debian:bookworm\n');
    assert.match(await hoverText(doc, new vscode.Position(0, 1)), /[\uac00-\ud7a3]/);
  });
});
