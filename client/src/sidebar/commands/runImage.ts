// Run (detached: the Run dialog of session/runDialog.ts, which shows the equivalent `docker run` first) and
// Run Interactive (a terminal with `docker run -it --rm`).
import * as vscode from 'vscode';
import { cliEnvFor, runCommandLine } from '../../docker/runSpec';
import { hasDockerCli, requireTrust, warnNoCli } from '../../session/dockerSession';
import { askAndRun } from '../../session/runDialog';
import { targetImages, type SidebarContext } from '../context';

export function registerRunImage(ctx: SidebarContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.image.run', async (node?: unknown) => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.image.run')) return;
      const [img] = await targetImages(ctx, node, undefined, false);
      if (img) await askAndRun(ctx, img.ref);
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.image.runInteractive', async (node?: unknown) => {
      if (!requireTrust(ctx, 'dockerfileGuide.docker.image.runInteractive')) return;
      const [img] = await targetImages(ctx, node, undefined, false);
      if (!img) return;
      if (!hasDockerCli()) return warnNoCli();
      const [cmd, ...args] = runCommandLine(img.ref, { interactive: true });
      const term = vscode.window.createTerminal({
        name: vscode.l10n.t('Run: {0}', img.ref),
        shellPath: cmd,
        shellArgs: args,
        env: cliEnvFor(ctx.model.endpoint),
        iconPath: new vscode.ThemeIcon('terminal'),
      });
      term.show();
    }),
  ];
}
