// Copy ID: the full id of the selected containers (one per line), for pasting into a terminal.
import * as vscode from 'vscode';
import { targetContainers, type SidebarContext } from '../context';

export function registerCopyId(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.container.copyId', async (node?: unknown, nodes?: unknown) => {
    const targets = await targetContainers(ctx, node, nodes);
    if (!targets.length) return;
    await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} container ID(s)', targets.length), 3000);
  });
}
