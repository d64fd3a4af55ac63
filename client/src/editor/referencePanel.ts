/**
 * "Open an instruction's reference" (`dockerfileGuide.showReference`): the full page behind a hover's "More" link,
 * beside the editor. A hover shows what fits its box (about 600 characters); the forms, the layer and cache notes
 * and the longer examples live here, where there is room (issue 18, item 6).
 *
 * From a hover link the argument is the page's id (`RUN`, `RUN --mount`, `# syntax`); from the command palette
 * there is none, and the user picks an instruction (the one under the cursor first).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REFERENCE_REQUEST, SHOW_REFERENCE_COMMAND, type ReferenceParams, type ReferenceResponse } from '../../../common/src/protocol';
import { renderMarkdown, ReusedPanel } from './markdownPanel';
import { OPEN_CONCEPT_COMMAND } from '../../../common/src/concepts';

/**
 * One tab for every page. An instruction's page links its concept page (RUN's layer section: layers-and-cache): that
 * link, and no other command, runs in it.
 */
const panel = new ReusedPanel('dockerfileGuide.reference', { webview: { enableCommandUris: [OPEN_CONCEPT_COMMAND] } });

async function request(client: () => Promise<LanguageClient>, params: ReferenceParams): Promise<ReferenceResponse | null> {
  const lc = await client();
  return (await lc.sendRequest<ReferenceResponse | null>(REFERENCE_REQUEST, params)) ?? null;
}

/** The instruction keyword on the cursor's line, if the active editor is a Dockerfile (the pick list starts there). */
function keywordAtCursor(): string | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== 'dockerfile') return undefined;
  return /^\s*([A-Za-z]+)\b/.exec(ed.document.lineAt(ed.selection.active.line).text)?.[1]?.toUpperCase();
}

/** Shows the page; returns its id, or undefined when the user picked nothing or the id names no page. */
export async function showReference(client: () => Promise<LanguageClient>, idArg?: unknown): Promise<string | undefined> {
  let id = typeof idArg === 'string' ? idArg : undefined;
  if (!id) {
    const all = await request(client, {});
    if (!all) return undefined;
    const here = keywordAtCursor();
    const items = all.list.map((e) => ({ label: e.id, detail: e.summary }));
    items.sort((a, b) => Number(b.label === here) - Number(a.label === here));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t("Open an instruction's reference"), placeHolder: vscode.l10n.t('Type an instruction, e.g. RUN'), matchOnDetail: true });
    if (!picked) return undefined;
    id = picked.label;
  }
  const r = await request(client, { id });
  if (!r?.page) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no reference page for {0}.', id));
    return undefined;
  }
  const html = await renderMarkdown(r.page.markdown);
  if (html === undefined) {
    // No Markdown renderer (the built-in extension disabled): the page as a Markdown document still reads well.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.page.markdown });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return r.page.id;
  }
  panel.show(r.page.title, html);
  return r.page.id;
}

export function registerReferenceCommand(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REFERENCE_COMMAND, (id?: unknown) => showReference(client, id)),
    panel,
  );
}
