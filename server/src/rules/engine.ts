/**
 * Runs the rules over a parsed document: severity from settings / CLI overrides, then `.hadolint.yaml`, then the
 * rule's default (config.ts); whole-file and per-instruction suppression (suppression.ts). The result is memoised
 * per document version and options object, so hover and code actions on the same version cost nothing.
 */
import { ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../service/document';
import type { GuideDiagnostic } from '../service/diagnostics';
import { DEFAULT_VALIDATOR_SETTINGS } from '../service/validation';
import { effectiveSeverity, readProjectConfig } from './config';
import { ALL_RULES } from './registry';
import { readSuppressions, skippedForFile, suppressedAt } from './suppression';
import type { Rule, RuleContext, Severity, SeveritySetting } from './types';

export interface RuleOptions {
  /** Per-rule severity overrides (`{"DL3008": "off"}`), from settings or `--rule` in the CLI. */
  rules?: Record<string, SeveritySetting>;
  readContextFile?: RuleContext['readContextFile'];
  validatorSettings?: ValidatorSettings;
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

/**
 * dockerfile-utils settings to use next to the rules: its checks that one of our rules says better are switched off,
 * so a problem is never reported twice (ConsistentInstructionCasing, MaintainerDeprecated, NoEmptyContinuation,
 * MultipleInstructionsDisallowed, JSONArgsRecommended's single-quote message, WorkdirRelativePath).
 */
export const ENGINE_VALIDATOR_SETTINGS: ValidatorSettings = {
  ...DEFAULT_VALIDATOR_SETTINGS,
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  instructionJSONInSingleQuotes: ValidationSeverity.IGNORE,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

/**
 * dockerfile-utils problems that no setting turns off but a rule replaces: drop them from the validator's output.
 * (`duplicateBuildStageName` → DuplicateStageName, which flags the repeats only.)
 */
export function isSupersededValidatorCode(code: unknown): boolean {
  return code === ValidationCode.DUPLICATE_BUILD_STAGE_NAME;
}

/** The severity a rule runs with for this document and options; `off` when disabled. */
export function ruleSeverity(rule: Rule, options: RuleOptions): SeveritySetting {
  return effectiveSeverity(rule.id, rule.severity, options.rules, readProjectConfig(options.readContextFile));
}

const memo = new WeakMap<ParsedDocument, { options: RuleOptions; out: GuideDiagnostic[] }>();

export function runRules(doc: ParsedDocument, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES): GuideDiagnostic[] {
  const cached = rules === ALL_RULES ? memo.get(doc) : undefined;
  if (cached && cached.options === options) return cached.out;
  const out: GuideDiagnostic[] = [];
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile };
  const project = readProjectConfig(options.readContextFile);
  const sup = readSuppressions(doc);
  for (const rule of rules) {
    const severity = effectiveSeverity(rule.id, rule.severity, options.rules, project);
    if (severity === 'off' || skippedForFile(sup, rule.id)) continue;
    let findings;
    try {
      findings = rule.check(ctx);
    } catch {
      continue; // a rule that trips over strange input must not take the others down
    }
    for (const f of findings) {
      if (suppressedAt(sup, doc, rule.id, f.range)) continue;
      out.push({
        range: f.range,
        severity: SEVERITY[severity],
        code: rule.id,
        message: f.message,
        source: 'dockerfile-guide',
        tags: f.tags && f.tags.length ? f.tags : undefined,
        href: rule.url,
        data: { rule: rule.id, ...(f.data ?? {}) },
      });
    }
  }
  if (rules === ALL_RULES) memo.set(doc, { options, out });
  return out;
}
