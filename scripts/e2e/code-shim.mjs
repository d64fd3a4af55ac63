#!/usr/bin/env node
// A "VS Code executable" for @vscode/test-electron (runTests({ vscodeExecutablePath })) on machines
// without a desktop VS Code: it takes the arguments test-electron passes to VS Code and runs the
// same test module in code-server's real Node extension host instead (see harness.mjs).
//   --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> --user-data-dir=<d> --extensions-dir=<d> [folder]
// Desktop-only flags (--no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, ...) are ignored.
import fs from 'node:fs';
import path from 'node:path';
import { runExtensionTests } from './harness.mjs';
import { CODE_SERVER_PKG } from './lib/env.mjs';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  let version = '0.0.0';
  try {
    const product = path.join(path.dirname(CODE_SERVER_PKG), 'lib/vscode/package.json');
    version = JSON.parse(fs.readFileSync(product, 'utf8')).version;
  } catch {
    /* not installed yet */
  }
  console.log(`${version}\ncode-server-shim\nx64`);
  process.exit(0);
}

const opts = {};
const positional = [];
const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
for (let i = 0; i < argv.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
  if (!m) positional.push(argv[i]);
  else if (valued.has(m[1])) opts[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
}
if (!opts.extensionTestsPath || !opts.extensionDevelopmentPath) {
  console.error('code-shim: only extension test runs (--extensionDevelopmentPath and --extensionTestsPath) are supported');
  process.exit(2);
}
const code = await runExtensionTests({
  extDir: opts.extensionDevelopmentPath,
  testsPath: opts.extensionTestsPath,
  folder: positional[0],
  userDataDir: opts['user-data-dir'],
  extensionsDir: opts['extensions-dir'],
  timeoutS: Number(process.env.E2E_TIMEOUT || 600),
  verbose: process.env.E2E_VERBOSE === '1',
  keep: process.env.E2E_KEEP === '1',
});
process.exit(code);
