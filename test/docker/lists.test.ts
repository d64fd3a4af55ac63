// The sidebar's list calls over a local socket (connection.ts `lists`, a direct keep-alive GET)
// against dockerode's listContainers / listImages: same request, same result, same error shapes
// (engine errors, socket missing, not a socket, silent engine, engine dying mid-answer), and the
// dockerode fallback for remote endpoints. A scripted fake engine on a unix socket plays the engine;
// the last test compares both paths on the real main engine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, listPath, type EngineClients } from '../../client/src/docker/connection';
import { defaultInputs, parseHost } from '../../common/src/engine/endpoint';
import { classifyError } from '../../common/src/engine/errors';
import { mainClients, setupMainEngine } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-lists-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A fake engine on a unix socket; `handler` can be swapped per test. */
async function fakeEngine(name: string): Promise<{ socket: string; seen: string[]; connections: number; handler: Handler; close(): Promise<void> }> {
  const socket = path.join(dir, name);
  const f = {
    socket,
    seen: [] as string[],
    connections: 0,
    handler: ((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('[]');
    }) as Handler,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    f.seen.push(req.url ?? '');
    f.handler(req, res);
  });
  server.on('connection', () => f.connections++);
  await new Promise<void>((r) => server.listen(socket, () => r()));
  return f;
}

function clientsFor(socket: string, connectTimeoutMs?: number): EngineClients {
  return connect(parseHost(`unix://${socket}`, 'setting', defaultInputs()), { connectTimeoutMs });
}

/** Settles a promise into its value or error, for side-by-side comparison. */
async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Record<string, unknown> }> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    const err = e as Error & Record<string, unknown>;
    return { ok: false, error: { message: err.message, code: err.code, statusCode: err.statusCode, reason: err.reason, json: err.json } };
  }
}

describe('lists over a local socket', () => {
  it('is used for unix sockets; tcp, TLS and ssh endpoints go through dockerode', () => {
    assert.equal(clientsFor('/var/run/docker.sock').lists.via, 'socket');
    assert.equal(connect(parseHost('tcp://127.0.0.1:2375', 'setting', defaultInputs())).lists.via, 'dockerode');
    assert.equal(connect(parseHost('ssh://me@example.invalid', 'setting', defaultInputs())).lists.via, 'dockerode');
  });

  it('sends the same request as dockerode and returns the same list', async () => {
    const fake = await fakeEngine('same.sock');
    const body = [{ Id: 'a'.repeat(64), Names: ['/ünïcode-名前'], State: 'running', Labels: { k: 'v' } }];
    fake.handler = (_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      // Several writes: the body arrives in more than one chunk, split inside a multi-byte character.
      const buf = Buffer.from(JSON.stringify(body));
      const cut = buf.indexOf(Buffer.from('名')) + 1;
      res.write(buf.subarray(0, cut));
      setTimeout(() => res.end(buf.subarray(cut)), 5);
    };
    try {
      const cl = clientsFor(fake.socket);
      const queries = [{ all: true }, { all: true, filters: { id: ['abc', 'def'] } }, {}];
      for (const q of queries) {
        fake.seen.length = 0;
        const a = await cl.api.listContainers(q);
        const b = await cl.lists.containers(q);
        assert.deepEqual(b, a);
        assert.deepEqual(b, body);
        assert.equal(fake.seen[1], fake.seen[0], `same path for ${JSON.stringify(q)}`);
        assert.equal(fake.seen[1], listPath('/containers/json', q));
      }
      fake.seen.length = 0;
      await cl.api.listImages({ all: false });
      await cl.lists.images({ all: false });
      assert.equal(fake.seen[1], fake.seen[0]);
      assert.equal(fake.seen[1], '/images/json?all=false');
    } finally {
      await fake.close();
    }
  });

  it('keeps the connection alive between lists', async () => {
    const fake = await fakeEngine('ka.sock');
    try {
      const cl = clientsFor(fake.socket);
      for (let i = 0; i < 5; i++) await cl.lists.containers({ all: true });
      assert.equal(fake.connections, 1, 'one connection for five lists');
    } finally {
      await fake.close();
    }
  });

  it('engine errors have the same shape as dockerode gives (status, reason, engine message)', async () => {
    const fake = await fakeEngine('err.sock');
    const answers: Array<[number, string, string]> = [
      [500, 'application/json', '{"message":"driver failed: disk full"}'],
      [400, 'application/json', '{"message":"invalid filter \'x\'"}'],
      [404, 'text/plain', 'page not found'],
      [503, 'application/json', '{"error":"busy"}'],
    ];
    try {
      const cl = clientsFor(fake.socket);
      for (const [status, type, text] of answers) {
        fake.handler = (_req, res) => {
          res.writeHead(status, { 'Content-Type': type });
          res.end(text);
        };
        const a = await settle(cl.api.listContainers({ all: true }));
        const b = await settle(cl.lists.containers({ all: true }));
        assert.equal(a.ok, false);
        assert.deepEqual(b, a, `HTTP ${status}`);
        const ea = classifyError((a as { error: unknown }).error);
        const eb = classifyError((b as { error: unknown }).error);
        assert.equal(eb.kind, ea.kind);
        assert.equal(eb.detail, ea.detail);
        assert.equal(eb.statusCode, status);
      }
    } finally {
      await fake.close();
    }
  });

  it('a missing socket and a path that is not a socket fail as with dockerode', async () => {
    const missing = path.join(dir, 'missing.sock');
    const file = path.join(dir, 'file.sock');
    fs.writeFileSync(file, 'not a socket');
    for (const [p, kind] of [
      [missing, 'socketMissing'],
      [file, 'notSocket'],
      [dir, 'notSocket'],
    ] as const) {
      const cl = clientsFor(p);
      const a = await settle(cl.api.listContainers({ all: true }));
      const b = await settle(cl.lists.containers({ all: true }));
      assert.equal(b.ok, false);
      assert.equal(a.ok, false);
      if (a.ok || b.ok) return;
      assert.equal(b.error.code, a.error.code, p);
      const e = classifyError((b as { error: unknown }).error, cl.where);
      assert.equal(e.kind, kind, p);
      assert.ok(e.isConnection);
    }
  });

  it('an engine that never answers is cut after the connect timeout, like dockerode', async () => {
    const fake = await fakeEngine('silent.sock');
    fake.handler = () => undefined;
    try {
      const cl = clientsFor(fake.socket, 100);
      const t0 = performance.now();
      const [a, b] = await Promise.all([settle(cl.api.listContainers({ all: true })), settle(cl.lists.containers({ all: true }))]);
      const took = performance.now() - t0;
      assert.equal(b.ok, false);
      assert.deepEqual(b, a);
      assert.ok(took >= 1000 && took < 3000, `cut after ${took.toFixed(0)} ms (100 ms + the modem slack)`);
      assert.ok(classifyError((b as { error: unknown }).error).isConnection);
    } finally {
      await fake.close();
    }
  });

  it('an engine dying in the middle of the answer is a connection error, never a partial list', async () => {
    const fake = await fakeEngine('dies.sock');
    fake.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[{"Id":"abc","Names":["/x"]},');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    try {
      const cl = clientsFor(fake.socket);
      const b = await settle(cl.lists.containers({ all: true }));
      assert.equal(b.ok, false);
      assert.ok(classifyError((b as { error: unknown }).error).isConnection, JSON.stringify(b));
      // And the next list on a healthy engine works (the broken socket left the pool).
      fake.handler = (_req, res) => res.end('[{"Id":"abc"}]');
      assert.deepEqual(await cl.lists.containers({ all: true }), [{ Id: 'abc' }]);
    } finally {
      await fake.close();
    }
  });

  it('a list after the engine closed the idle connection still succeeds', async () => {
    const fake = await fakeEngine('idle.sock');
    fake.handler = (_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('[]');
    };
    try {
      const cl = clientsFor(fake.socket);
      await cl.lists.containers({ all: true });
      fake.handler = (_req, res) => {
        res.setHeader('Connection', 'close');
        res.end('[]');
      };
      await cl.lists.containers({ all: true });
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(await cl.lists.images(), []);
    } finally {
      await fake.close();
    }
  });
});

describe('lists on the main engine', () => {
  before(() => setupMainEngine());

  it('gives exactly what dockerode gives', async () => {
    const cl = mainClients();
    assert.equal(cl.lists.via, 'socket');
    // Compared by id: another suite (npm test runs two lanes) may create containers or images between the two calls.
    const ids = (xs: Array<{ Id: string }>) => xs.map((x) => x.Id).sort();
    let a = await cl.api.listContainers({ all: true });
    let b = await cl.lists.containers({ all: true });
    for (let i = 0; i < 5 && JSON.stringify(ids(a)) !== JSON.stringify(ids(b)); i++) {
      a = await cl.api.listContainers({ all: true });
      b = await cl.lists.containers({ all: true });
    }
    assert.deepEqual(ids(b), ids(a));
    let imgsA = await cl.api.listImages({ all: false });
    let imgsB = await cl.lists.images({ all: false });
    for (let i = 0; i < 5 && JSON.stringify(ids(imgsA)) !== JSON.stringify(ids(imgsB)); i++) {
      imgsA = await cl.api.listImages({ all: false });
      imgsB = await cl.lists.images({ all: false });
    }
    assert.deepEqual(ids(imgsB), ids(imgsA));
  });
});
