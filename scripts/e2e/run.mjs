#!/usr/bin/env node
// `npm run test:e2e`: the extension's e2e tests inside a real VS Code, through @vscode/test-electron.
//
//  1. builds the extension (dist/) and bundles test/e2e/index.ts + every test/e2e/suite/*.e2e.ts into
//     out/e2e/index.js (adding a test = adding one *.e2e.ts file);
//  2. copies examples/ft_server into a fresh workspace under .tmp/;
//  3. calls test-electron's runTests(). Where no desktop VS Code can run (CI, headless machines without
//     internet) vscodeExecutablePath is scripts/e2e/code-shim.mjs, which runs the very same test module
//     in code-server's Node extension host. `--desktop` (or E2E_VSCODE=desktop) leaves test-electron's
//     own download path: it fetches a desktop VS Code into .vscode-test/ (needs internet and a display).
//
//   npm run test:e2e [-- --grep <regexp>] [--desktop] [--keep] [--verbose]
// Environment: E2E_GREP, E2E_VSCODE=desktop|code-server, E2E_VSCODE_PATH=<a VS Code executable>,
//              E2E_VSCODE_VERSION (desktop download), E2E_TIMEOUT (seconds, default 600).
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import * as esbuild from 'esbuild';
import { EXAMPLE_DIR, ROOT, elapsed, makeRunDir, writeJson } from './lib/env.mjs';
import { ensureTools } from './lib/install.mjs';
import { BROWSER_FETCH_FAILED, defaultUserSettings } from './harness.mjs';

const t0 = Date.now();
const { values: opts } = util.parseArgs({
  options: {
    grep: { type: 'string', default: process.env.E2E_GREP ?? '' },
    desktop: { type: 'boolean', default: process.env.E2E_VSCODE === 'desktop' },
    keep: { type: 'boolean', default: process.env.E2E_KEEP === '1' },
    verbose: { type: 'boolean', default: process.env.E2E_VERBOSE === '1' },
    'no-build': { type: 'boolean', default: false },
  },
});

const SUITE_DIR = path.join(ROOT, 'test/e2e/suite');
const OUT_DIR = path.join(ROOT, 'out/e2e');
const SHIM = path.join(ROOT, 'scripts/e2e/code-shim.mjs');

/** One CommonJS bundle: the run() entry plus every suite file, so all share one framework instance. */
export async function bundleTests() {
  const suites = fs
    .readdirSync(SUITE_DIR)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  if (suites.length === 0) throw new Error(`no *.e2e.ts files in ${SUITE_DIR}`);
  const entry = [
    `export { run } from './test/e2e/index';`,
    ...suites.map((f) => `import './test/e2e/suite/${f.replace(/\.ts$/, '')}';`),
  ].join('\n');
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'e2e-entry.ts', loader: 'ts' },
    outfile: path.join(OUT_DIR, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { file: path.join(OUT_DIR, 'index.js'), suites };
}

async function main() {
  if (!opts['no-build']) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const tests = await bundleTests();
  console.log(`[e2e] bundled ${tests.suites.length} suite file(s): ${tests.suites.join(', ')}`);

  let vscodeExecutablePath = process.env.E2E_VSCODE_PATH || undefined;
  if (!vscodeExecutablePath && !opts.desktop) {
    const tools = ensureTools();
    fs.chmodSync(SHIM, 0o755);
    vscodeExecutablePath = SHIM;
    console.log(`[e2e] VS Code: code-server ${tools.version} (real Node extension host) through ${path.relative(ROOT, SHIM)}`);
  } else {
    console.log(`[e2e] VS Code: ${vscodeExecutablePath ?? 'downloaded by @vscode/test-electron'}`);
  }

  // A run in which the browser could not fetch the extension's files from code-server (harness.mjs says so with
  // BROWSER_FETCH_FAILED) is run once more, from a fresh workspace and profile: the first run's state must not
  // decide the second's tests. Any other failure, and the same fault twice, fail at once.
  let code = 0;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const runDir = makeRunDir('run');
    const workspace = path.join(runDir, 'ws');
    fs.cpSync(EXAMPLE_DIR, workspace, { recursive: true });
    const userDataDir = path.join(runDir, 'user-data');
    const extensionsDir = path.join(runDir, 'extensions');
    writeJson(path.join(userDataDir, 'User', 'settings.json'), defaultUserSettings);
    fs.mkdirSync(extensionsDir, { recursive: true });
    code = 0;
    try {
      await runTests({
        vscodeExecutablePath,
        version: process.env.E2E_VSCODE_VERSION || undefined,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: tests.file,
        launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, '--disable-extensions'],
        extensionTestsEnv: { E2E_GREP: opts.grep, E2E_KEEP: opts.keep ? '1' : '', E2E_VERBOSE: opts.verbose ? '1' : '' },
      });
    } catch (e) {
      code = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
      console.error(`[e2e] ${e instanceof Error ? e.message : e}`);
    }
    if (code === 0 && !opts.keep) fs.rmSync(runDir, { recursive: true, force: true });
    else console.log(`[e2e] workspace and profile kept in ${runDir}`);
    if (code !== BROWSER_FETCH_FAILED || attempt === 2) break;
    console.log('[e2e] running the suite once more, in a fresh browser, workspace and profile / 새 브라우저와 작업 공간, 프로필로 테스트를 한 번 더 실행합니다');
  }
  console.log(`[e2e] ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${elapsed(t0)}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[e2e]', e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
