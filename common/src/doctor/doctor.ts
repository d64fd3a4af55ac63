/**
 * "Run and check" / "실행해서 점검": build, run, watch, explain, stop, clean up, as one DoctorResult. No vscode here:
 * the CLI (`dockerfile-guide doctor`) and the extension call the same two functions:
 *   runDoctor(engine, options)          the whole run (build unless an image is given)
 *   whyExited(engine, containerId, …)    steps 3 and 4 on an existing container, nothing built or started
 * Every container the run makes carries DOCTOR_LABEL=<runId> and is removed at the end, also after a failure, a
 * cancellation (the AbortSignal) or an engine that goes away (best effort, every call with a deadline).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fillMsg, line, msg, type Lang, type Msg } from '../i18n';
import { doctorBuild, type DoctorBuildOutcome } from './build';
import type { BuildkitCli } from '../engine/buildkitCli';
import type { BuilderName } from '../engine/buildSteps';
import { copiedFrom, scanFinalStage, type FinalStageLines } from './dockerfileScan';
import { configLineInLogs, exitCause, scriptLineInLogs } from './causes';
import { cleanupRun } from './cleanup';
import { classifyError } from '../engine/errors';
import { CALL_TIMEOUT_MS, CancelledError, deadline, DeadlineError, sleep, type DoctorEngine } from './engine';
import { processTable, programNames, type ProcessTable } from './processes';
import { detectWebStack } from './webStack';
import { request } from './webHttp';
import { execIn, inspectImage, lastLogLines, startContainer, type Started } from './run';
import { cleanDatabaseShutdown, stopContainer } from './stop';
import type { DoctorCheck, DoctorResult } from './types';
import type { WebCheckOptions } from './webChecks';
import { containerState, watchContainer, type ContainerState } from './watch';

/** The steps the progress callback names. */
export type DoctorStep = 'build' | 'run' | 'watch' | 'processes' | 'web' | 'stop' | 'cleanup';

/**
 * The web stack's checks (issue 16, step 5), written in common/src/doctor/webChecks.ts. The doctor calls it while
 * the container runs, when the image looks like the web stack (nginx and php-fpm among its processes).
 */
export type WebChecks = (opts: WebCheckOptions) => Promise<DoctorCheck[]>;

export interface DoctorOptions {
  lang: Lang;
  /** The Dockerfile and its build context: built unless `build` is false; also where causes point. */
  dockerfile?: string;
  contextDir?: string;
  /** Tag of the built image (default `dockerfile-guide-doctor:<runId>`), or with `build: false` the image to run. */
  image?: string;
  /** Default true when a Dockerfile is given. */
  build?: boolean;
  /** Seconds to watch the running container (default 10). */
  watchSeconds?: number;
  /** Labels on the built image (tests label theirs for their own cleanup). */
  imageLabels?: Record<string, string>;
  /** Value of DOCTOR_LABEL on the containers (default: random). */
  runId?: string;
  signal?: AbortSignal;
  onProgress?(step: DoctorStep, title: Msg): void;
  onBuildLine?(text: string): void;
  /** The web stack's checks; absent: skipped. */
  webChecks?: WebChecks;
  /** The builder for the build (default classic); 'buildkit' needs buildkitCli (resolveBuilder in engine/buildkitCli.ts). */
  builder?: BuilderName;
  buildkitCli?: BuildkitCli;
  /** Called after a successful build, with what the build did (the editor announces it to the layer annotations). */
  onBuilt?(build: DoctorBuildOutcome): void;
}

export const STEP_MSG: Record<DoctorStep, Msg> = {
  build: msg('이미지를 빌드하는 중', 'Building the image'),
  run: msg('컨테이너를 실행하는 중', 'Starting the container'),
  watch: msg('컨테이너를 지켜보는 중', 'Watching the container'),
  processes: msg('프로세스를 읽는 중', 'Reading the processes'),
  web: msg('웹 스택을 점검하는 중', 'Checking the web stack'),
  stop: msg('컨테이너를 멈추는 중(docker stop)', 'Stopping the container (docker stop)'),
  cleanup: msg('만든 컨테이너를 지우는 중', 'Removing the containers it made'),
};

export const DOCTOR_MSG = {
  buildTitle: msg('이미지 빌드', 'Build the image'),
  buildOk: msg('{0}초 만에 빌드했습니다.', 'Built in {0} s.'),
  buildFailedAt: msg('{0}번 줄의 명령이 실패했습니다. {1}', 'The instruction on line {0} failed. {1}'),
  runTitle: msg('실행하고 {0}초 지켜보기', 'Run and watch for {0} s'),
  running: msg('{0}초 뒤에도 실행 중입니다.', 'Still running after {0} s.'),
  ports: msg('게시한 포트: {0}', 'Published ports: {0}'),
  exited: msg('컨테이너가 끝났습니다(종료 코드 {0}). {1}', 'It exited with code {0}. {1}'),
  notStarted: msg('엔진이 명령을 시작하지 못했습니다(종료 코드 {0}). {1}', 'The engine could not start the command (exit code {0}). {1}'),
  processesTitle: msg('컨테이너 안의 프로세스', 'Processes in the container'),
  processes: msg('PID 1: {0}. 함께 실행 중인 프로그램: {1}', 'PID 1: {0}. Running beside it: {1}'),
  none: msg('없음', 'none'),
  stopTitle: msg('docker stop', 'docker stop'),
  stopGraceful: msg('{0}초 만에 정상 종료했습니다(종료 코드 {1}).', 'Stopped gracefully in {0} s with exit code {1}.'),
  stopKilled: msg(
    '{0}초 걸렸고 종료 코드는 {1}입니다. PID 1({2})이 SIGTERM을 받고도 끝나지 않아 엔진이 10초 뒤 SIGKILL로 강제 종료했습니다. 마지막 명령을 `exec` 하거나, `trap` 명령으로 TERM을 처리하거나, `docker run --init` 옵션을 쓰세요.',
    'It took {0} s and exited with code {1}. PID 1 ({2}) did not end on SIGTERM, so the engine killed it with SIGKILL after 10 s. `exec` the last command, handle TERM with a `trap`, or use `docker run --init`.',
  ),
  stopSlow: msg(
    '{0}초 걸렸고 종료 코드는 {1}입니다. SIGTERM을 받은 뒤 끝나기까지 기본 제한 시간(10초)을 넘겼습니다.',
    'It took {0} s and exited with code {1}: longer than the default timeout (10 s) after SIGTERM.',
  ),
  dbTitle: msg('데이터베이스 정상 종료', 'Clean database shutdown'),
  dbOk: msg('로그에 `Shutdown complete` 줄이 있습니다.', 'The log shows `Shutdown complete`.'),
  dbNot: msg(
    '로그에 `Shutdown complete` 줄이 없습니다. 데이터베이스가 정상 종료 전에 강제로 끝났습니다. mysqld가 SIGTERM을 받도록 `exec` 하거나 `trap`에서 종료하세요.',
    'The log has no `Shutdown complete`: the database was killed before a clean shutdown. Let mysqld receive SIGTERM (`exec` it) or stop it from a `trap`.',
  ),
  engineTitle: msg('Docker 엔진', 'Docker engine'),
  deadline: msg('엔진이 {1}초 안에 답하지 않았습니다({0}).', 'The engine did not answer within {1} s ({0}).'),
  engineLost: msg('점검을 마치지 못했습니다. {0}', 'The check could not finish. {0}'),
  cleanupTitle: msg('정리', 'Cleanup'),
  cleanupLeft: msg('지우지 못한 컨테이너가 있습니다: {0}', 'Some containers could not be removed: {0}'),
  noContainer: msg('컨테이너를 찾을 수 없습니다: {0}', 'No such container: {0}'),
  stateTitle: msg('컨테이너 상태', 'Container state'),
  stillRunning: msg('컨테이너가 실행 중입니다.', 'The container is running.'),
} satisfies Record<string, Msg>;

function check(id: string, ok: boolean, title: Msg, detail: Msg, lang: Lang, file: string | null = null, lineNo: number | null = null, evidence?: string[]): DoctorCheck {
  const c: DoctorCheck = { id, ok, title: line(title, lang), detail: line(detail, lang), file, line: lineNo, titleMsg: title, detailMsg: detail };
  if (evidence && evidence.length) c.evidence = evidence;
  return c;
}

function envRecord(env: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf('=');
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

/** What the Dockerfile says, when there is one: its path relative to the context and the final stage's lines. */
interface Source {
  file: string;
  /** Is this context-relative path a directory? */
  isDir(rel: string): boolean;
  scan: FinalStageLines;
  /** The build context as the web checks read it (the switch script, the nginx config's source lines). */
  context: NonNullable<WebCheckOptions['context']>;
}

/** Files of the build context larger than this are not read for the web checks. */
const MAX_CONTEXT_FILE = 1024 * 1024;
/** At most this many paths are listed (a context with node_modules or a vendored WordPress is large). */
const MAX_CONTEXT_LIST = 5000;

/** Reads and lists the build context for the web checks, never outside it. */
function contextReader(ctx: string, dockerfileText: string, dockerfilePath: string): Source['context'] {
  const root = path.resolve(ctx);
  const inside = (rel: string) => {
    const p = path.resolve(root, rel);
    return p === root || p.startsWith(root + path.sep) ? p : null;
  };
  let listed: string[] | null = null;
  return {
    dockerfileText,
    dockerfilePath,
    readFile(rel) {
      const p = inside(rel);
      try {
        if (!p || fs.statSync(p).size > MAX_CONTEXT_FILE) return null;
        return fs.readFileSync(p, 'utf8');
      } catch {
        return null;
      }
    },
    listFiles() {
      if (listed) return listed;
      const out: string[] = [];
      const walk = (dir: string, prefix: string) => {
        let entries: fs.Dirent[] = [];
        try {
          entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          if (out.length >= MAX_CONTEXT_LIST) return;
          if (e.name === '.git' || e.name === 'node_modules') continue;
          const rel = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDirectory()) walk(path.join(dir, e.name), rel);
          else out.push(rel);
        }
      };
      walk(root, '');
      return (listed = out);
    },
  };
}

function readSource(dockerfile: string | undefined, contextDir: string | undefined): Source | null {
  if (!dockerfile) return null;
  try {
    const text = fs.readFileSync(dockerfile, 'utf8');
    const rel = contextDir ? path.relative(contextDir, dockerfile).split(path.sep).join('/') : dockerfile;
    const ctx = contextDir ?? path.dirname(dockerfile);
    const isDir = (p: string) => {
      try {
        return fs.statSync(path.join(ctx, p)).isDirectory();
      } catch {
        return false;
      }
    };
    const file = rel.startsWith('../') ? dockerfile : rel;
    return { file, isDir, scan: scanFinalStage(text), context: contextReader(ctx, text, file) };
  } catch {
    return null;
  }
}

/**
 * Where an exit cause points: a script line the logs name (when COPY put that script in the image), the COPY of a
 * start file that could not be executed, else the final stage's ENTRYPOINT or CMD.
 */
function exitLocation(src: Source | null, st: ContainerState, logs: string[], cause: string): { file: string | null; line: number | null } {
  if (!src) return { file: null, line: null };
  const named = scriptLineInLogs(logs);
  if (named) {
    const from = copiedFrom(src.scan, named.path, src.isDir);
    if (from) return { file: from.source, line: named.line };
  }
  // A configuration nginx refused: the line of the copied config file it names.
  const conf = cause === 'config-error' ? configLineInLogs(logs) : null;
  for (const p of conf?.paths ?? []) {
    const from = copiedFrom(src.scan, p, src.isDir);
    if (from) return { file: from.source, line: conf!.line };
  }
  const program = /exec: "([^"]+)"/.exec(st.error)?.[1] ?? st.command[0];
  if (cause === 'permission-denied' && program) {
    const from = copiedFrom(src.scan, program, src.isDir);
    if (from) return { file: src.file, line: from.line };
  }
  return { file: src.file, line: src.scan.entrypoint ?? src.scan.cmd };
}

/** How long the web checks wait for nginx to listen after the watch (MariaDB alone may take 30 s to come up). */
const WEB_READY_MS = 60_000;

/**
 * Resolves when nginx answers an HTTP request on 127.0.0.1:port (any status), or after `ms` (the checks then say what
 * they see). A TCP connect is not enough: Docker's port proxy accepts it before anything listens in the container,
 * then resets it.
 */
async function webAnswers(port: number, tls: boolean, ms: number, signal?: AbortSignal): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !signal?.aborted) {
    const r = await request(`${tls ? 'https' : 'http'}://127.0.0.1:${port}/`, { timeoutMs: 2000, signal });
    if (r.status > 0) return;
    await sleep(500, signal).catch(() => undefined);
  }
}

/**
 * Where a slow stop points: when PID 1 is a shell running a start script the Dockerfile copies, the script's last
 * command (where `exec` or a `trap` goes); else the final stage's ENTRYPOINT or CMD.
 */
function stopLocation(src: Source | null, pid1: string[]): { file: string | null; line: number | null } {
  if (!src) return { file: null, line: null };
  for (const arg of pid1.slice(0, 3)) {
    if (!arg.startsWith('/')) continue;
    const from = copiedFrom(src.scan, arg, src.isDir);
    const text = from ? src.context.readFile(from.source) : null;
    if (!from || text === null) continue;
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() && !lines[i].trim().startsWith('#')) return { file: from.source, line: i + 1 };
  }
  return { file: src.file, line: src.scan.entrypoint ?? src.scan.cmd };
}

/** Steps 3 and 4 on a container: the exit cause if it stopped, else the processes, the web checks and the stop. */
async function examine(
  engine: DoctorEngine,
  id: string,
  st: ContainerState,
  o: {
    lang: Lang;
    src: Source | null;
    stop: boolean;
    watchSeconds: number;
    env: Record<string, string>;
    ports: Record<string, number>;
    signal?: AbortSignal;
    onProgress?: DoctorOptions['onProgress'];
    webChecks?: WebChecks;
    startError?: string | null;
    /** Starts the image again with env added (the doctor's own runs only: a user's container is never replaced). */
    restart?: (env: string[]) => Promise<Started | null>;
  },
  result: DoctorResult,
): Promise<void> {
  const { lang, signal } = o;
  const runTitle = o.watchSeconds > 0 ? fillMsg(DOCTOR_MSG.runTitle, o.watchSeconds) : DOCTOR_MSG.stateTitle;
  if (!st.running) {
    const logs = await lastLogLines(engine, id, 30, signal).catch(() => [] as string[]);
    const verdict = exitCause({ exitCode: st.exitCode, oomKilled: st.oomKilled, stateError: st.error || o.startError || '', logs, command: st.command });
    const where = exitLocation(o.src, st, logs, verdict.cause);
    result.run = { running: false, exitCode: st.exitCode, cause: verdict.cause, pid1: null, processes: [] };
    const detail = st.created || o.startError ? fillMsg(DOCTOR_MSG.notStarted, st.exitCode ?? '?', verdict.explain) : fillMsg(DOCTOR_MSG.exited, st.exitCode ?? '?', verdict.explain);
    result.checks.push(check('run', false, runTitle, detail, lang, where.file, where.line, [...new Set([...verdict.evidence, ...logs.slice(-10)])]));
    return;
  }
  const portText = Object.entries(o.ports).map(([p, h]) => `${p} → 127.0.0.1:${h}`).join(', ');
  const stillRunning = o.watchSeconds > 0 ? fillMsg(DOCTOR_MSG.running, o.watchSeconds) : DOCTOR_MSG.stillRunning;
  const runningDetail = portText ? msg(`${stillRunning.ko} ${fillMsg(DOCTOR_MSG.ports, portText).ko}`, `${stillRunning.en} ${fillMsg(DOCTOR_MSG.ports, portText).en}`) : stillRunning;
  result.checks.push(check('run', true, runTitle, runningDetail, lang, o.src?.file ?? null, o.src ? o.src.scan.entrypoint ?? o.src.scan.cmd : null));

  // A web stack starts its services one after the other (MariaDB may take 30 s on its first start, nginx comes last,
  // and the start script sets its TERM trap after that): read the processes, check and stop it once nginx listens,
  // not in the middle of its start. The Dockerfile's packages say it is one; so do nginx and php-fpm already running.
  o.onProgress?.('processes', STEP_MSG.processes);
  let table: ProcessTable = await processTable(engine, id, st.command, signal);
  const dockerfileText = o.src?.context.dockerfileText;
  const firstPort = o.ports['443/tcp'] ?? o.ports['80/tcp'];
  if (detectWebStack(dockerfileText, table.processes).isWebStack && firstPort) {
    await webAnswers(firstPort, firstPort === o.ports['443/tcp'], WEB_READY_MS, signal);
    table = await processTable(engine, id, st.command, signal);
  }
  result.run = { running: true, exitCode: null, cause: null, pid1: table.pid1, processes: table.processes };
  const others = table.processes.slice(1).map((a) => a.join(' '));
  result.checks.push(
    check('processes', true, DOCTOR_MSG.processesTitle, fillMsg(DOCTOR_MSG.processes, (table.pid1 ?? []).join(' '), others.length ? others.join('; ') : DOCTOR_MSG.none), lang),
  );

  const names = programNames(table);
  // The container the last steps act on: the web checks may restart the stack with its autoindex switch set.
  let current = id;
  if (detectWebStack(dockerfileText, table.processes).isWebStack && o.webChecks) {
    o.onProgress?.('web', STEP_MSG.web);
    const restart = o.restart;
    const checks = await o.webChecks({
      httpPort: o.ports['80/tcp'],
      httpsPort: o.ports['443/tcp'],
      containerId: id,
      exec: (argv) => execIn(engine, current, argv, 30_000, signal),
      restartWith: restart
        ? async (env) => {
            // The old container is stopped first: the new one starts its own services on the same image.
            await stopContainer(engine, current, signal).catch(() => undefined);
            const next = await restart(Object.entries({ ...o.env, ...env }).map(([k, v]) => `${k}=${v}`));
            if (!next || next.startError) return null;
            current = next.containerId;
            return { httpPort: next.ports['80/tcp'], httpsPort: next.ports['443/tcp'] };
          }
        : undefined,
      lang,
      signal,
      context: o.src?.context,
    });
    result.checks.push(...checks);
  }

  if (!o.stop) return;
  o.onProgress?.('stop', STEP_MSG.stop);
  const stop = await stopContainer(engine, current, signal);
  result.stop = stop;
  const pid1 = (table.pid1 ?? st.command).join(' ');
  const stopDetail = stop.graceful
    ? fillMsg(DOCTOR_MSG.stopGraceful, stop.seconds, stop.exitCode)
    : stop.exitCode === 137
      ? fillMsg(DOCTOR_MSG.stopKilled, stop.seconds, stop.exitCode, pid1)
      : fillMsg(DOCTOR_MSG.stopSlow, stop.seconds, stop.exitCode);
  const stopAt = stop.graceful ? { file: null, line: null } : stopLocation(o.src, table.pid1 ?? st.command);
  result.checks.push(check('stop', stop.graceful, DOCTOR_MSG.stopTitle, stopDetail, lang, stopAt.file, stopAt.line));

  if (names.some((n) => /^(mysqld|mariadbd|mysqld_safe|mariadbd-safe)$/.test(n))) {
    const logs = await lastLogLines(engine, current, 200, signal).catch(() => [] as string[]);
    const clean = cleanDatabaseShutdown(logs);
    result.checks.push(check('database-shutdown', clean, DOCTOR_MSG.dbTitle, clean ? DOCTOR_MSG.dbOk : DOCTOR_MSG.dbNot, lang, null, null, logs.filter((l) => /Shutdown|shutdown/.test(l)).slice(-5)));
  }
}

/** An engine that failed or went away mid-run, in the sidebar's words (common/src/engine/errors.ts) plus the OS's. */
function engineFailure(e: unknown, engine: DoctorEngine, lang: Lang): DoctorCheck {
  if (e instanceof DeadlineError) return check('engine', false, DOCTOR_MSG.engineTitle, fillMsg(DOCTOR_MSG.engineLost, fillMsg(DOCTOR_MSG.deadline, e.what, Math.round(e.ms / 1000))), lang);
  const err = classifyError(e, engine.where);
  const reason = err.detail ? msg(`${err.reason.ko}: ${err.detail}`, `${err.reason.en}: ${err.detail}`) : err.reason;
  return check('engine', false, DOCTOR_MSG.engineTitle, fillMsg(DOCTOR_MSG.engineLost, reason), lang);
}

export function newRunId(): string {
  return `doctor-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * The whole run. Rejects only with CancelledError (after cleaning up) when `signal` aborts; an engine that fails
 * mid-run gives a result with an `engine` check that failed.
 */
export async function runDoctor(engine: DoctorEngine, o: DoctorOptions): Promise<DoctorResult> {
  const lang = o.lang;
  const runId = o.runId ?? newRunId();
  const watchSeconds = o.watchSeconds ?? 10;
  const doBuild = (o.build ?? true) && !!o.dockerfile;
  const contextDir = o.contextDir ?? (o.dockerfile ? path.dirname(o.dockerfile) : undefined);
  const image = o.image ?? `dockerfile-guide-doctor:${runId}`;
  const src = readSource(o.dockerfile, contextDir);
  const result: DoctorResult = { image, build: null, run: null, stop: null, checks: [] };
  const made = new Set<string>();
  let cancelled = false;
  try {
    if (doBuild) {
      o.onProgress?.('build', STEP_MSG.build);
      const b = await doctorBuild(engine, {
        contextDir: contextDir!,
        dockerfile: o.dockerfile!,
        tag: image,
        labels: o.imageLabels,
        signal: o.signal,
        onLine: o.onBuildLine,
        builder: o.builder,
        buildkitCli: o.buildkitCli,
      });
      if (o.signal?.aborted) throw new CancelledError();
      if (b.ok) o.onBuilt?.(b);
      result.build = { ok: b.ok, seconds: Math.round(b.seconds * 10) / 10, failedLine: b.failedLine, cause: b.cause };
      if (!b.ok) {
        const detail = b.failedLine ? fillMsg(DOCTOR_MSG.buildFailedAt, b.failedLine, b.explain!) : b.explain!;
        // A configuration the build checks (`nginx -t`) points at the copied config's line, not at the RUN.
        const conf = b.cause === 'config-error' && src ? configLineInLogs(b.evidence.flatMap((e) => e.split('\n'))) : null;
        const at = conf?.paths.map((p) => copiedFrom(src!.scan, p, src!.isDir)).find((x) => x) ?? null;
        result.checks.push(check('build', false, DOCTOR_MSG.buildTitle, detail, lang, at ? at.source : (src?.file ?? null), at ? conf!.line : b.failedLine, b.evidence));
        return result;
      }
      result.checks.push(check('build', true, DOCTOR_MSG.buildTitle, fillMsg(DOCTOR_MSG.buildOk, result.build.seconds), lang));
    }
    o.onProgress?.('run', STEP_MSG.run);
    const facts = await inspectImage(engine, image, o.signal);
    const started = await startContainer(engine, { ...facts, ref: image }, runId, (id) => made.add(id), o.signal);
    o.onProgress?.('watch', STEP_MSG.watch);
    const st = started.startError ? await containerState(engine, started.containerId, o.signal) : await watchContainer(engine, started.containerId, watchSeconds, o.signal);
    const restart = (env: string[]) => startContainer(engine, { ...facts, ref: image }, runId, (id) => made.add(id), o.signal, env);
    await examine(
      engine,
      started.containerId,
      st,
      { lang, src, stop: true, watchSeconds, env: envRecord(facts.env), ports: started.ports, signal: o.signal, onProgress: o.onProgress, webChecks: o.webChecks, startError: started.startError, restart },
      result,
    );
  } catch (e) {
    if (e instanceof CancelledError || o.signal?.aborted) cancelled = true;
    else result.checks.push(engineFailure(e, engine, lang));
  } finally {
    if (made.size || !cancelled) {
      o.onProgress?.('cleanup', STEP_MSG.cleanup);
      const left = await cleanupRun(engine, runId, made);
      if (left.length) result.checks.push(check('cleanup', false, DOCTOR_MSG.cleanupTitle, fillMsg(DOCTOR_MSG.cleanupLeft, left.join(', ')), lang));
    }
  }
  if (cancelled) throw new CancelledError();
  return result;
}

export interface WhyExitedOptions {
  lang: Lang;
  /** The Dockerfile the container's image came from, when known: causes then point at its lines. */
  dockerfile?: string;
  contextDir?: string;
  /** A running container is stopped (docker stop) to time it only when this is true; default false. */
  stop?: boolean;
  signal?: AbortSignal;
  onProgress?: DoctorOptions['onProgress'];
  webChecks?: WebChecks;
}

/**
 * "Why did it exit?" / "왜 종료됐나요?": steps 3 and 4 on an existing container. Nothing is built, started or removed.
 * `build` is null; `image` is the container's image.
 */
export async function whyExited(engine: DoctorEngine, containerId: string, o: WhyExitedOptions): Promise<DoctorResult> {
  const result: DoctorResult = { image: '', build: null, run: null, stop: null, checks: [] };
  try {
    const info = await deadline(engine.api.getContainer(containerId).inspect(), CALL_TIMEOUT_MS, 'inspect', o.signal);
    result.image = info.Config?.Image ?? info.Image;
    const st = await containerState(engine, containerId, o.signal);
    const ports: Record<string, number> = {};
    for (const [p, bs] of Object.entries(info.NetworkSettings?.Ports ?? {})) if (bs?.[0]?.HostPort) ports[p] = Number(bs[0].HostPort);
    const src = readSource(o.dockerfile, o.contextDir ?? (o.dockerfile ? path.dirname(o.dockerfile) : undefined));
    await examine(engine, containerId, st, { lang: o.lang, src, stop: !!o.stop, watchSeconds: 0, env: envRecord(info.Config?.Env ?? []), ports, signal: o.signal, onProgress: o.onProgress, webChecks: o.webChecks }, result);
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    if ((e as { statusCode?: number }).statusCode === 404) result.checks.push(check('run', false, DOCTOR_MSG.engineTitle, fillMsg(DOCTOR_MSG.noContainer, containerId), o.lang));
    else result.checks.push(engineFailure(e, engine, o.lang));
  }
  return result;
}

/** True when every step and check passed (the CLI's exit code 0). */
export function allPassed(r: DoctorResult): boolean {
  return r.checks.length > 0 && r.checks.every((c) => c.ok);
}
