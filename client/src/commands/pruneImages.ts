// Prune dangling images (untagged leftovers of rebuilds) and say how much space came back.
import * as vscode from 'vscode';
import { pruneDanglingImages } from '../docker/actions';
import { danglingCount } from '../views/imageItems';
import { formatSize } from '../views/format';
import { clientsOrWarn, reportError, requireTrust, type SidebarContext } from './common';

export function registerPruneImages(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.image.pruneDangling', async () => {
    if (!requireTrust()) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    const n = danglingCount(ctx.model.images);
    const prune = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove all dangling (untagged) images? {0} found.', n),
      { modal: true, detail: vscode.l10n.t('Images used by a container are kept.') },
      prune,
    );
    if (answer !== prune) return;
    try {
      const r = await pruneDanglingImages(clients);
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0} dangling image(s), reclaimed {1}.', r.deleted, formatSize(r.reclaimedBytes)));
    } catch (err) {
      await reportError(ctx, vscode.l10n.t('Could not prune images'), err);
    }
  });
}
