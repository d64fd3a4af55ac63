// A build whose context takes longer to upload than the connection timer: the classic builder answers only after it
// has read the whole context, and docker-modem's connection timer runs until the answer starts. A stand-in engine on
// a unix socket reads the context and answers only after a pause longer than the timer, so the test does not depend
// on how fast this machine uploads.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { connect } from '../../../client/src/docker/connection';
import { buildImage } from '../../../common/src/engine/build';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-slow-context-'));
const socketPath = path.join(dir, 'engine.sock');
const ctx = path.join(dir, 'ctx');
let server: http.Server;
/** Longer than the connection timer below (1 ms + docker-modem's slack of 1 s). */
const PAUSE_MS = 1800;

before(async () => {
  fs.mkdirSync(ctx);
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nLABEL a=1\n');
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`${JSON.stringify({ stream: 'Step 1/2 : FROM scratch\n' })}\n${JSON.stringify({ aux: { ID: 'sha256:' + 'a'.repeat(64) } })}\n`);
      }, PAUSE_MS),
    );
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

after(() => {
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a build is not cut off by the connection timer while the engine reads the context', async () => {
  const clients = connect({ transport: 'unix', socketPath } as Parameters<typeof connect>[0], { connectTimeoutMs: 1 });
  const r = await buildImage(clients, { contextDir: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tag: 'x:1' });
  assert.equal(r.error, undefined);
  assert.equal(r.ok, true);
  assert.equal(r.imageId, 'sha256:' + 'a'.repeat(64));
  // The control: the same request through the client with the timer fails, so the pause really outlasts it.
  const timed = await buildImage({ stream: clients.stream, where: clients.where }, { contextDir: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tag: 'x:1' }).then(
    (x) => x,
    (e: Error) => ({ ok: false, error: e.message }),
  );
  assert.equal(timed.ok, false);
});
