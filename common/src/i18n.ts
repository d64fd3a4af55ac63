/**
 * Every user-visible string in the server is a pair of Korean and English text.
 * `Lang` is what the user chose after `auto` has been resolved.
 */
export type Lang = 'ko' | 'en' | 'both';
export type LanguageSetting = Lang | 'auto';

export interface Msg {
  ko: string;
  en: string;
}

/** Fill `{0}`, `{1}`, … placeholders. */
export function fill(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

export function msg(ko: string, en: string): Msg {
  return { ko, en };
}

export function fillMsg(m: Msg, ...args: (string | number)[]): Msg {
  return { ko: fill(m.ko, args), en: fill(m.en, args) };
}

/** One-line rendering (diagnostics, CLI): in `both`, Korean first, then English. */
export function line(m: Msg, lang: Lang): string {
  if (lang === 'ko') return m.ko;
  if (lang === 'en') return m.en;
  return m.ko === m.en ? m.ko : `${m.ko} / ${m.en}`;
}

/** Markdown block rendering (hovers, docs): in `both`, Korean, a rule, then English. */
export function block(m: Msg, lang: Lang): string {
  if (lang === 'ko') return m.ko;
  if (lang === 'en') return m.en;
  return m.ko === m.en ? m.ko : `${m.ko}\n\n---\n\n${m.en}`;
}

/** Resolve the `auto` setting from an LSP/VS Code locale such as `ko`, `ko-KR`, `en-US`. */
export function resolveLang(setting: string | undefined, locale: string | undefined): Lang {
  if (setting === 'ko' || setting === 'en' || setting === 'both') return setting;
  return locale && locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
