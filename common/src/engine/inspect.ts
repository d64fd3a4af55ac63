/**
 * What a local image runs by default: its Config.Entrypoint, Cmd and Shell, from the engine's image inspect
 * (`GET /images/{name}/json`). It goes through the same endpoint resolution (endpoint.ts) and the same dockerode
 * transport (dockerode.ts) as the sidebar, so a Docker context, TLS or ssh reach the engine the sidebar shows.
 * Used by the editor's base-image probe and by the CLI's `explain`.
 * Never throws: no engine, no such image, a configuration that names a missing context, a timeout or any other
 * error gives null, and the caller falls back to the built-in table.
 */
import * as http from 'node:http';
import { dockerodeOptions } from './dockerode';
import { defaultInputs, resolveEndpoint, type Endpoint } from './endpoint';

export interface InspectedConfig {
  entrypoint: string[] | null;
  cmd: string[] | null;
  shell: string[] | null;
}

export interface InspectOptions {
  /** Where to ask. Absent: what the docker CLI would use here (defaultEndpoint). null: nowhere (gives null). */
  endpoint?: Endpoint | null;
  /**
   * Limit for the whole inspect, ms. Default: 1500 on a local socket, 5000 over the network, where a TLS or ssh
   * handshake alone can take a second.
   */
  timeoutMs?: number;
}

/**
 * The engine the docker CLI would talk to with this environment (DOCKER_HOST, DOCKER_CONTEXT, the current context in
 * DOCKER_CONFIG or ~/.docker, the default socket), or null when that configuration cannot be read (e.g. the current
 * context does not exist).
 */
export function defaultEndpoint(env: NodeJS.ProcessEnv = process.env): Endpoint | null {
  try {
    return resolveEndpoint({ ...defaultInputs(), env });
  } catch {
    return null;
  }
}

const isLocal = (ep: Endpoint) => ep.transport === 'unix' || ep.transport === 'npipe';

export async function inspectImageConfig(image: string, opts: InspectOptions = {}): Promise<InspectedConfig | null> {
  if (!image || image.includes('$') || image.toLowerCase() === 'scratch') return null;
  const ep = opts.endpoint === undefined ? defaultEndpoint() : opts.endpoint;
  if (!ep) return null;
  const timeoutMs = opts.timeoutMs ?? (isLocal(ep) ? 1500 : 5000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // Loaded on first use: the CLI's other subcommands, which never talk to an engine, do not pay for loading
    // dockerode and ssh2 at every start.
    const { default: Dockerode } = await import('dockerode');
    const options = dockerodeOptions(ep, timeoutMs, timeoutMs);
    // A local socket gets a connection of its own that closes after the answer: the CLI exits as soon as it has
    // printed, instead of waiting for an idle keep-alive socket of node's global agent.
    if (isLocal(ep)) (options as { agent?: http.Agent }).agent = new http.Agent({ keepAlive: false });
    const api = new Dockerode(options);
    // The name is escaped as one path segment (`nginx:1.27` → `nginx%3A1.27`): dockerode would send it as is, and a
    // reference is text from a Dockerfile.
    const inspect = api.getImage(encodeURIComponent(image)).inspect() as Promise<{ Config?: Record<string, unknown> | null }>;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const body = await Promise.race([inspect.catch(() => null), deadline]);
    // docker-modem hands back a body it could not read as JSON as text or bytes: not an answer either.
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return null;
    const c = body.Config ?? {};
    const arr = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
    return { entrypoint: arr(c.Entrypoint), cmd: arr(c.Cmd), shell: arr(c.Shell) };
  } catch {
    return null;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
