// The extension activates when a Dockerfile opens, and its language server starts and answers.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, GuideApi, closeAllEditors, waitFor, workspaceDir } from '../helpers';
import { after, suite, test } from '../framework';

suite('activation', () => {
  after(closeAllEditors);

  test('the extension is loaded from the development folder', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    assert.strictEqual(ext.packageJSON.main, './dist/extension.js');
  });

  test('opening the example Dockerfile activates it and starts the language server', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'Dockerfile'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'dockerfile');
    const ext = vscode.extensions.getExtension<GuideApi>(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, Boolean, 'extension active after opening a Dockerfile');
    const client = await ext.exports.languageClient();
    await waitFor(() => client.isRunning(), Boolean, 'language client running');
    const caps = client.initializeResult?.capabilities ?? {};
    for (const cap of ['hoverProvider', 'completionProvider', 'documentFormattingProvider']) {
      assert.ok(caps[cap], `the server does not announce ${cap}: ${JSON.stringify(caps)}`);
    }
  });
});
