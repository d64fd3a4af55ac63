/**
 * Reads a local image's Entrypoint/Cmd/Shell from the Docker engine API (`GET /images/{name}/json`) with a plain
 * HTTP request over the engine's socket. Used by the client (to send base image configs to the server) and by the
 * CLI. Never throws: no engine, no image, a TLS endpoint or any error gives null.
 */
import * as http from 'node:http';

export interface InspectedConfig {
  entrypoint: string[] | null;
  cmd: string[] | null;
  shell: string[] | null;
}

export interface EngineTarget {
  socketPath?: string;
  host?: string;
  port?: number;
}

/** Where the engine listens, from DOCKER_HOST (unix:// or plain tcp://) or the default socket; null when unsupported. */
export function engineTarget(env: NodeJS.ProcessEnv = process.env): EngineTarget | null {
  const h = env.DOCKER_HOST?.trim();
  if (!h) return { socketPath: '/var/run/docker.sock' };
  if (h.startsWith('unix://')) return { socketPath: h.slice('unix://'.length) };
  if (h.startsWith('tcp://')) {
    // TLS endpoints need client certificates: not attempted here.
    if (env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0') return null;
    try {
      const u = new URL(h.replace(/^tcp:/, 'http:'));
      return { host: u.hostname, port: Number(u.port || 2375) };
    } catch {
      return null;
    }
  }
  return null;
}

/** The engine API path for an image reference (the name is escaped, the tag stays attached). */
export function inspectPath(image: string): string {
  return `/images/${encodeURIComponent(image)}/json`;
}

export function inspectImageConfig(image: string, target: EngineTarget | null = engineTarget(), timeoutMs = 1500): Promise<InspectedConfig | null> {
  if (!target || !image || image.includes('$') || image.toLowerCase() === 'scratch') return Promise.resolve(null);
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: InspectedConfig | null) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    try {
      const req = http.request(
        { ...target, path: inspectPath(image), method: 'GET', timeout: timeoutMs, headers: { Accept: 'application/json' } },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return finish(null);
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => finish(null));
          res.on('end', () => {
            try {
              const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Config?: Record<string, unknown> | null };
              const c = body.Config ?? {};
              const arr = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
              finish({ entrypoint: arr(c.Entrypoint), cmd: arr(c.Cmd), shell: arr(c.Shell) });
            } catch {
              finish(null);
            }
          });
        },
      );
      req.on('timeout', () => {
        req.destroy();
        finish(null);
      });
      req.on('error', () => finish(null));
      req.end();
    } catch {
      finish(null);
    }
  });
}
