/**
 * A webview tab beside the editor that shows rendered Markdown and is reused for every page it shows: the reference
 * pages behind a hover's "More" (referencePanel.ts), the rule pages (ruleDocs.ts) and the concept pages
 * (conceptPanel.ts). Following links from page to page replaces its content instead of piling up tabs.
 */
import * as vscode from 'vscode';
import { markdownPage } from './markdownPage';

/** HTML from VS Code's built-in Markdown renderer; undefined when it is missing (the Markdown extension disabled). */
export async function renderMarkdown(markdown: string): Promise<string | undefined> {
  try {
    return await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
  } catch {
    return undefined;
  }
}

export interface ReusedPanelOptions {
  /** More webview options: command URIs a page may run, the folders its pictures come from. */
  webview?: vscode.WebviewOptions;
  /** Called when the user closes the tab. */
  onClosed?: () => void;
  /**
   * Keep the tab in the column it is in when it shows another page (a link followed inside it), instead of moving it
   * beside the active editor.
   */
  stayInPlace?: boolean;
}

export class ReusedPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly viewType: string,
    private readonly options: ReusedPanelOptions = {},
  ) {}

  /**
   * Shows `html` (rendered Markdown) under `title`; `rewrite` adapts it to the tab's webview first (image URIs).
   * Returns the HTML body shown.
   */
  show(title: string, html: string, rewrite?: (html: string, webview: vscode.Webview) => string): string {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(this.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableFindWidget: true,
        enableScripts: false,
        ...this.options.webview,
      });
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.options.onClosed?.();
      });
      this.panel = panel;
    } else {
      this.panel.reveal(this.options.stayInPlace ? undefined : vscode.ViewColumn.Beside, true);
    }
    this.panel.title = title;
    const body = rewrite ? rewrite(html, this.panel.webview) : html;
    // Pictures only where the tab has folders to load them from (the concept pages).
    const images = this.options.webview?.localResourceRoots ? { imageSource: this.panel.webview.cspSource } : {};
    this.panel.webview.html = markdownPage(body, images);
    return body;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
