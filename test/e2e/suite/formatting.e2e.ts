// Format Document through VS Code gives the text dockerfile-utils' formatter produces:
// leading whitespace of instructions and comments goes, keyword casing and arguments stay, and
// continuation lines follow dockerfileGuide.format.ignoreMultilineInstructions.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyEdits, closeAllEditors, openFile, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

const INPUT = [
  '  from debian:bookworm',
  'run   apt-get update && \\',
  '  apt-get install -y nginx',
  '\t\tCOPY  srcs/nginx.conf /etc/nginx/',
  '   # comment',
  '  expose 80 443',
  '    CMD ["nginx", "-g", "daemon off;"]',
  '',
].join('\n');

// Continuation lines are left as written (the setting's default, true).
const KEEP_MULTILINE = [
  'from debian:bookworm',
  'run   apt-get update && \\',
  '  apt-get install -y nginx',
  'COPY  srcs/nginx.conf /etc/nginx/',
  '# comment',
  'expose 80 443',
  'CMD ["nginx", "-g", "daemon off;"]',
  '',
].join('\n');

// With ignoreMultilineInstructions = false the continuation is indented by one tab stop (4 spaces).
const INDENT_MULTILINE = KEEP_MULTILINE.replace('\n  apt-get install', '\n    apt-get install');

const OPTIONS: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
let doc: vscode.TextDocument;

async function formatted(): Promise<string> {
  const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, OPTIONS);
  return applyEdits(doc, edits ?? []);
}

suite('formatting', () => {
  before(async () => {
    await startedExtension();
    doc = await openFile('formatting/Dockerfile', INPUT);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('dockerfileGuide').update('format.ignoreMultilineInstructions', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('Format Document removes leading whitespace and keeps keyword casing', async () => {
    assert.strictEqual(await formatted(), KEEP_MULTILINE);
  });

  test('with format.ignoreMultilineInstructions off, continuation lines are indented', async () => {
    await vscode.workspace.getConfiguration('dockerfileGuide').update('format.ignoreMultilineInstructions', false, vscode.ConfigurationTarget.Global);
    const out = await waitFor(formatted, (t) => t !== KEEP_MULTILINE, 'the formatter to pick up the setting', 10_000);
    assert.strictEqual(out, INDENT_MULTILINE);
  });

  test('formatting an already formatted document changes nothing', async () => {
    // The setting is still off here, so the clean text is the indented one.
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      (await openFile('formatting-clean/Dockerfile', INDENT_MULTILINE)).uri,
      OPTIONS,
    );
    assert.deepStrictEqual(edits ?? [], []);
  });
});
