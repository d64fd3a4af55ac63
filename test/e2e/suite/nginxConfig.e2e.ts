// The example workspace's nginx site (srcs/nginx.conf, which its Dockerfile copies) in the real VS Code: mistakes
// typed into it are marked on its own lines, with the Dockerfile's COPY as related location, a hover and a quick fix;
// the file as shipped has none.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, replaceAll, setGuideLanguage, startedExtension, waitFor, workspaceDir } from '../helpers';
import { after, before, suite, test } from '../framework';

let doc: vscode.TextDocument;
let shipped = '';
const diagnostics = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'dockerfile-guide');
const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

suite('nginx config files', () => {
  before(async () => {
    await setGuideLanguage('en');
    await startedExtension();
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'srcs', 'nginx.conf')));
    await vscode.window.showTextDocument(doc, { preview: false });
    shipped = doc.getText();
  });
  after(async () => {
    await replaceAll(doc, shipped);
    await closeAllEditors();
    await setGuideLanguage(undefined);
  });

  test('srcs/nginx.conf opens as nginx', () => {
    assert.equal(doc.languageId, 'nginx');
  });

  test('a misspelt directive and another PHP version than the image installs are marked on their lines', async () => {
    await replaceAll(doc, shipped.replace('autoindex on;', 'autoindx on;').replace('php8.2-fpm.sock', 'php7.3-fpm.sock'));
    const found = await waitFor(diagnostics, (d) => d.some((x) => code(x) === 'DG126') && d.some((x) => code(x) === 'DG124'), 'DG124 and DG126 in srcs/nginx.conf');
    const typo = found.find((x) => code(x) === 'DG126')!;
    assert.equal(doc.getText(typo.range), 'autoindx');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    const socket = found.find((x) => code(x) === 'DG124')!;
    assert.equal(doc.getText(socket.range), 'unix:/run/php/php7.3-fpm.sock');
    // debian:bookworm's php-fpm is 8.2; the COPY that brings the file in is the related location.
    assert.match(socket.message, /PHP 8\.2/);
    const related = socket.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(path.basename(related[0].location.uri.fsPath), 'Dockerfile');
    assert.equal(related[0].message, 'the COPY that puts this file into the image');
  });

  test('the hover on the marked name explains the rule', async () => {
    const typo = diagnostics().find((x) => code(x) === 'DG126')!;
    const text = await hoverText(doc, typo.range.start.translate(0, 2));
    assert.match(text, /DG126/);
    assert.match(text, /unknown directive/);
  });

  test('the quick fix corrects the name, and the finding goes away', async () => {
    const typo = diagnostics().find((x) => code(x) === 'DG126')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, typo.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => /autoindex/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.match(doc.lineAt(typo.range.start.line).text, /^\s*autoindex on;$/);
    await waitFor(diagnostics, (d) => !d.some((x) => code(x) === 'DG126'), 'no DG126 after the fix');
  });

  test('the file as shipped has no findings', async () => {
    await replaceAll(doc, shipped);
    await waitFor(diagnostics, (d) => d.length === 0, 'no diagnostics on the shipped srcs/nginx.conf');
  });
});
