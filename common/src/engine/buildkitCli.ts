/**
 * BuildKit as a build option: a docker CLI that builds with the engine's embedded BuildKit, pointed at the same
 * engine as the extension, and the build run through it.
 *
 * Why a CLI: BuildKit over the Engine API needs the CLI's gRPC session (context and Dockerfile are streamed through
 * it), which we do not reimplement. Which CLI works:
 *   - docker CLI 18.09 … 22.x has its own BuildKit client: `DOCKER_BUILDKIT=1 docker build` talks to the engine's
 *     embedded BuildKit directly (Debian's /usr/bin/docker 20.10 here);
 *   - docker CLI 23.0 and later hand `docker build` to the buildx plugin when BuildKit is on, and without buildx
 *     fail ("BuildKit is enabled but the buildx component is missing or broken"), so they count only with buildx.
 * The probe reads `docker --version` and, for 23+, `docker buildx version`: two local commands, no engine round
 * trip and nothing built. Its verdict is kept for the life of the process (per CLI path).
 *
 * The CLI is told the engine with global flags (`-H`, `--tls…`), never through a context or the user's DOCKER_*
 * variables, which are removed from its environment so they cannot point it elsewhere.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Endpoint } from './endpoint';
import { fillMsg, type Msg } from '../i18n';
import { BuildkitProgressReader } from './buildkitSteps';
import type { StepOutcome } from './buildSteps';

export interface BuildkitCli {
  /** Absolute path of the docker CLI. */
  path: string;
  version: string;
  /** `builtin`: the CLI's own BuildKit client; `buildx`: through the buildx plugin (CLI 23+). */
  via: 'builtin' | 'buildx';
  /** Global flags that point the CLI at the extension's engine (`-H unix:///var/run/docker.sock`, TLS files). */
  hostArgs: string[];
  /** The environment to run it with: ours without DOCKER_HOST/DOCKER_CONTEXT/TLS variables, plus DOCKER_BUILDKIT=1. */
  env: NodeJS.ProcessEnv;
}

export type BuildkitProbe = { ok: true; cli: BuildkitCli } | { ok: false; reason: Msg };

export const BUILDKIT_MSG = {
  none: {
    ko: 'BuildKit으로 빌드할 수 있는 docker CLI가 없습니다: {0}',
    en: 'No docker CLI here can build with BuildKit: {0}',
  },
  notOnPath: { ko: 'PATH에서 docker CLI를 찾지 못했습니다', en: 'no docker CLI was found on PATH' },
  needsBuildx: {
    ko: '{0}의 docker CLI(버전 {1})는 buildx 플러그인이 있어야 BuildKit으로 빌드하는데, buildx가 설치되어 있지 않습니다',
    en: 'the docker CLI at {0} (version {1}) builds with BuildKit only through the buildx plugin, which is not installed',
  },
  tooOld: {
    ko: '{0}의 docker CLI(버전 {1})는 BuildKit을 지원하지 않습니다(18.09 이상 필요)',
    en: 'the docker CLI at {0} (version {1}) predates BuildKit (18.09 or later is needed)',
  },
  notRunnable: { ko: '{0} 파일을 실행하지 못했습니다: {1}', en: 'could not run {0}: {1}' },
  endpoint: {
    ko: 'docker CLI에 엔진 주소를 넘길 수 없습니다: {0}',
    en: 'the engine address cannot be handed to the docker CLI: {0}',
  },
  spawn: { ko: 'docker CLI({0})를 실행하지 못했습니다: {1}', en: 'Could not run the docker CLI ({0}): {1}' },
  noImage: { ko: 'BuildKit 빌드가 이미지 ID 없이 끝났습니다', en: 'The BuildKit build ended without an image ID' },
} satisfies Record<string, Msg>;

/** Variables that would point the CLI at another engine than the flags say. */
const ENGINE_VARS = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];

/** The global flags that make the docker CLI talk to `ep`; null when the endpoint cannot be said in flags. */
export function cliHostArgs(ep: Endpoint, platform: NodeJS.Platform = process.platform): string[] | null {
  switch (ep.transport) {
    case 'unix':
      return ep.socketPath && platform !== 'win32' ? ['-H', `unix://${ep.socketPath}`] : null;
    case 'npipe':
      return ep.socketPath && platform === 'win32' ? ['-H', `npipe://${ep.socketPath}`] : null;
    case 'ssh':
      // The CLI (18.09+) runs `ssh` itself for ssh:// hosts.
      return ep.hostname ? ['-H', ep.uri] : null;
    case 'tcp': {
      if (!ep.hostname || !ep.port) return null;
      const args = ['-H', `tcp://${ep.hostname}:${ep.port}`];
      if (ep.tls) {
        args.push(ep.tls.verify ? '--tlsverify' : '--tls');
        if (ep.tls.caPath) args.push('--tlscacert', ep.tls.caPath);
        if (ep.tls.certPath) args.push('--tlscert', ep.tls.certPath);
        if (ep.tls.keyPath) args.push('--tlskey', ep.tls.keyPath);
      }
      return args;
    }
    default:
      return null;
  }
}

/** Every `docker` on PATH in order, then the usual install places; each real file once. */
export function dockerCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const exe = platform === 'win32' ? 'docker.exe' : 'docker';
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  if (platform !== 'win32') dirs.push('/usr/bin', '/usr/local/bin', '/bin');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of dirs) {
    const p = path.join(d, exe);
    let real: string;
    try {
      real = fs.realpathSync(p);
      if (!fs.statSync(real).isFile()) continue;
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}

type Verdict = { ok: true; version: string; via: 'builtin' | 'buildx' } | { ok: false; reason: Msg };

const verdicts = new Map<string, Promise<Verdict>>();

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 10_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, out: `${stdout}${stderr}`.trim() || (err?.message ?? '') });
    });
  });
}

/** Can this docker CLI build with the embedded BuildKit? Local commands only; remembered per path. */
export function probeCli(cli: string, env: NodeJS.ProcessEnv = process.env): Promise<Verdict> {
  let v = verdicts.get(cli);
  if (!v) {
    v = (async (): Promise<Verdict> => {
      const ver = await run(cli, ['--version'], env);
      const m = /version (\d+)\.(\d+)[^\s,]*/i.exec(ver.out);
      if (ver.code !== 0 || !m) return { ok: false, reason: fillMsg(BUILDKIT_MSG.notRunnable, cli, ver.out.split('\n')[0] || String(ver.code)) };
      const version = m[0].slice('version '.length);
      const major = Number(m[1]);
      const minor = Number(m[2]);
      if (major < 18 || (major === 18 && minor < 9)) return { ok: false, reason: fillMsg(BUILDKIT_MSG.tooOld, cli, version) };
      if (major < 23) return { ok: true, version, via: 'builtin' };
      const bx = await run(cli, ['buildx', 'version'], env);
      return bx.code === 0 ? { ok: true, version, via: 'buildx' } : { ok: false, reason: fillMsg(BUILDKIT_MSG.needsBuildx, cli, version) };
    })();
    verdicts.set(cli, v);
  }
  return v;
}

/** Forgets the probes (tests). */
export function resetBuildkitProbes(): void {
  verdicts.clear();
}

/**
 * The first docker CLI that builds with BuildKit against `ep`, or why there is none (every candidate's reason).
 * `candidates` defaults to dockerCandidates().
 */
export async function findBuildkitCli(ep: Endpoint, opts: { candidates?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<BuildkitProbe> {
  const baseEnv = opts.env ?? process.env;
  const hostArgs = cliHostArgs(ep);
  if (!hostArgs) return { ok: false, reason: fillMsg(BUILDKIT_MSG.none, fillMsg(BUILDKIT_MSG.endpoint, ep.uri)) };
  const candidates = opts.candidates ?? dockerCandidates(baseEnv);
  if (!candidates.length) return { ok: false, reason: fillMsg(BUILDKIT_MSG.none, BUILDKIT_MSG.notOnPath) };
  const env: NodeJS.ProcessEnv = { ...baseEnv, DOCKER_BUILDKIT: '1' };
  for (const k of ENGINE_VARS) delete env[k];
  const why: Msg[] = [];
  for (const c of candidates) {
    const v = await probeCli(c, env);
    if (v.ok) return { ok: true, cli: { path: c, version: v.version, via: v.via, hostArgs, env } };
    why.push(v.reason);
  }
  return { ok: false, reason: fillMsg(BUILDKIT_MSG.none, { ko: why.map((w) => w.ko).join('; '), en: why.map((w) => w.en).join('; ') }) };
}

export interface BuildkitBuildRequest {
  contextDir: string;
  dockerfile: string;
  tag: string;
  labels?: Record<string, string>;
  onLine?(text: string): void;
  abortSignal?: AbortSignal;
}

export interface BuildkitBuildResult {
  ok: boolean;
  imageId?: string;
  error?: string;
  failedLine?: number;
  /** The failed step as BuildKit numbered it: `[2/3]` is pos 2 of 3 vertices in its stage. */
  failedVertex?: { pos: number; total: number };
  steps: StepOutcome[];
  /** Set when the CLI could not start, or ended without an image ID; unset for a build that failed on its own. */
  reason?: Msg;
  /** The CLI could not be started at all (not a Dockerfile problem). */
  spawnFailed?: boolean;
}

/**
 * `docker build --progress=plain -f FILE -t TAG --iidfile TMP [--label k=v] CONTEXT` with `cli`, its output lines
 * (stdout and stderr) streamed to onLine and read into steps. Aborting kills the CLI (SIGTERM, which makes it cancel
 * the build on the engine; SIGKILL if it is still there 5 s later).
 */
export async function buildWithBuildkit(cli: BuildkitCli, req: BuildkitBuildRequest): Promise<BuildkitBuildResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-iid-'));
  const iidfile = path.join(tmp, 'iid');
  const args = [...cli.hostArgs, 'build', '--progress=plain', '-f', req.dockerfile, '-t', req.tag, '--iidfile', iidfile];
  for (const [k, v] of Object.entries(req.labels ?? {})) args.push('--label', `${k}=${v}`);
  args.push(req.contextDir);
  let dockerfileText: string | null = null;
  try {
    dockerfileText = fs.readFileSync(req.dockerfile, 'utf8');
  } catch {
    dockerfileText = null;
  }
  const reader = new BuildkitProgressReader();
  try {
    const outcome = await new Promise<{ code: number | null; spawnError?: Error }>((resolve) => {
      if (req.abortSignal?.aborted) return resolve({ code: null });
      const child = spawn(cli.path, args, { env: cli.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
        killTimer.unref?.();
      };
      req.abortSignal?.addEventListener('abort', onAbort, { once: true });
      const feed = (stream: NodeJS.ReadableStream) => {
        let partial = '';
        stream.setEncoding?.('utf8');
        stream.on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          for (const l of lines) {
            const t = l.replace(/\r$/, '');
            reader.line(t);
            req.onLine?.(t);
          }
        });
        stream.on('end', () => {
          if (partial) {
            reader.line(partial);
            req.onLine?.(partial);
          }
        });
      };
      feed(child.stdout);
      feed(child.stderr);
      child.on('error', (err) => resolve({ code: null, spawnError: err }));
      child.on('close', (code) => {
        if (killTimer) clearTimeout(killTimer);
        req.abortSignal?.removeEventListener('abort', onAbort);
        resolve({ code });
      });
    });
    const { steps, failedLine, failedVertex } = reader.result(dockerfileText);
    if (outcome.spawnError) {
      const reason = fillMsg(BUILDKIT_MSG.spawn, cli.path, outcome.spawnError.message);
      return { ok: false, steps, error: reason.en, reason, spawnFailed: true };
    }
    let imageId: string | undefined;
    try {
      imageId = fs.readFileSync(iidfile, 'utf8').trim() || undefined;
    } catch {
      imageId = undefined;
    }
    if (outcome.code === 0 && imageId) return { ok: true, imageId, steps };
    // A failed build's reason is left to the caller (build.ts: "The build failed" with BuildKit's own words).
    if (outcome.code === 0) return { ok: false, steps, error: BUILDKIT_MSG.noImage.en, reason: BUILDKIT_MSG.noImage };
    return { ok: false, steps, error: reader.error ?? `exit code ${outcome.code}`, failedLine: failedLine ?? undefined, failedVertex: failedVertex ?? undefined };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The `dockerfileGuide.build.builder` setting: auto = BuildKit when a usable CLI exists, else classic. */
export type BuilderChoice = 'auto' | 'classic' | 'buildkit';

export interface ResolvedBuilder {
  builder: 'classic' | 'buildkit';
  /** Set when builder is 'buildkit'. */
  buildkitCli?: BuildkitCli;
  /** Set when BuildKit was asked for by name and cannot be used: the build falls back to the classic builder. */
  warning?: Msg;
}

export const FALLBACK_MSG = {
  ko: 'BuildKit을 쓸 수 없어 기존 빌더로 빌드합니다. {0}',
  en: 'BuildKit cannot be used, so the classic builder builds instead. {0}',
} satisfies Msg;

/** Which builder a build uses for the setting's choice and the extension's engine. */
export async function resolveBuilder(choice: BuilderChoice, ep: Endpoint, opts: { candidates?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ResolvedBuilder> {
  if (choice === 'classic') return { builder: 'classic' };
  const found = await findBuildkitCli(ep, opts);
  if (found.ok) return { builder: 'buildkit', buildkitCli: found.cli };
  return choice === 'buildkit' ? { builder: 'classic', warning: fillMsg(FALLBACK_MSG, found.reason) } : { builder: 'classic' };
}
