// The questions and refusals of the Networks and Volumes views, as plain data (tested without VS Code): remove
// one network or volume, remove the unused ones (naming what goes), and why a removal is not offered. In `both`,
// each sentence is whole in Korean, then in English.
import { fill, fillMsg, line, LINE_SEPARATOR, perLang, type Lang, type Msg } from '../../../common/src/i18n';
import { ASK, nameList } from './confirm';
import type { NetworkNode } from './networkItems';
import type { VolumeNode } from './volumeItems';

export interface Question {
  message: string;
  detail: string;
  /** The buttons that go ahead, first one the main choice. */
  buttons: string[];
}

const W = {
  remove: { ko: '삭제', en: 'Remove' },
  networkStopped: {
    ko: '멈춘 컨테이너가 이 네트워크를 씁니다: {0}. 삭제하면 이 컨테이너들은 다시 시작할 수 없습니다(network not found).',
    en: 'Stopped containers use this network: {0}. Once it is gone they cannot start again (network not found).',
  },
  networkFree: { ko: '이 네트워크를 쓰는 컨테이너는 없습니다.', en: 'No container uses this network.' },
  volumeData: {
    ko: '볼륨 안의 데이터(예: 데이터베이스 파일)는 영구히 지워집니다.',
    en: 'The data in the volume (database files, for example) is deleted for good.',
  },
  builtin: {
    ko: '{0} 네트워크는 Docker가 직접 만드는 기본 네트워크라서 삭제할 수 없습니다.',
    en: 'The network {0} is built into Docker and cannot be removed.',
  },
  networkRunning: {
    ko: '{0} 네트워크는 실행 중인 컨테이너가 쓰고 있어서 삭제할 수 없습니다: {1}. 먼저 컨테이너를 멈추거나 삭제하세요.',
    en: 'The network {0} cannot be removed while running containers use it: {1}. Stop or remove them first.',
  },
  volumeUsed: {
    ko: '{0} 볼륨은 컨테이너가 쓰고 있어서 삭제할 수 없습니다: {1}. 멈춘 컨테이너도 볼륨을 붙잡고 있으니, 먼저 그 컨테이너를 삭제하세요.',
    en: 'The volume {0} cannot be removed while containers use it: {1}. Stopped containers hold on to it too: remove them first.',
  },
  noUnusedNetworks: { ko: '사용하지 않는 네트워크가 없습니다.', en: 'There are no unused networks.' },
  noUnusedVolumes: { ko: '사용하지 않는 볼륨이 없습니다.', en: 'There are no unused volumes.' },
  pruneNetworks: {
    ko: '사용하지 않는 네트워크 {0}개를 삭제할까요? ({1})',
    en: 'Remove {0} unused networks ({1})?',
  },
  pruneNetworksDetail: {
    ko: '어떤 컨테이너도(멈춘 컨테이너 포함) 쓰지 않는 네트워크만 삭제합니다. 기본 네트워크(bridge, host, none)는 남습니다.',
    en: 'Only networks that no container uses (stopped ones included) are removed. The built-in networks (bridge, host, none) stay.',
  },
  pruneVolumes: { ko: '사용하지 않는 볼륨 {0}개를 삭제할까요?', en: 'Remove {0} unused volumes?' },
  pruneVolumeOne: { ko: '사용하지 않는 볼륨 1개를 삭제할까요?', en: 'Remove 1 unused volume?' },
  pruneNetworkOne: { ko: '사용하지 않는 네트워크 1개를 삭제할까요? ({0})', en: 'Remove 1 unused network ({0})?' },
  pruneNamed: { ko: '이름 있는 볼륨 {0}개: {1}', en: '{0} named: {1}' },
  pruneAnonymous: { ko: '익명 볼륨 {0}개: {1}', en: '{0} anonymous: {1}' },
  pruneVolumesDetail: {
    ko: '어떤 컨테이너도(멈춘 컨테이너 포함) 쓰지 않는 볼륨입니다. 안의 데이터는 영구히 지워집니다. 이름 있는 볼륨에는 보통 데이터베이스처럼 남겨 둘 데이터가 있습니다.',
    en: 'No container uses them, stopped ones included. Their data is deleted for good. Named volumes usually hold data meant to last, such as a database.',
  },
  removeAll: { ko: '모두 삭제 ({0}개)', en: 'Remove all {0}' },
  removeAnonymous: { ko: '익명 볼륨만 삭제 ({0}개)', en: 'Remove only the {0} anonymous' },
} satisfies Record<string, Msg>;

export const WORDS = W;

function each(lang: Lang, m: Msg, args: (l: 'ko' | 'en') => Array<string | number>, sep = LINE_SEPARATOR): string {
  return perLang(lang, (l) => fill(m[l], args(l)), sep);
}

/** Why Remove is refused before asking the engine; undefined when it may go ahead. */
export function networkRemovalRefusal(n: NetworkNode, lang: Lang): string | undefined {
  if (n.builtin) return each(lang, W.builtin, () => [n.name]);
  const running = n.usedBy.filter((u) => u.running).map((u) => u.name);
  return running.length ? each(lang, W.networkRunning, (l) => [n.name, nameList(running, l)]) : undefined;
}

export function volumeRemovalRefusal(v: VolumeNode, lang: Lang): string | undefined {
  const users = v.usedBy.map((u) => u.name);
  return users.length ? each(lang, W.volumeUsed, (l) => [v.label, nameList(users, l)]) : undefined;
}

export function networkRemovalQuestion(n: NetworkNode, lang: Lang): Question {
  const stopped = n.usedBy.filter((u) => !u.running).map((u) => u.name);
  return {
    message: each(lang, ASK.network.one, () => [n.name]),
    detail: stopped.length ? each(lang, W.networkStopped, (l) => [nameList(stopped, l)], '\n') : line(W.networkFree, lang),
    buttons: [line(W.remove, lang)],
  };
}

export function volumeRemovalQuestion(v: VolumeNode, lang: Lang): Question {
  return { message: each(lang, ASK.volume.one, () => [v.label]), detail: line(W.volumeData, lang), buttons: [line(W.remove, lang)] };
}

/**
 * Networks "prune" takes: not built in and used by no container at all, stopped ones included (the engine itself
 * removes a network that only stopped containers refer to, and they cannot start afterwards: netvol.test.ts).
 */
export function unusedNetworks(nodes: readonly NetworkNode[]): NetworkNode[] {
  return nodes.filter((n) => !n.builtin && !n.usedBy.length);
}

/** Volumes "prune" takes: local ones no container refers to (a plugin driver's data lives elsewhere: left alone). */
export function unusedVolumes(nodes: readonly VolumeNode[]): VolumeNode[] {
  return nodes.filter((v) => !v.usedBy.length && v.driver === 'local');
}

export function pruneNetworksQuestion(unused: readonly NetworkNode[], lang: Lang): Question | string {
  if (!unused.length) return line(W.noUnusedNetworks, lang);
  return {
    message:
      unused.length === 1
        ? each(lang, W.pruneNetworkOne, () => [unused[0].name])
        : each(lang, W.pruneNetworks, (l) => [unused.length, nameList(unused.map((n) => n.name), l)]),
    detail: line(W.pruneNetworksDetail, lang),
    buttons: [line(W.remove, lang)],
  };
}

/**
 * The question before removing unused volumes names the named ones and the anonymous ones apart. When both kinds
 * are there, the user may keep the named ones (second button: anonymous only).
 */
export function pruneVolumesQuestion(unused: readonly VolumeNode[], lang: Lang): Question | string {
  if (!unused.length) return line(W.noUnusedVolumes, lang);
  const named = unused.filter((v) => !v.anonymous).map((v) => v.label);
  const anon = unused.filter((v) => v.anonymous).map((v) => v.label);
  const detail = perLang(
    lang,
    (l) =>
      [
        ...(named.length ? [fill(W.pruneNamed[l], [named.length, nameList(named, l)])] : []),
        ...(anon.length ? [fill(W.pruneAnonymous[l], [anon.length, nameList(anon, l)])] : []),
        W.pruneVolumesDetail[l],
      ].join('\n'),
    '\n\n',
  );
  const buttons = [line(named.length && anon.length ? fillMsg(W.removeAll, unused.length) : W.remove, lang)];
  if (named.length && anon.length) buttons.push(line(fillMsg(W.removeAnonymous, anon.length), lang));
  return { message: each(lang, unused.length === 1 ? W.pruneVolumeOne : W.pruneVolumes, () => [unused.length]), detail, buttons };
}

