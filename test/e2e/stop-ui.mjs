#!/usr/bin/env node
// UI test of issue 18, item 1, the way a person does it: `node test/e2e/stop-ui.mjs`. code-server in Korean with
// headless Chromium; a container whose PID 1 (a shell without a TERM handler) ignores SIGTERM, with a 7 s stop
// timeout (longer than the 6 s connection timer that used to cut the request); right-click its row in the Docker
// sidebar → 중지. Checks what the user sees: the row says "멈추는 중…" at once, after 2 s a notice explains the wait
// and offers "지금 강제 종료" (clicked: the container ends at once), and, started again and stopped without it, the row
// ends as "오류로 종료됨 (137)" after the stop timeout; no notification says it could not stop the container. Before that, its log view: a pause and an unpause of the container each put a marker line
// in the log, and the paused row reads "일시 정지됨" first. Screenshots: test-results/stop-ui-*.png.
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

/** Chooses `item` from the row's context menu (Enter on the highlighted entry when a click lands during its animation). */
async function menu(page, row, item) {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .monaco-menu .action-label', { hasText: item }).first();
  await entry.waitFor();
  await page.waitForTimeout(300);
  await entry.click();
  await page.waitForTimeout(500);
  if (await entry.isVisible().catch(() => false)) await page.keyboard.press('Enter');
}

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
    // The log view first: pausing the container (it writes nothing then) puts a marker line in its log, with the time.
    await menu(page, row, /^로그 보기$/);
    await page.locator('.panel').first().waitFor();
    await page.waitForTimeout(1000);
    docker('pause', id);
    const pausedRow = page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: '일시 정지됨 · ' }).first();
    await pausedRow.waitFor({ timeout: 5000 });
    await page.locator('.panel .view-lines', { hasText: /컨테이너가\s일시\s정지되었습니다\s\(\d\d:\d\d:\d\d\)/ }).first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-paused.png') });
    docker('unpause', id);
    await page.locator('.panel .view-lines', { hasText: /컨테이너가\s다시\s실행되었습니다\s\(\d\d:\d\d:\d\d\)/ }).first().waitFor({ timeout: 5000 });
    await page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: '실행 중 · ' }).first().waitFor({ timeout: 5000 });
    const rowWith = (text) => page.locator('.monaco-list-row', { hasText: NAME }).filter({ hasText: text }).first();
    const noFailure = async () => {
      const toasts = await page.locator('.notifications-toasts').innerText().catch(() => '');
      assert.ok(!/멈추지 못했습니다|socket hang up|연결이 끊겼습니다/.test(toasts), `no failure notification: ${toasts}`);
    };

    // 1. Stop, then 지금 강제 종료 from the notice: the container ends at once (SIGKILL, 137), long before the 7 s.
    await menu(page, row, /^중지$/);
    let t0 = Date.now();
    await rowWith('멈추는 중…').waitFor({ timeout: 2000 });
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-stopping.png') });
    const notice = page.locator('.notifications-toasts .notification-toast', { hasText: 'SIGTERM' }).first();
    await notice.waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-notice.png') });
    await notice.locator('.monaco-button', { hasText: '지금 강제 종료' }).first().click();
    await rowWith('오류로 종료됨 (137)').waitFor({ timeout: 5000 });
    const killedAfter = (Date.now() - t0) / 1000;
    assert.ok(killedAfter < 6, `Kill now ended it before the stop timeout (${killedAfter} s)`);
    await noFailure();

    // 2. Started again, Stop, and wait: the engine kills it after the stop timeout; no failure is reported.
    docker('start', id);
    await rowWith('실행 중 · ').waitFor({ timeout: 5000 });
    await menu(page, row, /^중지$/);
    t0 = Date.now();
    await rowWith('멈추는 중…').waitFor({ timeout: 2000 });
    await rowWith('오류로 종료됨 (137)').waitFor({ timeout: 15_000 });
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds >= 6.5, `the engine waited the stop timeout (${seconds} s)`);
    await page.waitForTimeout(1000);
    await noFailure();
    assert.equal(docker('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', id), 'exited 137');
    await page.screenshot({ path: path.join(RESULTS, 'stop-ui-done.png') });
    console.log(`stop-ui: passed (Kill now after ${killedAfter.toFixed(1)} s, full stop ${seconds.toFixed(1)} s)`);
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
