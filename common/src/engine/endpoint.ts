// Decides which Docker engine to talk to, the way the docker CLI does, without touching the network:
// the extension setting, else DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the current
// docker context (DOCKER_CONTEXT, else `currentContext` in config.json), else the local default socket.
// Everything it reads from the outside world comes through `EndpointInputs`, so tests can feed it.
// Shared by the sidebar, the editor's base-image probe and the CLI, so that all three reach the same
// engine for the same configuration (a context used to work in the sidebar only).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Transport = 'unix' | 'npipe' | 'tcp' | 'ssh';
export type EndpointSource = 'setting' | 'env' | 'context' | 'default';

export interface TlsFiles {
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  /** false when the user asked for TLS without verification (context SkipTLSVerify). */
  verify: boolean;
}

export interface Endpoint {
  source: EndpointSource;
  /** Name of the docker context when source is `context`. */
  contextName?: string;
  transport: Transport;
  /** The address as the user wrote it (or as we completed it), e.g. `unix:///var/run/docker.sock`. */
  uri: string;
  socketPath?: string;
  hostname?: string;
  port?: number;
  username?: string;
  tls?: TlsFiles;
  /** Short text for the view description, e.g. `unix:///var/run/docker.sock` or `context: remote`. */
  label: string;
}

export interface EndpointInputs {
  /** Value of `dockerfileGuide.docker.host` ('' when unset). */
  setting?: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  platform: NodeJS.Platform;
  exists(p: string): boolean;
  readText(p: string): string | undefined;
}

export class EndpointError extends Error {
  constructor(
    message: string,
    readonly value: string,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

export function defaultInputs(setting?: string): EndpointInputs {
  return {
    setting,
    env: process.env,
    homedir: os.homedir(),
    platform: process.platform,
    exists: (p) => {
      try {
        fs.statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    readText: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** Where the docker CLI keeps config.json and contexts/. */
export function dockerConfigDir(inp: EndpointInputs): string {
  return inp.env.DOCKER_CONFIG || path.join(inp.homedir, '.docker');
}

/** Local sockets worth trying when nothing is configured: Docker, Docker Desktop, rootless Docker, Podman. */
export function defaultSocketCandidates(inp: EndpointInputs): string[] {
  if (inp.platform === 'win32') return ['//./pipe/docker_engine'];
  const list = ['/var/run/docker.sock', path.join(inp.homedir, '.docker', 'run', 'docker.sock')];
  const xdg = inp.env.XDG_RUNTIME_DIR;
  if (xdg) list.push(path.join(xdg, 'docker.sock'), path.join(xdg, 'podman', 'podman.sock'));
  list.push('/run/podman/podman.sock');
  return list;
}

export function resolveEndpoint(inp: EndpointInputs): Endpoint {
  const setting = inp.setting?.trim();
  if (setting) return parseHost(setting, 'setting', inp);

  const envHost = inp.env.DOCKER_HOST?.trim();
  if (envHost) return parseHost(envHost, 'env', inp);

  const ctx = currentContextName(inp);
  if (ctx && ctx !== 'default') return fromContext(ctx, inp);

  const candidates = defaultSocketCandidates(inp);
  const found = candidates.find((p) => inp.exists(p)) ?? candidates[0];
  const transport: Transport = inp.platform === 'win32' ? 'npipe' : 'unix';
  const uri = `${transport}://${found}`;
  return { source: 'default', transport, uri, socketPath: found, label: uri };
}

function currentContextName(inp: EndpointInputs): string | undefined {
  const fromEnv = inp.env.DOCKER_CONTEXT?.trim();
  if (fromEnv) return fromEnv;
  const text = inp.readText(path.join(dockerConfigDir(inp), 'config.json'));
  if (!text) return undefined;
  try {
    const cfg = JSON.parse(text) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext ? cfg.currentContext : undefined;
  } catch {
    // A broken config.json must not stop the sidebar; the CLI would complain, we fall back to default.
    return undefined;
  }
}

/** The CLI stores a context under the sha256 of its name. */
export function contextDirName(name: string): string {
  return crypto.createHash('sha256').update(name).digest('hex');
}

function fromContext(name: string, inp: EndpointInputs): Endpoint {
  const dir = contextDirName(name);
  const base = dockerConfigDir(inp);
  const metaPath = path.join(base, 'contexts', 'meta', dir, 'meta.json');
  const text = inp.readText(metaPath);
  if (!text) throw new EndpointError(`docker context "${name}" not found (${metaPath})`, name);
  let host: string | undefined;
  let skipVerify = false;
  try {
    const meta = JSON.parse(text) as { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
    host = meta.Endpoints?.docker?.Host;
    skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
  } catch {
    throw new EndpointError(`docker context "${name}" has an unreadable meta.json`, name);
  }
  if (!host) throw new EndpointError(`docker context "${name}" has no docker endpoint`, name);
  const ep = parseHost(host, 'context', inp, /* useEnvTls */ false);
  ep.contextName = name;
  ep.label = `${name} (${ep.uri})`;
  const tlsDir = path.join(base, 'contexts', 'tls', dir, 'docker');
  const ca = path.join(tlsDir, 'ca.pem');
  const cert = path.join(tlsDir, 'cert.pem');
  const key = path.join(tlsDir, 'key.pem');
  if (ep.transport === 'tcp' && (inp.exists(ca) || inp.exists(cert))) {
    ep.tls = {
      caPath: inp.exists(ca) ? ca : undefined,
      certPath: inp.exists(cert) ? cert : undefined,
      keyPath: inp.exists(key) ? key : undefined,
      verify: !skipVerify,
    };
  } else if (ep.transport === 'tcp' && skipVerify) {
    ep.tls = { verify: false };
  }
  return ep;
}

/** Parses `unix://…`, `npipe://…`, `tcp://h:p`, `ssh://user@h:p`, `http(s)://…` or a bare `h:p`. */
export function parseHost(value: string, source: EndpointSource, inp: EndpointInputs, useEnvTls = true): Endpoint {
  const v = value.trim();
  if (v.startsWith('unix://')) {
    const socketPath = v.slice('unix://'.length) || '/var/run/docker.sock';
    return { source, transport: 'unix', uri: `unix://${socketPath}`, socketPath, label: `unix://${socketPath}` };
  }
  if (v.startsWith('npipe://')) {
    const socketPath = v.slice('npipe://'.length) || '//./pipe/docker_engine';
    return { source, transport: 'npipe', uri: `npipe://${socketPath}`, socketPath, label: `npipe://${socketPath}` };
  }
  if (v.startsWith('/')) {
    // A plain path is what people paste from `ls`; the CLI refuses it, we accept it as a unix socket.
    return { source, transport: 'unix', uri: `unix://${v}`, socketPath: v, label: `unix://${v}` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `tcp://${v}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new EndpointError(`cannot parse Docker host "${value}"`, value);
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (!u.hostname) throw new EndpointError(`Docker host "${value}" has no host name`, value);
  if (scheme === 'ssh') {
    const port = u.port ? Number(u.port) : 22;
    const username = decodeURIComponent(u.username) || inp.env.USER || undefined;
    const uri = `ssh://${username ? username + '@' : ''}${u.hostname}${port !== 22 ? ':' + port : ''}`;
    return { source, transport: 'ssh', uri, hostname: u.hostname, port, username, label: uri };
  }
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https') {
    throw new EndpointError(`unsupported Docker host scheme "${scheme}://" in "${value}"`, value);
  }
  const envTls = useEnvTls && !!inp.env.DOCKER_TLS_VERIFY && inp.env.DOCKER_TLS_VERIFY !== '0';
  const certDir = useEnvTls ? inp.env.DOCKER_CERT_PATH || dockerConfigDir(inp) : undefined;
  const port = u.port ? Number(u.port) : scheme === 'https' || envTls ? 2376 : 2375;
  // DOCKER_TLS=1 alone means "TLS, but do not verify the server", as in the CLI.
  const tlsNoVerify = useEnvTls && !!inp.env.DOCKER_TLS && inp.env.DOCKER_TLS !== '0' && !envTls;
  const wantsTls = scheme === 'https' || envTls || tlsNoVerify || port === 2376;
  const ep: Endpoint = {
    source,
    transport: 'tcp',
    uri: `tcp://${u.hostname}:${port}`,
    hostname: u.hostname,
    port,
    label: `tcp://${u.hostname}:${port}`,
  };
  if (wantsTls) {
    ep.tls = {
      caPath: certDir ? path.join(certDir, 'ca.pem') : undefined,
      certPath: certDir ? path.join(certDir, 'cert.pem') : undefined,
      keyPath: certDir ? path.join(certDir, 'key.pem') : undefined,
      verify: !tlsNoVerify,
    };
    ep.label = `${ep.uri} (TLS)`;
  }
  return ep;
}
