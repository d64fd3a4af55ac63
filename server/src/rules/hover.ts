/**
 * The "why" of a rule, shown in the hover over its diagnostic: rule id, title, one paragraph, documentation link.
 */
import type { Position } from 'vscode-languageserver-types';
import { perLang, pick, type Lang, type Msg, type OneLang } from '../../../common/src/i18n';
import { contains, ParsedDocument } from '../service/document';
import { runRules, RuleOptions } from './engine';
import { ruleById } from './registry';
import type { Rule } from './types';

const DOCS: Msg = { ko: '문서', en: 'Documentation' };

/** Markdown for one rule in one language setting. */
export function ruleMarkdown(rule: Rule, lang: Lang): string {
  const one = (l: OneLang) => `**${rule.id}** — ${pick(rule.title, l)}\n\n${pick(rule.why, l)}\n\n[${pick(DOCS, l)}: ${rule.id}](${rule.url})`;
  return perLang(lang, one);
}

/**
 * Markdown explaining every rule with a diagnostic at the position (rules run on the cached parse and are memoised
 * per version, so this is free after diagnostics were computed with the same options object); null when none.
 */
export function ruleWhyHover(doc: ParsedDocument, position: Position, lang: Lang, options: RuleOptions = {}): string | null {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const d of runRules(doc, options)) {
    if (!contains(d.range, position) || seen.has(d.code)) continue;
    const rule = ruleById(d.code);
    if (!rule) continue;
    seen.add(d.code);
    parts.push(ruleMarkdown(rule, lang));
  }
  return parts.length ? parts.join('\n\n---\n\n') : null;
}
