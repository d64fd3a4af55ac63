/**
 * Protocol abuse against the real server: requests for documents never opened, edits with ranges outside the text
 * and overlapping edits, 200 documents open at once, 1,000 open/close cycles (memory must come back), a 5 MB
 * Dockerfile while other documents keep answering, and cancellation.
 *
 * Every test also checks that the server logged no error (the server logs each exception it catches as a
 * window/logMessage of type Error) and did not exit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hoverLatenciesUntil, hoverText, LspClient } from './lspClient';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
let c: LspClient;

/** VmRSS of the server process in KB, from /proc (no debug request in the product). */
function rssKb(): number {
  const status = fs.readFileSync(`/proc/${c.proc.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
});
after(() => c.shutdownHealthy());

test('every request on a document that was never opened answers empty, without an error', async () => {
  const uri = 'file:///abuse/never-opened/Dockerfile';
  const td = { textDocument: { uri } };
  const pos = { line: 0, character: 0 };
  const range = { start: pos, end: { line: 3, character: 0 } };
  const calls: [string, unknown][] = [
    ['hover', { ...td, position: pos }],
    ['completion', { ...td, position: pos }],
    ['codeAction', { ...td, range, context: { diagnostics: [] } }],
    ['formatting', { ...td, options: { tabSize: 4, insertSpaces: true } }],
    ['rangeFormatting', { ...td, range, options: { tabSize: 4, insertSpaces: true } }],
    ['documentSymbol', td],
    ['foldingRange', td],
    ['codeLens', td],
    ['rename', { ...td, position: pos, newName: 'X' }],
    ['prepareRename', { ...td, position: pos }],
    ['definition', { ...td, position: pos }],
    ['references', { ...td, position: pos, context: { includeDeclaration: true } }],
    ['documentHighlight', { ...td, position: pos }],
    ['signatureHelp', { ...td, position: pos }],
  ];
  for (const [m, p] of calls) {
    const r = await c.request(`textDocument/${m}`, p);
    assert.ok(r === null || (Array.isArray(r) && r.length === 0), `${m}: ${JSON.stringify(r)}`);
  }
  // Changing or closing a document that is not open is ignored.
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM x\n' }] });
  c.notify('textDocument/didClose', td);
  assert.equal(await c.hover(uri, 0, 0), null);
});

test('edits with ranges outside the text and overlapping edits keep a consistent document', async () => {
  const uri = 'file:///abuse/edits/Dockerfile';
  await c.openAndWait(uri, 'FROM debian\nRUN true\n');
  const wait = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
  c.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      // Past the end of the file: clamped to the end (an append).
      { range: { start: { line: 99, character: 0 }, end: { line: 120, character: 5 } }, text: 'EXPOSE 80\n' },
      // Past the end of a line: clamped to the line's end.
      { range: { start: { line: 0, character: 500 }, end: { line: 0, character: 900 } }, text: ':bookworm' },
      // Two edits over the same text, the second overlapping what the first replaced.
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: 'run' },
      { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 6 } }, text: 'UN' },
      // A reversed range (end before start).
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 2 } }, text: 'N ' },
    ],
  });
  await wait;
  // Whatever the exact text, the server must agree with itself: every line it reports as an instruction hovers.
  const symbols = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, 1);
  assert.match(symbols[0].name, /debian:bookworm/);
  assert.ok(hoverText(await c.hover(uri, 2, 1)).includes('EXPOSE'), 'the appended line is there');
  // A full replacement after all that is exact.
  c.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'FROM alpine AS a\n' }] });
  const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(syms[0].name, 'a', 'the stage of the new text, by its name');
  c.notify('textDocument/didClose', { textDocument: { uri } });
});

test('200 documents open at once, each with its own diagnostics, then all closed', async () => {
  const files = fs.readdirSync(path.join(CORPUS, 'ft_server')).map((d) => path.join(CORPUS, 'ft_server', d, 'srcs'));
  const texts = fs
    .readdirSync(path.join(CORPUS, 'ft_server'))
    .map((d) => path.join(CORPUS, 'ft_server', d, 'Dockerfile'))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'));
  assert.ok(files.length > 0 && texts.length > 10);
  const uris = Array.from({ length: 200 }, (_, i) => `file:///abuse/many/${i}/Dockerfile`);
  const waits = uris.map((uri) => c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 1, 60000));
  uris.forEach((uri, i) => c.open(uri, `# doc ${i}\n` + texts[i % texts.length]));
  await Promise.all(waits);
  for (let i = 0; i < uris.length; i += 7) {
    const h = hoverText(await c.hover(uris[i], 0, 0));
    assert.equal(typeof h, 'string');
    const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: uris[i] } });
    assert.ok(syms.length >= 1, `document ${i} has its stage`);
  }
  for (const uri of uris) c.notify('textDocument/didClose', { textDocument: { uri } });
  assert.equal(await c.hover(uris[0], 1, 1), null, 'closed documents are gone');
});

test('1,000 open/close cycles: memory comes back to within 10 % of the start', { timeout: 120_000 }, async () => {
  // Method: RSS is noisy (V8 grows its heap in steps and returns pages lazily), so first run a warm-up of the same
  // cycles to reach V8's steady heap size, let the server go quiet, and take that as the start; then run 1,000
  // cycles in 5 rounds and compare the RSS after a quiet period. A leak of per-document state (parse cache,
  // diagnostics, timers) would grow with every cycle and show far above 10 %.
  const text = fs.readFileSync(path.join(CORPUS, 'official/docker-library__php/7.3/buster/fpm/Dockerfile'), 'utf8');
  async function cycles(n: number, tag: string) {
    for (let i = 0; i < n; i++) {
      const uri = `file:///abuse/cycle/${tag}/${i}/Dockerfile`;
      c.open(uri, `ARG CYCLE_${i}=1\n` + text);
      if (i % 2 === 0) c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + `\n# ${i}\n` }] });
      await c.hover(uri, 3, 1);
      c.notify('textDocument/didClose', { textDocument: { uri } });
    }
    await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///abuse/none' } });
    c.notifications.length = 0;
  }
  async function quietRss(): Promise<number> {
    await sleep(1500);
    const samples = [];
    for (let i = 0; i < 3; i++) {
      samples.push(rssKb());
      await sleep(300);
    }
    return Math.min(...samples);
  }
  await cycles(300, 'warm');
  const start = await quietRss();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    await cycles(200, `r${r}`);
    rounds.push(await quietRss());
  }
  const end = rounds[rounds.length - 1];
  console.log(`RSS after warm-up ${start} KB; after each 200 cycles: ${rounds.join(', ')} KB (end/start ${(end / start).toFixed(3)})`);
  assert.ok(end <= start * 1.1, `RSS grew from ${start} KB to ${end} KB over 1,000 open/close cycles`);
});

/** A 5 MB Dockerfile made of the corpus's Dockerfiles, so it has realistic variety (and thousands of findings). */
function fiveMegabytes(): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Dockerfile') parts.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(CORPUS);
  let text = '';
  for (let i = 0; text.length < 5 * 1024 * 1024; i++) text += parts[i % parts.length] + '\n';
  return text;
}

test('a 5 MB Dockerfile: other documents keep answering while it is checked, its diagnostics arrive', { timeout: 120_000 }, async () => {
  const small = 'file:///abuse/small/Dockerfile';
  await c.openAndWait(small, 'FROM debian:bookworm\nRUN apt-get update\nCMD ["bash"]\n');
  await c.hover(small, 1, 1);
  const big = 'file:///abuse/big/Dockerfile';
  const text = fiveMegabytes();
  const opened = performance.now();
  let diags: any[] | undefined;
  const done = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === big && d.version === 1, 110_000).then((d) => (diags = d.diagnostics));
  c.open(big, text);
  // The first hover waits for the server to read and JSON-parse the 5 MB didOpen message itself (the protocol sends
  // the whole text); that is transport, not work the server could interleave, so it is reported but not bounded.
  const t0 = performance.now();
  await c.hover(small, 1, 1);
  console.log(`5 MB: first hover after the didOpen (reading the message) ${(performance.now() - t0).toFixed(1)} ms`);
  const latencies = await hoverLatenciesUntil(c, small, 1, 1, 'RUN', () => diags !== undefined, 20);
  await done;
  const tookMs = performance.now() - opened;
  const worst = Math.max(...latencies);
  console.log(`5 MB: diagnostics after ${tookMs.toFixed(0)} ms (${diags!.length} published); ${latencies.length} hovers on another document meanwhile, worst ${worst.toFixed(1)} ms`);
  assert.ok(latencies.length >= 5, 'hovers were sent while the big document was being checked');
  // Not blocked: a server that checked the file in the way of other requests would make a hover wait about as long
  // as the whole check. The numbers themselves are measured by bench/, not bounded here (timing bounds in a test
  // fail on a busy machine for no fault of the code).
  assert.ok(worst < tookMs / 4, `a hover on another document waited ${worst.toFixed(1)} ms of the ${tookMs.toFixed(0)} ms check`);
  assert.ok(diags!.length > 0 && diags!.length <= 1000, `${diags!.length} diagnostics`);

  // Requests on the big document itself answer (the first one parses it, in slices: the other document's hovers
  // are answered in between).
  const t1 = performance.now();
  let parsedBig = false;
  const firstOnBig = c.hover(big, 0, 1).then((r) => ((parsedBig = true), r));
  const during: number[] = [];
  while (!parsedBig) {
    const t = performance.now();
    await c.hover(small, 1, 1);
    during.push(performance.now() - t);
    await sleep(5);
  }
  const h = await firstOnBig;
  const parseMs = performance.now() - t1;
  const worstDuring = Math.max(...during);
  console.log(`5 MB: first hover on it ${parseMs.toFixed(0)} ms; ${hoverText(h).slice(0, 30).replace(/\n/g, ' ')}; ${during.length} hovers on the other document meanwhile, worst ${worstDuring.toFixed(1)} ms`);
  assert.ok(during.length >= 5, `only ${during.length} hovers on the other document were answered while the big one was parsed`);
  // In one go the parse held them for all of it (240–330 ms here); in slices the worst measured was 60–70 ms (what
  // remains is splitting the text into lines, the big hover itself, and the garbage collector).
  assert.ok(worstDuring < parseMs / 2, `a hover on the other document waited ${worstDuring.toFixed(1)} ms of the ${parseMs.toFixed(0)} ms parse`);
  for (const m of ['documentSymbol', 'foldingRange', 'codeLens']) {
    const t = performance.now();
    await c.request(`textDocument/${m}`, { textDocument: { uri: big } }, 60_000);
    console.log(`5 MB: ${m} ${(performance.now() - t).toFixed(0)} ms`);
  }

  // An edit supersedes the running check: diagnostics come for the new version only.
  const v3 = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === big && d.version === 3, 110_000);
  const stale: number[] = [];
  const watch = (m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === big && m.params.version === 2 && stale.push(2);
  (c as any).listeners.push(watch);
  c.notify('textDocument/didChange', { textDocument: { uri: big, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# v2\n' }] });
  c.notify('textDocument/didChange', { textDocument: { uri: big, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# v3\n' }] });
  await v3;
  assert.deepEqual(stale, [], 'no diagnostics for the superseded version');
  c.notify('textDocument/didClose', { textDocument: { uri: big } });
  c.notify('textDocument/didClose', { textDocument: { uri: small } });
});

test('cancellation: a request cancelled while it waits behind long work answers RequestCancelled', { timeout: 60_000 }, async () => {
  const big = 'file:///abuse/cancel/Dockerfile';
  c.open(big, fiveMegabytes());
  // The first request on the big document parses it (long, in slices); the formatting request behind it is
  // cancelled. Its RequestCancelled may come before the first answer (the server reads the cancel between slices),
  // so the rejection is awaited alongside.
  const first = c.request('textDocument/documentSymbol', { textDocument: { uri: big } }, 60_000);
  const id = (c as any).nextId;
  const formatting = c.request('textDocument/formatting', { textDocument: { uri: big }, options: { tabSize: 4, insertSpaces: true } }, 60_000);
  c.notify('$/cancelRequest', { id });
  const cancelled = assert.rejects(formatting, /^Error: -32800/);
  assert.ok(Array.isArray(await first));
  await cancelled;
  // The server is fine afterwards.
  assert.ok(Array.isArray(await c.request('textDocument/foldingRange', { textDocument: { uri: big } }, 60_000)));
  c.notify('textDocument/didClose', { textDocument: { uri: big } });
});
