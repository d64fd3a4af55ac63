// Remove the dangling images (untagged leftovers of rebuilds). The question names them (short ids)
// and exactly those are removed, one by one (docker/prune.ts), so nothing the user did not see goes;
// the report says how much space came back and which ones could not be removed (used by a container …).
import * as vscode from 'vscode';
import { removeDanglingImages } from '../../docker/prune';
import { pruneReport, removalConfirmation } from '../confirm';
import { isDangling } from '../imageItems';
import { shortId } from '../format';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { confirmRemoval, showReport, type SidebarContext } from '../context';

export function registerPruneImages(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.image.pruneDangling', async () => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.image.pruneDangling')) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    const dangling = ctx.model.images.filter(isDangling);
    if (!dangling.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no dangling images.'));
      return;
    }
    const lang = ctx.lang();
    if (!(await confirmRemoval(removalConfirmation('dangling', dangling.map((i) => shortId(i.Id)), lang)))) return;
    const { results, reclaimedBytes } = await removeDanglingImages(clients, dangling);
    const named = results.map((r) => ({ name: shortId(r.item.Id), ok: r.ok, error: r.error }));
    // The whole sentence, the space that came back included, in the one language of the report.
    const report = pruneReport(named, reclaimedBytes, lang);
    if (report.level === 'info') {
      void vscode.window.showInformationMessage(report.message);
      return;
    }
    showReport(ctx, report, named);
  });
}
