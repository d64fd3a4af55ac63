// How dockerode reaches a resolved endpoint (unix socket, named pipe, tcp, tcp+TLS, ssh). One function for every
// engine user (the sidebar's clients, the base-image inspect of the editor and the CLI), so a transport that works
// in one place works in all of them.
import * as fs from 'node:fs';
import * as https from 'node:https';
import type Dockerode from 'dockerode';
import type { Endpoint } from './endpoint';

function readIf(p: string | undefined): Buffer | undefined {
  if (!p) return undefined;
  try {
    return fs.readFileSync(p);
  } catch {
    return undefined;
  }
}

/** Socket path or host:port, for error messages. */
export function endpointWhere(ep: Endpoint): string {
  return ep.socketPath ?? `${ep.hostname ?? ''}:${ep.port ?? ''}`;
}

/**
 * dockerode's constructor options for `ep`. `timeout` is the per-request inactivity timeout (undefined: none, for
 * streams), `connectTimeout` the time allowed to open the connection, both in ms.
 */
export function dockerodeOptions(ep: Endpoint, timeout: number | undefined, connectTimeout: number): Dockerode.DockerOptions {
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
