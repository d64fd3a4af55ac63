#!/usr/bin/env node
// UI check of issue 19's rule links, the way a person uses them: `node test/e2e/rule-docs-ui.mjs [--no-build]`.
// code-server in Korean with headless Chromium, the extension installed as its .vsix lays it out (docs/rules.md
// included). On a Dockerfile with a DG105 finding (info, so it is listed in the Problems panel), three real clicks
// must each open the rule's description tab, "DG105 · <Korean title>", whose page shows the rule id and Korean title:
//   1. the rule code in the Problems panel;  2. the rule code in the editor's hover over the finding;
//   3. the hover's "문서: DG105" link.
// VS Code opens a diagnostic's code link with commands allowed (hover, peek and Problems panel alike), and the hover's
// Markdown is trusted for dockerfileGuide.showRule only. Screenshots: test-results/rule-docs-ui-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, makeRunDir } from '../../scripts/e2e/lib/env.mjs';
import { ensureTools } from '../../scripts/e2e/lib/install.mjs';
import { openKoreanWorkbench } from '../../scripts/e2e/lib/workbench.mjs';
import { hoverUntil } from '../../scripts/e2e/lib/editorText.mjs';

const RESULTS = path.join(ROOT, 'test-results');
const TEXT = ['FROM debian:bookworm', 'RUN apt-get update && apt-get install -y --no-install-recommends nginx', 'RUN service nginx start', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');
const log = (...a) => console.log('[rule-docs-ui]', ...a);

/** DG105's Korean title, from the shipped rule reference (the same text the registry writes there). */
function koreanTitle(id) {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  const at = doc.indexOf(`\n### ${id}\n`);
  assert.ok(at >= 0, `${id} in docs/rules.md`);
  const summary = doc.slice(at).split('\n')[3];
  return summary.split(' · ')[2];
}

async function main() {
  if (!process.argv.includes('--no-build')) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tools = ensureTools();
  const runDir = makeRunDir('rule-docs-ui');
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), TEXT);
  fs.mkdirSync(RESULTS, { recursive: true });
  const title = `DG105 · ${koreanTitle('DG105')}`;
  log(`expecting the tab ${JSON.stringify(title)}`);
  let wb;
  try {
    wb = await openKoreanWorkbench({ tools, runDir, workspace, settings: { 'editor.hover.delay': 150 } });
    const page = wb.page;
    const openDockerfile = async () => {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first();
      await row.waitFor();
      await row.click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'service nginx start' }).first().waitFor();
    };
    await openDockerfile();
    await page.locator('.monaco-editor .squiggly-info').first().waitFor({ timeout: 60_000 });
    log('DG105 marked in the editor');

    const ruleTab = page.locator('.tabs-container .tab', { hasText: title }).first();
    /** The tab is there and its page (a webview: nested frames) shows the rule id and the Korean title. */
    const expectRulePage = async (how) => {
      await ruleTab.waitFor({ timeout: 15_000 });
      let body = '';
      for (let i = 0; i < 50 && !(body.includes('DG105') && body.includes(koreanTitle('DG105'))); i++) {
        // The workbench itself names the rule in the tab title: only the webview's own frames count.
        for (const f of page.frames().filter((x) => x !== page.mainFrame())) {
          const t = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (t.includes('DG105') && t.includes(koreanTitle('DG105'))) body = t;
        }
        if (!body) await page.waitForTimeout(200);
      }
      assert.ok(body, `${how}: the rule page shows DG105 and its Korean title`);
      assert.match(body, /^DG105\s/, `${how}: the page starts with the rule id as its heading`);
      log(`${how}: tab ${JSON.stringify(title)}, page ${JSON.stringify(body.replace(/\s+/g, ' ').slice(0, 120))}…`);
      const shot = path.join(RESULTS, `rule-docs-ui-${how}.png`);
      await page.screenshot({ path: shot });
      // Close the tab, so the next click must open it again.
      await ruleTab.click();
      await ruleTab.locator('.tab-actions .action-label').first().click();
      await ruleTab.waitFor({ state: 'detached', timeout: 5000 });
    };

    // 1. The Problems panel: its row for DG105 links the code.
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.part.panel .monaco-list-row', { hasText: 'DG105' }).first();
    await problem.waitFor({ timeout: 15_000 });
    await problem.locator('a.monaco-link', { hasText: 'DG105' }).first().click();
    await expectRulePage('problems');

    // 2. and 3. The hover over the finding: the marker's code link, then the rule explanation's 문서 link.
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const hoverFinding = async () => {
      const shows = hover.locator('.code-link', { hasText: 'DG105' }).first();
      if (!(await hoverUntil(page, { word: 'service', line: /^RUN\sservice/, shows, log }))) throw new Error('the hover over DG105 never showed its code link');
    };
    await hoverFinding();
    await hover.locator('.code-link', { hasText: 'DG105' }).first().click();
    await expectRulePage('hover-code');

    await hoverFinding();
    const docsLink = hover.locator('a', { hasText: '문서: DG105' }).first();
    await docsLink.waitFor({ timeout: 5000 });
    await docsLink.click();
    await expectRulePage('hover-docs');
    log('all three links open the rule page');
  } finally {
    await wb?.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('[rule-docs-ui] FAILED:', e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
