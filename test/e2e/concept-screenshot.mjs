#!/usr/bin/env node
// The concept pages in the UI, the way a person meets them: `node test/e2e/concept-screenshot.mjs [--no-build]`.
// code-server in Korean with headless Chromium, the extension laid out as its .vsix would be (.vscodeignore applied,
// so docs/concepts must be packed). On a Dockerfile with `EXPOSE 80`, a real mouse hover over EXPOSE shows the link
// "개념: <the ports page's Korean title>"; a real click on it must open the tab with that title beside the editor,
// whose page (a webview: nested frames) shows the Korean page and its picture, loaded (the CSP, the local resource
// root and the rewritten src all work). Screenshot: test-results/concept-ports-ko.png. Then the palette's
// "개념 보기" lists the pages by their Korean titles (test-results/concept-pick-ko.png), and a link inside the PID 1
// page, clicked, runs dockerfileGuide.openConcept for the shell-vs-exec page (test-results/concept-link-ko.png).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench } from '../../scripts/e2e/lib/workbench.mjs';
import { hoverUntil } from '../../scripts/e2e/lib/editorText.mjs';

const RESULTS = path.join(ROOT, 'test-results');
const TEXT = ['FROM nginx:1.27', 'COPY site/ /usr/share/nginx/html/', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');
const log = (...a) => console.log('[concept-screenshot]', ...a);
const title = (slug) => fs.readFileSync(path.join(ROOT, 'docs/concepts', `${slug}.ko.md`), 'utf8').split('\n')[0].replace(/^# /, '');

async function main() {
  if (!process.argv.includes('--no-build')) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('concept-shot');
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), TEXT);
  fs.mkdirSync(RESULTS, { recursive: true });
  const ports = title('ports');
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, settings: { 'editor.hover.delay': 150, 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none' } });
    const page = wb.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'EXPOSE 80' }).first().waitFor();

    // The hover over EXPOSE and its concept link (the language server may still be starting: try again).
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const link = hover.locator('a', { hasText: `개념: ${ports}` }).first();
    if (!(await hoverUntil(page, { word: 'EXPOSE', line: /^EXPOSE/, shows: link, tries: 16, timeout: 3000, log }))) {
      throw new Error(`the EXPOSE hover never showed "개념: ${ports}"`);
    }
    await page.screenshot({ path: path.join(RESULTS, 'concept-hover-ko.png') });
    await link.click();
    log(`clicked "개념: ${ports}"`);

    // The tab, and the page inside the webview's frames: its title and its picture, loaded.
    await page.locator('.tabs-container .tab', { hasText: ports }).first().waitFor({ timeout: 15_000 });
    let seen = null;
    for (let i = 0; i < 75 && !seen; i++) {
      for (const f of page.frames().filter((x) => x !== page.mainFrame())) {
        const s = await f
          .evaluate(() => {
            const img = document.querySelector('img');
            return { h1: document.querySelector('h1')?.textContent ?? '', src: img?.getAttribute('src') ?? '', width: img?.naturalWidth ?? 0, complete: img?.complete ?? false };
          })
          .catch(() => null);
        if (s?.h1 && s.width > 0) seen = s;
      }
      if (!seen) await page.waitForTimeout(200);
    }
    assert.ok(seen, 'a webview frame shows the page with its picture loaded');
    assert.equal(seen.h1, ports, 'the page is the Korean ports page');
    assert.match(seen.src, /docs\/concepts\/images\/ports\.svg$/);
    log(`page "${seen.h1}", picture ${seen.width}px wide from ${seen.src}`);
    await page.keyboard.press('Control+B'); // the sidebar away: more room for the page
    await page.waitForTimeout(500);
    const shot = path.join(RESULTS, 'concept-ports-ko.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${path.relative(ROOT, shot)}`);

    // The palette: "개념 보기" and its pick list of Korean titles.
    await page.keyboard.press('F1');
    await page.keyboard.type('개념 보기');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '개념 보기' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: ports }).first().waitFor();
    const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    log(`pick list: ${rows.join(' | ')}`);
    assert.ok(rows.includes(ports) && rows.includes(title('layers-and-cache')) && rows.includes(title('pid1-and-signals')), 'the pick list names the pages by their Korean titles');
    await page.screenshot({ path: path.join(RESULTS, 'concept-pick-ko.png') });

    // A command link inside a page runs (the webview allows our commands): the PID 1 page links shell-vs-exec.
    const pid1 = title('pid1-and-signals');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: pid1 }).first().click();
    await page.locator('.tabs-container .tab', { hasText: pid1 }).first().waitFor({ timeout: 15_000 });
    let clicked = false;
    for (let i = 0; i < 50 && !clicked; i++) {
      for (const f of page.frames().filter((x) => x !== page.mainFrame())) {
        const a = f.locator('a', { hasText: '개념: 셸 형식과 exec 형식' }).first();
        if ((await a.count().catch(() => 0)) > 0) {
          await a.click();
          clicked = true;
          break;
        }
      }
      if (!clicked) await page.waitForTimeout(200);
    }
    assert.ok(clicked, 'the PID 1 page shows its link to the shell-vs-exec page');
    const written = fs.existsSync(path.join(ROOT, 'docs/concepts/shell-vs-exec.ko.md'));
    if (written) {
      // The same tab now shows the other page.
      await page.locator('.tabs-container .tab', { hasText: title('shell-vs-exec') }).first().waitFor({ timeout: 15_000 });
      log(`the link in the page opened "${title('shell-vs-exec')}"`);
    } else {
      // Before that page is written the command still runs, and says the page is missing.
      await page.locator('.notifications-toasts', { hasText: 'shell-vs-exec' }).first().waitFor({ timeout: 15_000 });
      log('the link in the page ran dockerfileGuide.openConcept (shell-vs-exec is not written in this branch: its notice shows)');
    }
    await page.screenshot({ path: path.join(RESULTS, 'concept-link-ko.png') });
  } finally {
    await wb?.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('[concept-screenshot] FAILED:', e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
