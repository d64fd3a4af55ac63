// Start, Stop, Restart, Pause, Unpause: the same shape, one verb each. The tree is not touched here:
// the engine's events bring the new state back through the model.
import * as vscode from 'vscode';
import { containerAction, type ContainerVerb } from '../docker/actions';
import type { ContainerNode } from '../views/containerItems';
import { clientsOrWarn, reportError, requireTrust, targetContainers, type SidebarContext } from './common';

const APPLIES: Record<ContainerVerb, (c: ContainerNode) => boolean> = {
  start: (c) => c.state !== 'running' && c.state !== 'paused',
  stop: (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
  restart: () => true,
  pause: (c) => c.state === 'running',
  unpause: (c) => c.state === 'paused',
};

function failedTitle(verb: ContainerVerb, name: string): string {
  switch (verb) {
    case 'start':
      return vscode.l10n.t('Could not start {0}', name);
    case 'stop':
      return vscode.l10n.t('Could not stop {0}', name);
    case 'restart':
      return vscode.l10n.t('Could not restart {0}', name);
    case 'pause':
      return vscode.l10n.t('Could not pause {0}', name);
    case 'unpause':
      return vscode.l10n.t('Could not unpause {0}', name);
  }
}

export function registerLifecycleCommands(ctx: SidebarContext): vscode.Disposable[] {
  const verbs: ContainerVerb[] = ['start', 'stop', 'restart', 'pause', 'unpause'];
  return verbs.map((verb) =>
    vscode.commands.registerCommand(`dockerfileGuide.docker.container.${verb}`, async (node?: unknown, nodes?: unknown) => {
      if (!requireTrust()) return;
      const targets = await targetContainers(ctx, node, nodes, APPLIES[verb]);
      const clients = targets.length ? clientsOrWarn(ctx) : undefined;
      if (!clients) return;
      await Promise.all(
        targets.map((c) => containerAction(clients, c.id, verb).catch((err) => reportError(ctx, failedTitle(verb, c.name), err))),
      );
    }),
  );
}
