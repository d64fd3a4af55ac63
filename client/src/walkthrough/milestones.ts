// The walkthrough's milestones ("도커파일 가이드 시작하기 / Get started with Dockerfile Guide", package.json
// contributes.walkthroughs): each step completes on `onContext:dockerfileGuide.walkthrough.<milestone>`, and this
// module sets that context key when the real thing has happened (a Dockerfile editor opened, our hover answered,
// one of our quick fixes applied, ...), never on a button click alone. VS Code keeps a completed step in its own
// storage (the profile's "gettingStartedService" memento), so the keys live for the window only: setting them again
// after a restart is not needed, and not doing it keeps "Reset Welcome Page Walkthrough Progress" meaningful.
import * as vscode from 'vscode';
import { contextKey, MILESTONES, type Milestone } from './keys';

export type { Milestone } from './keys';

const reachedSet = new Set<Milestone>();
const emitter = new vscode.EventEmitter<Milestone>();

/** Fires once per milestone and window, when it is first reached. */
export const onMilestone = emitter.event;

/** Records that the user did `m` for real; the walkthrough's step for it gets its check mark. */
export function reached(m: Milestone): void {
  if (reachedSet.has(m)) return;
  reachedSet.add(m);
  void vscode.commands.executeCommand('setContext', contextKey(m), true);
  emitter.fire(m);
}

/** The milestones reached in this window, in walkthrough order (the tests read it through the extension's API). */
export function reachedMilestones(): Milestone[] {
  return MILESTONES.filter((m) => reachedSet.has(m));
}

/** Forgets every milestone and clears its context key (the e2e tests start each scenario from nothing). */
export function forgetMilestones(): void {
  for (const m of reachedSet) void vscode.commands.executeCommand('setContext', contextKey(m), false);
  reachedSet.clear();
}
