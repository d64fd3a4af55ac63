// The Run dialog: ports and a name, then the equivalent `docker run` to confirm, then the container. The
// sidebar's Run on an image and Build and Run from a Dockerfile both go through it.
import * as vscode from 'vscode';
import { fillMsg, line } from '../../../common/src/i18n';
import { runImage } from '../docker/actions';
import { parsePorts, previewLine, runCommandLine, SpecError, validateContainerName, type PortSpec } from '../docker/runSpec';
import { connectedClientsOrWarn, COULD_NOT, reportError, requireTrust, type DockerSession } from './dockerSession';

/** Asks for ports and a name, confirms the command line, runs. Returns the container id or undefined. */
export async function askAndRun(ctx: DockerSession, image: string): Promise<string | undefined> {
  // Also reached from Build and Run: the check is repeated here so no path runs a container untrusted.
  if (!requireTrust(ctx, 'dockerfileGuide.docker.image.run')) return undefined;
  const lang = ctx.lang();
  const portsText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Run {0}', image),
    prompt: vscode.l10n.t('Ports to publish, host:container (e.g. 8080:80, 443:443). Leave empty for none.'),
    placeHolder: '8080:80',
    validateInput: (v) => {
      try {
        parsePorts(v);
        return undefined;
      } catch (e) {
        return e instanceof SpecError ? line(e.msg, lang) : String(e);
      }
    },
  });
  if (portsText === undefined) return undefined;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Run {0}', image),
    prompt: vscode.l10n.t('Container name (empty: Docker picks one)'),
    validateInput: (v) => {
      const m = validateContainerName(v.trim());
      return m ? line(m, lang) : undefined;
    },
  });
  if (name === undefined) return undefined;
  const ports: PortSpec[] = parsePorts(portsText);
  const commandLine = previewLine(runCommandLine(image, { name: name.trim() || undefined, ports }));
  const run = vscode.l10n.t('Run');
  const ok = await vscode.window.showInformationMessage(vscode.l10n.t('Run this command?'), { modal: true, detail: commandLine }, run);
  if (ok !== run) return undefined;
  const clients = await connectedClientsOrWarn(ctx);
  if (!clients) return undefined;
  try {
    const id = await runImage(clients, { image, name: name.trim() || undefined, ports });
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Started a container from {0}', image), 4000);
    return id;
  } catch (err) {
    await reportError(ctx, fillMsg(COULD_NOT.run, image), err);
    return undefined;
  }
}
