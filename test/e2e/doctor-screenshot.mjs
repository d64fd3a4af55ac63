#!/usr/bin/env node
// Screenshot of "Run and check" / "실행해서 점검" in Korean for the README: `node test/e2e/doctor-screenshot.mjs`.
// The web stack `new-stack` writes (built FROM the test suite's Debian base image: no registry here). code-server
// opens in Korean with headless Chromium, the Dockerfile's "실행해서 점검" code lens is clicked, and once the checklist
// shows the stop step the window is captured as media/screenshots/doctor-checklist-ko.png: the run, the processes,
// the reviewer's checks and a graceful stop. Fails when the lens or the checklist never shows.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench, shrinkPng, widenSidebar } from '../../scripts/e2e/lib/workbench.mjs';

const OUT = path.join(ROOT, 'media/screenshots/doctor-checklist-ko.png');

function debianImage() {
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', "process.stdout.write(require('./test/engine/images').ensureDebianImage('bookworm'))"], { cwd: ROOT, encoding: 'utf8' }).trim();
}

async function main() {
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('doctor-shot');
  const workspace = path.join(runDir, 'ws');
  // The web stack as `dockerfile-guide new-stack` writes it, FROM the test suite's Debian base (debootstrap, no
  // registry here): the checklist then shows the reviewer's checks too.
  const made = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'new-stack', workspace, '--debian', 'bookworm', '--lang', 'ko'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`new-stack failed: ${made.stderr}`);
  const dockerfile = path.join(workspace, 'Dockerfile');
  fs.writeFileSync(dockerfile, fs.readFileSync(dockerfile, 'utf8').replace(/^FROM debian:bookworm\b/m, `FROM ${debianImage()}`));
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, settings: { 'editor.minimap.enabled': false, 'workbench.startupEditor': 'none' } });
    const page = wb.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first().click();
    // The lens sits above the last CMD, at the end of the file.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: '실행해서 점검' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    // The checklist fills in once the run is over: build, run, processes, the web checks and the stop.
    await page.locator('.monaco-list-row', { hasText: 'docker stop' }).first().waitFor({ timeout: 600_000 });
    // The checklist gets the sidebar's room: the Containers and Images sections folded, the sidebar widened.
    for (const title of ['컨테이너', '이미지']) {
      const header = page.locator('.pane-header', { hasText: title }).first();
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await widenSidebar(page, 380);
    // Unfold every row, so the log lines under each step show.
    await page.mouse.move(900, 700);
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    shrinkPng(OUT);
    console.log(`screenshot: ${path.relative(ROOT, OUT)}`);
  } catch (e) {
    await wb?.page.screenshot({ path: path.join(ROOT, 'test-results/doctor-shot-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb?.close();
    fs.rmSync(runDir, { recursive: true, force: true });
    // The image the doctor built for the picture (its containers are already gone).
    spawnSync('docker', ['rmi', '-f', 'ws:doctor'], { stdio: 'ignore' });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
