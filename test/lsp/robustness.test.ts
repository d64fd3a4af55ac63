/**
 * Bad input never takes the server down and never loses the document: each odd file is opened, hovered,
 * completed, outlined and formatted, and the server still answers afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HANGUL, hoverText, LspClient } from './lspClient';

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'both' });
});
after(async () => {
  assert.doesNotMatch(c.stderr, /uncaught|unhandled/i);
  await c.shutdown();
});

async function exercise(name: string, text: string) {
  const uri = `file:///w/robust/${name}/Dockerfile`;
  const diags = await c.openAndWait(uri, text);
  const lines = text.split('\n').length;
  for (const [line, ch] of [
    [0, 0],
    [0, 2],
    [Math.floor(lines / 2), 3],
    [lines - 1, 0],
    [lines + 5, 0],
    [0, 100000],
  ]) {
    await c.hover(uri, line, ch);
    await c.request('textDocument/completion', { textDocument: { uri }, position: { line, character: ch } });
  }
  await c.request('textDocument/documentSymbol', { textDocument: { uri } });
  await c.request('textDocument/foldingRange', { textDocument: { uri } });
  await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  return { uri, diags };
}

test('empty file', async () => {
  const { diags } = await exercise('empty', '');
  assert.ok(diags.some((d: any) => d.severity === 1), 'no FROM is an error');
});

test('binary file: one clear notice, nothing else', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
  const { diags } = await exercise('binary', bytes.toString('latin1').repeat(50));
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'binaryFile');
  assert.match(diags[0].message, HANGUL);
  assert.match(diags[0].message, /binary/);
});

test('a 1 MB single line', async () => {
  const { uri } = await exercise('long-line', 'FROM debian\nRUN echo ' + 'a'.repeat(1024 * 1024) + '\n');
  assert.ok(hoverText(await c.hover(uri, 1, 1)).includes('**RUN**'));
});

test('CRLF line endings', async () => {
  const { uri, diags } = await exercise('crlf', 'FROM debian:bookworm\r\nrun echo hi\r\nCMD ["true"]\r\n');
  const casing = diags.find((d: any) => d.range.start.line === 1);
  assert.ok(casing, 'lower-case run reported on line 2');
  assert.deepEqual(casing.range.end, { line: 1, character: 3 });
  assert.ok(hoverText(await c.hover(uri, 2, 1)).includes('**CMD**'));
});

test('UTF-8 BOM', async () => {
  const { uri } = await exercise('bom', '\uFEFFFROM debian\nRUN true\n');
  assert.ok(hoverText(await c.hover(uri, 0, 2)).includes('**FROM**'));
  assert.ok(hoverText(await c.hover(uri, 1, 1)).includes('**RUN**'));
});

test('Korean comments and text: UTF-16 positions', async () => {
  const text = '# 웹 서버 이미지입니다 😀\nFROM debian\nENV GREETING=안녕하세요\nRUN echo "😀 안녕 $GREETING"\n';
  const { uri } = await exercise('korean', text);
  const line = text.split('\n')[3];
  const col = line.indexOf('$GREETING') + 3; // UTF-16 code units, as LSP counts by default
  const h = hoverText(await c.hover(uri, 3, col));
  assert.ok(h.includes('`안녕하세요`'), h);
});

test('escape directive with a backtick', async () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo a `\n    && echo b\nWORKDIR C:\\app\n';
  const { uri, diags } = await exercise('escape', text);
  assert.ok(!diags.some((d: any) => d.severity === 1), JSON.stringify(diags));
  assert.ok(hoverText(await c.hover(uri, 4, 1)).includes('**WORKDIR**'));
  const folds = await c.request<any[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(folds.some((f) => f.startLine === 2 && f.endLine === 3), 'backtick continuation folds');
});

test('unterminated heredoc', async () => {
  const { uri } = await exercise('heredoc', 'FROM debian\nRUN <<EOF\napt-get update\nFROM alpine\n');
  assert.ok(hoverText(await c.hover(uri, 1, 1)).includes('**RUN**'));
  const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(syms.length, 1, 'the FROM inside the open heredoc is not a stage');
});

test('merge-conflict markers', async () => {
  const { diags } = await exercise('conflict', '<<<<<<< HEAD\nFROM debian:bookworm\n=======\nFROM debian:buster\n>>>>>>> other\nRUN true\n');
  assert.ok(diags.length > 0);
});

test('a long invalid stage name does not hang validation (exponential regex in dockerfile-utils, patched at build)', async () => {
  const { diags } = await exercise('redos', '# syntax=docker/dockerfile:1.2\nFROM ubuntu:21.04 AS STAGE1' + 'a'.repeat(60) + 'ratch]');
  assert.ok(diags.some((d: any) => /invalid name for build stage|스테이지/.test(d.message)), JSON.stringify(diags.map((d: any) => d.message)));
});

test('requests for documents that were never opened answer empty', async () => {
  const uri = 'file:///w/never/opened/Dockerfile';
  assert.equal(await c.hover(uri, 0, 0), null);
  assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
});

test('the server still answers after everything above', async () => {
  const { uri } = await exercise('after', 'FROM debian\n');
  assert.ok(hoverText(await c.hover(uri, 0, 1)).includes('FROM'));
});
