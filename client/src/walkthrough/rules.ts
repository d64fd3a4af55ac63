// When a thing the walkthrough asks for counts as done: plain functions of what the feature saw, so that they are
// unit-tested without VS Code.

/** The comment our "ignore this rule here" quick fixes insert (server/src/service/codeActions.ts). */
const IGNORE_COMMENT = /dockerfile-guide\s+ignore\b/;

/**
 * Is a quick fix (the new texts of its edit) a real fix? Hiding the finding with an ignore comment is not what the
 * step "fix a diagnostic" asks for; an action without any edit text (a pure deletion) still is a fix.
 */
export function isRealFix(newTexts: readonly string[]): boolean {
  return !newTexts.some((t) => IGNORE_COMMENT.test(t));
}

/** What the doctor reported, reduced to what the step needs. */
export interface CheckedRun {
  checks: ReadonlyArray<{ ok: boolean }>;
  run: { running: boolean } | null;
}

/** A doctor run "passed": the container ran and every check in the checklist is green. */
export function doctorPassed(r: CheckedRun): boolean {
  return !!r.run?.running && r.checks.length > 0 && r.checks.every((c) => c.ok);
}

/**
 * A Stop ended cleanly: the container exited by itself before the engine's stop timeout ran out, so it was not
 * killed with SIGKILL (exit code 137). The same rule as the doctor's "graceful" stop (common/src/doctor/stop.ts).
 * A negative timeout means the engine never kills; then any exit other than 137 is clean.
 */
export function stoppedCleanly(timeoutS: number, out: { exitCode?: number; seconds: number }): boolean {
  if (out.exitCode === undefined || out.exitCode === 137) return false;
  return timeoutS < 0 || out.seconds < timeoutS;
}
