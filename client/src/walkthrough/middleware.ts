// The language client's middleware for the walkthrough: it sees our hover answering (step "hover an instruction")
// and marks our server's quick fixes so that applying one is noticed (step "fix a diagnostic"). VS Code runs a code
// action's command after it has applied the action's edit, and only when the user (or a caller) applies the action:
// offering the light bulb alone runs nothing. Actions keep their title, edit and kind.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { reached } from './milestones';
import { isRealFix } from './rules';

/** Internal (not in the palette): run after one of our quick fixes was applied, then the action's own command. */
export const QUICK_FIX_APPLIED = 'dockerfileGuide.walkthrough.quickFixApplied';

export function quickFixApplied(original?: vscode.Command): Thenable<unknown> | undefined {
  reached('fixed');
  return original ? vscode.commands.executeCommand(original.command, ...(original.arguments ?? [])) : undefined;
}

/** The new texts an action's edit inserts (for telling a fix from an ignore comment). */
function newTexts(edit: vscode.WorkspaceEdit | undefined): string[] {
  return edit ? edit.entries().flatMap(([, edits]) => edits.map((e) => e.newText)) : [];
}

export const walkthroughMiddleware: Middleware = {
  async provideHover(document, position, token, next) {
    const hover = await next(document, position, token);
    // Our hover answered for a Dockerfile: that is what the step asks the user to see. (A hover asked for through
    // the API goes the same way; the provider cannot tell a mouse from a command.)
    if (hover && document.languageId === 'dockerfile') reached('hovered');
    return hover;
  },
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    if (!actions || document.languageId !== 'dockerfile') return actions;
    for (const a of actions) {
      if (a instanceof vscode.CodeAction && a.edit && isRealFix(newTexts(a.edit))) {
        a.command = { title: a.title, command: QUICK_FIX_APPLIED, arguments: a.command ? [a.command] : [] };
      }
    }
    return actions;
  },
};
