/**
 * One problem on many RUNs over real LSP (rules/grouping.ts): publishDiagnostics carries one diagnostic per rule
 * with relatedInformation for every RUN, the hover over it explains the rule, and textDocument/codeAction on it
 * returns one fix for all the RUNs, after which the server reports none of that rule. A document big enough for the
 * worker thread carries the group the same way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverText, LspClient, applyTextEdits } from './lspClient';

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
});
after(() => c.shutdownHealthy());


const PACKAGES = ['nginx', 'mariadb-server', 'php-fpm', 'curl', 'vim', 'git', 'wget', 'unzip', 'zip', 'less', 'tar', 'gzip', 'procps', 'iputils-ping', 'dnsutils', 'netcat-openbsd', 'openssl', 'ca-certificates', 'gettext-base', 'tini'];
const body = (pkgs: string[], flags = '') => pkgs.map((p) => `RUN apt-get install ${flags}-y ${p}\n`).join('');
const TEXT = `FROM debian:bookworm\nRUN apt-get update\n${body(PACKAGES)}CMD ["nginx", "-g", "daemon off;"]\n`;

describe('grouped findings over LSP', () => {
  test('one diagnostic with relatedInformation, its hover, and one code action that fixes all 20 RUNs', async () => {
    const uri = 'file:///w/group/a/Dockerfile';
    const diags = await c.openAndWait(uri, TEXT, 1);
    const mine = diags.filter((d: any) => d.code === 'DL3015');
    assert.equal(mine.length, 1, JSON.stringify(mine.map((d: any) => d.message)));
    const [d] = mine;
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /^20 RUNs on lines 3, 4, 5, .*, 22: Add --no-install-recommends to “apt-get install”/);
    assert.equal(d.relatedInformation.length, 20);
    assert.deepEqual(d.relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line]), PACKAGES.map((_, i) => [uri, i + 2]));
    assert.match(d.relatedInformation[19].message, /--no-install-recommends/);

    const hover = await c.hover(uri, 2, 15);
    assert.match(hoverText(hover), /DL3015/);

    const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const all = actions.find((a) => a.title === 'All 20 RUNs: Add --no-install-recommends');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(all.kind, 'quickfix');
    assert.equal(all.isPreferred, true);
    const out = applyTextEdits(TEXT, all.edit.changes[uri]);
    assert.equal(out, `FROM debian:bookworm\nRUN apt-get update\n${body(PACKAGES, '--no-install-recommends ')}CMD ["nginx", "-g", "daemon off;"]\n`);

    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: out }] });
    const again = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
    assert.ok(!again.diagnostics.some((x: any) => x.code === 'DL3015'), 'DL3015 gone after the fix for all');
    // The other repeated rules are still one diagnostic each.
    assert.equal(again.diagnostics.filter((x: any) => x.code === 'DG113').length, 1);
  });

  test('a document for the worker thread (512 KB and more) carries the group too', { timeout: 60_000 }, async () => {
    const uri = 'file:///w/group/big/Dockerfile';
    // Comment lines after the RUNs make it big without adding findings.
    const text = TEXT + '# padding padding padding padding padding padding padding padding padding padding\n'.repeat(7000);
    assert.ok(text.length >= 512 * 1024);
    const diags = await c.openAndWait(uri, text, 1);
    const mine = diags.filter((d: any) => d.code === 'DL3015');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].relatedInformation.length, 20);
    assert.equal(mine[0].relatedInformation[0].location.uri, uri);
    // The hover reads the worker's diagnostics there.
    assert.match(hoverText(await c.hover(uri, 2, 15)), /DL3015/);
  });
});
