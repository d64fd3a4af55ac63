#!/usr/bin/env node
// Runs VS Code extension tests (extensionDevelopmentPath + extensionTestsPath, the contract
// @vscode/test-electron uses) inside code-server's real Node extension host. Headless Chromium opens
// the workbench with both paths in the URL payload, the workbench loads the test module in the remote
// extension host, and calls window.codeAutomationExit(code) when run() settles: that code is ours.
//
//   node scripts/e2e/harness.mjs --ext <dir> --tests <file.js> [--folder <dir>] [--user-data-dir <d>]
//        [--extensions-dir <d>] [--timeout 300] [--verbose] [--keep]
// Exit: 0 passed, 1 a test failed, 2 harness error (code-server or the browser died), 124 timeout.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { enableSmokeTestDriver, launchChromium } from './lib/browser.mjs';
import { freePort, startCodeServer } from './lib/codeServer.mjs';
import { elapsed, makeRunDir, sandboxEnv, writeJson } from './lib/env.mjs';
import { ensureTools } from './lib/install.mjs';
import { sampleTreeMemory } from './lib/memory.mjs';

/** Lines the workbench prints on its own in every run; hidden unless --verbose. */
const NOISE = [
  /Resolving connection token|Resolved connection token|Creating a socket|Service Worker|ServiceWorker|^ChatSessionStore/,
  /web worker extension host|allow-same-origin|Failed to load resource|Overwriting extension|additional builtin/,
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)/,
  /^Canceled: Canceled|Long running operations during shutdown|WARNING: Failed to read the installed/,
  /An iframe which has both allow-scripts|Ignoring fetching additional builtin extensions/,
];
const SUMMARY = /^\s*(\w+:\s*)?\d+ passed, \d+ failed(, \d+ skipped)?\s*$/;

export const defaultUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

/**
 * The exit code of a run that failed while the browser could not fetch extension files from code-server: the
 * caller (run.mjs) then runs the suite once more, with a fresh workspace and profile.
 */
export const BROWSER_FETCH_FAILED = 75;

/**
 * @param {object} o
 * @param {string} o.extDir         extension under development (its package.json folder)
 * @param {string} o.testsPath      built test module exporting run()
 * @param {string} [o.folder]       workspace folder to open
 * @param {string} [o.userDataDir]
 * @param {string} [o.extensionsDir]
 * @param {number} [o.timeoutS]
 * @param {boolean} [o.verbose]
 * @param {boolean} [o.keep]        keep the run folder even when the tests pass
 * @returns {Promise<number>} exit code
 */
export async function runExtensionTests(o) {
  const r = await runOnce(o);
  if (r.code === 0 || r.failedResources.length === 0) return r.code;
  // In one fresh run here the browser failed every fetch of an extension file from code-server ("Failed to fetch",
  // with code-server's own log clean), so static snippets never loaded and the snippet tests failed. That is
  // the browser's connection, not a test: say so with a code of its own. A test that fails while the browser fetched
  // everything keeps its own exit code.
  console.log(
    `[e2e] the browser could not fetch ${r.failedResources.length} extension file(s) from code-server (${r.failedResources[0]}) / ` +
      '브라우저가 code-server에서 확장 파일을 가져오지 못했습니다',
  );
  return BROWSER_FETCH_FAILED;
}

/** One run of the suite; failedResources lists the extension files the browser could not fetch (with the reason). */
async function runOnce(o) {
  const t0 = Date.now();
  const log = (...a) => console.log(`[e2e ${elapsed(t0)}]`, ...a);
  const tools = ensureTools();
  const runDir = makeRunDir('e2e');
  const userDataDir = o.userDataDir ?? path.join(runDir, 'user-data');
  const extensionsDir = o.extensionsDir ?? path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) writeJson(settingsFile, defaultUserSettings);
  const env = sandboxEnv(runDir);
  const memory = sampleTreeMemory();
  const timeoutS = o.timeoutS ?? 300;

  let server;
  let browser;
  let code = 2;
  const failedResources = [];
  let printing = Promise.resolve();
  let timer;
  const cleanup = async () => {
    try {
      await browser?.close();
    } catch {
      /* already closed */
    }
    await server?.stop();
  };
  const onSignal = async (sig) => {
    console.error(`[e2e] ${sig}: stopping`);
    await cleanup();
    process.exit(130);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  try {
    const port = await freePort();
    log(`code-server ${tools.version} on 127.0.0.1:${port}`);
    server = await startCodeServer({ bin: tools.codeServer, port, userDataDir, extensionsDir, runDir, env });
    browser = await launchChromium(tools.chromium, env);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(enableSmokeTestDriver);
    const page = await context.newPage();

    // The remote extension host's console reaches the page as console.log('%c[Extension Host] ...' or
    // '%c LEVEL', 'color: …', message, ...args). Strip the styling and print in order.
    page.on('console', (m) => {
      printing = printing.then(async () => {
        let values;
        try {
          values = await Promise.all(m.args().map((a) => a.jsonValue()));
        } catch {
          values = [m.text()];
        }
        if (values.length === 0) values = [m.text()];
        let level = '';
        if (typeof values[0] === 'string' && values[0].startsWith('%c') && typeof values[1] === 'string' && /^color:/.test(values[1])) {
          level = values[0].replace(/^%c\s*/, '').trim();
          values = values.slice(2);
        }
        const text = util.format(...values);
        if (SUMMARY.test(text)) console.log(text.trim());
        else if (o.verbose || !NOISE.some((re) => re.test(text))) {
          const tag = level && !/^(INFO|\[Extension Host\])$/.test(level) ? ` ${level}` : '';
          console.log(`  |${tag} ${text.split('\n').join('\n  | ')}`);
        }
      });
    });
    page.on('pageerror', (e) => console.log('  [pageerror]', e.message));
    page.on('requestfailed', (req) => {
      const reason = req.failure()?.errorText ?? 'unknown';
      // A fetch the workbench itself cancelled is not a failure of the connection.
      if (!req.url().includes('/vscode-remote-resource') || reason === 'net::ERR_ABORTED') return;
      if (failedResources.length < 3) console.log(`  [requestfailed] ${reason} ${req.url().slice(0, 200)}`);
      failedResources.push(`${reason}: ${new URL(req.url()).searchParams.get('path') ?? req.url()}`);
    });

    let resolveDone;
    const done = new Promise((r) => (resolveDone = r));
    await page.exposeFunction('codeAutomationExit', async (exitCode, logs) => {
      if (Array.isArray(logs)) {
        for (const l of logs) {
          const file = path.join(runDir, 'vscode-logs', String(l.relativePath));
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, String(l.contents));
        }
      }
      resolveDone(exitCode);
    });
    const crashed = new Promise((r) => page.on('crash', () => r('the browser page crashed')));
    const timedOut = new Promise((r) => (timer = setTimeout(() => r(124), timeoutS * 1000)));

    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(path.resolve(o.extDir))],
      ['extensionTestsPath', remote(path.resolve(o.testsPath))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    const target = o.folder ? `folder=${encodeURIComponent(path.resolve(o.folder))}` : 'ew=true';
    log('opening the workbench');
    await page.goto(`${server.url}/?${target}&payload=${encodeURIComponent(payload)}`);
    const r = await Promise.race([done, server.exited, crashed, timedOut]);
    if (r === 124) {
      console.error(`[e2e] timed out after ${timeoutS}s`);
      code = 124;
    } else if (typeof r === 'string') throw new Error(r);
    else code = Number(r);
    await Promise.race([printing, new Promise((res) => setTimeout(res, 2000))]);
  } catch (e) {
    console.error('[e2e] harness error:', e instanceof Error ? e.stack : e);
    code = 2;
  } finally {
    clearTimeout(timer);
    await cleanup();
    for (const s of signals) process.off(s, onSignal);
  }
  const mem = memory.stop();
  log(`finished with exit code ${code}; wall ${elapsed(t0)}; peak memory ${mem.peakPssMiB} MiB PSS (${mem.peakRssMiB} MiB RSS summed over up to ${mem.peakProcesses} processes)`);
  if (code !== 0 || o.keep) console.log(`[e2e] logs kept in ${runDir}`);
  else fs.rmSync(runDir, { recursive: true, force: true });
  return { code, failedResources };
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { values } = util.parseArgs({
    options: {
      ext: { type: 'string' },
      tests: { type: 'string' },
      folder: { type: 'string' },
      'user-data-dir': { type: 'string' },
      'extensions-dir': { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  if (!values.ext || !values.tests) {
    console.error('usage: harness.mjs --ext <dir> --tests <file.js> [--folder <dir>] [--timeout s] [--verbose] [--keep]');
    process.exit(2);
  }
  const code = await runExtensionTests({
    extDir: values.ext,
    testsPath: values.tests,
    folder: values.folder,
    userDataDir: values['user-data-dir'],
    extensionsDir: values['extensions-dir'],
    timeoutS: values.timeout ? Number(values.timeout) : undefined,
    verbose: values.verbose,
    keep: values.keep,
  });
  process.exit(code);
}
