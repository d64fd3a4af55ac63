// After a build: runs dist/server.js once over real LSP (initialize, open the example Dockerfile, wait for its
// diagnostics, hover, complete, shut down) so that server/src/lsp/runtime/codeCache.ts writes the code caches of dist/lsp.js and
// dist/service.js as the process exits, covering the functions a real session compiles first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'examples/ft_server/Dockerfile');
const uri = pathToFileURL(file).href;
const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const send = (m) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};
const waiting = new Map();
let buffer = Buffer.alloc(0);
server.stdout.on('data', (d) => {
  buffer = Buffer.concat([buffer, d]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
    if (buffer.length < end + 4 + length) return;
    const msg = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    const key = msg.method === 'textDocument/publishDiagnostics' ? 'diagnostics' : msg.id;
    waiting.get(key)?.(msg);
    waiting.delete(key);
  }
});
const next = (key) => new Promise((resolve) => waiting.set(key, resolve));
let id = 0;
const request = (method, params) => {
  const p = next(++id);
  send({ id, method, params });
  return p;
};
const exited = new Promise((resolve) => server.on('exit', resolve));
const timer = setTimeout(() => (console.error('code cache warm-up: no answer in 20 s'), server.kill(), process.exit(1)), 20000);

await request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
send({ method: 'initialized', params: {} });
const diagnostics = next('diagnostics');
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: fs.readFileSync(file, 'utf8') } } });
await diagnostics;
await request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
await request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
await request('textDocument/documentSymbol', { textDocument: { uri } });
await request('shutdown', null);
send({ method: 'exit' });
const code = await exited;
clearTimeout(timer);
process.exit(code === 0 ? 0 : 1);
