// Small formatting helpers shared by the tree mappings (no vscode import: tested in plain node).
import { LINE_SEPARATOR, perLang, type Lang, type OneLang } from '../../../common/src/i18n';

/** Sizes are formatted in common/src (the CLI prints them too). */
export { formatSize } from '../../../common/src/size';

/** "3 days ago" / "3일 전", coarse on purpose so the text does not change on every refresh. */
export function formatAge(unixSeconds: number, lang: Lang, now = Date.now()): string {
  const s = Math.max(0, Math.floor(now / 1000 - unixSeconds));
  return perLang(lang, (l) => ageText(s, l), LINE_SEPARATOR);
}

function ageText(s: number, lang: OneLang): string {
  const steps: Array<[number, string, string]> = [
    [60, '초', 'second'],
    [60, '분', 'minute'],
    [24, '시간', 'hour'],
    [30, '일', 'day'],
    [12, '개월', 'month'],
    [Infinity, '년', 'year'],
  ];
  if (s < 60) return lang === 'ko' ? '방금 전' : 'just now';
  let v = s;
  for (const [div, ko, en] of steps) {
    if (v < div) return lang === 'ko' ? `${v}${ko} 전` : `${v} ${en}${v === 1 ? '' : 's'} ago`;
    v = Math.floor(v / div);
  }
  return '';
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Escapes text for a MarkdownString tooltip. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
