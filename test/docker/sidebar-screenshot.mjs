#!/usr/bin/env node
// Screenshot of the Docker sidebar in Korean for the README: `node test/docker/sidebar-screenshot.mjs`.
// Stages a few labelled containers on the local engine (a Compose-style ft_server project, a web
// container with a published port, a paused one, one that failed), opens code-server in Korean with
// headless Chromium, clicks the Docker activity-bar entry and captures media/screenshots/docker-sidebar-ko.png.
// Uses the e2e harness libraries (scripts/e2e/lib) for code-server, Chromium and the Korean pack.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_DIR, ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench, shrinkPng, widenSidebar } from '../../scripts/e2e/lib/workbench.mjs';

const LABEL = 'dockerfile-guide.test=screenshot';
const OUT = path.join(ROOT, 'media/screenshots/docker-sidebar-ko.png');
const docker = (...a) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...a], { encoding: 'utf8' }).trim();

function stage() {
  // The shared busybox test image (test/engine/images.ts), made if missing; its tag names its recipe.
  const IMAGE = execFileSync(process.execPath, ['--import', 'tsx', '-e', "process.stdout.write(require('./test/engine/images').ensureBusyboxImage())"], { cwd: ROOT, encoding: 'utf8' }).trim();
  docker('tag', IMAGE, 'ft_server:latest');
  const run = (...a) => docker('run', '-d', '--label', LABEL, '--stop-timeout', '1', ...a);
  // A Compose-style network and database volume, for the Networks and Volumes views.
  docker('network', 'create', '--label', LABEL, 'ft_server_default');
  docker('volume', 'create', '--label', LABEL, 'ft_server_db-data');
  run('--name', 'ft_server-web-1', '--label', 'com.docker.compose.project=ft_server', '--network', 'ft_server_default', '-p', '18080:80', 'ft_server:latest', 'sleep', '600');
  run('--name', 'ft_server-db-1', '--label', 'com.docker.compose.project=ft_server', '--network', 'ft_server_default', '-v', 'ft_server_db-data:/var/lib/mysql', 'ft_server:latest', 'sleep', '600');
  run('--name', 'nginx-test', '-p', '18443:443', IMAGE, 'sleep', '600');
  const paused = run('--name', 'paused-worker', IMAGE, 'sleep', '600');
  docker('pause', paused);
  const failed = run('--name', 'failed-job', IMAGE, 'sh', '-c', 'exit 2');
  docker('wait', failed);
}

function unstage() {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  for (const kind of ['network', 'volume']) {
    const ours = docker(kind, 'ls', '-q', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
    if (ours.length) docker(kind, 'rm', ...ours);
  }
  if (docker('images', '-q', 'ft_server:latest')) docker('rmi', 'ft_server:latest');
}

async function main() {
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('docker-shot');
  const workspace = path.join(runDir, 'ws');
  fs.cpSync(EXAMPLE_DIR, workspace, { recursive: true });
  let wb;
  try {
    wb = await openKoreanWorkbench({
      tools,
      runDir,
      workspace,
      viewport: { width: 1100, height: 860 },
      beforeStart: () => {
        unstage();
        stage();
      },
    });
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Docker"], .activitybar .action-item [aria-label^="Docker"]').first().click();
    await page.locator('.monaco-list-row', { hasText: 'ft_server-web-1' }).first().waitFor();
    await page.locator('.monaco-list-row', { hasText: 'failed-job' }).first().waitFor();
    // Widen the sidebar so descriptions (image · status) are readable: drag its sash.
    await widenSidebar(page, 260);
    // Expand the ft_server repository in the Images view so tags show as well.
    const repo = page.locator('.monaco-list-row', { hasText: /^ft_server/ }).last();
    await repo.click().catch(() => undefined);
    await page.mouse.move(900, 560); // no hover tooltip in the picture
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    shrinkPng(OUT);
    console.log(`screenshot: ${path.relative(ROOT, OUT)}`);
  } finally {
    await wb?.close();
    unstage();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  try {
    unstage();
  } catch {
    /* engine gone */
  }
  process.exit(1);
});
