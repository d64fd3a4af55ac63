// Remove containers after a modal confirmation; running ones need (and say they get) force.
import * as vscode from 'vscode';
import { removeContainer } from '../docker/actions';
import { clientsOrWarn, reportError, requireTrust, targetContainers, type SidebarContext } from './common';

export function registerRemoveContainer(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.container.remove', async (node?: unknown, nodes?: unknown) => {
    if (!requireTrust()) return;
    const targets = await targetContainers(ctx, node, nodes);
    if (!targets.length) return;
    const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    const names = targets.map((c) => c.name).join(', ');
    const question =
      targets.length === 1 ? vscode.l10n.t('Remove the container {0}?', names) : vscode.l10n.t('Remove {0} containers ({1})?', targets.length, names);
    const detail = running.length
      ? vscode.l10n.t('{0} still running: it will be stopped and removed (force). Its data outside volumes is lost.', running.map((c) => c.name).join(', '))
      : vscode.l10n.t('Its data outside volumes is lost.');
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, remove);
    if (answer !== remove) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    await Promise.all(
      targets.map((c) =>
        removeContainer(clients, c.id, running.includes(c)).catch((err) => reportError(ctx, vscode.l10n.t('Could not remove {0}', c.name), err)),
      ),
    );
  });
}
