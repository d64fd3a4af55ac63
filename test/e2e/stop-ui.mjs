#!/usr/bin/env node
// UI test of issue 18, item 1, the way a person does it: `node test/e2e/stop-ui.mjs`. code-server in Korean with
// headless Chromium; a container whose PID 1 (a shell without a TERM handler) ignores SIGTERM, with a 7 s stop
// timeout (longer than the 6 s connection timer that used to cut the request); right-click its row in the Docker
// sidebar → 중지. Checks what the user sees: the row says "멈추는 중…" at once, after 2 s a notice explains the wait
// and offers "지금 강제 종료", no notification says it could not stop the container, and the row ends as
// "오류로 종료됨 (137)". Screenshots: test-results/stop-ui-*.png.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_DIR, ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench, widenSidebar } from '../../scripts/e2e/lib/workbench.mjs';

const NAME = `dfg-ui-stop-${process.pid}`;
const RESULTS = path.join(ROOT, 'test-results');
const docker = (...a) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...a], { encoding: 'utf8' }).trim();

async function main() {
  spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('stop-ui');
  const workspace = path.join(runDir, 'ws');
  fs.cpSync(EXAMPLE_DIR, workspace, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const IMAGE = execFileSync(process.execPath, ['--import', 'tsx', '-e', "process.stdout.write(require('./test/engine/images').ensureBusyboxImage())"], { cwd: ROOT, encoding: 'utf8' }).trim();
  const id = docker('run', '-d', '--name', NAME, '--label', 'dockerfile-guide.test=ui', '--stop-timeout', '7', IMAGE, 'sh', '-c', 'while :; do sleep 1; done');
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, viewport: { width: 1280, height: 760 } });
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Docker"], .activitybar .action-item [aria-label^="Docker"]').first().click();
    const row = page.locator('.monaco-list-row', { hasText: NAME }).first();
    await row.waitFor({ timeout: 30_000 });
    await widenSidebar(page, 200);
    await row.click({ button: 'right' });
    await page.locator('.context-view .monaco-menu .action-label', { hasText: /^중지$/ }).first().click();
    const t0 = Date.now();
    await page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: '멈추는 중…' }).first().waitFor({ timeout: 2000 });
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-stopping.png') });
    const notice = page.locator('.notifications-toasts .notification-toast', { hasText: 'SIGTERM' }).first();
    await notice.waitFor({ timeout: 5000 });
    assert.ok(await notice.locator('.monaco-button', { hasText: '지금 강제 종료' }).first().isVisible(), 'Kill now is offered');
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-notice.png') });
    await page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: '오류로 종료됨 (137)' }).first().waitFor({ timeout: 15_000 });
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds >= 6.5, `the engine waited the stop timeout (${seconds} s)`);
    await page.waitForTimeout(1000);
    const toasts = await page.locator('.notifications-toasts').innerText().catch(() => '');
    assert.ok(!/멈추지 못했습니다|socket hang up|연결이 끊겼습니다/.test(toasts), `no failure notification: ${toasts}`);
    assert.equal(docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', id), 'exited 137');
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-done.png') });
    console.log(`stop-ui: passed (${seconds.toFixed(1)} s)`);
  } catch (e) {
    await wb?.page.screenshot({ path: path.join(RESULTS, 'stop-ui-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await wb?.close();
    fs.rmSync(runDir, { recursive: true, force: true });
    spawnSync('docker', ['-H', 'unix:///var/run/docker.sock', 'rm', '-f', NAME], { stdio: 'ignore' });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
