// Builds an image from a Dockerfile: through the Engine API with the classic builder (BuildKit over the API
// needs a gRPC session, and the classic builder's "Step N/M" lines tell us which instruction failed), or, when
// asked, with BuildKit through a docker CLI that can (buildkitCli.ts). Both report the same BuildResult, with what
// each step did (cached or ran, seconds) on its Dockerfile line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import { packContext } from './buildContext';
import { classifyError, describe, type EngineError } from './errors';
import { JsonLineSplitter } from './jsonLines';
import { BuildLog, stripAnsi, withoutCodeMarks } from './buildLog';
import { buildCause, buildExitCode } from '../doctor/causes';
import type { BuildCause } from '../doctor/types';
import { fillMsg, line, type Lang, type Msg } from '../i18n';
import { redactText } from './redact';
import type { BuilderName, StepOutcome } from './buildSteps';
import { buildWithBuildkit, type BuildkitCli } from './buildkitCli';
import { ClassicStepReader } from './classicSteps';

export const BUILD_MSG = {
  outside: {
    ko: 'Dockerfile({0})이 빌드 컨텍스트({1}) 밖에 있습니다',
    en: 'The Dockerfile {0} is outside the build context {1}',
  },
  noResult: { ko: '빌드가 결과 없이 끝났습니다', en: 'The build stopped without a result' },
  failed: { ko: '빌드가 실패했습니다', en: 'The build failed' },
} satisfies Record<string, Msg>;

export interface BuildRequest {
  contextDir: string;
  /** Absolute path of the Dockerfile (inside or outside the context). */
  dockerfile: string;
  tag: string;
  labels?: Record<string, string>;
  onLine?(text: string): void;
  /** Classic builder only (BuildKit prints no step count): `Step N/M`. */
  onStep?(step: number, total: number, text: string): void;
  abortSignal?: AbortSignal;
  /**
   * Which builder: 'classic' (default) through the Engine API, or 'buildkit' through `buildkitCli`, which must then be
   * given: a CLI findBuildkitCli() found for the same endpoint (resolveBuilder() in buildkitCli.ts does both).
   */
  builder?: BuilderName;
  buildkitCli?: BuildkitCli;
}

export interface BuildResult {
  ok: boolean;
  imageId?: string;
  /**
   * 1-based step that was running when the build failed, of totalSteps. Classic: `Step N/M`, over every instruction
   * of every stage. BuildKit: the failed vertex's `[N/M]`, over its stage's FROM/RUN/COPY/ADD/WORKDIR. Both are the
   * numbers the build log shows; failedLine is the one to place it.
   */
  failedStep?: number;
  totalSteps?: number;
  /** The engine's words (or the OS error) when the build failed. */
  error?: string;
  /** Why the build failed, in both languages (the engine's words stay in `error`). */
  reason?: Msg;
  /** Set when the connection to the engine broke mid-build (engine killed, socket gone …). */
  engineError?: EngineError;
  builder: BuilderName;
  /** What each instruction step did, in Dockerfile order (also the ones before a failure). */
  steps: StepOutcome[];
  /** 1-based Dockerfile line of the step that failed (both builders). */
  failedLine?: number;
  /**
   * A failed build's cause from the doctor's catalogue (common/src/doctor/causes.ts), read from the engine's
   * error and the last log lines: what exit 127, 126, 100 or 1 means, apt's `Abort.`, a missing COPY source …
   */
  cause?: { cause: BuildCause; explain: Msg; exitCode: number | null };
  /** Whether the engine's error sentence already appeared in the lines given to onLine (BuildKit prints it). */
  errorShown?: boolean;
}

interface BuildMessage {
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

/**
 * What a build needs of the engine connection: the client without a request timeout (a build step may stay silent
 * for minutes) and where it points, for error messages. The sidebar's EngineClients has both.
 */
export interface BuildClients {
  stream: Dockerode;
  /**
   * A client with no connection timer either, used when given: the classic builder answers only after it has read the
   * whole context, and docker-modem's connection timer runs until the answer starts (EngineClients.build).
   */
  build?: Dockerode;
  where: string;
}

function readDockerfile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export async function buildImage(clients: BuildClients, req0: BuildRequest): Promise<BuildResult> {
  // Every line the caller sees goes through the log filter: no colour codes, no repeated failure lines.
  const log = new BuildLog(req0.onLine);
  const req: BuildRequest = { ...req0, onLine: (l) => log.line(l) };
  const r = await buildWith(clients, req);
  if (!r.ok && !r.engineError && r.error) {
    r.error = stripAnsi(r.error);
    const named = buildCause([...log.tail, r.error].join('\n'));
    r.cause = { cause: named.cause, explain: named.explain, exitCode: buildExitCode(r.error) };
    r.errorShown = log.shown(r.error);
  }
  return r;
}

async function buildWith(clients: BuildClients, req: BuildRequest): Promise<BuildResult> {
  if (req.builder === 'buildkit') {
    if (!req.buildkitCli) throw new Error('buildImage: builder "buildkit" needs buildkitCli (see resolveBuilder)');
    const r = await buildWithBuildkit(req.buildkitCli, req);
    return {
      ok: r.ok,
      imageId: r.imageId,
      error: r.error,
      reason: r.ok ? undefined : (r.reason ?? BUILD_MSG.failed),
      builder: 'buildkit',
      steps: r.steps,
      failedLine: r.failedLine,
      failedStep: r.failedVertex?.pos,
      totalSteps: r.failedVertex?.total,
    };
  }
  const rel = path.relative(req.contextDir, req.dockerfile).split(path.sep).join('/');
  if (rel.startsWith('../')) {
    const reason = fillMsg(BUILD_MSG.outside, req.dockerfile, req.contextDir);
    return { ok: false, error: reason.en, reason, builder: 'classic', steps: [] };
  }
  // Read before the context is sent: the steps are placed on the lines of the text that was built.
  const dockerfileText = readDockerfile(req.dockerfile);
  const reader = new ClassicStepReader();
  const tar = packContext(req.contextDir, { keep: [rel, '.dockerignore'] });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await (clients.build ?? clients.stream).buildImage(tar, {
      t: req.tag,
      dockerfile: rel,
      rm: true,
      forcerm: true,
      labels: req.labels,
      version: '1',
      abortSignal: req.abortSignal,
    } as Parameters<Dockerode['buildImage']>[1]);
  } catch (err) {
    tar.destroy();
    throw classifyError(err, clients.where);
  }
  const result: BuildResult = { ok: false, builder: 'classic', steps: [] };
  const splitter = new JsonLineSplitter();
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) =>
      splitter.push(chunk, (m) => {
        const msg = m as BuildMessage;
        if (msg.stream) {
          reader.stream(msg.stream, Date.now());
          const step = /^Step (\d+)\/(\d+) : /.exec(msg.stream);
          if (step) {
            result.failedStep = Number(step[1]);
            result.totalSteps = Number(step[2]);
            req.onStep?.(result.failedStep, result.totalSteps, msg.stream.trim());
          }
          for (const l of msg.stream.replace(/\n$/, '').split('\n')) req.onLine?.(l);
        } else if (msg.status) {
          reader.status(msg.status);
          req.onLine?.(msg.progress ? `${msg.status} ${msg.progress}` : msg.status);
        }
        if (msg.aux?.ID) result.imageId = msg.aux.ID;
        if (msg.error || msg.errorDetail) {
          result.error = (msg.errorDetail?.message ?? msg.error ?? '').trim();
          req.onLine?.(result.error);
        }
      }),
    );
    let ended = false;
    stream.on('end', () => {
      ended = true;
      resolve();
    });
    stream.on('close', () => {
      // A close without the end of the response is the engine (or the connection) going away.
      if (!ended && !result.error && !result.imageId && !req.abortSignal?.aborted) {
        const e = classifyError(Object.assign(new Error('build stream closed before its end'), { code: 'ECONNRESET' }), clients.where);
        result.engineError ??= e;
        result.error ??= e.message;
      }
      resolve();
    });
    stream.on('error', (err: Error) => {
      const e = classifyError(err, clients.where);
      result.engineError = e;
      result.error ??= e.message;
      resolve();
    });
  });
  reader.end(Date.now());
  result.steps = reader.steps(dockerfileText);
  result.ok = !result.error && !!result.imageId;
  // The step that started last is the one that failed.
  const last = result.steps[result.steps.length - 1];
  if (!result.ok && !result.engineError && last?.line) result.failedLine = last.line;
  if (result.ok) result.failedStep = undefined;
  else if (result.engineError) result.reason = result.engineError.reason;
  else if (!result.error) {
    result.reason = BUILD_MSG.noResult;
    result.error = BUILD_MSG.noResult.en;
  } else result.reason = BUILD_MSG.failed;
  return result;
}

/**
 * What the extension says about a failed build (notification, diagnostic, log): the bilingual reason,
 * with the engine's own sentence when it gave one. Secret-looking values in it are hidden: the
 * engine quotes the failing instruction, which may carry `ENV TOKEN=…`.
 */
export function buildFailureText(r: BuildResult, lang: Lang): string {
  if (r.engineError) return redactText(describe(r.engineError, lang));
  if (r.reason && r.reason !== BUILD_MSG.failed) return line(r.reason, lang);
  const engine = redactText(r.error ?? line(BUILD_MSG.failed, lang));
  const why = buildFailureExplanation(r, lang);
  return why ? `${why} (${engine})` : engine;
}

/**
 * The cause of a failed RUN in the user's language, in plain text (the doctor's catalogue: exit codes 127,
 * 126, 100, 1 and the known messages), or undefined when the catalogue does not know it.
 */
export function buildFailureExplanation(r: BuildResult, lang: Lang): string | undefined {
  if (!r.cause || r.cause.cause === 'failed') return undefined;
  return withoutCodeMarks(line(r.cause.explain, lang));
}
