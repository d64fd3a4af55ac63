/**
 * The one i18n of the project (server, client and CLI). Every user-visible string that is not a vscode.l10n key is a
 * pair of Korean and English text (`Msg`); `Lang` is what the user chose after `auto` has been resolved.
 *
 *   fill / fillMsg     `{0}`, `{1}`, … placeholders
 *   pick               one language of a Msg
 *   perLang            text rendered once per language; in `both`, Korean first, then English
 *   line / block       a Msg as one line (notifications, diagnostics, CLI) or as a Markdown block (hovers, docs)
 *   plainLine          `line` for plain-text places (diagnostics, quick-fix titles, CLI): no Markdown code marks
 *   resolveLang        the `dockerfileGuide.language` setting (or DOCKERFILE_GUIDE_LANG) and a locale → Lang
 */
export type Lang = 'ko' | 'en' | 'both';
/** One language: what `pick` takes and what `perLang` renders. */
export type OneLang = 'ko' | 'en';
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

/** Fills both languages at once; an argument that is itself a Msg goes in language by language. */
export function fillMsg(m: Msg, ...args: (string | number | Msg)[]): Msg {
  const inLang = (l: OneLang) => args.map((a) => (typeof a === 'object' ? a[l] : a));
  return { ko: fill(m.ko, inLang('ko')), en: fill(m.en, inLang('en')) };
}

/** The text of one language. */
export function pick(m: Msg, l: OneLang): string {
  return l === 'ko' ? m.ko : m.en;
}

/** Between the two languages of a one-line text in `both`. */
export const LINE_SEPARATOR = ' / ';
/** Between the two languages of a Markdown text in `both`: a rule. */
export const BLOCK_SEPARATOR = '\n\n---\n\n';

/** Renders one text per language; in `both`, Korean first, then English, with `separator` between them. */
export function perLang(lang: Lang, render: (l: OneLang) => string, separator = BLOCK_SEPARATOR): string {
  if (lang === 'both') return `${render('ko')}${separator}${render('en')}`;
  return render(lang);
}

/** One-line rendering (diagnostics, notifications, tree items, CLI): in `both`, `한국어 / English` (once when equal). */
export function line(m: Msg, lang: Lang): string {
  return lang === 'both' && m.ko === m.en ? m.ko : perLang(lang, (l) => pick(m, l), LINE_SEPARATOR);
}

/** Markdown block rendering (hovers, docs): in `both`, Korean, a rule, then English (once when equal). */
export function block(m: Msg, lang: Lang): string {
  return lang === 'both' && m.ko === m.en ? m.ko : perLang(lang, (l) => pick(m, l), BLOCK_SEPARATOR);
}

/**
 * Markdown code spans as plain text, for the places that show text as it is: VS Code's Problems panel and hover
 * over a squiggle, the light-bulb menu, the CLI's output. The messages keep their code marks in the source (the same
 * texts feed hovers, where they render). A one-word span loses its backticks (`-y` → -y, `COPY` 명령이 → COPY 명령이):
 * flags, paths and keywords read as code on their own, and quotes around every one of them would be noise in both
 * languages. A span with spaces keeps visible bounds as typographic quotes (`tail -f /dev/null` → “tail -f /dev/null”),
 * which Korean and English writing both use for quoting; straight quotes would clash with the quotes commands
 * themselves contain (`nginx -g "daemon off;"`). A backtick that opens no span (shell text quoted as it is) is kept.
 */
export function plainCode(text: string): string {
  return text.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_m, ticks: string, inner: string) => {
    // `` a`b `` : a double-backtick span pads its content with one space on each side.
    const code = ticks.length > 1 && /^ [\s\S]* $/.test(inner) ? inner.slice(1, -1) : inner;
    return /\s/.test(code.trim()) ? `“${code}”` : code;
  });
}

/** `line` for plain-text places (diagnostics, quick-fix titles, the CLI): code spans as plainCode renders them. */
export function plainLine(m: Msg, lang: Lang): string {
  return plainCode(line(m, lang));
}

/**
 * Resolves the language setting (`auto`, `ko`, `en`, `both`; anything else counts as `auto`) against a locale such
 * as VS Code's `ko`, LSP's `ko-KR` or the environment's `ko_KR.UTF-8`: a Korean locale gives Korean, any other English.
 */
export function resolveLang(setting: string | undefined, locale: string | undefined): Lang {
  if (setting === 'ko' || setting === 'en' || setting === 'both') return setting;
  return locale && locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The same, for text that exists in one language only (comments of generated files): `both` counts as `auto`. */
export function resolveOneLang(setting: string | undefined, locale: string | undefined): OneLang {
  const lang = resolveLang(setting, locale);
  return lang === 'both' ? resolveLang('auto', locale) as OneLang : lang;
}
