// Engine volumes → tree nodes (plain data), with the containers that use each (from the container list's mounts,
// stopped containers included: the engine refuses to remove a volume any container refers to, running or not).
// A volume the engine named itself (`-v /data`, a VOLUME line of the image) is "anonymous": a 64-hex name.
import type Dockerode from 'dockerode';
import { line, type Lang, type Msg } from '../../../common/src/i18n';
import { md } from './format';
import { containerName, userNodes, usersText, usersTooltip, type UserNode, type UserRef } from './networkItems';

export interface VolumeNode {
  kind: 'volume';
  name: string;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  /** `volume:used` or `volume:unused`. */
  contextValue: string;
  anonymous: boolean;
  driver: string;
  usedBy: UserRef[];
  /** The rows under it: the containers that use it. */
  children: UserNode[];
}

const T = {
  anonymous: { ko: '익명 볼륨', en: 'anonymous volume' },
  named: { ko: '이름 있는 볼륨', en: 'named volume' },
  driver: { ko: '드라이버', en: 'Driver' },
  mountpoint: { ko: '호스트 경로', en: 'Mountpoint' },
  created: { ko: '생성 시각', en: 'Created' },
} satisfies Record<string, Msg>;

/** Set by Docker 23 and later on the volumes it creates without a name; 20.10 has only the name to go by. */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

export function isAnonymousVolume(v: { Name: string; Labels?: Record<string, string> | null }): boolean {
  return (v.Labels ?? {})[ANONYMOUS_LABEL] !== undefined || /^[0-9a-f]{64}$/.test(v.Name);
}

/** Short form of an anonymous volume's name, as `docker volume ls` users recognise it. */
export function volumeLabel(v: { Name: string; Labels?: Record<string, string> | null }): string {
  return isAnonymousVolume(v) && v.Name.length > 12 ? v.Name.slice(0, 12) : v.Name;
}

export function volumeUsers(name: string, containers: readonly Dockerode.ContainerInfo[]): UserRef[] {
  return containers
    .filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === name))
    .map((c) => ({ id: c.Id, name: containerName(c), running: c.State === 'running' || c.State === 'paused' || c.State === 'restarting' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function volumeTree(list: readonly Dockerode.VolumeInspectInfo[], containers: readonly Dockerode.ContainerInfo[], lang: Lang): VolumeNode[] {
  return [...list]
    .map((v) => ({ v, anonymous: isAnonymousVolume(v) }))
    // Named volumes first (they are the ones a user made and looks for), then anonymous ones.
    .sort((a, b) => (a.anonymous === b.anonymous ? a.v.Name.localeCompare(b.v.Name) : a.anonymous ? 1 : -1))
    .map(({ v, anonymous }) => {
      const usedBy = volumeUsers(v.Name, containers);
      const created = (v as { CreatedAt?: string }).CreatedAt;
      const rows: Array<[Msg, string]> = [[T.driver, v.Driver], [T.mountpoint, v.Mountpoint]];
      if (created) rows.push([T.created, created]);
      const tooltip = [
        `**${md(v.Name)}**`,
        md(line(anonymous ? T.anonymous : T.named, lang)),
        '',
        ...rows.map(([k, val]) => `${md(line(k, lang))}: \`${val}\``),
        usersTooltip(usedBy, lang),
      ].join('  \n');
      const kindWord = anonymous ? [line(T.anonymous, lang)] : [];
      return {
        kind: 'volume' as const,
        name: v.Name,
        label: volumeLabel(v),
        description: [...kindWord, usersText(usedBy.length, lang)].join(' · '),
        tooltip,
        contextValue: usedBy.length ? 'volume:used' : 'volume:unused',
        anonymous,
        driver: v.Driver,
        usedBy,
        children: userNodes(`volume:${v.Name}`, usedBy, lang),
      };
    });
}
