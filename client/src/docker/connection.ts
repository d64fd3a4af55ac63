// Builds the dockerode clients for a resolved endpoint. Two clients share the endpoint:
// `api` has a request timeout (lists, inspect, start/stop …), `stream` has none, because the event
// stream, `logs --follow` and a long build step may legitimately stay silent for minutes.
// `lists` serves the two hot calls of the sidebar (full container / image list): on a local unix
// socket or named pipe it is a direct GET over a keep-alive agent (see socketGet); elsewhere it is
// dockerode's own listContainers / listImages. How dockerode reaches each transport (TLS, ssh …) is
// common/src/engine/dockerode.ts, shared with the base-image inspect of the editor and the CLI.
import * as http from 'node:http';
import * as querystring from 'node:querystring';
import Dockerode from 'dockerode';
import { dockerodeOptions, endpointWhere } from '../../../common/src/engine/dockerode';
import type { Endpoint } from '../../../common/src/engine/endpoint';

/** Query of a list call, as dockerode takes it (`filters` is sent as JSON). */
export interface ListQuery {
  all?: boolean;
  filters?: Record<string, string[]>;
}

export interface EngineLists {
  containers(q?: ListQuery): Promise<Dockerode.ContainerInfo[]>;
  images(q?: ListQuery): Promise<Dockerode.ImageInfo[]>;
  /** 'socket': direct requests over a local socket; 'dockerode': through `api`. */
  readonly via: 'socket' | 'dockerode';
}

export interface EngineClients {
  endpoint: Endpoint;
  api: Dockerode;
  stream: Dockerode;
  /**
   * For builds: no request timeout and no connection timer. docker-modem clears its connection timer only when the
   * response starts, and the classic builder answers only after it has read the whole build context, so a context
   * that takes longer than the timer to upload would be cut off as "socket hang up".
   */
  build: Dockerode;
  /**
   * The same kind of client (the same instance as `build`) for requests whose answer comes only when slow work is done:
   * stop and restart answer after the container has stopped, which takes the container's stop timeout (10 s by
   * default) when PID 1 ignores the stop signal. Callers put their own deadline on it (see stopping.ts).
   */
  slow: Dockerode;
  /** The sidebar's list calls; same timeouts and error shapes as `api`. */
  lists: EngineLists;
  /** Socket path or host:port, for error messages. */
  where: string;
}

export interface ConnectOptions {
  /** Per-request inactivity timeout of `api`, ms. */
  requestTimeoutMs?: number;
  /** Time allowed to open the connection, ms. */
  connectTimeoutMs?: number;
}

/**
 * docker-modem's own connection timer destroys a request it considers too slow, which surfaces as a
 * bare "socket hang up" (read as a lost connection). The model puts its own deadlines on ping and
 * lists (reported as "did not answer in time"); the modem's timer gets this much slack so that
 * ours always fires first, whatever the load.
 */
export const MODEM_TIMEOUT_SLACK_MS = 1000;

/** The status codes dockerode accepts or names for both list calls. */
const LIST_STATUS: Record<number, string> = { 400: 'bad parameter', 500: 'server error' };

/** The query string exactly as docker-modem builds it (objects as JSON, keys in order). */
export function listPath(base: '/containers/json' | '/images/json', q: ListQuery = {}): string {
  const flat: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    flat[k] = v && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : (v as boolean);
  }
  const qs = querystring.stringify(flat);
  return qs ? `${base}?${qs}` : base;
}

/**
 * One GET over a local socket, body read as one Buffer and parsed once. Failures keep the shapes
 * docker-modem gives (so classifyError, the model and the tests see no difference):
 * - OS errors of the connection (ENOENT, EACCES, ECONNREFUSED …) as they come from node;
 * - no response headers within `connectTimeout`, or `timeout` of inactivity: the request is
 *   destroyed ("socket hang up", ECONNRESET), as the modem's own timers do;
 * - a status other than 200: an Error with statusCode, reason and the engine's JSON in `json`.
 */
function socketGet<T>(socketPath: string, agent: http.Agent, path: string, timeout: number, connectTimeout: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(connTimer);
      reject(err);
    };
    const req = http.request({ socketPath, path, method: 'GET', agent }, (res) => {
      clearTimeout(connTimer);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
        const status = res.statusCode ?? 0;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (status === 200) {
          if (json === undefined) return fail(new Error(`the engine sent an unreadable list (${size} bytes)`));
          settled = true;
          resolve(json as T);
          return;
        }
        const body = json ?? Buffer.from(text, 'utf8');
        const cause = json && typeof json === 'object' ? ((json as { message?: string; error?: string }).message || (json as { error?: string }).error || json) : text;
        const reason = LIST_STATUS[status];
        fail(Object.assign(new Error(`(HTTP code ${status}) ${reason || 'unexpected'} - ${String(cause)} `), { reason, statusCode: status, json: body }));
      });
    });
    const connTimer = setTimeout(() => req.destroy(), connectTimeout);
    req.setTimeout(timeout, () => req.destroy());
    req.on('error', fail);
    req.end();
  });
}

function socketLists(socketPath: string, timeout: number, connectTimeout: number): EngineLists {
  // Keep-alive like node's global agent (which dockerode uses), but a pool of our own: idle
  // sockets are unref'd by the agent and closed after 5 s, so nothing runs while the view is idle.
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  return {
    via: 'socket',
    containers: (q = {}) => socketGet(socketPath, agent, listPath('/containers/json', q), timeout, connectTimeout),
    images: (q = {}) => socketGet(socketPath, agent, listPath('/images/json', q), timeout, connectTimeout),
  };
}

function dockerodeLists(api: Dockerode): EngineLists {
  return {
    via: 'dockerode',
    containers: (q = {}) => api.listContainers(q),
    images: (q = {}) => api.listImages(q),
  };
}

export function connect(ep: Endpoint, opts: ConnectOptions = {}): EngineClients {
  const connectTimeout = (opts.connectTimeoutMs ?? 5000) + MODEM_TIMEOUT_SLACK_MS;
  const timeout = opts.requestTimeoutMs ?? 30000;
  const api = new Dockerode(dockerodeOptions(ep, timeout, connectTimeout));
  const local = (ep.transport === 'unix' || ep.transport === 'npipe') && ep.socketPath;
  const slow = new Dockerode(dockerodeOptions(ep, undefined, 0));
  return {
    endpoint: ep,
    api,
    stream: new Dockerode(dockerodeOptions(ep, undefined, connectTimeout)),
    build: slow,
    slow,
    lists: local ? socketLists(local, timeout, connectTimeout) : dockerodeLists(api),
    where: endpointWhere(ep),
  };
}
