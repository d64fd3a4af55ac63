/**
 * Quick fixes over real LSP: publishDiagnostics → textDocument/codeAction with those diagnostics → apply the
 * returned WorkspaceEdit → the new text is exactly what we expect and the server no longer reports that rule.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, applyTextEdits } from './lspClient';

let c: LspClient;
let caps: any;
before(async () => {
  c = new LspClient();
  caps = (await c.initialize({ language: 'en' })).capabilities;
});
after(() => c.shutdown());


let version = 1;
async function roundTrip(uri: string, text: string, rule: string, title: RegExp): Promise<string> {
  const diags = await c.openAndWait(uri, text, version);
  const d = diags.find((x: any) => x.code === rule);
  assert.ok(d, `${rule} reported on:\n${text}`);
  assert.equal(d.source, 'dockerfile-guide');
  // A plain client (no `ruleDocs` option) gets the rule's section of the docs/rules.md installed beside dist/
  // (test/lsp/ruleDocs.test.ts covers the forms).
  assert.equal(d.codeDescription?.href, `${pathToFileURL(path.resolve(__dirname, '../../docs/rules.md')).href}#${rule.toLowerCase()}`, 'codeDescription.href');
  const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const a = actions.find((x) => title.test(x.title));
  assert.ok(a, `action ${title} among ${actions.map((x) => x.title).join(' | ')}`);
  assert.equal(a.kind, 'quickfix');
  const edits = a.edit.changes?.[uri] ?? a.edit.documentChanges?.[0]?.edits;
  const out = applyTextEdits(text, edits);
  // The fixed text, reported again by the server, no longer has that rule on that line.
  version++;
  c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: out }] });
  const again = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
  assert.ok(!again.diagnostics.some((x: any) => x.code === rule && x.range.start.line === d.range.start.line), `${rule} gone after the fix`);
  version++;
  return out;
}

describe('code actions over LSP', () => {
  test('the server advertises quick fixes', () => {
    // Without this the editor never asks for code actions, whatever the service could answer.
    const p = caps?.codeActionProvider;
    assert.ok(p, 'codeActionProvider is advertised');
    assert.ok(p === true || (p.codeActionKinds ?? []).includes('quickfix'), `quickfix among ${JSON.stringify(p)}`);
  });
  test('shell form CMD → exec form', async () => {
    const out = await roundTrip('file:///w/ca/a/Dockerfile', 'FROM debian:buster\nCMD nginx -g "daemon off;"\n', 'JSONArgsRecommended', /exec form/);
    assert.equal(out, 'FROM debian:buster\nCMD ["nginx", "-g", "daemon off;"]\n');
  });
  test('MAINTAINER → LABEL', async () => {
    const out = await roundTrip('file:///w/ca/b/Dockerfile', 'FROM debian:buster\nMAINTAINER kim <kim@student.42.fr>\n', 'MaintainerDeprecated', /LABEL/);
    assert.equal(out, 'FROM debian:buster\nLABEL org.opencontainers.image.authors="kim <kim@student.42.fr>"\n');
  });
  test('legacy ENV, EXPOSE 80:80, casing', async () => {
    assert.equal(await roundTrip('file:///w/ca/c/Dockerfile', 'FROM debian:buster\nENV AUTO_INDEX on\n', 'LegacyKeyValueFormat', /AUTO_INDEX=on/), 'FROM debian:buster\nENV AUTO_INDEX=on\n');
    assert.equal(await roundTrip('file:///w/ca/d/Dockerfile', 'FROM debian:buster\nEXPOSE 80:80 443\n', 'ExposeInvalidFormat', /container port/), 'FROM debian:buster\nEXPOSE 80 443\n');
    assert.equal(await roundTrip('file:///w/ca/e/Dockerfile', 'FROM debian:buster as build\n', 'FromAsCasing', /AS/), 'FROM debian:buster AS build\n');
  });
  test('ignore this rule here inserts our comment with the indentation', async () => {
    const out = await roundTrip('file:///w/ca/f/Dockerfile', 'FROM debian:buster\n  EXPOSE 80:80\n', 'ExposeInvalidFormat', /^Ignore ExposeInvalidFormat/);
    assert.equal(out, 'FROM debian:buster\n  # dockerfile-guide ignore=ExposeInvalidFormat\n  EXPOSE 80:80\n');
  });
  test('ENTRYPOINT of shell text (issue 18, item 2): no ["/bin/sh", "-c", …] fix; the start script is created next to the Dockerfile', async () => {
    const uri = 'file:///w/ca/g/Dockerfile';
    const text = 'FROM debian:bookworm\nENTRYPOINT service nginx start && bash\nCMD ["tail", "-f", "/dev/null"]\n';
    const diags = await c.openAndWait(uri, text, version);
    const dg103 = diags.find((x: any) => x.code === 'DG103');
    assert.ok(dg103, 'DG103 on the CMD');
    assert.equal(dg103.message, 'This CMD never runs: the ENTRYPOINT on line 2 is in shell form, so the CMD\'s first word only becomes $0 and the rest $1…');
    const onEntrypoint = diags.filter((x: any) => x.range.start.line === 1);
    const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: onEntrypoint[0].range, context: { diagnostics: onEntrypoint, only: ['quickfix'] } });
    assert.ok(!actions.some((a) => a.title.includes('"-c"')), actions.map((a) => a.title).join(' | '));
    const viaDg103: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: dg103.range, context: { diagnostics: [dg103], only: ['quickfix'] } });
    for (const list of [actions, viaDg103]) {
      const a = list.find((x) => /start script/.test(x.title));
      assert.ok(a, list.map((x) => x.title).join(' | '));
      assert.equal(a.isPreferred, true);
      const [create, fill, edit] = a.edit.documentChanges;
      assert.deepEqual(create, { kind: 'create', uri: 'file:///w/ca/g/docker-entrypoint.sh', options: { overwrite: false, ignoreIfExists: false } });
      assert.match(fill.edits[0].newText, /^#!\/bin\/sh\n[\s\S]*\nservice nginx start && bash\n\nexec "\$@"\n$/);
      assert.equal(edit.textDocument.uri, uri);
      assert.equal(
        applyTextEdits(text, edit.edits),
        'FROM debian:bookworm\nCOPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh\nENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]\nCMD ["tail", "-f", "/dev/null"]\n',
      );
    }
    version++;
  });
  test('the apt-get install line (issue 18, item 7): real fixes first, preferred at the top, one ignore entry for all its rules', async () => {
    const uri = 'file:///w/ca/h/Dockerfile';
    const text = 'FROM debian:buster\nRUN apt-get update\nRUN apt-get install nginx mariadb-server php7.3-fpm\nCMD ["nginx", "-g", "daemon off;"]\n';
    const diags = await c.openAndWait(uri, text, version);
    const here = diags.filter((x: any) => x.range.start.line <= 2 && x.range.end.line >= 2);
    const ids = [...new Set(here.map((x: any) => x.code))];
    assert.ok(ids.length >= 3, `several rules on the line: ${ids.join(', ')}`);
    // The editor asks with the cursor's place and the diagnostics there.
    const cursor = { start: { line: 2, character: 14 }, end: { line: 2, character: 14 } };
    const atCursor = here.filter((x: any) => x.range.start.line === 2 && x.range.start.character <= 14 && (x.range.end.line > 2 || x.range.end.character >= 14));
    const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: cursor, context: { diagnostics: atCursor, only: ['quickfix'] } });
    const titles = actions.map((a) => a.title);
    const ignore = titles.filter((t) => /^Ignore /.test(t));
    assert.equal(ignore.length, 1, titles.join(' | '));
    assert.equal(titles[titles.length - 1], ignore[0], 'the ignore entry comes last');
    const fixes = actions.filter((a) => !/^Ignore /.test(a.title));
    assert.ok(fixes.length >= 1, titles.join(' | '));
    const preferred = fixes.map((a) => !!a.isPreferred);
    assert.deepEqual(preferred, [...preferred].sort((a, b) => Number(b) - Number(a)), 'preferred fixes first');
    // The one ignore entry names every rule under the cursor, in one comment.
    const idsAtCursor = [...new Set(atCursor.map((x: any) => x.code))];
    assert.ok(idsAtCursor.length >= 3, `several rules under the cursor: ${idsAtCursor.join(', ')}`);
    assert.equal(ignore[0], `Ignore ${idsAtCursor.join(', ')} for this instruction`);
    const out = applyTextEdits(text, actions.find((a) => a.title === ignore[0]).edit.changes[uri]);
    version++;
    c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: out }] });
    const again = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
    assert.ok(!again.diagnostics.some((x: any) => idsAtCursor.includes(x.code) && x.range.start.line === 3), `quiet after ignoring: ${out}`);
    version++;
  });
  test('diagnostic messages and quick-fix titles are plain text (issue 18, item 8)', () => {
    // Every publishDiagnostics and codeAction answer of this file's tests went through the client's check.
    assert.deepEqual(c.markdownInPlainText, []);
  });
});
