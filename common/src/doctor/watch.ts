/**
 * The doctor's watch step: is the container still running after `seconds`? The state is polled with inspect (one
 * short request each time, each with its deadline) rather than held on a long `wait` request, so a dying engine or
 * a cancellation ends the watch within one poll.
 */
import { CALL_TIMEOUT_MS, deadline, sleep, type DoctorEngine } from './engine';

export interface ContainerState {
  running: boolean;
  /** Never started (the engine refused the command). */
  created: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  /** The runtime's words when the command could not start. */
  error: string;
  /** What the container runs as PID 1: Path + Args, as the engine started it. */
  command: string[];
}

export async function containerState(engine: DoctorEngine, id: string, signal?: AbortSignal): Promise<ContainerState> {
  const info = await deadline(engine.api.getContainer(id).inspect(), CALL_TIMEOUT_MS, 'inspect', signal);
  const s = info.State;
  return {
    running: !!s.Running,
    created: s.Status === 'created',
    exitCode: s.Running ? null : s.ExitCode,
    oomKilled: !!s.OOMKilled,
    error: s.Error ?? '',
    command: [info.Path, ...(info.Args ?? [])].filter((x) => x !== undefined && x !== ''),
  };
}

const POLL_MS = 250;

/** Polls until the container stops or `seconds` pass; gives the last state seen. */
export async function watchContainer(engine: DoctorEngine, id: string, seconds: number, signal?: AbortSignal): Promise<ContainerState> {
  const end = Date.now() + seconds * 1000;
  let st = await containerState(engine, id, signal);
  while (st.running && Date.now() < end) {
    await sleep(Math.min(POLL_MS, Math.max(0, end - Date.now())), signal);
    st = await containerState(engine, id, signal);
  }
  return st;
}
