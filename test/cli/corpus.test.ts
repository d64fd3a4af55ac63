/**
 * Every Dockerfile of the shared corpus through the CLI and through the real server: no crash, no hang, and no
 * error-severity diagnostic on the official images' Dockerfiles (they all build).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { corpusDockerfiles } from '../unit/corpusFiles';
import { LspClient } from '../lsp/lspClient';
import { runCli } from './cliRunner';

const all = corpusDockerfiles();
const official = corpusDockerfiles('official');

test('the corpus has its Dockerfiles', () => {
  assert.ok(all.length >= 95, `${all.length}`);
  assert.ok(official.length >= 30, `${official.length}`);
});

test('CLI over every corpus Dockerfile in one run: completes, JSON parses, no crash', () => {
  const r = runCli(['check', '--format', 'json', '--lang', 'both', ...all]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 500)}`);
  const rows = JSON.parse(r.stdout);
  assert.ok(Array.isArray(rows));
  assert.doesNotMatch(r.stderr, /Unexpected failure/);
});

test('no error-severity diagnostic on the official images', () => {
  const r = runCli(['check', '--format', 'json', '--lang', 'en', ...official]);
  const errors = JSON.parse(r.stdout).filter((x: any) => x.severity === 'error');
  assert.deepEqual(errors, [], JSON.stringify(errors.slice(0, 5), null, 1));
  assert.equal(r.code, 0);
});

test('the real server over every corpus Dockerfile: diagnostics for each, hover and symbols answer', async () => {
  const c = new LspClient();
  await c.initialize({ language: 'ko' });
  for (const [i, f] of all.entries()) {
    const uri = `file:///corpus/${i}/Dockerfile`;
    const text = fs.readFileSync(f, 'utf8');
    const diags = await c.openAndWait(uri, text);
    assert.ok(Array.isArray(diags), f);
    await c.hover(uri, Math.floor(text.split('\n').length / 2), 1);
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    c.notify('textDocument/didClose', { textDocument: { uri } });
  }
  assert.doesNotMatch(c.stderr, /uncaught|unhandled|failed/i, c.stderr.slice(0, 1000));
  await c.shutdown();
});
