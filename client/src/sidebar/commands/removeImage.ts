// Remove images after a confirmation that names each one. A tagged image is removed by its
// reference, so an image with several tags only loses the chosen one (what `docker rmi repo:tag`
// does). Images go one after another (the engine serialises image deletes anyway).
import * as vscode from 'vscode';
import { removeImage } from '../../docker/actions';
import { runEach } from '../../docker/bulk';
import { bulkReport, removalConfirmation } from '../confirm';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { confirmRemoval, showReport, targetImages, type SidebarContext } from '../context';

export function registerRemoveImage(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.image.remove', async (node?: unknown, nodes?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.image.remove')) return;
    const targets = await targetImages(ctx, node, nodes);
    if (!targets.length) return;
    const lang = ctx.lang();
    if (!(await confirmRemoval(removalConfirmation('image', targets.map((i) => i.ref), lang)))) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    const results = await runEach(targets, (i) => removeImage(clients, i.dangling ? i.imageId : i.ref), { concurrency: 1, where: clients.where });
    const named = results.map((r) => ({ name: r.item.ref, ok: r.ok, error: r.error }));
    showReport(ctx, bulkReport('remove', 'image', named, lang), named);
  });
}
