// Remove containers after a modal confirmation that names every one (and the count for several);
// running ones need force, and the question says which. One report names what failed and why.
import * as vscode from 'vscode';
import { removeContainer } from '../../docker/actions';
import { runEach } from '../../docker/bulk';
import { bulkReport, removalConfirmation } from '../confirm';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { confirmRemoval, showReport, targetContainers, type SidebarContext } from '../context';

export function registerRemoveContainer(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.container.remove', async (node?: unknown, nodes?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.container.remove')) return;
    const targets = await targetContainers(ctx, node, nodes);
    if (!targets.length) return;
    const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    const lang = ctx.lang();
    const question = removalConfirmation(
      'container',
      targets.map((c) => c.name),
      lang,
      { running: running.map((c) => c.name) },
    );
    if (!(await confirmRemoval(question))) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    const results = await runEach(targets, (c) => removeContainer(clients, c.id, running.includes(c)), { where: clients.where });
    const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
    showReport(ctx, bulkReport('remove', 'container', named, lang), named);
  });
}
