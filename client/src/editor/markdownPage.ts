export interface MarkdownPageOptions {
  /**
   * The webview's `cspSource`: the page may show images from the webview's local resource roots (the concept pages'
   * pictures, rewritten to `webview.asWebviewUri`). Without it only `data:` images load.
   */
  imageSource?: string;
}

/**
 * The HTML page of our Markdown panels (the explanation of what a container runs, the reference pages behind a
 * hover's "More" link, the concept pages): the editor's colours and fonts, no scripts, no remote content but links.
 */
export function markdownPage(body: string, options: MarkdownPageOptions = {}): string {
  const img = options.imageSource ? `${options.imageSource} data:` : 'data:';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${img};">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; padding: 0 20px 20px; }
code, pre { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px 12px; overflow-x: auto; }
:not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; }
a { color: var(--vscode-textLink-foreground); }
img { max-width: 100%; height: auto; }
</style></head><body>${body}</body></html>`;
}
