// Entry of the e2e bundle (out/e2e/index.js): the extensionTestsPath module. VS Code calls run() inside
// the extension host; a rejected promise makes the test run exit with code 1.
// scripts/e2e/run.mjs bundles this file together with every test/e2e/suite/*.e2e.ts.
import * as vscode from 'vscode';
import { runAll } from './framework';

export async function run(): Promise<void> {
  console.log(
    `Dockerfile Guide e2e: VS Code ${vscode.version} (${vscode.env.appName}), ` +
      `node ${process.version}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, remote=${vscode.env.remoteName ?? 'none'}, ` +
      `language=${vscode.env.language}`,
  );
  const result = await runAll(process.env.E2E_GREP || undefined);
  if (result.failed > 0) throw new Error(`${result.failed} e2e test(s) failed`);
  if (result.passed === 0) throw new Error('no e2e test ran');
}
