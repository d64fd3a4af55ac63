/**
 * All diagnostics of one document version: dockerfile-utils' validation plus the rule engine, as bilingual
 * messages. Computed once per version, rendered in the user's language at the edge.
 */
import type { Diagnostic, DiagnosticSeverity, Position, Range } from 'vscode-languageserver-types';
import type { Lang, Msg } from '../../../common/src/i18n';
import { contains, ParsedDocument } from './document';
import { ruleMarkdown } from '../rules/hover';
import { ALL_RULES, ruleById } from '../rules/registry';
import { validatorProblemsSteps } from './validation';
import { drain } from './steps';
import { translateValidatorMessage } from './validatorMessages';
import { ENGINE_VALIDATOR_SETTINGS, isSupersededValidatorCode, runRulesSteps, RuleOptions } from '../rules/engine';

export const SOURCE = 'dockerfile-guide';

export interface GuideDiagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /** Rule id (`DL3008`, `JSONArgsRecommended`, `DG101`) or dockerfile-utils message key (`instructionCasing`). */
  code: string;
  message: Msg;
  source: typeof SOURCE;
  tags?: Diagnostic['tags'];
  href?: string;
  data?: Record<string, unknown>;
}

export interface DiagnosticOptions extends RuleOptions {}

export function computeDiagnostics(doc: ParsedDocument, options: DiagnosticOptions = {}): GuideDiagnostic[] {
  return drain(diagnosticsSteps(doc, options));
}

/**
 * computeDiagnostics, pausing between chunks, RUN shells and rules, so that the server can check a long document
 * in slices between requests (slices.ts).
 */
export function* diagnosticsSteps(doc: ParsedDocument, options: DiagnosticOptions = {}): Generator<void, GuideDiagnostic[]> {
  const out: GuideDiagnostic[] = [];
  // dockerfile-utils checks that a rule covers better are switched off, so one problem is never reported twice.
  for (const p of yield* validatorProblemsSteps(doc, options.validatorSettings ?? ENGINE_VALIDATOR_SETTINGS)) {
    if (isSupersededValidatorCode(p.code, typeof p.message === 'string' ? p.message : p.message.value)) continue;
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

/** Render for LSP in one language. */
export function toLspDiagnostic(d: GuideDiagnostic, render: (m: Msg) => string): Diagnostic {
  return {
    range: d.range,
    severity: d.severity,
    code: d.code,
    codeDescription: d.href ? { href: d.href } : undefined,
    source: d.source,
    message: render(d.message),
    tags: d.tags,
    data: d.data,
  };
}

/**
 * The rule explanations for a hover, from diagnostics already computed (the worker's, for big documents): the same
 * text as rules/hover.ts ruleWhyHover, without running the rules again on this thread.
 */
export function ruleWhyFromDiagnostics(list: GuideDiagnostic[], position: Position, lang: Lang): string | null {
  const hits = new Set<string>();
  for (const d of list) {
    // Only the rule engine's findings (data.rule); a dockerfile-utils problem can carry a key that is also a rule id.
    if ((d.data as { rule?: unknown } | undefined)?.rule !== d.code) continue;
    if (contains(d.range, position) && ruleById(d.code)) hits.add(d.code);
  }
  // In registry order, as the engine runs the rules (the list itself is sorted by position).
  const parts = ALL_RULES.filter((r) => hits.has(r.id)).map((r) => ruleMarkdown(r, lang));
  return parts.length ? parts.join('\n\n---\n\n') : null;
}
