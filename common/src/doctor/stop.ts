/**
 * The doctor's stop step: `docker stop` with the engine's default timeout (10 s: SIGTERM to PID 1, SIGKILL after the
 * timeout), timed, with the exit code and whether the stop was graceful.
 */
import { CALL_TIMEOUT_MS, deadline, type DoctorEngine } from './engine';
import { containerState } from './watch';

/** The engine's default stop timeout, s (`docker stop` without `-t`). */
export const DEFAULT_STOP_TIMEOUT_S = 10;

export interface StopOutcome {
  seconds: number;
  exitCode: number;
  /** Exited before the timeout, and not by SIGKILL (137). */
  graceful: boolean;
}

export async function stopContainer(engine: DoctorEngine, id: string, signal?: AbortSignal): Promise<StopOutcome> {
  const t0 = Date.now();
  // No `t`: the engine applies the container's own StopTimeout or its default, which is what `docker stop` does.
  // The request lasts as long as the stop, so its deadline is the stop timeout plus the ordinary one.
  await deadline(engine.stream.getContainer(id).stop(), DEFAULT_STOP_TIMEOUT_S * 1000 + CALL_TIMEOUT_MS, 'stop', signal).catch((e: { statusCode?: number }) => {
    // 304: it had already stopped on its own.
    if (e?.statusCode !== 304) throw e;
  });
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  const st = await containerState(engine, id, signal);
  const exitCode = st.exitCode ?? -1;
  return { seconds, exitCode, graceful: exitCode !== 137 && seconds < DEFAULT_STOP_TIMEOUT_S };
}

/** MariaDB and MySQL log `Shutdown complete` at the end of a clean shutdown. */
export function cleanDatabaseShutdown(logs: string[]): boolean {
  return logs.some((l) => /Shutdown complete/.test(l));
}
