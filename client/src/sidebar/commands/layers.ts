// The layer rows' clicks: open the Dockerfile at the line that made a layer (or added a wasted file), and try an
// image's layers again after an error. Both are run from tree items only (hidden from the command palette).
import * as vscode from 'vscode';
import type { SidebarContext } from '../context';

export function registerLayersCommands(ctx: SidebarContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.layers.openLine', async (file: unknown, line: unknown) => {
      if (typeof file !== 'string' || typeof line !== 'number') return;
      const at = new vscode.Position(Math.max(0, line - 1), 0);
      try {
        const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(at, at), preview: true });
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', file, e instanceof Error ? e.message : String(e)));
      }
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.layers.retry', (imageId: unknown) => {
      if (typeof imageId === 'string') ctx.layers.retry(imageId);
    }),
  ];
}
