// A private dockerd for the fault-injection suite that survives being SIGKILLed and restarted, every time.
//
// Why not test/docker/helpers.ts privateDaemon(): after a SIGKILL the engine's containerd-shims and the
// container processes they hold keep running, with their overlay mounts under the data root and their
// network namespaces bind-mounted under the exec root. Restarting dockerd on the same exec root then
// depends on the new containerd re-adopting those shims; on a fresh CI machine that sometimes failed
// (EBUSY on the exec root / a netns, or the killed build's container left running), and every later
// test failed with it. Here a restart is what a host reboot would be, deterministic:
//   1. the dead instance's processes (dockerd, containerd, shims and every process under the shims)
//      are SIGKILLed and waited for,
//   2. every mount under the daemon's directory is detached (umount -l, deepest first),
//   3. the stale pid file and socket are removed,
//   4. dockerd starts on a FRESH exec root (x1, x2, ...; the data root, and so images and containers,
//      is kept), so nothing busy of the previous instance can be in its way.
// Every wait is bounded and fails with the tail of dockerd's log. Leftovers of an earlier run that was
// itself killed (its owner process gone) are swept at start. Only this suite's own directories
// (/tmp/dfgf-*) are ever touched: never the main engine, its socket, or another suite's daemon.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultInputs, parseHost, type Endpoint } from '../../common/src/engine/endpoint';

const PREFIX = 'dfgf-';
const START_TIMEOUT_MS = 60000;
/** Where the last instance's dockerd log is kept after teardown, for a CI failure. */
export const LAST_LOG = path.join(os.tmpdir(), 'dfg-faults-dockerd.log');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Start time of a process (field 22 of /proc/<pid>/stat), to tell a live owner from a reused pid. */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  cmd: string;
}

function processTable(): Proc[] {
  const out: Proc[] = [];
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${ent}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = fs.readFileSync(`/proc/${ent}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(ent), state: rest[0], ppid: Number(rest[1]), cmd });
    } catch {
      /* ended while we looked */
    }
  }
  return out;
}

const alive = (p: Proc) => p.state !== 'Z' && p.state !== 'X';

/**
 * Live processes of the engine living in `dir`: every process whose command line names the directory
 * (dockerd, containerd, shims, a docker CLI aimed at its socket) and all their descendants (the
 * container processes under the shims, which do not name it). Never this process or its parent.
 */
export function engineProcesses(dir: string): Proc[] {
  const table = processTable().filter(alive);
  const needle = dir.endsWith('/') ? dir : `${dir}/`;
  const own = new Set([process.pid, process.ppid]);
  const picked = new Map<number, Proc>();
  for (const p of table) if (!own.has(p.pid) && (p.cmd.includes(needle) || p.cmd.endsWith(dir))) picked.set(p.pid, p);
  // Descendants, to a fixed point.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (!picked.has(p.pid) && !own.has(p.pid) && picked.has(p.ppid)) {
        picked.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...picked.values()];
}

/** Mount points at or under `dir`, deepest first. */
function mountsUnder(dir: string): string[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  const points = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => unescape(l.split(' ')[4] ?? ''))
    .filter((mp) => mp === dir || mp.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

function unmountAll(dir: string): string[] {
  // A few passes: an unmount can uncover a mount below it (the data root is bind-mounted on itself).
  for (let pass = 0; pass < 5; pass++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return [];
    for (const mp of points) {
      try {
        execFileSync('umount', ['-l', mp], { stdio: 'ignore', timeout: 10000 });
      } catch {
        /* already gone, or busy: the next pass tells */
      }
    }
  }
  return mountsUnder(dir);
}

/** SIGKILLs every process of the engine in `dir` until none is left (synchronous, bounded). */
function killAllSync(dir: string, timeoutMs: number): Proc[] {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const left = engineProcesses(dir);
    if (left.length === 0) return [];
    if (Date.now() > end) return left;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    execFileSync('sleep', ['0.1']);
  }
}

/**
 * Everything of a dead engine in `dir` gone: processes killed and waited for, mounts detached.
 * Returns what could not be cleared (empty when all went well).
 */
export function reap(dir: string, timeoutMs = 15000): { processes: Proc[]; mounts: string[] } {
  const processes = killAllSync(dir, timeoutMs);
  const mounts = unmountAll(dir);
  return { processes, mounts };
}

function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (e) {
    process.stderr.write(`faults: could not remove ${dir}: ${(e as Error).message}\n`);
  }
}

/** Removes the directories of earlier runs whose owner process is gone (a run killed before its teardown). */
export function sweepStale(): void {
  const tmp = '/tmp';
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    let stale: boolean;
    try {
      const [pid, start] = fs.readFileSync(path.join(dir, 'owner'), 'utf8').trim().split(' ');
      stale = startTime(Number(pid)) !== start;
    } catch {
      // No owner file: stale unless it is a run that is starting right now.
      try {
        stale = Date.now() - fs.statSync(dir).mtimeMs > 60000;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    const left = reap(dir);
    if (left.processes.length || left.mounts.length) {
      process.stderr.write(`faults: leftovers of ${dir} could not be cleared: ${JSON.stringify(left)}\n`);
      continue;
    }
    removeDir(dir);
  }
}

function logTail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** GET /_ping on a unix socket; true on a 200 within `timeoutMs`. */
function ping(socket: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export interface FaultDaemon {
  dir: string;
  socket: string;
  host: string;
  endpoint: Endpoint;
  /** Pid of the running dockerd (undefined when stopped or killed). */
  readonly pid: number | undefined;
  /** Which start this is (1 for the first), i.e. the exec root in use is x<generation>. */
  readonly generation: number;
  /** Clears whatever a previous instance left, then starts dockerd on a fresh exec root; resolves once it answers. */
  start(): Promise<void>;
  /** SIGKILL of dockerd only, no grace (its shims and containers are left as a crash leaves them). */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL after 15 s); resolves once dockerd is gone. */
  stop(): Promise<void>;
  /**
   * Stops the engine, then returns the processes of it still running after a grace period (what a
   * graceful stop did not end), then kills those, detaches every mount and removes the directory.
   */
  destroy(): Promise<Array<{ pid: number; cmd: string }>>;
}

const live = new Set<FaultDaemon & { emergency(): void }>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // A run interrupted before its teardown still takes its engines down (synchronously: 'exit').
  process.on('exit', () => {
    for (const d of live) d.emergency();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const d of live) d.emergency();
      process.exit(128 + (os.constants.signals[sig] ?? 1));
    });
  }
}

export function faultDaemon(): FaultDaemon & { emergency(): void } {
  sweepStale();
  // Short path: unix socket paths are limited to 108 bytes.
  const dir = fs.mkdtempSync(path.join('/tmp', PREFIX));
  fs.writeFileSync(path.join(dir, 'owner'), `${process.pid} ${startTime(process.pid)}\n`);
  const socket = path.join(dir, 'docker.sock');
  const pidfile = path.join(dir, 'docker.pid');
  const logFile = path.join(dir, 'dockerd.log');
  const host = `unix://${socket}`;
  let child: ChildProcess | undefined;
  let generation = 0;

  const running = (c: ChildProcess | undefined): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null;
  const exited = (c: ChildProcess, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (!running(c)) return resolve(true);
      const t = setTimeout(() => resolve(false), ms);
      c.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  const note = (msg: string) => fs.appendFileSync(logFile, `=== faults: ${msg} (${new Date().toISOString()})\n`);

  const d: FaultDaemon & { emergency(): void } = {
    dir,
    socket,
    host,
    endpoint: parseHost(host, 'setting', defaultInputs()),
    get pid() {
      return running(child) ? child.pid : undefined;
    },
    get generation() {
      return generation;
    },

    async start() {
      if (running(child)) throw new Error(`private dockerd already running (pid ${child.pid})`);
      // 1-2. Whatever the previous instance left: processes, mounts.
      const left = reap(dir);
      if (left.processes.length) {
        process.stderr.write(`faults: still alive after SIGKILL, restarting anyway on a fresh exec root: ${JSON.stringify(left.processes)}\n`);
      }
      if (left.mounts.length) process.stderr.write(`faults: mounts not detached: ${left.mounts.join(', ')}\n`);
      // 3. Stale pid file and socket; the previous exec root (best effort: a busy leftover is not in the way).
      fs.rmSync(pidfile, { force: true });
      fs.rmSync(socket, { force: true });
      if (generation > 0) removeDir(path.join(dir, `x${generation}`));
      // 4. A fresh exec root.
      generation++;
      const execRoot = path.join(dir, `x${generation}`);
      fs.mkdirSync(execRoot);
      note(`start #${generation}, exec root ${execRoot}`);
      const log = fs.openSync(logFile, 'a');
      // Its own network namespace: dockerd creates (and on some flags deletes) the host-wide `docker0`
      // bridge, so a daemon in the host namespace would fight the main engine over it. No iptables.
      const c = spawn(
        'unshare',
        [
          '--net',
          'dockerd',
          '--data-root', path.join(dir, 'data'),
          '--exec-root', execRoot,
          '-H', host,
          '--pidfile', pidfile,
          '--iptables=false',
          '--ip-masq=false',
        ],
        { stdio: ['ignore', log, log] },
      );
      fs.closeSync(log);
      let spawnError: Error | undefined;
      c.on('error', (e) => (spawnError = e));
      child = c;
      live.add(d);
      hookExit();
      const end = Date.now() + START_TIMEOUT_MS;
      while (!(await ping(socket, 3000))) {
        if (spawnError || !running(c)) {
          child = undefined;
          throw new Error(
            `private dockerd exited during start #${generation} (${spawnError?.message ?? `code ${c.exitCode}, signal ${c.signalCode}`}); log:\n${logTail(logFile)}`,
          );
        }
        if (Date.now() > end) {
          await d.kill();
          throw new Error(`private dockerd did not answer within ${START_TIMEOUT_MS / 1000} s (start #${generation}); log:\n${logTail(logFile)}`);
        }
        await sleep(200);
      }
    },

    async kill() {
      const c = child;
      child = undefined;
      if (!running(c)) return;
      note(`SIGKILL of dockerd ${c.pid}`);
      c.kill('SIGKILL');
      if (!(await exited(c, 10000))) throw new Error(`dockerd ${c.pid} still there 10 s after SIGKILL`);
    },

    async stop() {
      const c = child;
      child = undefined;
      if (!running(c)) return;
      note(`SIGTERM of dockerd ${c.pid}`);
      c.kill('SIGTERM');
      if (await exited(c, 15000)) return;
      c.kill('SIGKILL');
      if (!(await exited(c, 10000))) throw new Error(`dockerd ${c.pid} survived SIGTERM and SIGKILL`);
    },

    async destroy() {
      let stopError: unknown;
      await d.stop().catch((e) => (stopError = e));
      // A graceful stop ends the containers, their shims and containerd; give them a moment.
      const end = Date.now() + 10000;
      let left = engineProcesses(dir);
      while (left.length && Date.now() < end) {
        await sleep(200);
        left = engineProcesses(dir);
      }
      const forced = reap(dir);
      live.delete(d);
      try {
        fs.copyFileSync(logFile, LAST_LOG);
      } catch {
        /* no log */
      }
      if (forced.processes.length === 0 && forced.mounts.length === 0) removeDir(dir);
      else process.stderr.write(`faults: ${dir} kept, not everything could be cleared: ${JSON.stringify(forced)}\n`);
      if (stopError) throw stopError;
      return left.map(({ pid, cmd }) => ({ pid, cmd }));
    },

    emergency() {
      if (child?.pid && running(child)) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      child = undefined;
      const left = reap(dir, 5000);
      live.delete(d);
      if (left.processes.length === 0 && left.mounts.length === 0) removeDir(dir);
    },
  };
  return d;
}
