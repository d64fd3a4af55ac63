// A Korean code-server workbench in headless Chromium, for the README's screenshots: a fresh profile with the
// extension installed as a .vsix would be and the minimal Korean pack, code-server on a free loopback port, a page
// opened on the workspace. The caller closes it with close().
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { freePort, startCodeServer } from './codeServer.mjs';
import { sandboxEnv, writeJson } from './env.mjs';
import { installExtensionCopy } from './extension.mjs';
import { installKoreanLanguagePack } from './languagePack.mjs';
import { defaultUserSettings } from '../harness.mjs';

export async function openKoreanWorkbench({ tools, runDir, workspace, settings = {}, viewport = { width: 1280, height: 800 }, beforeStart = () => undefined }) {
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  writeJson(path.join(userDataDir, 'User', 'settings.json'), { ...defaultUserSettings, 'workbench.colorTheme': 'Default Dark Modern', ...settings });
  installExtensionCopy(extensionsDir);
  const pack = installKoreanLanguagePack(extensionsDir, userDataDir, tools, { tryGallery: false });
  if (!pack.ok) throw new Error(`Korean display language: ${pack.reason}`);
  await beforeStart();
  const env = sandboxEnv(runDir);
  let server;
  let browser;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  try {
    server = await startCodeServer({ bin: tools.codeServer, port: await freePort(), userDataDir, extensionsDir, runDir, env, locale: 'ko' });
    browser = await launchChromium(tools.chromium, env);
    const page = await (await browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    return { page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Screenshots ship in the .vsix (the README's pictures show in VS Code's extension page), under its size budget
 * (test/package): a 256-colour palette makes a UI screenshot about a third of its size with no visible change.
 * Uses Debian's pngquant when it is there (`apt-get install pngquant`); otherwise the file stays as Chromium wrote it.
 */
export function shrinkPng(file) {
  const r = spawnSync('pngquant', ['--quality', '70-95', '--speed', '1', '--force', '--output', file, file], { encoding: 'utf8' });
  if (r.error || r.status !== 0) console.log(`pngquant not run (${r.error?.message ?? r.stderr.trim()}): ${file} keeps its full size`);
}

/** Drags the sidebar's edge `by` pixels to the right, so that long rows and their descriptions fit in a picture. */
export async function widenSidebar(page, by) {
  const sb = await page.locator('.part.sidebar').boundingBox();
  if (!sb) return;
  const x = sb.x + sb.width;
  const y = sb.y + sb.height / 2;
  await page.mouse.move(x + 1, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 10 });
  await page.mouse.up();
}

/**
 * Opens the command palette, types `typed`, and returns the labels of its rows once the list has settled: the same
 * labels on two reads 250 ms apart. Waiting for a first row is not enough, since F1 already shows the recently used
 * commands before the typed text filters them, and a fixed pause can be too short on a busy machine.
 * With `{ run: true }` it then presses Enter on the first (settled) row.
 */
export async function commandPalette(page, typed, { run = false } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  await input.waitFor();
  await input.fill(`>${typed}`);
  const rows = page.locator('.quick-input-list .monaco-list-row .label-name');
  await rows.first().waitFor();
  const read = async () => (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  let last = await read();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const now = await read();
    if (now.length > 0 && now.join('\n') === last.join('\n')) break;
    last = now;
  }
  if (run) await page.keyboard.press('Enter');
  return last;
}
