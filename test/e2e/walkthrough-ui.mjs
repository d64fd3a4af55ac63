#!/usr/bin/env node
// UI check of the walkthrough "도커파일 가이드 시작하기" the way a person uses it: `node test/e2e/walkthrough-ui.mjs
// [--no-build]` (npm run test:ui:walkthrough). code-server in Korean with headless Chromium, the extension installed
// as its .vsix lays it out. The walkthrough opens from the palette ("Welcome: Open Walkthrough…") and shows its
// Korean title, 8 steps and the Korean step media; no step is checked. Then, with the mouse and the keyboard only:
//   1. the Dockerfile is opened from the Explorer;  2. the mouse rests on FROM until our Korean hover shows;
//   3. Ctrl+. on the EXPOSE line and a click on the fix (not the ignore action);  4. the explanation from the palette.
// Back on the walkthrough, steps 1–4 carry VS Code's check mark (the step's checkbox codicon gets `complete` and
// aria-checked="true") and steps 5–8 do not. Screenshots: test-results/walkthrough-ui-{start,done}.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { commandPalette, openKoreanWorkbench } from '../../scripts/e2e/lib/workbench.mjs';
import { hoverUntil, wordBox } from '../../scripts/e2e/lib/editorText.mjs';

const RESULTS = path.join(ROOT, 'test-results');
const TEXT = ['FROM debian:bookworm', 'EXPOSE 80:80', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');
const WALKTHROUGH = 'dockerfile-guide.dockerfile-guide#getStarted';
const HANGUL = /[\uac00-\ud7a3]/;
const t0 = Date.now();
const log = (...a) => console.log(`[walkthrough-ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const ko = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.ko.json'), 'utf8'));
const steps = manifest.contributes.walkthroughs[0].steps.map((s) => ({ id: s.id, title: ko[s.title.slice(1, -1)] }));

async function openWalkthrough(page) {
  await commandPalette(page, 'Welcome: Open Walkthrough', { run: true });
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  await input.waitFor();
  await input.fill(ko['walkthrough.title']);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: ko['walkthrough.title'] }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.gettingStartedContainer h2', { hasText: ko['walkthrough.title'] }).first().waitFor({ timeout: 15_000 });
}

/** Which steps carry the check mark on the open walkthrough page (its checkbox codicons, by step id). */
async function checked(page) {
  const out = {};
  for (const s of steps) {
    const box = page.locator(`.gettingStartedContainer .codicon[data-done-step-id="${WALKTHROUGH}#${s.id}"]`).first();
    await box.waitFor({ state: 'attached' });
    const [cls, aria] = [await box.getAttribute('class'), await box.getAttribute('aria-checked')];
    assert.equal(/\bcomplete\b/.test(cls ?? ''), aria === 'true', `step ${s.id}: class ${cls} agrees with aria-checked ${aria}`);
    out[s.id] = aria === 'true';
  }
  return out;
}

/** The text of the walkthrough's Markdown media (a webview: nested frames). */
async function mediaText(page, wanted) {
  for (let i = 0; i < 50; i++) {
    for (const f of page.frames().filter((x) => x !== page.mainFrame())) {
      const t = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (t.includes(wanted)) return t;
    }
    await page.waitForTimeout(200);
  }
  return '';
}

async function main() {
  if (!process.argv.includes('--no-build')) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('walkthrough-ui');
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), TEXT);
  fs.mkdirSync(RESULTS, { recursive: true });
  let wb;
  let page;
  try {
    wb = await openKoreanWorkbench({
      tools,
      runDir,
      workspace,
      // Opened by the test, not by VS Code on install; the hover comes quickly.
      settings: { 'editor.hover.delay': 150, 'workbench.welcomePage.walkthroughs.openOnInstall': false },
      viewport: { width: 1600, height: 1000 },
    });
    page = wb.page;

    await openWalkthrough(page);
    const titles = await page.locator('.gettingStartedContainer h3.step-title').allInnerTexts();
    log(`steps: ${JSON.stringify(titles.map((t) => t.trim()))}`);
    assert.deepEqual(
      titles.map((t) => t.trim()),
      steps.map((s) => s.title),
      'the 8 Korean step titles, in order',
    );
    assert.deepEqual(Object.values(await checked(page)), steps.map(() => false), 'no step is checked yet');
    // The first step is selected: its Korean media (media/walkthrough/open.ko.md) shows beside it.
    const media = await mediaText(page, '새 웹 스택 만들기');
    assert.ok(HANGUL.test(media) && media.includes('srcs/nginx.conf'), `the Korean media of step 1: ${JSON.stringify(media.slice(0, 200))}`);
    await page.screenshot({ path: path.join(RESULTS, 'walkthrough-ui-start.png') });
    log('walkthrough open: Korean titles and media, nothing checked');

    // 1. The Dockerfile from the Explorer.
    await page.keyboard.press('Control+Shift+E');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first();
    await row.waitFor();
    await row.click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'EXPOSE 80:80' }).first().waitFor();
    log('1. Dockerfile open');

    // 2. The mouse on FROM until our Korean hover shows (the first one can come before the server is up).
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: HANGUL }).first();
    const shown = await hoverUntil(page, { word: 'FROM', line: /^FROM\s/, shows: hover, tries: 30, log });
    assert.ok(shown, 'the Korean hover over FROM');
    log('2. hover shown');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');

    // 3. Ctrl+. on EXPOSE 80:80, then a click on the fix (the menu also has the ignore action, which must not count).
    const expose = await wordBox(page, '80:80', /^EXPOSE\s/);
    assert.ok(expose, 'the EXPOSE line is visible');
    await page.mouse.click(expose.x + 2, expose.y + expose.height / 2);
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info').first().waitFor({ timeout: 60_000 });
    let items = [];
    for (let i = 0; i < 20 && !items.length; i++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row.action');
      try {
        await rows.first().waitFor({ timeout: 2000 });
        items = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      } catch {
        log('no quick fix menu yet; trying again');
      }
    }
    log(`quick fixes: ${JSON.stringify(items)}`);
    const fixText = items.find((t) => !/무시|ignore/i.test(t));
    assert.ok(fixText, 'a fix besides the ignore action');
    // The menu takes keys (a pointer block covers the rest of the page): arrow to the fix, then Enter.
    const focused = () => page.locator('.action-widget .monaco-list-row.action.focused').first().getAttribute('aria-label');
    for (let i = 0; i < items.length && (await focused()) !== fixText; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), fixText, 'the fix is selected in the menu');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: /^EXPOSE\s80\s*$/ }).first().waitFor({ timeout: 10_000 });
    log(`3. applied "${fixText}"`);

    // 4. The explanation from the palette.
    await commandPalette(page, '도커파일 가이드: 이 컨테이너가 실행할 명령 보기', { run: true });
    await page.locator('.tabs-container .tab', { hasText: '실행할 명령:' }).first().waitFor({ timeout: 20_000 });
    log('4. explanation open');
    // One editor group again, so that the walkthrough page has room for its list of steps in the picture.
    await commandPalette(page, 'View: Close Editors in Other Groups', { run: true });
    await page.locator('.tabs-container .tab', { hasText: '실행할 명령:' }).first().waitFor({ state: 'detached', timeout: 5000 });

    await openWalkthrough(page);
    let marks = await checked(page);
    for (let i = 0; i < 25 && !(marks.open && marks.hover && marks.fix && marks.explain); i++) {
      await page.waitForTimeout(200);
      marks = await checked(page);
    }
    log(`check marks: ${JSON.stringify(marks)}`);
    // VS Code scrolls to the first open step; selecting step 1 brings it back into the picture with the check marks
    // below it (selecting completes nothing here: the steps complete on their context keys only).
    await page.locator(`.gettingStartedContainer [x-step-title-for="${WALKTHROUGH}#open"]`).first().click();
    await page.waitForTimeout(600);
    assert.deepEqual(await checked(page), marks, 'selecting a step changed no check mark');
    await mediaText(page, '새 웹 스택 만들기');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(RESULTS, 'walkthrough-ui-done.png') });
    assert.deepEqual(marks, { open: true, hover: true, fix: true, explain: true, build: false, check: false, layers: false, stop: false });
    log('steps 1–4 checked by the real actions, 5–8 open');
  } catch (e) {
    await page?.screenshot({ path: path.join(RESULTS, 'walkthrough-ui-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb?.close();
  }
}

main().then(
  () => {
    console.log('1 passed, 0 failed');
    process.exit(0);
  },
  async (e) => {
    console.error('[walkthrough-ui] FAILED:', e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
