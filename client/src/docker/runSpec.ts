// What the user types when running an image (ports, a name) and the `docker` command line we show
// them before running, so they learn the CLI equivalent of the button they pressed.
import type { Endpoint } from '../../../common/src/engine/endpoint';
import { fillMsg, type Msg } from '../../../common/src/i18n';
import { redactArgs } from '../../../common/src/engine/redact';

export interface PortSpec {
  hostIp?: string;
  /** undefined: let the engine pick a free port (`-p 80`). */
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export class SpecError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
  }
}

const BAD_PORT: Msg = {
  ko: '"{0}" 값은 포트 지정으로 쓸 수 없습니다. 예: 8080:80, 443, 127.0.0.1:8080:80/tcp',
  en: '"{0}" is not a port mapping. Examples: 8080:80, 443, 127.0.0.1:8080:80/tcp',
};
const BAD_NAME: Msg = {
  ko: '"{0}" 값은 컨테이너 이름으로 쓸 수 없습니다. 영문자·숫자로 시작하고 영문자, 숫자, _ . - 만 쓸 수 있습니다',
  en: '"{0}" is not a valid container name: start with a letter or digit, then letters, digits, _ . -',
};

function portNumber(s: string): number | undefined {
  if (!/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Parses `-p` values separated by commas or spaces: `8080:80, 443/udp, 127.0.0.1:8080:80`. */
export function parsePorts(input: string): PortSpec[] {
  const out: PortSpec[] = [];
  for (const raw of input.split(/[\s,]+/).filter(Boolean)) {
    let body = raw;
    let protocol: PortSpec['protocol'] = 'tcp';
    const slash = body.lastIndexOf('/');
    if (slash >= 0) {
      const proto = body.slice(slash + 1).toLowerCase();
      if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') throw new SpecError(fillMsg(BAD_PORT, raw));
      protocol = proto;
      body = body.slice(0, slash);
    }
    const parts = body.split(':');
    let hostIp: string | undefined;
    let hostPort: number | undefined;
    let containerPort: number | undefined;
    if (parts.length === 1) {
      containerPort = portNumber(parts[0]);
    } else if (parts.length === 2) {
      hostPort = portNumber(parts[0]);
      containerPort = portNumber(parts[1]);
      if (hostPort === undefined) containerPort = undefined;
    } else if (parts.length === 3) {
      hostIp = parts[0];
      hostPort = parts[1] === '' ? undefined : portNumber(parts[1]);
      containerPort = portNumber(parts[2]);
      if (!/^[0-9.]+$/.test(hostIp) || (parts[1] !== '' && hostPort === undefined)) containerPort = undefined;
    }
    if (containerPort === undefined) throw new SpecError(fillMsg(BAD_PORT, raw));
    out.push({ hostIp, hostPort, containerPort, protocol });
  }
  return out;
}

export function validateContainerName(name: string): Msg | undefined {
  if (!name) return undefined;
  return /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name) ? undefined : fillMsg(BAD_NAME, name);
}

function portFlag(p: PortSpec): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  if (p.hostIp) return `${p.hostIp}:${p.hostPort ?? ''}:${p.containerPort}${proto}`;
  if (p.hostPort !== undefined) return `${p.hostPort}:${p.containerPort}${proto}`;
  return `${p.containerPort}${proto}`;
}

/** Quotes one argument for a POSIX shell only when it needs it. */
export function shQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function runCommandLine(image: string, o: { name?: string; ports?: PortSpec[]; interactive?: boolean }): string[] {
  const args = ['docker', 'run', o.interactive ? '-it' : '-d'];
  if (o.interactive) args.push('--rm');
  if (o.name) args.push('--name', o.name);
  for (const p of o.ports ?? []) args.push('-p', portFlag(p));
  args.push(image);
  return args;
}

/** The `docker build` equivalent of a build the extension runs (for the log's first line). */
export function buildCommandLine(o: { tag: string; dockerfile: string; contextDir: string; buildArgs?: Record<string, string> }): string[] {
  const args = ['docker', 'build', '-t', o.tag, '-f', o.dockerfile];
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push(o.contextDir);
  return args;
}

/**
 * One line to show or log for an argv: secrets hidden, every argument quoted for a POSIX shell, so
 * a path like `/src/$(id) x` pasted back into a terminal is the same single argument, never code.
 */
export function previewLine(argv: readonly string[]): string {
  return redactArgs(argv).map(shQuote).join(' ');
}

export function execShellCommandLine(containerId: string, shell: 'bash' | 'sh'): string[] {
  return ['docker', 'exec', '-it', containerId, shell];
}

/**
 * Environment for a terminal running the docker CLI, so it reaches the same engine as the sidebar.
 * Only needed when we chose something the CLI would not pick by itself (our own setting).
 */
export function cliEnvFor(ep: Endpoint | undefined): Record<string, string> {
  if (!ep) return {};
  if (ep.source === 'setting') return { DOCKER_HOST: ep.uri };
  return {};
}
