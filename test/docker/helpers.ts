// Shared setup for the tests of client/src/docker against a real dockerd.
// - The test image comes from test/engine/images.ts (busybox-static, imported; named by its recipe).
// - Everything the tests create carries TEST_LABEL and is removed by cleanup().
// - privateDaemon() runs a second dockerd on its own socket, for tests that kill the engine: the
//   main engine other suites (and other people) use is never disturbed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connect, type EngineClients } from '../../client/src/docker/connection';
import { parseHost, defaultInputs, type Endpoint } from '../../common/src/engine/endpoint';
import { busyboxTag, ensureBusyboxImage, MAIN_SOCKET } from '../engine/images';

/** The busybox test image, named by its recipe (test/engine/images.ts): every suite gets the same one. */
export const TEST_IMAGE = busyboxTag();
export const TEST_LABEL = 'dockerfile-guide.test';
export { MAIN_SOCKET };

export function mainEndpoint(): Endpoint {
  return parseHost(`unix://${MAIN_SOCKET}`, 'setting', defaultInputs());
}

export function mainClients(): EngineClients {
  return connect(mainEndpoint());
}

export function sh(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Makes TEST_IMAGE on the engine at `host` when it is not there yet. */
export function ensureTestImage(host = `unix://${MAIN_SOCKET}`): void {
  ensureBusyboxImage(host);
}

/** Removes every container and image the tests labelled or tagged on that engine. */
export async function cleanup(clients: EngineClients, runId?: string): Promise<void> {
  const label = runId ? `${TEST_LABEL}=${runId}` : TEST_LABEL;
  const cs = await clients.api.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(cs.map((c) => clients.api.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  const imgs = await clients.api.listImages({ filters: { label: [label] } });
  for (const i of imgs) await clients.api.getImage(i.Id).remove({ force: true }).catch(() => undefined);
}

export function runId(): string {
  return `t${process.pid}-${Date.now().toString(36)}`;
}

/** Creates and starts a labelled container running `cmd` in the test image; returns its id. */
export async function startTestContainer(
  clients: EngineClients,
  id: string,
  o: { name?: string; cmd?: string[]; labels?: Record<string, string>; tty?: boolean; start?: boolean; healthcheck?: object } = {},
): Promise<string> {
  const c = await clients.api.createContainer({
    Image: TEST_IMAGE,
    name: o.name,
    Cmd: o.cmd ?? ['sleep', '300'],
    Tty: o.tty ?? false,
    Labels: { [TEST_LABEL]: id, ...(o.labels ?? {}) },
    Healthcheck: o.healthcheck,
    // `docker stop` on busybox sleep as PID 1 would wait the full 10 s grace period: keep it short.
    StopTimeout: 1,
  } as Parameters<EngineClients['api']['createContainer']>[0]);
  if (o.start !== false) await c.start();
  return c.id;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, stepMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/** Is `pid` a process that runs (not gone, not a zombie)? */
export function isLive(pid: number): boolean {
  if (!pid) return false;
  try {
    return /^State:\s+[^ZX]/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

export interface PrivateDaemon {
  dir: string;
  socket: string;
  host: string;
  endpoint: Endpoint;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, no grace: the engine vanishes mid-request. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Pid of the running dockerd (undefined when stopped). */
  readonly pid: number | undefined;
  /** Stops the daemon and removes its directories. */
  destroy(): Promise<void>;
}

/**
 * A second dockerd on its own socket, data root, exec root and network namespace (no iptables), so
 * killing it affects nothing else. Requires root, as dockerd itself does.
 */
export function privateDaemon(): PrivateDaemon {
  // Short path: unix socket paths are limited to 108 bytes.
  const dir = fs.mkdtempSync('/tmp/dfgd-');
  const socket = path.join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  let child: ChildProcess | undefined;
  async function startOnce(): Promise<void> {
    // We own this directory and no dockerd of ours runs now: a pid file left by a SIGKILL names a dead
    // process, or a stranger that reused its pid; dockerd would refuse to start on either.
    fs.rmSync(path.join(dir, 'docker.pid'), { force: true });
    // After a SIGKILL the managed containerd dies with dockerd but may linger as a zombie for a
    // while; dockerd would take its stale pid file for a live containerd and wait for it forever.
    const ctrPid = path.join(dir, 'exec', 'containerd', 'containerd.pid');
    if (fs.existsSync(ctrPid) && !isLive(Number(fs.readFileSync(ctrPid, 'utf8').trim()))) fs.rmSync(ctrPid, { force: true });
    const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
    // Its own network namespace: dockerd creates (and on some flags deletes) the host-wide `docker0`
    // bridge, so a second daemon in the host namespace would fight the main engine over it.
    const c = spawn(
      'unshare',
      [
        '--net',
        'dockerd',
        '--data-root', path.join(dir, 'data'),
        '--exec-root', path.join(dir, 'exec'),
        '-H', host,
        '--pidfile', path.join(dir, 'docker.pid'),
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    child = c;
    fs.closeSync(log);
    c.on('error', () => undefined);
    await until(
      () => {
        if (c.exitCode !== null || c.signalCode !== null) throw new Error(`dockerd exited during start (${c.exitCode ?? c.signalCode})`);
        try {
          sh('docker', ['-H', host, 'version', '--format', '{{.Server.Version}}']);
          return true;
        } catch {
          return undefined;
        }
      },
      45000,
      200,
    );
  }
  const d: PrivateDaemon = {
    dir,
    socket,
    host,
    endpoint: parseHost(host, 'setting', defaultInputs()),
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    async kill() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGKILL');
      await exited;
      // dockerd's managed containerd gets SIGKILL through Pdeathsig, but it may still be exiting when the
      // next start() runs; a live one would be taken for a running containerd. Wait until it is gone.
      await reapContainerd(dir);
    },
    async start() {
      // Two tries: a start that fails once (a stale pid file whose pid a busy CI machine has reused, a
      // containerd still shutting down) must not fail the suite; the error names the daemon's own log.
      for (let attempt = 1; ; attempt++) {
        try {
          await startOnce();
          return;
        } catch (e) {
          const c = child;
          child = undefined;
          if (c && c.exitCode === null && c.signalCode === null) {
            const exited = new Promise<void>((r) => c.once('exit', () => r()));
            c.kill('SIGKILL');
            await exited;
          }
          await reapContainerd(dir);
          if (attempt >= 2) throw new Error(`${(e as Error).message}\n--- dockerd.log (tail) ---\n${logTail(path.join(dir, 'dockerd.log'))}`);
        }
      }
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGTERM');
      const t = setTimeout(() => c.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(t);
    },
    async destroy() {
      await d.stop();
      // Overlay mounts under data/ are gone once dockerd has stopped; a leftover is not worth failing for.
      try {
        execFileSync('sh', ['-c', `umount -R ${dir}/data 2>/dev/null; umount -R ${dir}/exec 2>/dev/null; true`]);
      } catch {
        /* best effort */
      }
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return d;
}

/** The managed containerd of a private daemon, once its dockerd is gone: SIGKILL it if it still runs, and wait. */
async function reapContainerd(dir: string): Promise<void> {
  const file = path.join(dir, 'exec', 'containerd', 'containerd.pid');
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return;
  }
  if (!isLive(pid) || !/containerd/.test(readComm(pid))) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await until(() => !isLive(pid), 15000, 50).catch(() => undefined);
}

function readComm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8');
  } catch {
    return '';
  }
}

function logTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
  } catch {
    return '(no log)';
  }
}

export function dockerAvailable(): boolean {
  try {
    sh('docker', ['-H', `unix://${MAIN_SOCKET}`, 'version', '--format', '{{.Server.Version}}']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Suite setup: the main engine must answer (started by scripts/ci/dockerd-up.sh when it does not;
 * that script is idempotent) and the test image must exist. A missing engine fails the suite loudly.
 */
export function setupMainEngine(): void {
  if (!dockerAvailable()) {
    const script = path.resolve(__dirname, '../../scripts/ci/dockerd-up.sh');
    execFileSync('bash', [script], { stdio: 'inherit' });
  }
  ensureTestImage();
}

/** Pids of live processes whose command line mentions `needle` (e.g. a private daemon's directory). */
export function processesMentioning(needle: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent) || Number(ent) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${ent}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${ent}/status`, 'utf8'))?.[1];
      if (cmd.includes(needle) && state !== 'Z') out.push({ pid: Number(ent), cmd });
    } catch {
      /* the process ended while we looked */
    }
  }
  return out;
}

export interface DelayProxy {
  socket: string;
  /** Delay before each matching request is passed on, ms (0: none). */
  delayMs: number;
  /** Only requests whose first line matches are delayed (default: all). */
  match: RegExp;
  /** Requests seen, by first line. */
  readonly seen: string[];
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

/**
 * A loopback unix-socket proxy in front of an engine socket that holds matching requests for
 * `delayMs` before passing them on (order within a connection is kept): a slow engine, on demand.
 */
export async function delayProxy(upstream: string, listenPath: string): Promise<DelayProxy> {
  const net = await import('node:net');
  const conns = new Set<import('node:net').Socket>();
  const p: DelayProxy = {
    socket: listenPath,
    delayMs: 0,
    match: /./,
    seen: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const up = net.createConnection(upstream);
    conns.add(client);
    conns.add(up);
    let chain: Promise<void> = Promise.resolve();
    client.on('data', (chunk) => {
      const first = /^[A-Z]+ \S+ HTTP\/1\.[01]/.exec(chunk.toString('latin1'));
      if (first) p.seen.push(first[0]);
      const wait = first && p.match.test(first[0]) ? p.delayMs : 0;
      chain = chain.then(async () => {
        if (wait) await sleep(wait);
        if (!up.destroyed) up.write(chunk);
      });
    });
    up.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      up.destroy();
      conns.delete(client);
      conns.delete(up);
    };
    client.on('close', end);
    up.on('close', end);
    client.on('error', end);
    up.on('error', end);
  });
  fs.rmSync(listenPath, { force: true });
  await new Promise<void>((r) => server.listen(listenPath, () => r()));
  return p;
}
