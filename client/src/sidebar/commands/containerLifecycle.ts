// Start, Stop, Restart, Pause, Unpause: the same shape, one verb each. The tree is not touched here:
// the engine's events bring the new state back through the model. Stop and Restart are slow on purpose (the engine
// answers when the container has stopped, after the whole stop timeout when PID 1 ignores SIGTERM): they show
// progress on the row and in a notification, explain the wait after a couple of seconds and offer Kill now.
import * as vscode from 'vscode';
import { containerAction, type ContainerVerb } from '../../docker/actions';
import { killContainer, stopOrRestart, type SlowVerb, type StopPlan } from '../../docker/stopping';
import type { EngineClients } from '../../docker/connection';
import type { ContainerNode } from '../containerItems';
import { runEach, type ItemResult } from '../../docker/bulk';
import { bulkReport } from '../confirm';
import { clientsOrWarn, reportError, requireTrust } from '../../session/dockerSession';
import { showReport, targetContainers, type SidebarContext } from '../context';
import { killedNotice, NOTICE, progressTitle, RUN_AND_CHECK_COMMAND, SLOW_NOTICE_MS, slowNotice } from '../stopNotice';
import { fillMsg, line } from '../../../../common/src/i18n';
import { reached } from '../../walkthrough/milestones';
import { stoppedCleanly } from '../../walkthrough/rules';

const APPLIES: Record<ContainerVerb, (c: ContainerNode) => boolean> = {
  start: (c) => c.state !== 'running' && c.state !== 'paused',
  stop: (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
  restart: () => true,
  pause: (c) => c.state === 'running',
  unpause: (c) => c.state === 'paused',
};

/** What a lifecycle command did, returned to its caller (the e2e tests read it; menus ignore it). */
export interface LifecycleOutcome {
  results: Array<{ name: string; ok: boolean; error?: string }>;
  /** The report shown (undefined: none, the icon change said it all). */
  reported?: 'info' | 'warning' | 'error';
  /** Names of the containers the "still waiting" notice was shown for. */
  slowNotices: string[];
}

export function registerLifecycleCommands(ctx: SidebarContext): vscode.Disposable[] {
  const verbs: ContainerVerb[] = ['start', 'stop', 'restart', 'pause', 'unpause'];
  return verbs.map((verb) =>
    vscode.commands.registerCommand(`dockerfileGuide.docker.container.${verb}`, async (node?: unknown, nodes?: unknown): Promise<LifecycleOutcome | undefined> => {
      if (!requireTrust(ctx, `dockerfileGuide.docker.container.${verb}`)) return undefined;
      const targets = await targetContainers(ctx, node, nodes, APPLIES[verb]);
      const clients = targets.length ? clientsOrWarn(ctx) : undefined;
      if (!clients) return undefined;
      const slowNotices: string[] = [];
      const results =
        verb === 'stop' || verb === 'restart'
          ? await runSlow(ctx, clients, targets, verb, slowNotices)
          : await runEach(targets, (c) => containerAction(clients, c.id, verb), { where: clients.where });
      const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
      const outcome: LifecycleOutcome = { results: named.map((r) => ({ name: r.name, ok: r.ok, error: r.error?.message })), slowNotices };
      // One container that did what was asked needs no message: its icon changes.
      if (named.length === 1 && named[0].ok) return outcome;
      const report = bulkReport(verb, 'container', named, ctx.lang());
      showReport(ctx, report, named);
      return { ...outcome, reported: report.level };
    }),
  );
}

/**
 * Stop or Restart with progress: the rows say "stopping…" until the engine answers, one progress notification runs
 * meanwhile, and a container still not stopped after SLOW_NOTICE_MS gets a notice that says why (PID 1 and the stop
 * signal) with Kill now and Run and Check.
 */
async function runSlow(
  ctx: SidebarContext,
  clients: EngineClients,
  targets: ContainerNode[],
  verb: SlowVerb,
  slowNotices: string[],
): Promise<Array<ItemResult<ContainerNode>>> {
  const lang = ctx.lang();
  ctx.containers.setBusy(
    targets.map((t) => t.id),
    verb,
  );
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progressTitle(verb, targets.map((t) => t.name), lang) },
      () =>
        runEach(
          targets,
          async (c) => {
            let plan: StopPlan | undefined;
            let done = false;
            const timer = setTimeout(() => {
              if (!done && plan) {
                slowNotices.push(c.name);
                void offerKill(ctx, clients, c, plan, () => done);
              }
            }, SLOW_NOTICE_MS);
            try {
              const out = await stopOrRestart(clients, c.id, verb, { onPlan: (p) => (plan = p) });
              const killed = verb === 'stop' && plan ? killedNotice(c.name, plan, out.exitCode, out.seconds, lang) : undefined;
              if (killed) void vscode.window.setStatusBarMessage(killed, 15_000);
              // Stopped by its stop signal, before the timeout (no SIGKILL): the walkthrough's last step.
              if (verb === 'stop' && plan && stoppedCleanly(plan.timeoutS, out)) reached('stoppedCleanly');
            } finally {
              done = true;
              clearTimeout(timer);
              ctx.containers.setBusy([c.id], undefined);
            }
          },
          { where: clients.where },
        ),
    );
  } finally {
    ctx.containers.setBusy(
      targets.map((t) => t.id),
      undefined,
    );
  }
}

async function offerKill(ctx: SidebarContext, clients: EngineClients, c: ContainerNode, plan: StopPlan, finished: () => boolean): Promise<void> {
  const lang = ctx.lang();
  const kill = line(NOTICE.killNow, lang);
  const check = line(NOTICE.runAndCheck, lang);
  const answer = await vscode.window.showWarningMessage(slowNotice(c.name, plan, lang), kill, check);
  if (answer === kill) {
    // A late click must not kill what a finished restart has just started again (nor anything after a finished stop).
    if (finished()) {
      void vscode.window.setStatusBarMessage(line(fillMsg(NOTICE.alreadyDone, c.name), lang), 5000);
      return;
    }
    // The pending stop or restart request then ends by itself: the engine sees the container exit.
    await killContainer(clients, c.id).catch((err) => reportError(ctx, fillMsg(NOTICE.couldNotKill, c.name), err));
  } else if (answer === check) {
    // The doctor builds and runs the Dockerfile that made this image when we know it; otherwise it asks for one.
    const imageId = ctx.model.containers.find((x) => x.Id === c.id)?.ImageID;
    const dockerfile = imageId ? ctx.built.get(imageId)?.dockerfile : undefined;
    await vscode.commands.executeCommand(RUN_AND_CHECK_COMMAND, dockerfile ? vscode.Uri.file(dockerfile) : undefined);
  }
}
