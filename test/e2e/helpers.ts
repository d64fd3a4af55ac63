// Helpers for e2e tests: they run inside the extension host and use the real `vscode` API.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dockerfile-guide.dockerfile-guide';
export const HANGUL = /[\uac00-\ud7a3]/;

/** The API our activate() returns (client/src/extension.ts). */
export interface GuideApi {
  languageClient(): Promise<{ isRunning(): boolean; initializeResult?: { capabilities: Record<string, unknown> } }>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `probe` until `ok` accepts its value (language servers answer asynchronously: diagnostics are
 * debounced, settings travel by notification). Throws with the last value seen.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  ok: (value: T) => boolean,
  message: string,
  timeoutMs = 15_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error ${String(lastError)}` : JSON.stringify(last, null, 1)?.slice(0, 1500);
      throw new Error(`${message}: not reached within ${timeoutMs} ms; last: ${seen}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * Runs a command that asks questions in quick inputs (a tag box, a wizard's picks) and answers each with its
 * default, as a user pressing Enter would, until the command returns. Enter is pressed again every 300 ms rather
 * than once after a fixed pause: on a busy machine the box can appear later than any pause, and one early Enter
 * then leaves it open and the command waiting forever. An Enter with no quick input open does nothing.
 */
export async function runAcceptingDefaults<T>(command: string, ...args: unknown[]): Promise<T> {
  let done = false;
  const running = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    await sleep(300);
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return running;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run needs a workspace folder');
  return folder.uri.fsPath;
}

/** Activates the extension (if needed) and waits until its language server is running. */
export async function startedExtension(): Promise<{ extension: vscode.Extension<GuideApi>; api: GuideApi }> {
  const extension = vscode.extensions.getExtension<GuideApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  const client = await api.languageClient();
  await waitFor(() => client.isRunning(), Boolean, 'language client running');
  return { extension, api };
}

/**
 * Writes `text` to <workspace>/.e2e/<name> (a fresh file per test) and opens it in an editor.
 * The name decides the language: `Dockerfile`, `x.dockerfile`, ...
 */
export async function openFile(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), '.e2e', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets `dockerfileGuide.language` in the user settings and waits until VS Code has applied it. */
export async function setGuideLanguage(value: 'auto' | 'ko' | 'en' | 'both' | undefined): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('dockerfileGuide');
  await config().update('language', value, vscode.ConfigurationTarget.Global);
  await waitFor(() => config().inspect('language')?.globalValue, (v) => v === value, `dockerfileGuide.language = ${value}`);
}

/** All hover contents at a position, as one Markdown/plain string (blocks joined by a blank line). */
export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

export function completionLabel(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Applies TextEdits to a string the way VS Code would (edits do not overlap). */
export function applyEdits(doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  const text = doc.getText();
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
  return out;
}

/** Replaces a document's whole text through a WorkspaceEdit, as typing would (the file stays unsaved). */
export async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('applyEdit was refused');
}
