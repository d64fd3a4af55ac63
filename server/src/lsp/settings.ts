/**
 * The server's view of `dockerfileGuide.*`. Plain LSP clients may send only `initializationOptions`;
 * VS Code sends the whole section through didChangeConfiguration and answers workspace/configuration.
 */
import { Lang, resolveLang } from '../../../common/src/i18n';
import type { SeveritySetting } from '../rules/types';

export interface GuideSettings {
  language: Lang;
  rules: Record<string, SeveritySetting>;
  codeLens: { effectiveCommand: boolean };
  format: { ignoreMultilineInstructions: boolean };
  signatureHelp: { enabled: boolean };
}

export const DEFAULT_SETTINGS: GuideSettings = {
  language: 'en',
  rules: {},
  codeLens: { effectiveCommand: true },
  format: { ignoreMultilineInstructions: true },
  signatureHelp: { enabled: false },
};

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Reads a raw settings object (any shape, from any client) into settings; unknown or bad values keep defaults. */
export function readSettings(raw: unknown, locale: string | undefined, base: GuideSettings = DEFAULT_SETTINGS): GuideSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(obj(r.rules))) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
  }
  const lang = typeof r.language === 'string' ? r.language : undefined;
  return {
    language: lang ? resolveLang(lang, locale) : base.language,
    rules: r.rules !== undefined ? rules : base.rules,
    codeLens: {
      effectiveCommand:
        typeof obj(r.codeLens).effectiveCommand === 'boolean' ? (obj(r.codeLens).effectiveCommand as boolean) : base.codeLens.effectiveCommand,
    },
    format: {
      ignoreMultilineInstructions:
        typeof obj(r.format).ignoreMultilineInstructions === 'boolean'
          ? (obj(r.format).ignoreMultilineInstructions as boolean)
          : base.format.ignoreMultilineInstructions,
    },
    signatureHelp: {
      enabled: typeof obj(r.signatureHelp).enabled === 'boolean' ? (obj(r.signatureHelp).enabled as boolean) : base.signatureHelp.enabled,
    },
  };
}
