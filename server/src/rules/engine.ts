/**
 * Runs the rules over a parsed document. This is the seam the rule engine grows from: severity overrides,
 * inline suppression and `.hadolint.yaml` belong here.
 */
import type { ValidatorSettings } from 'dockerfile-utils';
import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../service/document';
import type { GuideDiagnostic } from '../service/diagnostics';
import { ALL_RULES } from './registry';
import type { RuleContext, Severity, SeveritySetting } from './types';

export interface RuleOptions {
  /** Per-rule severity overrides (`{"DL3008": "off"}`). */
  rules?: Record<string, SeveritySetting>;
  readContextFile?: RuleContext['readContextFile'];
  validatorSettings?: ValidatorSettings;
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function runRules(doc: ParsedDocument, options: RuleOptions): GuideDiagnostic[] {
  const out: GuideDiagnostic[] = [];
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile };
  for (const rule of ALL_RULES) {
    const severity = options.rules?.[rule.id] ?? rule.severity;
    if (severity === 'off') continue;
    let findings;
    try {
      findings = rule.check(ctx);
    } catch {
      continue; // a rule that trips over strange input must not take the others down
    }
    for (const f of findings) {
      out.push({
        range: f.range,
        severity: SEVERITY[severity],
        code: rule.id,
        message: f.message,
        source: 'dockerfile-guide',
        tags: f.tags,
        href: rule.url,
        data: { rule: rule.id, ...(f.data ?? {}) },
      });
    }
  }
  return out;
}
