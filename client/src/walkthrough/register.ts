// Watches for the walkthrough's real events that the extension can see from outside the features themselves:
// a Dockerfile shown in an editor, the "What runs" explanation tab opened, a build finished. The language client's
// middleware (middleware.ts) sees hovers and quick fixes; the doctor, the layer annotations and Stop report theirs
// where they happen (one `reached(...)` call each).
import * as vscode from 'vscode';
import type { DockerSession } from '../session/dockerSession';
import { EXPLAIN_SCHEME } from '../editor/explainCommand';
import { reached } from './milestones';
import { QUICK_FIX_APPLIED, quickFixApplied } from './middleware';

/** The explanation panel's webview type (explainCommand.ts); VS Code reports it with a prefix of its own. */
const EXPLAIN_VIEW_TYPE = 'dockerfileGuide.explain';

const isDockerfileEditor = (e: vscode.TextEditor | undefined) => e?.document.languageId === 'dockerfile';

function isExplainTab(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputWebview) return input.viewType === EXPLAIN_VIEW_TYPE || input.viewType.endsWith(`-${EXPLAIN_VIEW_TYPE}`);
  // Without the Markdown renderer the explanation opens as its virtual Markdown document.
  return input instanceof vscode.TabInputText && input.uri.scheme === EXPLAIN_SCHEME;
}

export function registerWalkthrough(session: DockerSession): vscode.Disposable[] {
  const seeEditors = (editors: readonly vscode.TextEditor[]) => {
    if (editors.some(isDockerfileEditor)) reached('dockerfileOpened');
  };
  seeEditors(vscode.window.visibleTextEditors);
  return [
    vscode.window.onDidChangeVisibleTextEditors(seeEditors),
    // A file whose language is changed to Dockerfile in an open editor.
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === 'dockerfile') seeEditors(vscode.window.visibleTextEditors);
    }),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      if ([...e.opened, ...e.changed].some(isExplainTab)) reached('explained');
    }),
    session.builds.event(() => reached('built')),
    // Run by VS Code after it has applied one of our server's quick fixes (middleware.ts adds it to the action).
    vscode.commands.registerCommand(QUICK_FIX_APPLIED, quickFixApplied),
  ];
}
