/**
 * The shell of a document's RUN instructions as the rules read it: every POSIX-shell RUN with its parsed commands,
 * worked out once per document version, and per-shell memos for the views derived from it (apt, apk, pip).
 */
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { instrShell, type InstrShell } from '../../service/shell/binding';
import { drain } from '../../service/steps';

export interface RunShell {
  instr: Instr;
  shell: InstrShell;
}

const runShellsMemo = new WeakMap<ParsedDocument, RunShell[]>();

/**
 * Every shell-form RUN (and `RUN ["sh", "-c", …]`) with its parsed shell, in document order. Memoised per document
 * version: a dozen rules read it, and each RUN's parse is itself cached per AST (instrShell).
 */
export function runShells(doc: ParsedDocument): RunShell[] {
  return runShellsMemo.get(doc) ?? drain(runShellsSteps(doc));
}

/** Builds runShells' memo, pausing after each RUN it parses (see service/slices.ts). */
export function* runShellsSteps(doc: ParsedDocument): Generator<void, RunShell[]> {
  const known = runShellsMemo.get(doc);
  if (known) return known;
  const out: RunShell[] = [];
  // RUNs under `SHELL ["powershell", …]` / `["cmd", "/S", "/C"]` are not POSIX shell: leave them out. SHELL is
  // inherited through `FROM <stage>`.
  const nonPosix = new Map<Stage, boolean>();
  let current: Stage | undefined;
  let foreign = false;
  for (const instr of doc.instructions) {
    if (instr.stage !== current) {
      if (current) nonPosix.set(current, foreign);
      current = instr.stage;
      foreign = current?.parent ? (nonPosix.get(current.parent) ?? false) : false;
    }
    if (instr.keyword === 'SHELL') {
      const first = instr.jsonStrings()?.[0]?.value ?? '';
      foreign = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i.test(first);
      continue;
    }
    if (instr.keyword !== 'RUN' || foreign) continue;
    const shell = instrShell(instr);
    if (shell) out.push({ instr, shell });
    yield;
  }
  runShellsMemo.set(doc, out);
  return out;
}

/** A per-shell memo for a view derived from one RUN's commands (apt, apk, pip invocations). */
export function memoShell<T>(cache: WeakMap<InstrShell, T>, shell: InstrShell, compute: () => T): T {
  let v = cache.get(shell);
  if (v === undefined) {
    v = compute();
    cache.set(shell, v);
  }
  return v;
}
