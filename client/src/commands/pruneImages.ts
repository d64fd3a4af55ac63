// Remove the dangling images (untagged leftovers of rebuilds). The question names them (short ids)
// and exactly those are removed, one by one, so nothing the user did not see goes; the report says
// how much space came back and which ones could not be removed (used by a container …).
import * as vscode from 'vscode';
import { removeImage } from '../docker/actions';
import { runEach } from '../docker/bulk';
import { bulkReport, removalConfirmation } from '../views/confirm';
import { isDangling } from '../views/imageItems';
import { formatSize, shortId } from '../views/format';
import { clientsOrWarn, confirmRemoval, requireTrust, showReport, type SidebarContext } from './common';

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
    const results = await runEach(dangling, (i) => removeImage(clients, i.Id), { concurrency: 1, where: clients.where });
    const named = results.map((r) => ({ name: shortId(r.item.Id), ok: r.ok, error: r.error }));
    const report = bulkReport('remove', 'dangling', named, lang);
    const reclaimed = results.filter((r) => r.ok).reduce((n, r) => n + (r.item.Size ?? 0), 0);
    if (report.level === 'info') {
      void vscode.window.showInformationMessage(`${report.message} (${vscode.l10n.t('reclaimed {0}', formatSize(reclaimed))})`);
      return;
    }
    showReport(ctx, report, named);
  });
}
