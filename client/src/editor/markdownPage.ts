// A webview page for Markdown rendered by VS Code's built-in Markdown extension (`markdown.api.render`): the explain
// tab and the rule descriptions use it.

/** The rendered Markdown in a page that uses the editor's colours and font (no scripts, no remote content but links). */
export function markdownPage(body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; padding: 0 20px 20px; }
code, pre { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px 12px; overflow-x: auto; }
:not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; }
a { color: var(--vscode-textLink-foreground); }
</style></head><body>${body}</body></html>`;
}
