// Open Shell: a VS Code terminal running `docker exec -it <id> bash` (sh when the image has no bash).
import * as vscode from 'vscode';
import { detectShell } from '../../docker/actions';
import { cliEnvFor, execShellCommandLine } from '../../docker/runSpec';
import { fillMsg } from '../../../../common/src/i18n';
import { clientsOrWarn, COULD_NOT, hasDockerCli, reportError, requireTrust, warnNoCli } from '../../session/dockerSession';
import { targetContainers, type SidebarContext } from '../context';

export function registerOpenShell(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.container.shell', async (node?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.container.shell')) return;
    const [c] = await targetContainers(ctx, node, undefined, (x) => x.state === 'running', false);
    if (!c) return;
    if (!hasDockerCli()) return warnNoCli();
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    try {
      const shell = await detectShell(clients, c.id);
      const [cmd, ...args] = execShellCommandLine(c.id, shell);
      const term = vscode.window.createTerminal({
        name: vscode.l10n.t('Shell: {0}', c.name),
        shellPath: cmd,
        shellArgs: args,
        env: cliEnvFor(ctx.model.endpoint),
        iconPath: new vscode.ThemeIcon('terminal'),
      });
      term.show();
    } catch (err) {
      await reportError(ctx, fillMsg(COULD_NOT.openShell, c.name), err);
    }
  });
}
