/**
 * Runs the rules over a parsed document: severity from settings / CLI overrides, then `.hadolint.yaml`, then the
 * rule's default (config.ts); whole-file and per-instruction suppression (suppression.ts). The result is memoised
 * per document version and options object, so hover and code actions on the same version cost nothing.
 */
import { ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import type { DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../service/document';
import { DEFAULT_VALIDATOR_SETTINGS } from '../service/validation';
import { effectiveSeverity, readProjectConfig } from './config';
import { ALL_RULES } from './registry';
import { readSuppressions, skippedForFile, suppressedAt } from './suppression';
import { runShellsSteps } from './helpers/shell';
import { localFindings, localRulesApply } from './localRules';
import { groupRepeats } from './grouping';
import type { PlacedChunk } from '../service/chunks';
import { drain } from '../service/steps';
import { type Finding, type GuideDiagnostic, type Rule, type RuleContext, type Severity, type SeveritySetting, SOURCE } from './types';

export interface RuleOptions {
  /** Per-rule severity overrides (`{"DL3008": "off"}`), from settings or `--rule` in the CLI. */
  rules?: Record<string, SeveritySetting>;
  readContextFile?: RuleContext['readContextFile'];
  contextEntries?: RuleContext['contextEntries'];
  validatorSettings?: ValidatorSettings;
  /**
   * Where the crash of a rule's check or fix is reported (the server logs it; the worker thread sends it to the
   * server's log; tests and the fuzzer treat a report as a failure). The rule that crashed is left out, nothing else.
   */
  onRuleError?: (ruleId: string, error: unknown) => void;
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
 * dockerfile-utils problems that no setting turns off but a rule replaces, or that are wrong: drop them from the
 * validator's output.
 * - `duplicateBuildStageName` → DuplicateStageName, which flags the repeats only.
 * - `--retries must be at least 1 (not 0)` (`flagAtLeastOne`, which dockerfile-utils emits for HEALTHCHECK
 *   `--retries` only): `--retries=0` means the default (3) and is accepted since dockerfile 1.5 / BuildKit 0.11 /
 *   Docker Engine 24.0 (BuildKit frontend/dockerfile/instructions/parse.go: only a negative value is an error).
 *   Only the `(not 0)` problem is dropped: a negative value keeps its error.
 * - `noSourceImage` on an instruction (the first one that is neither ARG nor FROM) → DL3061, which names that
 *   instruction. Its other form, at 0:0 with no width for a document that has no instruction but ARG, stays: no
 *   rule reports a missing FROM there.
 * - `invalidDestination` (COPY/ADD with several sources and a destination not ending in `/` or `\`) → DL3021, which
 *   makes the same test on the same word (and reads a quoted `"/dest/"` as the builder does), with a quick fix.
 */
export function isSupersededValidatorCode(code: unknown, message: string, range: Range): boolean {
  if (code === ValidationCode.FLAG_AT_LEAST_ONE) return /\(not 0\)$/.test(message);
  if (code === ValidationCode.NO_SOURCE_IMAGE) return !isEmptyRange(range);
  return code === ValidationCode.DUPLICATE_BUILD_STAGE_NAME || code === ValidationCode.INVALID_DESTINATION;
}

function isEmptyRange(r: Range): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

/**
 * Docker build checks and hadolint rules that mean the same thing. Users know both names, so an override, a
 * `check=skip`, a `# hadolint ignore=` or our ignore comment naming either id applies to both, and when both fire on
 * the same line only the first in registry order (the BuildKit check, which carries the quick fix) is kept.
 */
const EQUIVALENT_RULES: readonly (readonly string[])[] = [
  ['JSONArgsRecommended', 'DL3025'],
  ['WorkdirRelativePath', 'DL3000'],
  ['MaintainerDeprecated', 'DL4000'],
  ['MultipleInstructionsDisallowed', 'DL4003', 'DL4004'],
  ['DuplicateStageName', 'DL3024'],
];
const GROUP = new Map<string, readonly string[]>();
for (const g of EQUIVALENT_RULES) for (const id of g) GROUP.set(id, g);

/** The rule id and the ids that mean the same. */
export function equivalentIds(id: string): readonly string[] {
  return GROUP.get(id) ?? [id];
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/**
 * The severity one finding is shown with: the rule's, raised to the finding's `atLeast` or lowered to its `atMost`,
 * unless the user or the project chose the rule's severity themselves.
 */
export function findingSeverity(rule: Rule, finding: Finding, severity: Severity, options: RuleOptions): Severity {
  let own = severity;
  if (finding.atLeast && RANK[finding.atLeast] > RANK[own]) own = finding.atLeast;
  if (finding.atMost && RANK[finding.atMost] < RANK[own]) own = finding.atMost;
  if (own === severity) return severity;
  const project = readProjectConfig(options.readContextFile);
  const chosen = equivalentIds(rule.id).some((id) => options.rules?.[id] || project?.rules[id]);
  return chosen ? severity : own;
}

/** The severity a rule runs with for this document and options; `off` when disabled. */
export function ruleSeverity(rule: Rule, options: RuleOptions): SeveritySetting {
  return severityFor(rule, options.rules, readProjectConfig(options.readContextFile));
}

function severityFor(rule: Rule, user: RuleOptions['rules'], project: ReturnType<typeof readProjectConfig>): SeveritySetting {
  const ids = equivalentIds(rule.id);
  if (ids.length === 1) return effectiveSeverity(rule.id, rule.severity, user, project);
  // The rule's own id first, then its equivalents, at each level (settings, then project file).
  for (const id of ids) if (user?.[id]) return user[id];
  for (const id of ids) if (project?.rules[id]) return project.rules[id];
  return rule.severity;
}

/**
 * Memo per document version. Callers build a fresh options object per request, so the key is what decides the
 * result: the overrides (by content) and the project config (readProjectConfig returns one object per file text).
 * CopyIgnoredFile also reads .dockerignore, and DG120/DG121 list the context's folders; a hover on the same version
 * right after diagnostics may show a result computed before a .dockerignore edit or a new file, which the next
 * document version corrects.
 */
const memo = new WeakMap<ParsedDocument, { key: string; project: unknown; out: GuideDiagnostic[] }>();

/** Where a rule's crash goes when the caller gave no sink: nowhere (the CLI's and the tests' default). */
const ignoreRuleError = (): void => undefined;

export function runRules(doc: ParsedDocument, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES): GuideDiagnostic[] {
  return drain(runRulesSteps(doc, options, rules));
}

/** runRules, pausing after each rule (and through the shared shell parse first): see service/slices.ts. */
export function* runRulesSteps(doc: ParsedDocument, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES): Generator<void, GuideDiagnostic[]> {
  const project = readProjectConfig(options.readContextFile);
  const key = JSON.stringify(options.rules ?? {}) + (options.readContextFile ? '+ctx' : '') + (options.contextEntries ? '+ls' : '');
  const cached = rules === ALL_RULES ? memo.get(doc) : undefined;
  if (cached && cached.key === key && cached.project === project) return cached.out;
  // A dozen rules read the RUN instructions' shell parse. Built here a few RUNs at a time, it is not one long step
  // inside whichever rule happens to ask first (90 ms on a cold 10,000-line document).
  yield* runShellsSteps(doc);
  const out: GuideDiagnostic[] = [];
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile, contextEntries: options.contextEntries };
  const sup = readSuppressions(doc);
  // Rules that judge one instruction at a time keep their findings per chunk (localRules.ts).
  const perChunk = localRulesApply(doc);
  const reportRuleError = options.onRuleError ?? ignoreRuleError;
  const views = new Map<PlacedChunk, ParsedDocument>();
  /** Lines already reported per equivalence group (first id of the group). */
  const taken = new Map<string, Set<number>>();
  for (const rule of rules) {
    const severity = severityFor(rule, options.rules, project);
    const ids = equivalentIds(rule.id);
    if (severity === 'off' || ids.some((id) => skippedForFile(sup, id))) continue;
    let findings;
    try {
      findings = perChunk && rule.local ? localFindings(doc, rule, views, reportRuleError) : rule.check(ctx);
    } catch (e) {
      // A rule that trips over strange input must not take the others down, but it must not go unnoticed either.
      reportRuleError(rule.id, e);
      continue;
    }
    const group = ids.length > 1 ? ids[0] : null;
    let lines: Set<number> | undefined;
    if (group) {
      lines = taken.get(group);
      if (!lines) taken.set(group, (lines = new Set()));
    }
    // Lines this rule reports are added to its group after its own findings: a rule may report one line twice,
    // only an equivalent rule that reported it first hides it.
    const added: number[] = [];
    const own: GuideDiagnostic[] = [];
    for (const f of findings) {
      if (ids.some((id) => suppressedAt(sup, doc, id, f.range))) continue;
      if (lines) {
        if (lines.has(f.range.start.line)) continue;
        added.push(f.range.start.line);
      }
      own.push({
        range: f.range,
        severity: SEVERITY[findingSeverity(rule, f, severity, options)],
        code: rule.id,
        message: f.message,
        source: SOURCE,
        tags: f.tags && f.tags.length ? f.tags : undefined,
        href: rule.url,
        data: { rule: rule.id, ...(f.data ?? {}) },
        ...(f.inFile ? { inFile: f.inFile } : {}),
      });
    }
    for (const l of added) lines!.add(l);
    // The same problem on many RUNs becomes one diagnostic (grouping.ts), after suppression and the dedupe above.
    // A loop, not push(...): a generated file can give one rule tens of thousands of findings.
    for (const d of groupRepeats(doc, rule, own)) out.push(d);
    yield;
  }
  if (rules === ALL_RULES) memo.set(doc, { key, project, out });
  return out;
}
