/**
 * Rule links over real JSON-RPC to dist/server.js: each client gets a link it can open (common/src/ruleDocs.ts).
 * Our VS Code client asks for `command:` links to dockerfileGuide.showRule; any other client gets the rule's heading
 * in the docs/rules.md installed beside dist/ (this checkout's, as in the .vsix). Both in the diagnostic's
 * codeDescription and in the hover's "Documentation / 문서" link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hoverText, LspClient } from './lspClient';

const RULES_MD = path.resolve(__dirname, '../../docs/rules.md');
const URI = 'file:///w/ruledocs/Dockerfile';
// MaintainerDeprecated (Docker), DL3008 (hadolint), DG105 (ours): one rule from each family.
const TEXT = ['FROM debian:bookworm', 'MAINTAINER someone', 'RUN apt-get update && apt-get install -y nginx', 'RUN service nginx start', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');

/** The rule findings (the validator's own problems carry data.validator and keep their page). */
function ruleDiagnostics(list: any[]): any[] {
  const rules = list.filter((d) => d.data?.rule === d.code);
  const ids = new Set(rules.map((d) => d.code));
  for (const family of [/^MaintainerDeprecated$/, /^DL\d/, /^DG\d/]) assert.ok([...ids].some((id) => family.test(id)), `${family} among ${[...ids].join(', ')}`);
  return rules;
}

/** How VS Code's opener reads a `command:` URI: the path is the command, the query its URI-encoded JSON arguments. */
function commandOf(href: string): { command: string; args: unknown[] } {
  const u = new URL(href);
  assert.equal(u.protocol, 'command:');
  return { command: u.pathname, args: JSON.parse(decodeURIComponent(u.search.slice(1))) };
}

test('the VS Code client (commandLinks: true) gets command links to dockerfileGuide.showRule', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ language: 'ko', commandLinks: true });
    const list = await c.openAndWait(URI, TEXT);
    for (const d of ruleDiagnostics(list)) {
      assert.deepEqual(commandOf(d.codeDescription?.href), { command: 'dockerfileGuide.showRule', args: [d.code] }, d.code);
      const md = hoverText(await c.hover(URI, d.range.start.line, d.range.start.character));
      assert.ok(md.includes(`[문서: ${d.code}](${d.codeDescription.href})`), `${d.code} hover link:\n${md}`);
    }
  } finally {
    await c.shutdown();
  }
});

test('another LSP client gets the rule heading in the installed docs/rules.md', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ language: 'en' });
    const list = await c.openAndWait(URI, TEXT);
    const doc = fs.readFileSync(RULES_MD, 'utf8');
    for (const d of ruleDiagnostics(list)) {
      const href: string = d.codeDescription?.href;
      assert.equal(href, `${pathToFileURL(RULES_MD).href}#${d.code.toLowerCase()}`, d.code);
      // The file exists and the fragment names the rule's own heading.
      assert.equal(fileURLToPath(href.replace(/#.*$/, '')), RULES_MD);
      assert.ok(doc.includes(`\n### ${d.code}\n`), `${d.code} has a heading in docs/rules.md`);
      const md = hoverText(await c.hover(URI, d.range.start.line, d.range.start.character));
      assert.ok(md.includes(`[Documentation: ${d.code}](${href})`), `${d.code} hover link:\n${md}`);
    }
    // The validator's own problems (not rules) keep the validator's page.
    for (const d of list.filter((x: any) => x.data?.validator !== undefined)) assert.match(d.codeDescription?.href ?? '', /^https:\/\/github\.com\/rcjsuen\/dockerfile-utils/);
  } finally {
    await c.shutdown();
  }
});
