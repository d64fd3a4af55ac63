// Remove one volume, or the unused ones. A volume any container refers to (stopped ones too) is refused before the
// engine is asked, naming the containers; if one started using it after the list, the engine's refusal (409,
// "volume is in use" with bare ids) is turned into the same sentence with names once the containers are re-listed.
import * as vscode from 'vscode';
import { removeVolumes } from '../../docker/netvol';
import { bulkReport } from '../confirm';
import { pruneVolumesQuestion, unusedVolumes, volumeRemovalQuestion, volumeRemovalRefusal } from '../netvolWords';
import { clientsOrWarn, requireTrust } from '../../session/dockerSession';
import { showReport, targetVolume, type SidebarContext } from '../context';
import { ask } from './networks';
import type { VolumeNode } from '../volumeItems';

async function removeAndReport(ctx: SidebarContext, list: readonly VolumeNode[]): Promise<void> {
  const clients = clientsOrWarn(ctx);
  if (!clients) return;
  const lang = ctx.lang();
  const results = await removeVolumes(clients, list);
  if (results.length === 1 && results[0].error?.kind === 'conflict') {
    await ctx.model.refresh('containers').catch(() => undefined);
    const now = ctx.volumes.volumes().find((v) => v.name === list[0].name);
    const refusal = now && volumeRemovalRefusal(now, lang);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return;
    }
  }
  const named = results.map((r) => ({ name: r.item.label, ok: r.ok, error: r.error }));
  showReport(ctx, bulkReport('remove', 'volume', named, lang), named);
}

export function registerVolumeCommands(ctx: SidebarContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.volume.remove', async (node?: unknown) => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.volume.remove')) return;
      const v = await targetVolume(ctx, node);
      if (!v) return;
      const lang = ctx.lang();
      const refusal = volumeRemovalRefusal(v, lang);
      if (refusal) {
        void vscode.window.showWarningMessage(refusal);
        return;
      }
      if (!(await ask(volumeRemovalQuestion(v, lang)))) return;
      await removeAndReport(ctx, [v]);
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.volume.prune', async () => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.volume.prune')) return;
      if (!clientsOrWarn(ctx)) return;
      const lang = ctx.lang();
      const unused = unusedVolumes(ctx.volumes.volumes());
      const q = pruneVolumesQuestion(unused, lang);
      if (typeof q === 'string') {
        void vscode.window.showInformationMessage(q);
        return;
      }
      const answer = await ask(q);
      if (!answer) return;
      // The second button, when there is one, keeps the named volumes.
      await removeAndReport(ctx, answer === q.buttons[1] ? unused.filter((v) => v.anonymous) : unused);
    }),
  ];
}
