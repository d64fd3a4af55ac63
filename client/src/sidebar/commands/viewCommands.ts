// Commands of the views themselves: refresh, retry after an error, how to start Docker, and the
// dangling-images toggle.
import * as vscode from 'vscode';
import { HOWTO_COMMAND, RETRY_COMMAND } from '../statusItems';
import type { SidebarContext } from '../context';

export const HOWTO_URL = 'https://docs.docker.com/engine/install/';

export function registerViewCommands(ctx: SidebarContext): vscode.Disposable[] {
  const setDangling = (show: boolean) => {
    ctx.images.showDangling = show;
    ctx.images.invalidate();
    void vscode.commands.executeCommand('setContext', 'dockerfileGuide.docker.showDangling', show);
  };
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.refresh', () => ctx.model.refresh()),
    vscode.commands.registerCommand(RETRY_COMMAND, () => ctx.model.reconnect()),
    vscode.commands.registerCommand(HOWTO_COMMAND, async () => {
      const open = vscode.l10n.t('Open the Docker install guide');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('How to start Docker'),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Linux: sudo systemctl start docker (or run dockerd), then add yourself to the docker group: sudo usermod -aG docker $USER and log in again.\nmacOS/Windows: start Docker Desktop.\nRemote engine: set DOCKER_HOST, the docker context, or the setting dockerfileGuide.docker.host.',
          ),
        },
        open,
      );
      if (answer === open) await vscode.env.openExternal(vscode.Uri.parse(HOWTO_URL));
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.image.showDangling', () => setDangling(true)),
    vscode.commands.registerCommand('dockerfileGuide.docker.image.hideDangling', () => setDangling(false)),
    // For end-to-end tests (not in any menu): what the views show right now, as plain data.
    vscode.commands.registerCommand('dockerfileGuide.docker.snapshot', () => ({
      state: ctx.model.state.kind,
      error: ctx.model.state.kind === 'error' ? { kind: ctx.model.state.error.kind, reason: ctx.model.state.error.reason } : undefined,
      endpoint: ctx.model.endpoint?.label,
      containers: ctx.containers.containers().map((c) => ({ id: c.id, name: c.name, icon: c.icon, description: c.description })),
      images: ctx.images.images().map((i) => i.ref),
      networks: ctx.networks.networks().map((n) => ({ name: n.name, contextValue: n.contextValue, usedBy: n.usedBy.map((u) => u.name) })),
      volumes: ctx.volumes.volumes().map((v) => ({ name: v.name, anonymous: v.anonymous, usedBy: v.usedBy.map((u) => u.name) })),
      containerFilter: ctx.containers.filter,
    })),
  ];
}
