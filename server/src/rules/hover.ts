/**
 * The "why" of a rule, shown in the hover over its diagnostic: rule id, title, one paragraph, documentation link.
 */
import type { Position } from 'vscode-languageserver-types';
import { perLang, pick, type Lang, type Msg, type OneLang } from '../../../common/src/i18n';
import { contains, ParsedDocument } from '../service/document';
import { runRules, RuleOptions } from './engine';
import { ALL_RULES, ruleById } from './registry';
import { UPSTREAM_RULE_DOCS, type GuideDiagnostic, type Rule, type RuleDocLink } from './types';
import { conceptLink, RULE_CONCEPTS } from '../docs/concepts';

const DOCS: Msg = { ko: '문서', en: 'Documentation' };

/**
 * Markdown for one rule in one language setting; `docs` says where its documentation link points. `concepts`: the
 * client opens concept pages (`dockerfileGuide.openConcept`), so a rule that rests on one links it after its "why".
 */
export function ruleMarkdown(rule: Rule, lang: Lang, docs: RuleDocLink = UPSTREAM_RULE_DOCS, concepts = false): string {
  const href = docs(rule.id, rule.url);
  const slug = concepts ? RULE_CONCEPTS[rule.id] : undefined;
  const links = (l: OneLang) => [href ? `[${pick(DOCS, l)}: ${rule.id}](${href})` : '', slug ? conceptLink(slug, l) : ''].filter(Boolean).join(' · ');
  const link = (l: OneLang) => (links(l) ? `\n\n${links(l)}` : '');
  const one = (l: OneLang) => `**${rule.id}** — ${pick(rule.title, l)}\n\n${pick(rule.why, l)}${link(l)}`;
  return perLang(lang, one);
}

/**
 * Markdown explaining every rule with a diagnostic at the position (rules run on the cached parse and are memoised
 * per version, so this is free after diagnostics were computed with the same options object); null when none.
 */
export function ruleWhyHover(doc: ParsedDocument, position: Position, lang: Lang, options: RuleOptions = {}, docs: RuleDocLink = UPSTREAM_RULE_DOCS, concepts = false): string | null {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const d of runRules(doc, options)) {
    if (!contains(d.range, position) || seen.has(d.code)) continue;
    const rule = ruleById(d.code);
    if (!rule) continue;
    seen.add(d.code);
    parts.push(ruleMarkdown(rule, lang, docs, concepts));
  }
  return parts.length ? parts.join('\n\n---\n\n') : null;
}

/**
 * The rule explanations for a hover, from diagnostics already computed (the worker's, for big documents): the same
 * text as ruleWhyHover, without running the rules again on this thread.
 */
export function ruleWhyFromDiagnostics(list: GuideDiagnostic[], position: Position, lang: Lang, docs: RuleDocLink = UPSTREAM_RULE_DOCS, concepts = false): string | null {
  const hits = new Set<string>();
  for (const d of list) {
    // Only the rule engine's findings (data.rule); a dockerfile-utils problem can carry a key that is also a rule id.
    if ((d.data as { rule?: unknown } | undefined)?.rule !== d.code) continue;
    if (contains(d.range, position) && ruleById(d.code)) hits.add(d.code);
  }
  // In registry order, as the engine runs the rules (the list itself is sorted by position).
  const parts = ALL_RULES.filter((r) => hits.has(r.id)).map((r) => ruleMarkdown(r, lang, docs, concepts));
  return parts.length ? parts.join('\n\n---\n\n') : null;
}
