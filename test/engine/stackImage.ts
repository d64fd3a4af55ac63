/**
 * The web-stack scaffold as a test image, shared by the suites that build it (test/stack, test/doctor).
 *
 * The scaffold says `FROM debian:bookworm`, exactly as users get it. There is no registry here, so the build starts
 * from the debootstrapped image of test/engine/images.ts instead: only the FROM lines change, and no tag in the
 * engine is borrowed or left behind.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDebianImage } from './images';

export interface DockerRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The docker CLI with argv (no shell); throws with the tail of its output unless `allowFail`. */
export function docker(args: string[], opts: { timeoutMs?: number; allowFail?: boolean; env?: NodeJS.ProcessEnv } = {}): DockerRun {
  const r = spawnSync('docker', args, {
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    env: opts.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!opts.allowFail && r.status !== 0) {
    throw new Error(`docker ${args.join(' ')} → ${r.status ?? r.signal}\n${r.stdout?.slice(-4000)}\n${r.stderr?.slice(-4000)}`);
  }
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Points the generated Dockerfile in `dir` at the local Debian base image (made when missing) and returns that
 * image's tag. Fails when the scaffold no longer starts FROM debian:<release>.
 */
export function useLocalDebianBase(dir: string, release = 'bookworm'): string {
  const baseTag = ensureDebianImage(release);
  const dockerfile = path.join(dir, 'Dockerfile');
  const text = fs.readFileSync(dockerfile, 'utf8');
  const from = new RegExp(`^FROM debian:${release}\\b`, 'gm');
  if (!from.test(text)) throw new Error(`the scaffold does not start FROM debian:${release}`);
  fs.writeFileSync(dockerfile, text.replace(from, `FROM ${baseTag}`));
  return baseTag;
}

/**
 * `docker build` of the scaffold in `dir`. The classic builder by default (its layer cache is what keeps a second
 * run fast); DFG_STACK_BUILDKIT=1 builds with BuildKit instead.
 */
export function buildStackImage(dir: string, tag: string, opts: { network?: string; labels?: Record<string, string> } = {}): void {
  const args = ['build', ...(opts.network ? ['--network', opts.network] : [])];
  for (const [k, v] of Object.entries(opts.labels ?? {})) args.push('--label', `${k}=${v}`);
  docker([...args, '-t', tag, dir], {
    timeoutMs: 20 * 60_000,
    env: { ...process.env, DOCKER_BUILDKIT: process.env.DFG_STACK_BUILDKIT === '1' ? '1' : '0' },
  });
}

/** The host port published for `containerPort`/tcp on `container`. */
export function publishedPort(container: string, containerPort: number): number {
  return Number(docker(['port', container, `${containerPort}/tcp`]).stdout.trim().split('\n')[0].split(':').pop());
}
