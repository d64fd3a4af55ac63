/**
 * What the doctor needs of the engine connection, and the deadline every call gets. The sidebar's EngineClients
 * (client/src/docker/connection.ts) has this shape; the CLI makes one with doctorEngine().
 * Every engine call the doctor makes goes through `deadline`, so an engine that dies mid-run, or never answers,
 * ends the run with an error instead of a hang.
 */
import type Dockerode from 'dockerode';
import * as http from 'node:http';
import { dockerodeOptions, endpointWhere } from '../engine/dockerode';
import type { Endpoint } from '../engine/endpoint';

export interface DoctorEngine {
  /** Requests with a timeout (inspect, create, start, stop, top, logs, remove). */
  api: Dockerode;
  /**
   * No request timeout and no connection timer: the build stream, which may stay silent for minutes, and `stop`,
   * whose answer comes only when the container has stopped (10 s and more). The doctor's own deadlines bound them.
   * (The sidebar's EngineClients.stream has a connection timer that would cut a 10 s stop: use doctorEngine().)
   */
  stream: Dockerode;
  /** Socket path or host:port, for messages. */
  where: string;
}

/** Default limit of one engine request, ms (a stop waits for its own timeout on top of this). */
export const CALL_TIMEOUT_MS = 15_000;

/** Clients for `ep`; local sockets get connections of their own that close after the answer, so the CLI can exit. */
export async function doctorEngine(ep: Endpoint, timeoutMs = CALL_TIMEOUT_MS): Promise<DoctorEngine> {
  // Loaded on first use, as common/src/engine/inspect.ts does: the CLI's other commands do not pay for dockerode.
  const { default: Dockerode } = await import('dockerode');
  const local = ep.transport === 'unix' || ep.transport === 'npipe';
  const make = (timeout: number | undefined) => {
    const o = dockerodeOptions(ep, timeout, timeout === undefined ? 0 : Math.min(timeoutMs, 5000));
    if (local) (o as { agent?: http.Agent }).agent = new http.Agent({ keepAlive: false });
    return new Dockerode(o);
  };
  return { api: make(timeoutMs), stream: make(undefined), where: endpointWhere(ep) };
}

export class DeadlineError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what}: no answer from the engine within ${Math.round(ms / 1000)} s`);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** `p`, or a DeadlineError after `ms`, or a CancelledError as soon as `signal` aborts. */
export function deadline<T>(p: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      p.catch(() => undefined);
      return reject(new CancelledError());
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      reject(new DeadlineError(what, ms));
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Waits `ms`, or less when `signal` aborts (then throws CancelledError). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
