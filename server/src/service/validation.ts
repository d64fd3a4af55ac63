/**
 * dockerfile-utils' validation, run chunk by chunk on the cached parse.
 *
 * `validate(text)` in dockerfile-utils parses the whole text again and checks every instruction, ~160 ms on a
 * 10,000-line file. Its per-instruction checks only need the instruction itself, so we call them per chunk and
 * keep the result with the chunk: an edit re-validates only the chunk it touched. The few document-wide checks
 * (no FROM, repeated CMD/ENTRYPOINT/HEALTHCHECK in a stage, duplicate stage names, the `dockerfile-utils: ignore`
 * comment) are redone here on the model, producing exactly what dockerfile-utils would; a test compares both
 * over the whole corpus.
 *
 * The per-instruction methods are not public API of dockerfile-utils, which is why the version is pinned exactly.
 */
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Chunk } from './chunks';
import { ParsedDocument, Instr, shiftRange } from './document';
import { drain } from './steps';

interface Problem extends Diagnostic {
  instructionLine: number | null;
}

interface ValidatorInternals {
  document: unknown;
  checkDirectives(dockerfile: unknown, problems: Problem[]): void;
  validateInstruction(document: unknown, escapeChar: string, instruction: unknown, keyword: string, isTrigger: boolean, problems: Problem[]): void;
  checkVariables(instruction: unknown, problems: Problem[]): void;
}

export const DEFAULT_VALIDATOR_SETTINGS: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.WARNING,
};

const settingsKeys = new WeakMap<ValidatorSettings, string>();
/** The settings as a memo key; kept per settings object (the engine's is one constant), not made per chunk per version. */
function settingsKey(s: ValidatorSettings): string {
  let key = settingsKeys.get(s);
  if (key === undefined) settingsKeys.set(s, (key = 'validator:' + JSON.stringify(s)));
  return key;
}

/** Problems of one chunk, positions relative to the chunk's parsed text; memoised on the chunk. */
function chunkProblems(chunk: Chunk, isFirst: boolean, escapeChar: string, settings: ValidatorSettings): Problem[] {
  const memoKey = settingsKey(settings);
  const cached = chunk.memo.get(memoKey) as Problem[] | undefined;
  if (cached) return cached;
  const v = new Validator(settings) as unknown as ValidatorInternals;
  v.document = chunk.textDocument;
  const problems: Problem[] = [];
  const own = (ins: { getRange(): Range }) => ins.getRange().start.line >= chunk.prefixLines;
  try {
    if (isFirst) v.checkDirectives(chunk.ast, problems);
    for (const ins of chunk.ast.getInstructions()) {
      if (!own(ins)) continue;
      v.validateInstruction(chunk.textDocument, escapeChar, ins, ins.getKeyword(), false, problems);
      v.checkVariables(ins, problems);
    }
    for (const ins of chunk.ast.getOnbuildTriggers()) {
      if (own(ins)) v.validateInstruction(chunk.textDocument, escapeChar, ins, ins.getKeyword(), true, problems);
    }
  } catch {
    // A dockerfile-ast failure on strange text loses this chunk's checks, never the document.
  }
  chunk.memo.set(memoKey, problems);
  return problems;
}

function problem(severity: 1 | 2, line: number | null, range: Range, message: string, code: ValidationCode, tags?: Diagnostic['tags']): Problem {
  return { instructionLine: line, range, message, severity, code, tags, source: 'dockerfile-utils' };
}

function severityOf(s: ValidationSeverity | undefined): 1 | 2 | null {
  return s === ValidationSeverity.ERROR ? 1 : s === ValidationSeverity.WARNING ? 2 : null;
}

/**
 * All dockerfile-utils problems of the document, in document positions. Equivalent to
 * `validate(doc.text, settings)` (same set of diagnostics; order may differ).
 */
export function validatorProblems(doc: ParsedDocument, settings: ValidatorSettings = DEFAULT_VALIDATOR_SETTINGS): Problem[] {
  return drain(validatorProblemsSteps(doc, settings));
}

/** validatorProblems, pausing after each chunk (see slices.ts). */
export function* validatorProblemsSteps(doc: ParsedDocument, settings: ValidatorSettings = DEFAULT_VALIDATOR_SETTINGS): Generator<void, Problem[]> {
  const out: Problem[] = [];
  for (let i = 0; i < doc.placed.length; i++) {
    const pc = doc.placed[i];
    for (const p of chunkProblems(pc.chunk, i === 0, doc.escapeChar, settings)) {
      out.push({
        ...p,
        range: shiftRange(p.range, pc.lineDelta),
        instructionLine: p.instructionLine === null ? null : p.instructionLine + pc.lineDelta,
      });
    }
    yield;
  }

  // No FROM at all, or only ARGs.
  const instrs = doc.instructions;
  if (instrs.length === 0 || instrs.every((i) => i.keyword === 'ARG')) {
    out.push(problem(1, null, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'No source image provided with `FROM`', ValidationCode.NO_SOURCE_IMAGE));
  }
  const firstNonArg = instrs.find((i) => i.keyword !== 'ARG');
  if (firstNonArg && firstNonArg.keyword !== 'FROM') {
    out.push(problem(1, null, firstNonArg.keywordRange, 'No source image provided with `FROM`', ValidationCode.NO_SOURCE_IMAGE));
  }

  // Only the last CMD / ENTRYPOINT / HEALTHCHECK of a stage counts.
  const groups: Instr[][] = [];
  let group: Instr[] = [];
  for (const ins of instrs) {
    if (ins.keyword === 'FROM') {
      groups.push(group);
      group = [];
    } else group.push(ins);
  }
  groups.push(group);
  const multiples: [string, ValidationSeverity | undefined][] = [
    ['CMD', settings.instructionCmdMultiple],
    ['ENTRYPOINT', settings.instructionEntrypointMultiple],
    ['HEALTHCHECK', settings.instructionHealthcheckMultiple],
  ];
  for (const g of groups) {
    for (const [kw, sev] of multiples) {
      const severity = severityOf(sev);
      if (severity === null) continue;
      const same = g.filter((i) => i.keyword === kw);
      for (const ins of same.slice(0, -1)) {
        out.push(
          problem(
            severity,
            ins.keywordRange.start.line,
            ins.keywordRange,
            `There can only be one ${kw} instruction in a Dockerfile or build stage. Only the last one will have an effect.`,
            ValidationCode.MULTIPLE_INSTRUCTIONS,
            [1],
          ),
        );
      }
    }
  }

  // Duplicate stage names (case-insensitive), every occurrence flagged.
  const byName = new Map<string, Instr[]>();
  for (const s of doc.stages) {
    if (s.name === null) continue;
    const key = s.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), s.from]);
  }
  for (const [name, froms] of byName) {
    if (froms.length < 2) continue;
    for (const f of froms) {
      const r = f.fromStageName()!.range;
      out.push(problem(1, f.keywordRange.start.line, r, `duplicate name ${name}`, ValidationCode.DUPLICATE_BUILD_STAGE_NAME));
    }
  }

  // `# dockerfile-utils: ignore` silences the problems of the instruction on the next line.
  const ignored = new Set(doc.comments.filter((c) => c.content === 'dockerfile-utils: ignore').map((c) => c.line + 1));
  return ignored.size === 0 ? out : out.filter((p) => p.instructionLine === null || !ignored.has(p.instructionLine));
}
