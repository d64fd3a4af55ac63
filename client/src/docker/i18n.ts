// Bilingual text for the engine layer. This layer runs in plain node (tests, bench) as well as inside
// VS Code, so it cannot use vscode.l10n; every message is a {ko, en} pair and the caller picks one.

export type Lang = 'ko' | 'en';

export interface Msg {
  ko: string;
  en: string;
}

/** Fills `{0}`, `{1}`, … in both languages at once. */
export function fmt(msg: Msg, ...args: Array<string | number>): Msg {
  const fill = (s: string) => s.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
  return { ko: fill(msg.ko), en: fill(msg.en) };
}

export function pick(msg: Msg, lang: Lang): string {
  return msg[lang];
}

/** `ko`, `ko-KR`, … → Korean; everything else → English. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^ko\b/i.test(locale) ? 'ko' : 'en';
}
