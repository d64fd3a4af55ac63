#!/usr/bin/env node
// `npm run test:ui`: a UI smoke test the way a person uses the extension. The built extension is
// installed into code-server like a .vsix, VS Code runs with Korean as its display language (as
// `npm start -- --lang ko` does) and dockerfileGuide.language left at `auto`; headless Chromium opens
// examples/ft_server, clicks the Dockerfile in the Explorer, hovers `FROM` and waits for the hover
// widget to show our Korean docs.
// Screenshot: test-results/ui-hover-from-ko.png (on failure: test-results/ui-failure.png).
//
//   npm run test:ui [-- --no-build] [--keep]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { launchChromium } from './lib/browser.mjs';
import { freePort, startCodeServer } from './lib/codeServer.mjs';
import { EXAMPLE_DIR, ROOT, elapsed, makeRunDir, sandboxEnv, writeJson } from './lib/env.mjs';
import { installExtensionCopy } from './lib/extension.mjs';
import { ensureTools } from './lib/install.mjs';
import { installKoreanLanguagePack } from './lib/languagePack.mjs';
import { sampleTreeMemory } from './lib/memory.mjs';
import { defaultUserSettings } from './harness.mjs';
import { hoverUntil, wordBox } from './lib/editorText.mjs';
import { commandPalette } from './lib/workbench.mjs';

const { values: opts } = util.parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, timeout: { type: 'string', default: '180' } },
});
const t0 = Date.now();
const log = (...a) => console.log(`[ui ${elapsed(t0)}]`, ...a);
const RESULTS = path.join(ROOT, 'test-results');
const HANGUL = /[\uac00-\ud7a3]/;

/**
 * The first sentence of FROM's Korean summary in server/src/docs, as the hover widget renders it
 * (no Markdown backticks). The docs module is bundled to CommonJS here so this script needs no loader.
 */
async function expectedKoreanSentence() {
  const out = path.join(ROOT, 'out/e2e/docs-instructions.cjs');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'server/src/docs/instructions.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const { INSTRUCTIONS } = createRequire(import.meta.url)(out);
  const summary = INSTRUCTIONS.FROM.summary.ko;
  const first = summary.split(/(?<=다\.)\s/)[0];
  return first.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

async function main() {
  if (!opts['no-build']) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const tools = ensureTools();
  const runDir = makeRunDir('ui');
  const workspace = path.join(runDir, 'ws');
  fs.cpSync(EXAMPLE_DIR, workspace, { recursive: true });
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  writeJson(path.join(userDataDir, 'User', 'settings.json'), {
    ...defaultUserSettings,
    'editor.hover.delay': 150,
    'workbench.colorTheme': 'Default Dark Modern',
  });
  const installed = installExtensionCopy(extensionsDir);
  log(`installed ${installed.id} (${installed.files} files) into a fresh profile`);
  // Hermetic: never ask the gallery here; the minimal local pack makes `ko` the display language.
  const pack = installKoreanLanguagePack(extensionsDir, userDataDir, tools, { tryGallery: false });
  if (!pack.ok) throw new Error(`Korean display language: ${pack.reason}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.rmSync(path.join(RESULTS, 'ui-failure.png'), { force: true });

  const env = sandboxEnv(runDir);
  const memory = sampleTreeMemory();
  const port = await freePort();
  let server;
  let browser;
  let page;
  let ok = false;
  const timer = setTimeout(() => {
    console.error(`[ui] timed out after ${opts.timeout}s`);
    void cleanup().then(() => process.exit(124));
  }, Number(opts.timeout) * 1000);
  async function cleanup() {
    try {
      await browser?.close();
    } catch {
      /* closed */
    }
    await server?.stop();
  }
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void cleanup().then(() => process.exit(130)));

  try {
    server = await startCodeServer({ bin: tools.codeServer, port, userDataDir, extensionsDir, runDir, env, locale: 'ko' });
    log(`code-server ${tools.version} on ${server.url}`);
    browser = await launchChromium(tools.chromium, env);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    log('workbench loaded');

    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first();
    await row.waitFor();
    await row.click();
    // The box of the 4 characters `FROM` on the first FROM line, whatever the tokenizer made of the line.
    const fromBox = () => wordBox(page, 'FROM', /^FROM\s/);
    let box = null;
    for (let i = 0; i < 100 && !box; i++) {
      box = await fromBox();
      if (!box) await page.waitForTimeout(300);
    }
    if (!box) throw new Error('no FROM line is visible in the editor');
    log('Dockerfile open in the editor');

    // The first hover can come before the extension has activated: move off the word and back until
    // the widget shows our docs.
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: HANGUL }).first();
    const shown = await hoverUntil(page, { word: 'FROM', line: /^FROM\s/, shows: hover, log });
    if (!shown) throw new Error('the hover widget with Korean text never appeared over FROM');
    await page.waitForTimeout(300); // let the widget finish layout before reading and capturing it
    const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
    log(`hover: ${JSON.stringify(text.slice(0, 160))}…`);
    assert.match(text, /FROM/, 'the hover names the instruction');
    assert.ok(HANGUL.test(text), 'the hover is in Korean');
    const sentence = await expectedKoreanSentence();
    assert.ok(text.includes(sentence), `the hover lacks the Korean summary ${JSON.stringify(sentence)}`);
    await page.screenshot({ path: path.join(RESULTS, 'ui-hover-from-ko.png') });
    log(`screenshot: ${path.relative(ROOT, path.join(RESULTS, 'ui-hover-from-ko.png'))}`);

    // Issue 18, item 6: the answer fits the box. The "자세히 보기" link is inside the hover's visible area without
    // scrolling, and a click opens the full page beside the editor, in a tab titled "FROM 설명".
    const more = hover.locator('a', { hasText: '자세히 보기' }).first();
    await more.waitFor({ state: 'visible' });
    const [boxOfHover, boxOfLink] = [await hover.boundingBox(), await more.boundingBox()];
    assert.ok(boxOfHover && boxOfLink, 'hover and link have boxes');
    assert.ok(boxOfLink.y + boxOfLink.height <= boxOfHover.y + boxOfHover.height + 1, `the More link is below the hover's fold: ${JSON.stringify({ boxOfHover, boxOfLink })}`);
    await more.click();
    const refTab = page.locator('.tabs-container .tab', { hasText: 'FROM 설명' }).first();
    await refTab.waitFor({ timeout: 20_000 });
    log('the More link opened the "FROM 설명" tab');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(RESULTS, 'ui-reference-from-ko.png') });

    // Issue 18, item 3: the palette in Korean. "도커파일" finds the extension's commands, and typing the
    // exact title "Docker: 이미지 빌드" puts Build Image first (it used to be "이미지 빌드 후 실행…"). The
    // category stays "Docker": the glossary keeps the name, so "도커: …" matches no command label.
    await page.mouse.move(5, 5);
    const guide = await commandPalette(page, '도커파일');
    log(`palette "도커파일": ${JSON.stringify(guide.slice(0, 4))}`);
    assert.ok(guide.some((l) => l.startsWith('도커파일 가이드: ')), 'the category is localized');
    const build = await commandPalette(page, 'Docker: 이미지 빌드');
    log(`palette "Docker: 이미지 빌드": ${JSON.stringify(build.slice(0, 3))}`);
    assert.equal(build[0], 'Docker: 이미지 빌드…', 'the exact title comes first');

    await page.screenshot({ path: path.join(RESULTS, 'ui-palette-build-ko.png') });
    await page.keyboard.press('Escape');

    // Issue 18, item 10: the explanation opens in a tab with a real title, not "Preview explain.md".
    await commandPalette(page, '도커파일 가이드: 이 컨테이너가 실행할 명령 보기');
    await page.keyboard.press('Enter');
    const wanted = `실행할 명령: ${path.basename(workspace)}/Dockerfile`;
    const tab = page.locator('.tabs-container .tab', { hasText: wanted }).first();
    await tab.waitFor({ timeout: 20_000 });
    const tabs = (await page.locator('.tabs-container .tab').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    log(`tabs: ${JSON.stringify(tabs)}`);
    assert.ok(!tabs.some((t) => /explain\.md/.test(t)), 'no "explain.md" tab');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(RESULTS, 'ui-explain-tab-ko.png') });
    ok = true;
  } catch (e) {
    console.error('[ui] FAILED:', e instanceof Error ? e.message : e);
    try {
      await page?.screenshot({ path: path.join(RESULTS, 'ui-failure.png') });
      console.error(`[ui] screenshot of the failure: test-results/ui-failure.png`);
    } catch {
      /* no page */
    }
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  const mem = memory.stop();
  log(`wall ${elapsed(t0)}; peak memory ${mem.peakPssMiB} MiB PSS (${mem.peakRssMiB} MiB RSS summed over up to ${mem.peakProcesses} processes)`);
  if (ok && !opts.keep) fs.rmSync(runDir, { recursive: true, force: true });
  else console.log(`[ui] code-server log and profile kept in ${runDir}`);
  console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[ui]', e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
