// Builds the dockerode clients for a resolved endpoint. Two clients share the endpoint:
// `api` has a request timeout (lists, inspect, start/stop …), `stream` has none, because the event
// stream, `logs --follow` and a long build step may legitimately stay silent for minutes.
import * as fs from 'node:fs';
import * as https from 'node:https';
import Dockerode from 'dockerode';
import type { Endpoint } from './endpoint';

export interface EngineClients {
  endpoint: Endpoint;
  api: Dockerode;
  stream: Dockerode;
  /** Socket path or host:port, for error messages. */
  where: string;
}

export interface ConnectOptions {
  /** Per-request inactivity timeout of `api`, ms. */
  requestTimeoutMs?: number;
  /** Time allowed to open the connection, ms. */
  connectTimeoutMs?: number;
}

function readIf(p: string | undefined): Buffer | undefined {
  if (!p) return undefined;
  try {
    return fs.readFileSync(p);
  } catch {
    return undefined;
  }
}

export function endpointWhere(ep: Endpoint): string {
  return ep.socketPath ?? `${ep.hostname ?? ''}:${ep.port ?? ''}`;
}

function dockerodeOptions(ep: Endpoint, timeout: number | undefined, connectTimeout: number): Dockerode.DockerOptions {
  // docker-modem merges its own DOCKER_HOST-derived defaults under ours; every transport field is set
  // explicitly (even to undefined) so the environment cannot override what the user chose.
  type Options = Dockerode.DockerOptions & { connectionTimeout?: number; agent?: https.Agent };
  const base: Options = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout,
    connectionTimeout: connectTimeout,
  };
  if (ep.transport === 'unix' || ep.transport === 'npipe') {
    return { ...base, socketPath: ep.socketPath };
  }
  if (ep.transport === 'ssh') {
    return {
      ...base,
      protocol: 'ssh',
      host: ep.hostname,
      port: ep.port,
      username: ep.username,
      sshOptions: { agent: process.env.SSH_AUTH_SOCK },
    } as Dockerode.DockerOptions;
  }
  if (ep.tls) {
    const ca = readIf(ep.tls.caPath);
    const cert = readIf(ep.tls.certPath);
    const key = readIf(ep.tls.keyPath);
    return {
      ...base,
      protocol: 'https',
      host: ep.hostname,
      port: ep.port,
      ca,
      cert,
      key,
      // An explicit agent is the only way to pass rejectUnauthorized through docker-modem.
      agent: new https.Agent({ ca, cert, key, rejectUnauthorized: ep.tls.verify }),
    } as Options;
  }
  return { ...base, protocol: 'http', host: ep.hostname, port: ep.port };
}

/**
 * docker-modem's own connection timer destroys a request it considers too slow, which surfaces as a
 * bare "socket hang up" (read as a lost connection). The model puts its own deadlines on ping and
 * lists (reported as "did not answer in time"); the modem's timer gets this much slack so that
 * ours always fires first, whatever the load.
 */
export const MODEM_TIMEOUT_SLACK_MS = 1000;

export function connect(ep: Endpoint, opts: ConnectOptions = {}): EngineClients {
  const connectTimeout = (opts.connectTimeoutMs ?? 5000) + MODEM_TIMEOUT_SLACK_MS;
  return {
    endpoint: ep,
    api: new Dockerode(dockerodeOptions(ep, opts.requestTimeoutMs ?? 30000, connectTimeout)),
    stream: new Dockerode(dockerodeOptions(ep, undefined, connectTimeout)),
    where: endpointWhere(ep),
  };
}
