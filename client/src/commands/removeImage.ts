// Remove images after confirmation. A tagged image is removed by its reference, so an image with
// several tags only loses the chosen one (what `docker rmi repo:tag` does).
import * as vscode from 'vscode';
import { removeImage } from '../docker/actions';
import { clientsOrWarn, reportError, requireTrust, targetImages, type SidebarContext } from './common';

export function registerRemoveImage(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.image.remove', async (node?: unknown, nodes?: unknown) => {
    if (!requireTrust()) return;
    const targets = await targetImages(ctx, node, nodes);
    if (!targets.length) return;
    const names = targets.map((i) => i.ref).join(', ');
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      targets.length === 1 ? vscode.l10n.t('Remove the image {0}?', names) : vscode.l10n.t('Remove {0} images ({1})?', targets.length, names),
      { modal: true },
      remove,
    );
    if (answer !== remove) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    for (const i of targets) {
      try {
        await removeImage(clients, i.dangling ? i.imageId : i.ref);
      } catch (err) {
        await reportError(ctx, vscode.l10n.t('Could not remove {0}', i.ref), err);
      }
    }
  });
}
