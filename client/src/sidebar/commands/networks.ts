// Remove one network, or the unused ones. Built-in networks are never offered (the menu hides Remove for them and
// the palette pick leaves them out); a network a running container is on is refused before the engine is asked,
// naming the containers; the question warns when stopped containers still refer to it.
import * as vscode from 'vscode';
import { removeNetworks } from '../../docker/netvol';
import { bulkReport } from '../confirm';
import { networkRemovalQuestion, networkRemovalRefusal, pruneNetworksQuestion, unusedNetworks, type Question } from '../netvolWords';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { showReport, targetNetwork, type SidebarContext } from '../context';

/** The modal question; the chosen button, or undefined when dismissed. */
export async function ask(q: Question): Promise<string | undefined> {
  return vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, ...q.buttons);
}

export function registerNetworkCommands(ctx: SidebarContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.network.remove', async (node?: unknown) => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.network.remove')) return;
      const n = await targetNetwork(ctx, node, (x) => !x.builtin);
      if (!n) return;
      const lang = ctx.lang();
      const refusal = networkRemovalRefusal(n, lang);
      if (refusal) {
        void vscode.window.showWarningMessage(refusal);
        return;
      }
      if (!(await ask(networkRemovalQuestion(n, lang)))) return;
      const clients = clientsOrWarn(ctx);
      if (!clients) return;
      const results = await removeNetworks(clients, [n]);
      const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
      showReport(ctx, bulkReport('remove', 'network', named, lang), named);
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.network.prune', async () => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.network.prune')) return;
      const clients = clientsOrWarn(ctx);
      if (!clients) return;
      const lang = ctx.lang();
      const unused = unusedNetworks(ctx.networks.networks());
      const q = pruneNetworksQuestion(unused, lang);
      if (typeof q === 'string') {
        void vscode.window.showInformationMessage(q);
        return;
      }
      if (!(await ask(q))) return;
      const results = await removeNetworks(clients, unused);
      const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
      showReport(ctx, bulkReport('remove', 'network', named, lang), named);
    }),
  ];
}
