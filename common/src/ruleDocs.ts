/**
 * Where a rule's explanation can be opened: the rule reference docs/rules.md (scripts/rules-doc.ts writes it, the
 * .vsix ships it), never a web page of ours (the project has no public home). The language server links each
 * diagnostic's code and each hover's "Documentation / 문서" to it, in the form the client can open:
 *  - VS Code (our client says it runs our command links with `initializationOptions.commandLinks: true`, the one
 *    option that also gives hovers their first screen): a `command:` URI of
 *    dockerfileGuide.showRule, which shows the rule's section of the shipped docs/rules.md. VS Code opens a
 *    diagnostic's code link with commands allowed (hover, peek and Problems panel alike).
 *  - Other LSP clients: a file URI of the installed docs/rules.md with the rule's heading as fragment, where that file
 *    is installed beside the server; else the rule's own upstream page (Docker's build checks, hadolint's wiki);
 *    else no link.
 * The client and the server import these names from here, so the command and the anchors cannot drift apart.
 */
import { pathToFileURL } from 'node:url';

export const SHOW_RULE_COMMAND = 'dockerfileGuide.showRule';

/** The `command:` URI VS Code runs as `dockerfileGuide.showRule(id)`; arguments are a URI-encoded JSON array. */
export function showRuleLink(id: string): string {
  return `command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/**
 * The fragment of a rule's `### ID` heading in docs/rules.md as Markdown renderers make it (GitHub, VS Code's
 * preview): lower case; rule ids are letters and digits only, so nothing else changes.
 */
export function ruleAnchor(id: string): string {
  return id.toLowerCase();
}

/** A file URI of an installed docs/rules.md, at the rule's heading. */
export function rulesFileLink(rulesMd: string, id: string): string {
  return `${pathToFileURL(rulesMd).href}#${ruleAnchor(id)}`;
}

export interface RuleSection {
  id: string;
  /** The line under the heading: default severity, English and Korean title, whether a quick fix exists. */
  summary: string;
  /** The rule's title in each language, from the summary line (`**severity** · English · 한국어[ · quick fix …]`). */
  title: { en: string; ko: string };
  /** The section's Markdown without its heading: summary, the why in both languages, the upstream page if any. */
  body: string;
}

/** Every rule section of docs/rules.md (`### ID` headings), in the file's order. */
export function ruleSections(markdown: string): RuleSection[] {
  const out: RuleSection[] = [];
  // A section runs to the next heading of any level (the next rule or the next group).
  const parts = markdown.split(/^(?=#{1,3} )/m);
  for (const part of parts) {
    const m = /^### (\S+)[^\n]*\n([\s\S]*)$/.exec(part);
    if (!m) continue;
    const body = m[2].trim();
    const summary = body.split('\n')[0] ?? '';
    const [, en = '', ko = ''] = summary.split(' · ');
    out.push({ id: m[1], summary, title: { en, ko }, body });
  }
  return out;
}

/** One rule's section, or null when docs/rules.md has no such rule. */
export function ruleSection(markdown: string, id: string): RuleSection | null {
  return ruleSections(markdown).find((s) => s.id === id) ?? null;
}
