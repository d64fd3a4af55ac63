/**
 * The hover and the code lens on CMD follow the start script in the Dockerfile's folder (issue 16), over real
 * JSON-RPC to dist/server.js: the server's host reads the build context, the service stays pure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverText, LspClient } from './lspClient';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-lsp-chain-'));
const dockerfile = ['FROM debian:bookworm', 'COPY srcs/start.sh /usr/local/bin/start.sh', 'CMD ["/usr/local/bin/start.sh"]', ''].join('\n');
fs.mkdirSync(path.join(root, 'srcs'));
fs.writeFileSync(path.join(root, 'Dockerfile'), dockerfile);
fs.writeFileSync(path.join(root, 'srcs/start.sh'), "#!/bin/sh\nmysqld_safe &\nexec nginx -g 'daemon off;'\n");
const uri = pathToFileURL(path.join(root, 'Dockerfile')).toString();

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
  await c.openAndWait(uri, dockerfile);
});
after(async () => {
  await c.shutdownHealthy();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('start-script chain in the editor', () => {
  test('the hover on CMD says who ends up as PID 1, what runs beside it and what docker stop does', async () => {
    const text = hoverText(await c.hover(uri, 2, 1));
    assert.match(text, /How PID 1 is handed on\*\*: `Dockerfile` line 3 `\/usr\/local\/bin\/start\.sh` → `srcs\/start\.sh` line 3 `exec nginx -g 'daemon off;'`/);
    assert.match(text, /Running beside PID 1\*\*: `mysqld_safe` \(`srcs\/start\.sh` line 2\)/);
    assert.match(text, /`mysqld_safe` is a database: killed this way, it does not shut down cleanly/);
  });

  test('the code lens names PID 1 and the program left without SIGTERM', async () => {
    const lenses: any[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command.title, '▶ docker run → /usr/local/bin/start.sh · PID 1: nginx · 1 in background (no SIGTERM)');
  });
});
