// Completion on an empty line offers the Dockerfile instructions.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, completionLabel, openFile, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

let doc: vscode.TextDocument;

async function labelsAt(pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
  return (list?.items ?? []).map(completionLabel);
}

suite('completion', () => {
  before(async () => {
    await startedExtension();
    doc = await openFile('completion/Dockerfile', 'FROM debian:bookworm\n\nCMD ["bash"]\n');
  });
  after(closeAllEditors);

  test('an empty line after FROM offers every instruction', async () => {
    const labels = await waitFor(() => labelsAt(new vscode.Position(1, 0)), (l) => l.includes('RUN'), 'RUN among the completions');
    const missing = INSTRUCTIONS.filter((i) => !labels.includes(i));
    assert.deepStrictEqual(missing, [], `missing ${missing.join(', ')} in ${JSON.stringify(labels)}`);
  });

  test('a typed prefix still offers the matching instructions', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), 'CO');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const labels = await labelsAt(new vscode.Position(1, 2));
    assert.ok(labels.includes('COPY'), `COPY missing in ${JSON.stringify(labels)}`);
  });
});
