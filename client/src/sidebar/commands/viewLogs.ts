// View Logs: one output channel per container, fed by a LogFollower that survives restarts.
// Opening the logs of a container already followed just shows its channel again.
import * as vscode from 'vscode';
import { fillMsg, line } from '../../../../common/src/i18n';
import { followPauses, LogFollower } from '../../docker/logs';
import { clientsOrWarn, COULD_NOT, reportError } from '../../session/dockerSession';
import { targetContainers, type SidebarContext } from '../context';

interface Followed {
  follower: LogFollower;
  channel: vscode.OutputChannel;
}

export function registerViewLogs(ctx: SidebarContext): vscode.Disposable {
  const followed = new Map<string, Followed>();
  const cmd = vscode.commands.registerCommand('dockerfileGuide.docker.container.logs', async (node?: unknown) => {
    const [c] = await targetContainers(ctx, node, undefined, () => true, false);
    if (!c) return;
    const existing = followed.get(c.id);
    if (existing) {
      existing.channel.show(true);
      return;
    }
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    const channel = vscode.window.createOutputChannel(vscode.l10n.t('Docker logs: {0}', c.name));
    const lang = ctx.lang();
    const follower = new LogFollower(clients, c.id, {
      // stderr is marked so that it stays recognisable in a plain-text channel.
      line: (stream, text) => channel.appendLine(stream === 'stderr' ? `[stderr] ${text}` : text),
      info: (msg) => channel.appendLine(line(msg, lang)),
    });
    followed.set(c.id, { follower, channel });
    // A paused container writes nothing: a marker line says why the log went quiet, and when it went on.
    const pauses = followPauses(ctx.model, c.id, { info: (msg) => channel.appendLine(line(msg, lang)) });
    void follower.done.then(() => {
      pauses.dispose();
      followed.delete(c.id);
    });
    channel.show(true);
    try {
      await follower.start();
    } catch (err) {
      follower.dispose();
      channel.dispose();
      await reportError(ctx, fillMsg(COULD_NOT.readLogs, c.name), err);
    }
  });
  return {
    dispose() {
      cmd.dispose();
      for (const f of followed.values()) {
        f.follower.dispose();
        f.channel.dispose();
      }
      followed.clear();
    },
  };
}
