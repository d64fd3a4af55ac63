/**
 * Long documents (16–512 KB) over the real LSP connection: their parse and diagnostics run in slices on the
 * server's own thread (service/slicedParse.ts, service/slicedDiagnostics.ts), so that
 * - other documents keep answering while a long one is checked,
 * - no worker thread is started for them (the parse is held once: the memory target of bench/),
 * - typing in them gives diagnostics for the newest version only, the same as the CLI computes;
 * and a document that cannot be cut into short steps (one instruction of hundreds of KB) moves to the worker
 * thread, with nothing lost.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { ParsedDocument } from '../../server/src/service/document';
import { hoverLatenciesUntil, LspClient } from './lspClient';

const TENK = path.resolve(__dirname, '../../../shared/bench/inputs/synthetic-10k.Dockerfile');
let c: LspClient;

/** Threads of the server process, from /proc: a worker thread adds to them. */
function threads(): number {
  return Number(/Threads:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'))![1]);
}

before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
});
after(() => c.shutdownHealthy());

test('a 10,000-line document is checked on the server thread, in slices, while another document answers', { timeout: 60_000 }, async () => {
  const small = 'file:///long/small/Dockerfile';
  await c.openAndWait(small, 'FROM debian:bookworm\nRUN apt-get update\nCMD ["bash"]\n');
  await c.hover(small, 1, 1);
  const before = threads();

  const uri = 'file:///long/tenk/Dockerfile';
  const text = fs.readFileSync(TENK, 'utf8');
  let diags: any[] | undefined;
  const done = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 1, 50_000).then((d) => (diags = d.diagnostics));
  const opened = performance.now();
  c.open(uri, text);
  const latencies = await hoverLatenciesUntil(c, small, 1, 1, 'RUN', () => diags !== undefined, 5);
  await done;
  const tookMs = performance.now() - opened;
  const worst = Math.max(...latencies);
  console.log(`10k lines: checked in ${tookMs.toFixed(0)} ms; ${latencies.length} hovers on another document meanwhile, worst ${worst.toFixed(1)} ms`);
  assert.ok(latencies.length >= 5, `only ${latencies.length} hovers were answered meanwhile`);
  // Not blocked: in one go, a hover would wait for most of the parse and check. How short the waits are is
  // measured by bench/, not bounded here.
  assert.ok(worst < tookMs / 3, `a hover on another document waited ${worst.toFixed(1)} ms of the ${tookMs.toFixed(0)} ms check`);

  // The same diagnostics as the service computes in one go (the CLI's path), in the client's shape.
  const expected = computeDiagnostics(new ParsedDocument(uri, 1, text), { rules: {} });
  assert.equal(diags!.length, expected.length);
  assert.deepEqual(
    diags!.map((d) => [d.range.start.line, d.range.start.character, d.code]),
    expected.map((d) => [d.range.start.line, d.range.start.character, d.code]),
  );
  assert.equal(threads(), before, 'no worker thread was started for it');

  // Typing at the end: each keystroke supersedes the run before it, and only the newest version is published.
  const lines = text.split('\n').length - 1;
  const published: number[] = [];
  const watch = (m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && published.push(m.params.version);
  (c as any).listeners.push(watch);
  const last = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 11, 30_000);
  for (let v = 2; v <= 11; v++) {
    const at = { line: lines, character: v - 2 };
    c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
  }
  const final = await last;
  assert.ok(published.every((v, i) => i === 0 || v > published[i - 1]), `versions published in order: ${published}`);
  assert.ok(final.diagnostics.some((d: any) => d.range.start.line === lines), 'the new last line (an unknown instruction) is reported');
  assert.equal(threads(), before, 'still no worker thread');
  c.notify('textDocument/didClose', { textDocument: { uri } });
  c.notify('textDocument/didClose', { textDocument: { uri: small } });
});

test('a document that cannot be cut into short steps moves to the worker thread, and its diagnostics still come', { timeout: 60_000 }, async () => {
  // One RUN of ~500 KB: one chunk, and its shell parse alone is a single step of well over 100 ms.
  const uri = 'file:///long/onerun/Dockerfile';
  const text = 'FROM debian:bookworm\nRUN apt-get install -y ' + 'nginx-extras '.repeat(38_000) + '\n';
  const first = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 1, 50_000);
  c.open(uri, text);
  const diags = (await first).diagnostics;
  assert.ok(diags.some((d: any) => d.code === 'DL3008'), 'the rules ran (DL3008: unpinned apt packages)');
  const moved = c.notifications.find((n) => n.method === 'window/logMessage' && /onerun\/Dockerfile move to the worker thread: a single instruction block of 4\d\d KB/.test(n.params.message));
  assert.ok(moved, 'the server said it moved the document to the worker');
  // Later versions come from the worker, for the newest version.
  const v2 = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2, 50_000);
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# v2\n' }] });
  assert.ok((await v2).diagnostics.length > 0);
  c.notify('textDocument/didClose', { textDocument: { uri } });
});
