// Start, Stop, Restart, Pause, Unpause: the same shape, one verb each. The tree is not touched here:
// the engine's events bring the new state back through the model.
import * as vscode from 'vscode';
import { containerAction, type ContainerVerb } from '../../docker/actions';
import type { ContainerNode } from '../containerItems';
import { runEach } from '../../docker/bulk';
import { bulkReport } from '../confirm';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { showReport, targetContainers, type SidebarContext } from '../context';

const APPLIES: Record<ContainerVerb, (c: ContainerNode) => boolean> = {
  start: (c) => c.state !== 'running' && c.state !== 'paused',
  stop: (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
  restart: () => true,
  pause: (c) => c.state === 'running',
  unpause: (c) => c.state === 'paused',
};

export function registerLifecycleCommands(ctx: SidebarContext): vscode.Disposable[] {
  const verbs: ContainerVerb[] = ['start', 'stop', 'restart', 'pause', 'unpause'];
  return verbs.map((verb) =>
    vscode.commands.registerCommand(`dockerfileGuide.docker.container.${verb}`, async (node?: unknown, nodes?: unknown) => {
      if (!requireTrust(ctx, `dockerfileGuide.docker.container.${verb}`)) return;
      const targets = await targetContainers(ctx, node, nodes, APPLIES[verb]);
      const clients = targets.length ? clientsOrWarn(ctx) : undefined;
      if (!clients) return;
      const results = await runEach(targets, (c) => containerAction(clients, c.id, verb), { where: clients.where });
      const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
      // One container that did what was asked needs no message: its icon changes.
      if (named.length === 1 && named[0].ok) return;
      showReport(ctx, bulkReport(verb, 'container', named, ctx.lang()), named);
    }),
  );
}
