// The Containers view's filter: a container stays when the text occurs in its name or its image reference
// (case-insensitive; several words must all occur, in either). Plain data, tested without VS Code.
import type Dockerode from 'dockerode';
import { fillMsg, line, type Lang, type Msg } from '../../../common/src/i18n';
import { containerName } from './networkItems';

export function parseFilter(text: string | undefined): string[] {
  return (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesFilter(c: Pick<Dockerode.ContainerInfo, 'Names' | 'Id' | 'Image'>, words: readonly string[]): boolean {
  if (!words.length) return true;
  const hay = `${containerName(c)}\n${c.Image ?? ''}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filterContainers<T extends Pick<Dockerode.ContainerInfo, 'Names' | 'Id' | 'Image'>>(list: readonly T[], text: string | undefined): T[] {
  const words = parseFilter(text);
  return words.length ? list.filter((c) => matchesFilter(c, words)) : [...list];
}

const F = {
  active: { ko: '필터: "{0}" (이름 또는 이미지) · {1}/{2}개 표시', en: 'Filter: "{0}" (name or image) · showing {1} of {2}' },
} satisfies Record<string, Msg>;

/** The line above the tree while a filter is on (undefined: no filter). */
export function filterMessage(text: string | undefined, shown: number, total: number, lang: Lang): string | undefined {
  if (!parseFilter(text).length) return undefined;
  const t = (text ?? '').trim();
  return line(fillMsg(F.active, t, shown, total), lang);
}
