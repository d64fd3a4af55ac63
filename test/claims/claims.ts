/**
 * Shared by the test/claims suites: each claim we teach about Docker is checked on the real engine by building (or
 * running) a tiny image and asserting what the text says.
 *
 * Everything made here is this process's own: names carry a per-run id (`dfg-claims-<pid>-<time>-…`), images and
 * containers carry the label `dockerfile-guide.test=<runId>`, and `cleanup()` removes exactly those. The shared base
 * images (test/engine/images.ts) are only read. Failing classic builds run with `--force-rm`, and a failing step is
 * always the first one after a tagged FROM, so no untagged intermediate image is left behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Builder } from '../engine/builders';
import { MAIN_HOST } from '../engine/images';
import { removeUntaggedStepImages, stepImageIds } from '../engine/stepImages';

export const LABEL = 'dockerfile-guide.test';
export const RUN_ID = `dfg-claims-${process.pid}-${Date.now()}`;

let seq = 0;
const tags: string[] = [];
const containers: string[] = [];
const dirs: string[] = [];
/**
 * Images the classic builder made along the way (` ---> <id>` after each step). A multi-stage build leaves the
 * result of every stage but the last as an untagged image; they go in cleanup() too.
 */
const stepImages = new Set<string>();

/** A unique image tag of this run. */
export function tag(name: string): string {
  const t = `${RUN_ID}-${name}-${++seq}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  tags.push(t);
  return t;
}

/** A unique container name of this run. */
export function containerName(name: string): string {
  const n = `${RUN_ID}-${name}-${++seq}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  containers.push(n);
  return n;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a person would read them. */
  out: string;
  ms: number;
  /** Killed because it ran past its timeout (a hang). */
  timedOut: boolean;
}

/** Runs a program without a shell; resolves when it exits (or is killed after `timeoutMs`). */
export function exec(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: Buffer } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let out = '';
    let timedOut = false;
    child.stdout!.on('data', (d: Buffer) => ((stdout += d), (out += d)));
    child.stderr!.on('data', (d: Buffer) => ((stderr += d), (out += d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 180_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, out, ms: Date.now() - started, timedOut });
    });
    if (opts.input) child.stdin!.end(opts.input);
  });
}

/** `docker -H <main engine> …` with the CLI first on PATH. */
export function docker(args: string[], timeoutMs = 120_000): Promise<Ran> {
  return exec('docker', ['-H', MAIN_HOST, ...args], { timeoutMs });
}

/** `docker …` that must succeed; returns its trimmed stdout. */
export async function dockerOk(args: string[], timeoutMs = 120_000): Promise<string> {
  const r = await docker(args, timeoutMs);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.code}):\n${r.out}`);
  return r.stdout.trim();
}

/** A fresh build context with these files (text or bytes); removed by cleanup(). */
export function context(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${RUN_ID}-ctx-`));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

export interface Built extends Ran {
  tag: string;
  builder: Builder['name'];
}

/**
 * Builds `files` (which hold the Dockerfile) with one builder, without cache, so every step really runs. The image
 * is tagged and labelled as this run's.
 */
export async function build(b: Builder, name: string, files: Record<string, string | Buffer>, timeoutMs = 180_000): Promise<Built> {
  const t = tag(`${name}-${b.name}`);
  const dir = context(files);
  const args = ['-H', MAIN_HOST, 'build', '--no-cache', '--label', `${LABEL}=${RUN_ID}`, '-t', t];
  if (b.name === 'classic') args.push('--force-rm');
  else args.push('--progress=plain');
  const r = await exec(b.cli, [...args, dir], { env: b.env, timeoutMs });
  for (const id of stepImageIds(r.out)) stepImages.add(id);
  return { ...r, tag: t, builder: b.name };
}

/** How a failed RUN step's exit code shows in each builder's output. */
export function stepExitCode(b: Builder['name'], code: number): RegExp {
  return b === 'classic' ? new RegExp(`returned a non-zero code: ${code}\\b`) : new RegExp(`exit code: ${code}\\b`);
}

/** `docker run --rm` of an image of this run (labelled, named); resolves with what it printed. */
export function runOnce(image: string, args: string[] = [], opts: string[] = [], timeoutMs = 60_000): Promise<Ran> {
  return docker(['run', '--rm', '--name', containerName('run'), '--label', `${LABEL}=${RUN_ID}`, ...opts, image, ...args], timeoutMs);
}

/** The engine's major version (the text of a claim can depend on it: zstd, HEALTHCHECK --retries=0). */
export function engineMajor(): number {
  const r = spawnSync('docker', ['-H', MAIN_HOST, 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  const m = /^(\d+)\./.exec(r.stdout.trim());
  if (!m) throw new Error(`cannot read the engine version: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** Removes every container and image this run made, and the build contexts. */
export async function cleanup(): Promise<void> {
  const byLabel = (kind: 'ps' | 'images') =>
    spawnSync('docker', ['-H', MAIN_HOST, kind, '-aq', '--filter', `label=${LABEL}=${RUN_ID}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const cs = [...new Set([...byLabel('ps'), ...containers])];
  if (cs.length) spawnSync('docker', ['-H', MAIN_HOST, 'rm', '-f', ...cs], { stdio: 'ignore' });
  const present = tags.filter((t) => spawnSync('docker', ['-H', MAIN_HOST, 'image', 'inspect', t], { stdio: 'ignore' }).status === 0);
  const ims = [...new Set([...present, ...byLabel('images')])];
  if (ims.length) spawnSync('docker', ['-H', MAIN_HOST, 'image', 'rm', '-f', ...ims], { stdio: 'ignore' });
  // The stages' own results, untagged.
  removeUntaggedStepImages(stepImages);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
