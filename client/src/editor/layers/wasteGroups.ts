/**
 * Wasted bytes grouped for the editor: one group per (adding line, removing line) pair, with the total and the biggest
 * paths, and the plain-text diagnostic message that names both lines, the bytes, and whether the quick fix can move
 * the cleanup (or why that is left to the user). Pure.
 */
import { fillMsg, msg, plainLine, type Lang, type Msg } from '../../../../common/src/i18n';
import type { LayersReport } from '../../../../common/src/layers/report';
import { formatSize } from '../../../../common/src/size';

export interface WasteGroup {
  /** 1-based lines of the built text. */
  addedLine: number;
  removedLine: number | null;
  bytes: number;
  /** How many paths, and the biggest ones (biggest first). */
  count: number;
  biggest: { path: string; size: number }[];
}

/** Paths named in one diagnostic. */
const SHOWN = 3;

/** Groups of the report's waste that have an adding line (a path from the base image has no line to put a diagnostic on). */
export function wasteGroups(waste: LayersReport['waste']): WasteGroup[] {
  const byPair = new Map<string, WasteGroup & { all: { path: string; size: number }[] }>();
  for (const w of waste) {
    if (w.addedLine === null) continue;
    const key = `${w.addedLine}:${w.removedLine}`;
    const g = byPair.get(key) ?? { addedLine: w.addedLine, removedLine: w.removedLine, bytes: 0, count: 0, biggest: [], all: [] };
    g.bytes += w.size;
    g.count++;
    g.all.push({ path: w.path, size: w.size });
    byPair.set(key, g);
  }
  return [...byPair.values()]
    .map(({ all, ...g }) => ({ ...g, biggest: all.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path)).slice(0, SHOWN) }))
    .sort((a, b) => a.addedLine - b.addedLine || b.bytes - a.bytes);
}

export const WASTE_MSG = {
  removed: msg(
    '이 줄이 추가한 {0}를 {1}번 줄이 지우거나 덮어씁니다: {2}. 지워도 그 바이트는 이 줄의 레이어에 남아 이미지와 함께 배포됩니다.',
    'This line adds {0} that line {1} deletes or overwrites: {2}. The bytes still ship in the image, in this line\'s layer.',
  ),
  removedUnknown: msg(
    '이 줄이 추가한 {0}를 뒤의 레이어가 지우거나 덮어씁니다: {1}. 지워도 그 바이트는 이 줄의 레이어에 남아 이미지와 함께 배포됩니다.',
    "This line adds {0} that a later layer deletes or overwrites: {1}. The bytes still ship in the image, in this line's layer.",
  ),
  more: msg('{0} 외 {1}개', '{0} and {1} more'),
  fix: msg('빠른 수정으로 {0}번 줄의 정리 명령을 이 `RUN` 명령으로 옮길 수 있습니다.', 'A quick fix can move the cleanup on line {0} into this `RUN`.'),
  manual: msg(
    '같은 `RUN` 명령 안에서 지우면 바이트가 레이어에 남지 않습니다. 자동으로 옮기지 않는 이유: {0} 옮길지는 직접 판단하세요.',
    'Deleting within the same `RUN` keeps the bytes out of the layer. Not moved automatically because {0} Whether to move it is up to you.',
  ),
};

function pathsText(g: WasteGroup): string {
  return g.biggest.map((b) => `${b.path} (${formatSize(b.size)})`).join(', ');
}

/** The diagnostic's message; `fix` says whether the quick fix applies, or why not. */
export function wasteMessage(g: WasteGroup, fix: { ok: true } | { ok: false; why: Msg }, lang: Lang): string {
  const shown = pathsText(g);
  const paths = g.count > g.biggest.length ? fillMsg(WASTE_MSG.more, shown, g.count - g.biggest.length) : msg(shown, shown);
  const what =
    g.removedLine === null ? fillMsg(WASTE_MSG.removedUnknown, formatSize(g.bytes), paths) : fillMsg(WASTE_MSG.removed, formatSize(g.bytes), g.removedLine, paths);
  const how = fix.ok ? fillMsg(WASTE_MSG.fix, g.removedLine ?? '?') : fillMsg(WASTE_MSG.manual, withPeriod(fix.why));
  // A diagnostic: plain text, code marks dropped (common/src/i18n.ts plainCode).
  return plainLine({ ko: `${what.ko} ${how.ko}`, en: `${what.en} ${how.en}` }, lang);
}

function withPeriod(m: Msg): Msg {
  const end = (s: string) => (/[.。]$/.test(s) ? s : `${s}.`);
  return { ko: end(m.ko), en: end(m.en) };
}
