// Engine networks → tree nodes (plain data), with the containers that use each. The network list of the Engine
// API leaves `Containers` empty (API ≥ 1.28), so "used by" comes from the container list, whose entries name the
// networks each container is on, stopped ones included. The difference matters: the engine refuses to remove a
// network a running container is connected to, but removes one that only stopped containers refer to, and those
// containers then fail to start.
import type Dockerode from 'dockerode';
import { fillMsg, line, type Lang, type Msg } from '../../../common/src/i18n';
import { md, shortId } from './format';

/** Networks every engine creates itself; the engine refuses to remove them. */
export const BUILTIN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

export interface UserRef {
  id: string;
  name: string;
  running: boolean;
}

/** A row under a network or a volume: one container that uses it. */
export interface UserNode {
  kind: 'user';
  key: string;
  label: string;
  /** "running" / "stopped". */
  description: string;
  containerId: string;
  running: boolean;
}

export interface NetworkNode {
  kind: 'network';
  id: string;
  name: string;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  /** `network:builtin`, `network:used` or `network:unused`; menus offer Remove only to the last two. */
  contextValue: string;
  builtin: boolean;
  usedBy: UserRef[];
  /** The rows under it: the containers that use it. */
  children: UserNode[];
}

const T = {
  builtin: { ko: '기본 네트워크', en: 'built-in' },
  unused: { ko: '사용하는 컨테이너 없음', en: 'no containers' },
  users: { ko: '컨테이너 {0}개', en: '{0} containers' },
  userOne: { ko: '컨테이너 1개', en: '1 container' },
  id: { ko: 'ID', en: 'ID' },
  driver: { ko: '드라이버', en: 'Driver' },
  scope: { ko: '범위', en: 'Scope' },
  subnet: { ko: '서브넷', en: 'Subnet' },
  usedBy: { ko: '사용하는 컨테이너', en: 'Used by' },
  stopped: { ko: '멈춤', en: 'stopped' },
  running: { ko: '실행 중', en: 'running' },
  none: { ko: '없음', en: 'none' },
  builtinNote: {
    ko: 'Docker가 직접 만드는 네트워크라서 삭제할 수 없습니다.',
    en: 'Docker creates this network itself; it cannot be removed.',
  },
} satisfies Record<string, Msg>;

export function containerName(c: Pick<Dockerode.ContainerInfo, 'Names' | 'Id'>): string {
  return (c.Names?.[0] ?? '').replace(/^\//, '') || shortId(c.Id);
}

/** The containers (running or not) whose list entry names `network`. */
export function networkUsers(network: string, containers: readonly Dockerode.ContainerInfo[]): UserRef[] {
  return containers
    .filter((c) => Object.prototype.hasOwnProperty.call(c.NetworkSettings?.Networks ?? {}, network))
    .map((c) => ({ id: c.Id, name: containerName(c), running: c.State === 'running' || c.State === 'paused' || c.State === 'restarting' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** "2 containers" / "no containers": the words after a name in the tree (shared with the volumes). */
export function usersText(n: number, lang: Lang): string {
  return line(n === 0 ? T.unused : n === 1 ? T.userOne : fillMsg(T.users, n), lang);
}

/** Markdown lines naming the users, stopped ones marked. */
export function usersTooltip(users: readonly UserRef[], lang: Lang): string {
  if (!users.length) return `${md(line(T.usedBy, lang))}: ${md(line(T.none, lang))}`;
  const names = users.map((u) => `\`${u.name}\`${u.running ? '' : ` (${md(line(T.stopped, lang))})`}`);
  return `${md(line(T.usedBy, lang))}: ${names.join(', ')}`;
}

/** The rows of the containers that use `parentKey`'s network or volume. */
export function userNodes(parentKey: string, users: readonly UserRef[], lang: Lang): UserNode[] {
  return users.map((u) => ({
    kind: 'user',
    key: `${parentKey}/${u.id}`,
    label: u.name,
    description: line(u.running ? T.running : T.stopped, lang),
    containerId: u.id,
    running: u.running,
  }));
}

export function networkTree(list: readonly Dockerode.NetworkInspectInfo[], containers: readonly Dockerode.ContainerInfo[], lang: Lang): NetworkNode[] {
  return [...list]
    .sort((a, b) => {
      const ab = BUILTIN_NETWORKS.includes(a.Name), bb = BUILTIN_NETWORKS.includes(b.Name);
      return ab === bb ? a.Name.localeCompare(b.Name) : ab ? 1 : -1;
    })
    .map((n) => {
      const builtin = BUILTIN_NETWORKS.includes(n.Name);
      const usedBy = networkUsers(n.Name, containers);
      const subnets = (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s);
      const rows: Array<[Msg, string]> = [
        [T.id, shortId(n.Id)],
        [T.driver, n.Driver],
        [T.scope, n.Scope],
      ];
      if (subnets.length) rows.push([T.subnet, subnets.join(', ')]);
      const tooltip = [
        `**${md(n.Name)}**`,
        '',
        ...rows.map(([k, v]) => `${md(line(k, lang))}: \`${v}\``),
        usersTooltip(usedBy, lang),
        ...(builtin ? ['', md(line(T.builtinNote, lang))] : []),
      ].join('  \n');
      const description = builtin ? `${n.Driver} · ${line(T.builtin, lang)}` : `${n.Driver} · ${usersText(usedBy.length, lang)}`;
      return {
        kind: 'network' as const,
        id: n.Id,
        name: n.Name,
        label: n.Name,
        description,
        tooltip,
        contextValue: builtin ? 'network:builtin' : usedBy.length ? 'network:used' : 'network:unused',
        builtin,
        usedBy,
        children: userNodes(`network:${n.Id}`, usedBy, lang),
      };
    });
}
