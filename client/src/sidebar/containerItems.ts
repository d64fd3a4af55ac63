// Engine containers → tree nodes, as plain data (label, description, icon, tooltip, contextValue),
// so the mapping is tested without VS Code. The status shown is normalised from State/Status:
// "Up 5 minutes" would change text every minute and make the tree flicker; "running" does not.
import type Dockerode from 'dockerode';
import { fillMsg, line, type Lang } from '../../../common/src/i18n';
import { md, shortId } from './format';

export type ContainerIcon =
  | 'running'
  | 'healthy'
  | 'unhealthy'
  | 'healthStarting'
  | 'paused'
  | 'restarting'
  | 'exitedOk'
  | 'exitedError'
  | 'created'
  | 'dead'
  | 'removing'
  /** Our own Stop is under way (the engine still says running until it has stopped). */
  | 'stopping';

export interface ContainerNode {
  kind: 'container';
  id: string;
  name: string;
  label: string;
  description: string;
  icon: ContainerIcon;
  /** Markdown. */
  tooltip: string;
  /** `container:<state>`; menus match it with regular expressions. */
  contextValue: string;
  state: string;
  exitCode?: number;
  /** Published ports: host side, for Open in Browser. */
  ports: Array<{ hostIp: string; hostPort: number; containerPort: number; protocol: string }>;
  project?: string;
}

export interface ComposeGroupNode {
  kind: 'group';
  id: string;
  label: string;
  description: string;
  children: ContainerNode[];
}

export type ContainersTreeNode = ContainerNode | ComposeGroupNode;

const STATUS: Record<ContainerIcon, { ko: string; en: string }> = {
  running: { ko: '실행 중', en: 'running' },
  healthy: { ko: '실행 중 (정상)', en: 'running (healthy)' },
  unhealthy: { ko: '실행 중 (비정상)', en: 'running (unhealthy)' },
  healthStarting: { ko: '실행 중 (헬스체크 대기)', en: 'running (health: starting)' },
  paused: { ko: '일시 정지됨', en: 'paused' },
  stopping: { ko: '멈추는 중…', en: 'stopping…' },
  restarting: { ko: '다시 시작하는 중', en: 'restarting' },
  exitedOk: { ko: '종료됨 ({0})', en: 'exited ({0})' },
  exitedError: { ko: '오류로 종료됨 ({0})', en: 'exited with error ({0})' },
  created: { ko: '생성됨', en: 'created' },
  dead: { ko: 'dead 상태', en: 'dead' },
  removing: { ko: '삭제 중', en: 'removing' },
};

const T = {
  id: { ko: 'ID', en: 'ID' },
  image: { ko: '이미지', en: 'Image' },
  command: { ko: '명령', en: 'Command' },
  ports: { ko: '포트', en: 'Ports' },
  mounts: { ko: '마운트', en: 'Mounts' },
  created: { ko: '생성 시각', en: 'Created' },
  status: { ko: '상태', en: 'Status' },
  exitCode: { ko: '종료 코드', en: 'Exit code' },
  none: { ko: '없음', en: 'none' },
  project: { ko: 'Compose 프로젝트', en: 'Compose project' },
  groupCount: { ko: '{0}개 중 {1}개 실행 중', en: '{1} of {0} running' },
};

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** Reads the exit code out of "Exited (137) 3 minutes ago". */
export function exitCodeOf(status: string | undefined): number | undefined {
  const m = /^Exited \((-?\d+)\)/.exec(status ?? '');
  return m ? Number(m[1]) : undefined;
}

export function containerIcon(c: Pick<Dockerode.ContainerInfo, 'State' | 'Status'>): ContainerIcon {
  const state = (c.State ?? '').toLowerCase();
  const status = c.Status ?? '';
  switch (state) {
    case 'running':
      if (/\(unhealthy\)/.test(status)) return 'unhealthy';
      if (/\(health: starting\)/.test(status)) return 'healthStarting';
      if (/\(healthy\)/.test(status)) return 'healthy';
      return 'running';
    case 'paused':
      return 'paused';
    case 'restarting':
      return 'restarting';
    case 'exited':
      return (exitCodeOf(status) ?? 0) === 0 ? 'exitedOk' : 'exitedError';
    case 'created':
      return 'created';
    case 'dead':
      return 'dead';
    case 'removing':
      return 'removing';
    default:
      return 'created';
  }
}

export function statusText(icon: ContainerIcon, exitCode: number | undefined, lang: Lang): string {
  return line(fillMsg(STATUS[icon], exitCode ?? 0), lang);
}

function contextState(icon: ContainerIcon): string {
  switch (icon) {
    case 'running':
    case 'healthy':
    case 'unhealthy':
    case 'healthStarting':
      return 'running';
    case 'exitedOk':
    case 'exitedError':
    case 'created':
    case 'dead':
      return 'stopped';
    case 'stopping':
      return 'running';
    default:
      return icon;
  }
}

function containerName(c: Dockerode.ContainerInfo): string {
  return (c.Names?.[0] ?? shortId(c.Id)).replace(/^\//, '');
}

/** Image as the user named it; the engine reports a bare sha256 when the tag moved elsewhere. */
function imageName(c: Dockerode.ContainerInfo): string {
  return c.Image?.startsWith('sha256:') ? shortId(c.Image) : c.Image ?? '';
}

export function publishedPorts(c: Pick<Dockerode.ContainerInfo, 'Ports'>): ContainerNode['ports'] {
  if (!c.Ports?.length) return [];
  const seen = new Set<string>();
  const out: ContainerNode['ports'] = [];
  for (const p of c.Ports) {
    if (!p.PublicPort) continue;
    // IPv4 and IPv6 bindings of the same port are one choice for the user.
    const key = `${p.PublicPort}/${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ hostIp: p.IP ?? '', hostPort: p.PublicPort, containerPort: p.PrivatePort, protocol: p.Type });
  }
  return out.sort((a, b) => a.hostPort - b.hostPort);
}

function portsText(c: Dockerode.ContainerInfo, published: ContainerNode['ports'], lang: Lang): string {
  const ports = published.map((p) => `${p.hostIp && p.hostIp !== '0.0.0.0' && p.hostIp !== '::' ? p.hostIp + ':' : ''}${p.hostPort}→${p.containerPort}/${p.protocol}`);
  const exposed = (c.Ports ?? []).filter((p) => !p.PublicPort).map((p) => `${p.PrivatePort}/${p.Type}`);
  const all = exposed.length ? [...ports, ...new Set(exposed)] : ports;
  return all.length ? all.join(', ') : line(T.none, lang);
}

function mountsText(c: Dockerode.ContainerInfo, lang: Lang): string {
  const ms = (c.Mounts ?? []).map((m) => `${m.Type === 'volume' ? m.Name : m.Source} → ${m.Destination}${m.RW === false ? ' (ro)' : ''}`);
  return ms.length ? ms.join(', ') : line(T.none, lang);
}

/** "2024-05-01 12:00:00 UTC" from unix seconds. */
function createdText(unixSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  // YYYY-MM-DDTHH:MM:SS.sssZ; years outside 0–9999 have a longer form, left to the general rule.
  return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** Tooltip row prefixes ("ID: `" …), escaped once per language instead of once per container. */
const ROW_KEYS = {} as Record<Lang, Record<keyof typeof T, string>>;
function rowKey(k: keyof typeof T, lang: Lang): string {
  const keys = (ROW_KEYS[lang] ??= {} as Record<keyof typeof T, string>);
  return (keys[k] ??= `${md(line(T[k], lang))}: \``);
}

function row(k: keyof typeof T, lang: Lang, v: string): string {
  return `${rowKey(k, lang)}${v.includes('`') ? v.replace(/`/g, "'") : v}\``;
}

/** A Stop or Restart we sent and the engine has not answered yet, per container id. */
export type BusyVerb = 'stop' | 'restart';

export function containerNode(c: Dockerode.ContainerInfo, lang: Lang, busy?: BusyVerb): ContainerNode {
  // While our request runs, the row says so instead of "running" (a stop can take the whole stop timeout).
  const icon = busy === 'stop' ? 'stopping' : busy === 'restart' ? 'restarting' : containerIcon(c);
  const exitCode = c.State === 'exited' ? exitCodeOf(c.Status) : undefined;
  const name = containerName(c);
  const status = statusText(icon, exitCode, lang);
  const project = c.Labels?.[COMPOSE_PROJECT_LABEL];
  const image = imageName(c);
  const ports = publishedPorts(c);
  let tooltip =
    `**${md(name)}**  \n  \n` +
    row('id', lang, shortId(c.Id)) +
    '  \n' +
    row('image', lang, image) +
    '  \n' +
    row('command', lang, c.Command ?? '') +
    '  \n' +
    row('status', lang, `${status} — ${c.Status ?? ''}`) +
    '  \n' +
    row('ports', lang, portsText(c, ports, lang)) +
    '  \n' +
    row('mounts', lang, mountsText(c, lang)) +
    '  \n' +
    row('created', lang, createdText(c.Created ?? 0));
  if (exitCode !== undefined) tooltip += '  \n' + row('exitCode', lang, String(exitCode));
  if (project) tooltip += '  \n' + row('project', lang, project);
  return {
    kind: 'container',
    id: c.Id,
    name,
    label: name,
    // The state first: a narrow sidebar cuts the end of the description, and the image name is the longer part.
    description: `${status} · ${image}`,
    icon,
    tooltip,
    // `:exited` marks a container that ran and stopped (not one only created): "Why did it exit?" applies to it.
    contextValue: `container:${contextState(busy ? containerIcon(c) : icon)}${icon === 'exitedOk' || icon === 'exitedError' || icon === 'dead' ? ':exited' : ''}${ports.length ? ':web' : ''}`,
    state: c.State ?? '',
    exitCode,
    ports,
    project,
  };
}

/** Containers of a Compose project go under one group node; the others stay at the top level. */
export function containerTree(list: Dockerode.ContainerInfo[], lang: Lang, busy?: ReadonlyMap<string, BusyVerb>): ContainersTreeNode[] {
  const nodes = list.map((c) => containerNode(c, lang, busy?.get(c.Id))).sort((a, b) => a.label.localeCompare(b.label));
  const groups = new Map<string, ContainerNode[]>();
  const top: ContainersTreeNode[] = [];
  for (const n of nodes) {
    if (n.project) {
      if (!groups.has(n.project)) groups.set(n.project, []);
      groups.get(n.project)!.push(n);
    } else top.push(n);
  }
  const groupNodes: ComposeGroupNode[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, children]) => ({
      kind: 'group',
      id: `compose:${project}`,
      label: project,
      description: line(fillMsg(T.groupCount, children.length, children.filter((c) => c.state === 'running').length), lang),
      children,
    }));
  return [...groupNodes, ...top];
}
