// Open in Browser: pick one of the container's published ports and open it.
import * as vscode from 'vscode';
import { browserUrl } from '../browserUrl';
import { targetContainers, type SidebarContext } from '../context';

export function registerOpenInBrowser(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.container.openInBrowser', async (node?: unknown) => {
    const [c] = await targetContainers(ctx, node, undefined, (x) => x.ports.some((p) => p.protocol === 'tcp'), false);
    if (!c) return;
    const ports = c.ports.filter((p) => p.protocol === 'tcp');
    if (!ports.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} publishes no TCP port. Run it with -p host:container to reach it from a browser.', c.name));
      return;
    }
    let chosen = ports[0];
    if (ports.length > 1) {
      const pick = await vscode.window.showQuickPick(
        ports.map((p) => ({ label: browserUrl(p, ctx.model.endpoint), description: vscode.l10n.t('container port {0}', p.containerPort), p })),
        { placeHolder: vscode.l10n.t('Choose a port to open') },
      );
      if (!pick) return;
      chosen = pick.p;
    }
    await vscode.env.openExternal(vscode.Uri.parse(browserUrl(chosen, ctx.model.endpoint)));
  });
}
