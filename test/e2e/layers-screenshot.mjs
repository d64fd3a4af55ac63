#!/usr/bin/env node
// Screenshot of the layer annotations in Korean for the README: `node test/e2e/layers-screenshot.mjs`.
// A small nginx Dockerfile FROM the test suite's Debian base image (debootstrap: no registry here) is built twice
// through the "이미지 빌드…" command in code-server, with the site config changed in between. The second build's
// annotations then show every kind at once: the layer sizes, the steps taken from the cache, the line where the
// cache broke naming the changed file, the wasted bytes of the apt lists removed one RUN too late (with the
// information squiggle of its diagnostic), and the lines that make no layer. Saved as
// media/screenshots/layers-ko.png. Fails when the annotations never show.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench, shrinkPng } from '../../scripts/e2e/lib/workbench.mjs';

const OUT = path.join(ROOT, 'media/screenshots/layers-ko.png');
const TAG = 'layers-shot:latest';

function debianImage() {
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', "process.stdout.write(require('./test/engine/images').ensureDebianImage('bookworm'))"], { cwd: ROOT, encoding: 'utf8' }).trim();
}

const SITE = (root) => `# ${process.pid}\nserver {\n    listen 80 default_server;\n    root ${root};\n    index index.html;\n}\n`;

async function buildFromPalette(page) {
  // The palette shows the manifest's titles in VS Code's display language: Korean with a full language pack, English
  // with the minimal one this harness installs. Either one names the command.
  await page.keyboard.press('F1');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /이미지 빌드…|Build Image…/, hasNotText: /후 실행|and Run/ }).first();
  await page.keyboard.type('이미지 빌드');
  if (!(await row.waitFor({ timeout: 3000 }).then(() => true, () => false))) {
    await page.locator('.quick-input-box input').fill('>Build Image');
  }
  await row.click();
  // The tag box opens in the same quick input, with the tag remembered for this Dockerfile: wait until the palette's
  // `>` text has made way for it.
  await page.waitForFunction(() => {
    const v = document.querySelector('.quick-input-box input')?.value;
    return typeof v === 'string' && v !== '' && !v.startsWith('>');
  });
  await page.locator('.quick-input-box input').fill(TAG);
  await page.keyboard.press('Enter');
}

/**
 * Waits for `text` in the build log (the output panel is an editor whose lines are in the DOM; the inlay hints are
 * drawn as CSS content, which a text locator cannot see), saving a progress picture meanwhile.
 */
async function waitForLog(page, text, timeoutMs) {
  const end = Date.now() + timeoutMs;
  const line = page.locator('.panel .view-lines', { hasText: text }).first();
  while (!(await line.isVisible())) {
    if (Date.now() > end) throw new Error(`the build log never said ${text} within ${timeoutMs / 1000} s`);
    await page.screenshot({ path: path.join(ROOT, 'test-results/layers-shot-progress.png') }).catch(() => undefined);
    await page.waitForTimeout(3000);
  }
}

async function main() {
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('layers-shot');
  const workspace = path.join(runDir, 'site');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'default'), SITE('/var/www/html'));
  fs.writeFileSync(
    path.join(workspace, 'Dockerfile'),
    [
      `FROM ${debianImage()}`,
      'RUN apt-get update && apt-get install -y --no-install-recommends nginx',
      'RUN rm -rf /var/lib/apt/lists/*',
      'COPY default /etc/nginx/sites-available/default',
      'ENV TZ=Asia/Seoul',
      'EXPOSE 80',
      'CMD ["nginx", "-g", "daemon off;"]',
      '',
    ].join('\n'),
  );
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, settings: { 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none', 'editor.fontSize': 15 } });
    const page = wb.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await buildFromPalette(page);
    // The first build's hints: the apt layer ran.
    await waitForLog(page, /빌드를\s마쳤습니다|Built\s/, 900_000);
    // A changed site config: the second build reuses the apt layers and breaks the cache at the COPY.
    fs.writeFileSync(path.join(workspace, 'default'), SITE('/var/www/site'));
    await page.locator('.monaco-editor .view-lines').first().click();
    await buildFromPalette(page);
    await waitForLog(page, /캐시가\s깨졌습니다|Cache\sbroke\sat\sline/, 300_000);
    // The export's analysis adds the wasted bytes a moment later (one small image: a few seconds).
    await page.waitForTimeout(8000);
    // The build log, the explorer and notifications make way for the editor and its hints.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+B');
    await page.mouse.move(900, 700);
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1280, height: 420 } });
    shrinkPng(OUT);
    console.log(`screenshot: ${path.relative(ROOT, OUT)}`);
  } catch (e) {
    await wb?.page.screenshot({ path: path.join(ROOT, 'test-results/layers-shot-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb?.close();
    fs.rmSync(runDir, { recursive: true, force: true });
    spawnSync('docker', ['rmi', '-f', TAG], { stdio: 'ignore' });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
