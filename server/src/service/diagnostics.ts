/**
 * All diagnostics of one document version: dockerfile-utils' validation plus the rule engine, as bilingual
 * messages. Computed once per version, rendered in the user's language at the edge.
 */
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { plainCode, type Msg } from '../../../common/src/i18n';
import type { ParsedDocument } from './document';
import { type GuideDiagnostic, type RuleDocLink, SOURCE, UPSTREAM_RULE_DOCS } from '../rules/types';
import { validatorProblemsSteps } from './validation';
import { drain } from './steps';
import { translateValidatorMessage } from './validatorMessages';
import { ENGINE_VALIDATOR_SETTINGS, isSupersededValidatorCode, runRulesSteps, type RuleOptions } from '../rules/engine';

export function computeDiagnostics(doc: ParsedDocument, options: RuleOptions = {}): GuideDiagnostic[] {
  return drain(diagnosticsSteps(doc, options));
}

/**
 * computeDiagnostics, pausing between chunks, RUN shells and rules, so that the server can check a long document
 * in slices between requests (slices.ts).
 */
export function* diagnosticsSteps(doc: ParsedDocument, options: RuleOptions = {}): Generator<void, GuideDiagnostic[]> {
  const out: GuideDiagnostic[] = [];
  // dockerfile-utils checks that a rule covers better are switched off, so one problem is never reported twice.
  for (const p of yield* validatorProblemsSteps(doc, options.validatorSettings ?? ENGINE_VALIDATOR_SETTINGS)) {
    if (isSupersededValidatorCode(p.code, typeof p.message === 'string' ? p.message : p.message.value, p.range)) continue;
    const { key, message } = translateValidatorMessage(typeof p.message === 'string' ? p.message : p.message.value);
    out.push({
      range: p.range,
      severity: (p.severity ?? 1) as DiagnosticSeverity,
      code: key,
      message,
      source: SOURCE,
      tags: p.tags && p.tags.length ? p.tags : undefined,
      href: 'https://github.com/rcjsuen/dockerfile-utils#validation',
      data: { validator: p.code },
    });
  }
  out.push(...(yield* runRulesSteps(doc, options)));
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/**
 * Render for LSP in one language, as plain text (the Problems panel shows no Markdown: common/src/i18n.ts plainCode). A grouped diagnostic's members (rules/grouping.ts) become relatedInformation in
 * the same document, which needs its uri; without one they are left out (the message still names their lines).
 * A rule's finding links to the rule's explanation where `docs` says the client can open it; a dockerfile-utils
 * problem keeps the validator's own page.
 */
export function toLspDiagnostic(d: GuideDiagnostic, render: (m: Msg) => string, uri?: string, docs: RuleDocLink = UPSTREAM_RULE_DOCS): Diagnostic {
  const fromRule = (d.data as { rule?: unknown } | undefined)?.rule === d.code;
  const href = fromRule ? docs(d.code, d.href) : d.href;
  return {
    range: d.range,
    severity: d.severity,
    code: d.code,
    codeDescription: href ? { href } : undefined,
    source: d.source,
    message: plainCode(render(d.message)),
    tags: d.tags,
    data: d.data,
    relatedInformation: d.related && uri ? d.related.map((r) => ({ location: { uri, range: r.range }, message: plainCode(render(r.message)) })) : undefined,
  };
}
