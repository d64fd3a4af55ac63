// Stop and Restart, which are slow on purpose: the engine answers POST /containers/{id}/stop (and /restart) only
// after the container has stopped, and when PID 1 ignores the stop signal that is the container's whole stop timeout
// (10 s unless `--stop-timeout` or STOPSIGNAL say otherwise), after which the engine sends SIGKILL (exit 137).
// So these requests go through the client without docker-modem's connection timer (EngineClients.slow) and get our
// own deadline, derived from the container's own stop timeout. And when the connection breaks anyway, the container
// is inspected again: the user hears what the engine did, never a failure it did not report.
import type Dockerode from 'dockerode';
import type { EngineClients } from './connection';
import { withDeadline } from './model';
import { classifyError, EngineError } from '../../../common/src/engine/errors';
import { fillMsg, msg, type Msg } from '../../../common/src/i18n';
import { DEFAULT_STOP_TIMEOUT_S } from '../../../common/src/doctor/stop';

export type SlowVerb = 'stop' | 'restart';

/** What the engine will do on stop, read from the container's own configuration. */
export interface StopPlan {
  /** Seconds the engine waits after the stop signal before SIGKILL; negative: it never kills. */
  timeoutS: number;
  signal: string;
  /** PID 1's command line, for messages. */
  pid1: string;
  /** State.StartedAt before the request: a restart that happened changes it. */
  startedAt: string;
}

export interface SlowOutcome {
  /** Wall time of the request, s. */
  seconds: number;
  /** After a stop: the exit code the engine recorded (137: it had to SIGKILL). */
  exitCode?: number;
  /** The answer was lost (connection broke or our deadline passed) and the state was read back instead. */
  confirmedByInspect: boolean;
}

/** Beyond the stop timeout: the engine's own start after a restart, a busy engine, the 2 s the engine allows after SIGKILL. */
export const DEADLINE_MARGIN_MS = 15_000;

export const STOP_MSG = {
  stillRunning: msg(
    '엔진이 {0}초 안에 답하지 않았습니다. 컨테이너는 지금 {1} 상태입니다',
    'The engine did not answer within {0} s; the container is now {1}',
  ),
  notRestarted: msg(
    '엔진의 답을 받지 못했고, 컨테이너가 다시 시작되지 않았습니다(지금 {0} 상태)',
    'No answer from the engine, and the container did not start again (it is now {0})',
  ),
} satisfies Record<string, Msg>;

export function stopPlan(info: Dockerode.ContainerInspectInfo): StopPlan {
  const cfg = info.Config as Dockerode.ContainerInspectInfo['Config'] & { StopTimeout?: number; StopSignal?: string };
  const cmd = [info.Path, ...(info.Args ?? [])].filter(Boolean).join(' ');
  return {
    // The engine uses the container's StopTimeout when set, else its default (moby daemon/stop.go, containerStop).
    timeoutS: typeof cfg?.StopTimeout === 'number' ? cfg.StopTimeout : DEFAULT_STOP_TIMEOUT_S,
    signal: cfg?.StopSignal || 'SIGTERM',
    pid1: cmd.length > 80 ? `${cmd.slice(0, 79)}…` : cmd,
    startedAt: info.State?.StartedAt ?? '',
  };
}

/** Our deadline for the request: the engine's wait plus a margin; none when the container never gets killed. */
export function requestDeadlineMs(plan: StopPlan, marginMs = DEADLINE_MARGIN_MS): number | undefined {
  return plan.timeoutS < 0 ? undefined : plan.timeoutS * 1000 + marginMs;
}

export interface SlowOptions {
  marginMs?: number;
  /** Called once the plan is known (before the request is sent). */
  onPlan?(plan: StopPlan): void;
}

/**
 * Stops or restarts one container and resolves once the engine has done it. A 304 (already stopped) is success.
 * Rejects with an EngineError only for what the engine refused, or when the engine cannot be asked at all.
 */
export async function stopOrRestart(clients: EngineClients, id: string, verb: SlowVerb, o: SlowOptions = {}): Promise<SlowOutcome> {
  const inspect = () => clients.api.getContainer(id).inspect();
  let info: Dockerode.ContainerInspectInfo;
  try {
    info = await inspect();
  } catch (err) {
    throw classifyError(err, clients.where);
  }
  const plan = stopPlan(info);
  o.onPlan?.(plan);
  const t0 = Date.now();
  const c = clients.slow.getContainer(id);
  const req: Promise<unknown> = verb === 'stop' ? c.stop() : c.restart();
  const ms = requestDeadlineMs(plan, o.marginMs);
  const seconds = () => Math.round((Date.now() - t0) / 100) / 10;
  try {
    await (ms === undefined ? req : withDeadline(req, ms));
  } catch (err) {
    const e = classifyError(err, clients.where);
    if (e.kind === 'notModified') return { seconds: seconds(), confirmedByInspect: false };
    if (!e.isConnection) throw e;
    // The answer is lost, not necessarily the work: ask the engine what the container is now.
    let now: Dockerode.ContainerInspectInfo;
    try {
      now = await inspect();
    } catch (again) {
      const e2 = classifyError(again, clients.where);
      // Removed meanwhile (e.g. --rm after the stop): it is certainly not running.
      if (e2.kind === 'notFound' && verb === 'stop') return { seconds: seconds(), confirmedByInspect: true };
      throw e;
    }
    const status = now.State?.Status ?? '';
    if (verb === 'stop') {
      if (!now.State?.Running) return { seconds: seconds(), exitCode: now.State?.ExitCode, confirmedByInspect: true };
      throw new EngineError(e.kind, fillMsg(STOP_MSG.stillRunning, Math.round((ms ?? Date.now() - t0) / 1000), status), e.detail);
    }
    if (now.State?.Running && now.State.StartedAt !== plan.startedAt) return { seconds: seconds(), confirmedByInspect: true };
    throw new EngineError(e.kind, fillMsg(STOP_MSG.notRestarted, status), e.detail);
  }
  if (verb === 'restart') return { seconds: seconds(), confirmedByInspect: false };
  // The exit code tells whether the engine had to SIGKILL (137); worth one inspect after a stop.
  const after = await inspect().catch(() => undefined);
  return { seconds: seconds(), exitCode: after?.State?.ExitCode, confirmedByInspect: false };
}

/** "Kill now": SIGKILL at once. A container that has stopped meanwhile (409 not running, 304) is what was wanted. */
export async function killContainer(clients: EngineClients, id: string): Promise<void> {
  try {
    await clients.api.getContainer(id).kill();
  } catch (err) {
    const e = classifyError(err, clients.where);
    if (e.kind === 'notModified') return;
    if (e.kind === 'conflict' && /not running/i.test(e.detail)) return;
    throw e;
  }
}
