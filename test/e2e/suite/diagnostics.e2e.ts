// The server's diagnostics show up in VS Code for a broken Dockerfile and clear once it is fixed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openFile, replaceAll, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

const BROKEN = ['FROM', 'RUNN echo hello', 'EXPOSE 80', ''].join('\n');
const FIXED = ['FROM debian:bookworm', 'RUN echo hello', 'EXPOSE 80', ''].join('\n');

let doc: vscode.TextDocument;
const diagnostics = () => vscode.languages.getDiagnostics(doc.uri);

suite('diagnostics', () => {
  before(async () => {
    await startedExtension();
    doc = await openFile('diagnostics/Dockerfile', BROKEN);
  });
  after(closeAllEditors);

  test('a broken Dockerfile gets diagnostics on the broken lines', async () => {
    const found = await waitFor(diagnostics, (d) => d.some((x) => x.range.start.line === 0) && d.some((x) => x.range.start.line === 1), 'diagnostics on lines 1 and 2');
    assert.ok(found.length >= 2, `expected at least 2 diagnostics, got ${found.length}`);
    const onLine2 = found.filter((x) => x.range.start.line === 1);
    assert.ok(onLine2.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the unknown instruction RUNN is an error');
    assert.ok(!found.some((x) => x.range.start.line === 2), `EXPOSE 80 is fine but got ${JSON.stringify(found.filter((x) => x.range.start.line === 2).map((x) => x.message))}`);
  });

  test('fixing the text (unsaved, as typed) clears them', async () => {
    await replaceAll(doc, FIXED);
    await waitFor(diagnostics, (d) => d.length === 0, 'no diagnostics after the fix');
  });

  test('breaking it again brings them back', async () => {
    await replaceAll(doc, BROKEN);
    await waitFor(diagnostics, (d) => d.some((x) => x.range.start.line === 1), 'diagnostics after breaking it again');
  });
});
