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

const SITE = (root) => `server {\n    listen 80 default_server;\n    root ${root};\n    index index.html;\n}\n`;

async function buildFromPalette(page) {
  await page.keyboard.press('F1');
  await page.keyboard.type('이미지 빌드');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /이미지 빌드…$/ }).first().click();
  // The tag box opens with the tag remembered for this Dockerfile.
  const box = page.locator('.quick-input-box input');
  await box.waitFor();
  await box.fill(TAG);
  await page.keyboard.press('Enter');
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
    await page.locator('.monaco-editor .view-lines', { hasText: /실행/ }).first().waitFor({ timeout: 900_000 });
    // A changed site config: the second build reuses the apt layers and breaks the cache at the COPY.
    fs.writeFileSync(path.join(workspace, 'default'), SITE('/var/www/site'));
    await page.locator('.monaco-editor .view-lines').first().click();
    await buildFromPalette(page);
    await page.locator('.monaco-editor .view-lines', { hasText: /캐시 깨짐/ }).first().waitFor({ timeout: 300_000 });
    // The export's analysis adds the wasted bytes a moment later.
    await page.locator('.monaco-editor .view-lines', { hasText: /낭비/ }).first().waitFor({ timeout: 120_000 });
    // The build log and notifications make way for the editor.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+J');
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
