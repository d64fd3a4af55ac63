#!/usr/bin/env node
// Screenshot of an nginx site config checked in the editor, in Korean, for the README:
// `node test/e2e/nginx-screenshot.mjs`. Copies examples/ft_server, puts two classic mistakes into its
// srcs/nginx.conf (a misspelt `autoindex`, the PHP 7.3 socket of a buster tutorial while the Dockerfile installs
// bookworm's 8.2), opens code-server in Korean with headless Chromium, opens the file and the Problems panel, hovers
// the socket path and captures media/screenshots/nginx-config-ko.png. Fails when the marks or the hover do not show.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { EXAMPLE_DIR, ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench, shrinkPng } from '../../scripts/e2e/lib/workbench.mjs';
import { hoverUntil, wordBox } from '../../scripts/e2e/lib/editorText.mjs';

const OUT = path.join(ROOT, 'media/screenshots/nginx-config-ko.png');

async function main() {
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('nginx-shot');
  const workspace = path.join(runDir, 'ws');
  fs.cpSync(EXAMPLE_DIR, workspace, { recursive: true });
  const conf = path.join(workspace, 'srcs/nginx.conf');
  const shipped = fs.readFileSync(conf, 'utf8');
  const broken = shipped.replace('autoindex on;', 'autoindx on;').replace('php8.2-fpm.sock', 'php7.3-fpm.sock');
  if (broken === shipped) throw new Error('examples/ft_server/srcs/nginx.conf changed: the mistakes to show were not put in');
  fs.writeFileSync(conf, broken);
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, settings: { 'editor.hover.delay': 150, 'editor.minimap.enabled': false } });
    const page = wb.page;
    // Open srcs/nginx.conf from the Explorer.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^srcs$/ }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^nginx\.conf$/ }).first().click();
    // The Problems panel, with both findings, once the server has published them.
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'autoindx' }).first().waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: '8.2' }).first().waitFor();
    // Bring the fastcgi_pass line into view (the panel took the lower half): Go to Line.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('32');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    let box = null;
    for (let i = 0; i < 50 && !box; i++) {
      box = await wordBox(page, 'php7.3-fpm.sock');
      if (!box) await page.waitForTimeout(300);
    }
    if (!box) throw new Error('the fastcgi_pass line never showed in the editor');
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: 'DG124' }).first();
    // The first hover can come before the server has checked the file.
    const shown = await hoverUntil(page, { word: 'php7.3-fpm.sock', shows: hover });
    if (!shown) throw new Error('the hover with DG124 never appeared over the socket path');
    await page.waitForTimeout(500);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    shrinkPng(OUT);
    console.log(`screenshot: ${path.relative(ROOT, OUT)}`);
  } catch (e) {
    await wb?.page.screenshot({ path: path.join(ROOT, 'test-results/nginx-shot-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb?.close();
    if (process.env.KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
    else console.log(`kept ${runDir}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
