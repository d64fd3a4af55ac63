/**
 * "Dockerfile Guide: What will this container run?" (`dockerfileGuide.explainCommand`, also the code lens above the
 * final CMD/ENTRYPOINT). Asks the server for the explanation of one stage (`dockerfileGuide/explain`) and shows it in
 * VS Code's Markdown preview of a read-only virtual document, which follows edits of the Dockerfile.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPLAIN_REQUEST, type ExplainRequestParams, type ExplainResponse } from '../../../common/src/protocol';
import { markdownPage } from './markdownPage';
import { renderMarkdown } from './markdownPanel';

export const EXPLAIN_COMMAND = 'dockerfileGuide.explainCommand';
export const EXPLAIN_SCHEME = 'dockerfile-guide-explain';

interface Query {
  uri: string;
  stage: number | null;
}

export function explainUri(q: Query): vscode.Uri {
  // The .md path makes the document Markdown; the query says which Dockerfile and stage.
  return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: '/explain.md', query: JSON.stringify(q) });
}

export function parseExplainUri(uri: vscode.Uri): Query | null {
  try {
    const q = JSON.parse(uri.query) as Partial<Query>;
    if (typeof q.uri !== 'string') return null;
    return { uri: q.uri, stage: typeof q.stage === 'number' ? q.stage : null };
  } catch {
    return null;
  }
}

class ExplainContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, vscode.Uri>();
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const src = e.document.uri.toString();
        const mine = [...this.open.values()].filter((u) => parseExplainUri(u)?.uri === src);
        if (!mine.length) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => mine.forEach((u) => this.changed.fire(u)), 400);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === EXPLAIN_SCHEME) this.open.delete(d.uri.toString());
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = parseExplainUri(uri);
    if (!q) return vscode.l10n.t('Nothing to explain.');
    this.open.set(uri.toString(), uri);
    const r = await request(this.client, { uri: q.uri, stage: q.stage });
    return r?.markdown ?? vscode.l10n.t('The Dockerfile is not open or has no such stage.');
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
    for (const s of this.subs) s.dispose();
  }
}

async function request(client: () => Promise<LanguageClient>, params: ExplainRequestParams): Promise<ExplainResponse | null> {
  const lc = await client();
  return (await lc.sendRequest<ExplainResponse | null>(EXPLAIN_REQUEST, params)) ?? null;
}

/** Opens the explanation of a stage (default: the final one; from the palette with several stages: the user picks). */
export async function explainCommand(client: () => Promise<LanguageClient>, uriArg?: string | vscode.Uri, stageArg?: number): Promise<vscode.Uri | undefined> {
  let uri = typeof uriArg === 'string' ? uriArg : uriArg?.toString();
  if (!uri) {
    // Run from a button outside the editor (the walkthrough page, a view), no text editor is active: a Dockerfile
    // shown beside it is the one meant.
    const isDockerfile = (e: vscode.TextEditor | undefined) => e?.document.languageId === 'dockerfile';
    const ed = isDockerfile(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : vscode.window.visibleTextEditors.find(isDockerfile);
    if (!ed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Dockerfile first.'));
      return undefined;
    }
    uri = ed.document.uri.toString();
  }
  let stage: number | null = typeof stageArg === 'number' ? stageArg : null;
  if (stage === null) {
    const first = await request(client, { uri, stage: null });
    if (!first) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This Dockerfile has no FROM, so there is no container to explain.'));
      return undefined;
    }
    stage = first.stage;
    if (first.stages.length > 1) {
      const items = [...first.stages].reverse().map((s) => ({
        label: s.name ?? vscode.l10n.t('Stage {0}', s.index + 1),
        description: s.index === first.stage ? vscode.l10n.t('final stage (line {0})', s.line) : vscode.l10n.t('line {0}', s.line),
        detail: `docker run → ${s.argv ?? '?'}`,
        index: s.index,
      }));
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which stage?'), placeHolder: vscode.l10n.t('The final stage is what docker build makes without --target') });
      if (!picked) return undefined;
      stage = picked.index;
    }
  }
  const target = explainUri({ uri, stage });
  await showExplanation(target, explainTitle(uri));
  return target;
}

/** The tab's title: what it shows and for which Dockerfile ("실행할 명령: ft_server/Dockerfile"). */
function explainTitle(dockerfile: string): string {
  // The folder and the file name: enough to tell two open explanations apart.
  return vscode.l10n.t('What runs: {0}', vscode.Uri.parse(dockerfile).path.split('/').slice(-2).join('/'));
}

/**
 * Shows the explanation in a webview panel with a real title. VS Code's Markdown preview (used before) titles its
 * tab "Preview <file name>" whatever the document is, so the tab read "Preview explain.md" (issue 18, item 10).
 * The HTML comes from the built-in Markdown extension's renderer (`markdown.api.render`); the panel re-renders
 * when the Dockerfile changes. Where that renderer is missing, the virtual Markdown document opens as text.
 */
async function showExplanation(target: vscode.Uri, title: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(target);
  const render = (d: vscode.TextDocument = doc): Promise<string | undefined> => renderMarkdown(d.getText());
  const first = await render();
  if (first === undefined) {
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return;
  }
  const key = target.toString();
  let panel = panels.get(key);
  if (panel) {
    panel.title = title;
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    const created = vscode.window.createWebviewPanel('dockerfileGuide.explain', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableFindWidget: true, enableScripts: false });
    panel = created;
    panels.set(key, created);
    // The virtual document follows the Dockerfile's edits (ExplainContent); the panel follows the document. VS Code
    // may close a virtual document no editor shows: then an edit of the Dockerfile opens it again (fresh content).
    const source = parseExplainUri(target)?.uri;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (d: vscode.TextDocument) => {
      const html = await render(d);
      if (html !== undefined) created.webview.html = markdownPage(html);
    };
    const subs = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const changed = e.document.uri.toString();
        if (changed === key) void refresh(e.document);
        else if (changed === source && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => void vscode.workspace.openTextDocument(target).then(refresh), 600);
        }
      }),
    ];
    created.onDidDispose(() => {
      if (timer) clearTimeout(timer);
      subs.forEach((x) => x.dispose());
      panels.delete(key);
    });
  }
  panel.webview.html = markdownPage(first);
}

const panels = new Map<string, vscode.WebviewPanel>();

export function registerExplainCommand(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  const content = new ExplainContent(client);
  context.subscriptions.push(
    content,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, content),
    vscode.commands.registerCommand(EXPLAIN_COMMAND, (uri?: string | vscode.Uri, stage?: number) => explainCommand(client, uri, stage)),
  );
}
