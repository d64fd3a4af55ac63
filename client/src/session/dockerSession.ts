// What every Docker command shares, in the sidebar and from a Dockerfile: one engine model for the window
// (created at activation, connected only when something needs it), the language, and the three rules for
// failures (a vanished object refreshes quietly; anything else is one clear message with the engine's own
// reason; nothing is retried behind the user's back), plus the trust and docker-CLI checks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LINE_SEPARATOR, perLang, pick, type Lang, type Msg } from '../../../common/src/i18n';
import type { EngineClients } from '../docker/connection';
import { configuredEndpoint } from '../docker/configuredEndpoint';
import { classifyError, describe } from '../../../common/src/engine/errors';
import { DockerModel } from '../docker/model';
import { uiLang } from '../language';
import { trustRefusal } from './trust';
import { BuiltImages } from '../editor/layers/builtImages';
import type { BuildRecord } from '../../../common/src/engine/buildSteps';

export interface DockerSession {
  ext: vscode.ExtensionContext;
  model: DockerModel;
  lang(): Lang;
  /** Which Dockerfile built which image (recorded by the build commands, read by the sidebar's layers). */
  built: BuiltImages;
  /** Fires after each successful build from the extension (the editor's layer annotations listen). */
  builds: vscode.EventEmitter<BuildRecord>;
}

/** The window's engine model; it follows `dockerfileGuide.docker.host` and workspace trust once started. */
export function createDockerSession(context: vscode.ExtensionContext): DockerSession {
  // The same engine as the editor's base-image probe (and the same Restricted Mode rule for the setting).
  const model = new DockerModel({ resolve: configuredEndpoint });
  const built = new BuiltImages(context.workspaceState);
  const builds = new vscode.EventEmitter<BuildRecord>();
  context.subscriptions.push(
    { dispose: () => model.dispose() },
    built,
    builds,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerfileGuide.docker.host') && model.isStarted) model.reconnect();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (model.isStarted) model.reconnect();
    }),
  );
  return { ext: context, model, lang: uiLang, built, builds };
}

/** The engine clients when connected; otherwise one message and undefined. */
export function clientsOrWarn(ctx: DockerSession): EngineClients | undefined {
  if (ctx.model.state.kind === 'ready' && ctx.model.clients) return ctx.model.clients;
  ctx.model.start();
  void vscode.window.showWarningMessage(vscode.l10n.t('The Docker engine is not connected. Check the Docker view for the reason.'));
  return undefined;
}

/**
 * The engine clients for a command run from the editor (Build Image, Build and Run, Run): the first such command in
 * a window whose Docker view was never opened finds the model not started yet, so it starts it and waits for the
 * connection (a local engine answers in well under a second) before saying that the engine is not connected.
 */
export async function connectedClientsOrWarn(ctx: DockerSession, waitMs = 5000): Promise<EngineClients | undefined> {
  if (!(ctx.model.state.kind === 'ready' && ctx.model.clients)) {
    ctx.model.start();
    await ctx.model.waitFor((m) => m.state.kind === 'ready' || m.state.kind === 'error', waitMs).catch(() => undefined);
  }
  return clientsOrWarn(ctx);
}

/**
 * The headlines of reportError. They are {ko, en} pairs, not vscode.l10n keys, because the reason after them is
 * one too: the whole sentence is in the one language the user chose.
 */
export const COULD_NOT = {
  build: { ko: '{0} 이미지를 빌드하지 못했습니다', en: 'Could not build {0}' },
  inspect: { ko: '{0}의 상세 정보를 가져오지 못했습니다', en: 'Could not inspect {0}' },
  openShell: { ko: '{0}에서 셸을 열지 못했습니다', en: 'Could not open a shell in {0}' },
  readLogs: { ko: '{0}의 로그를 읽지 못했습니다', en: 'Could not read the logs of {0}' },
  run: { ko: '{0} 이미지를 실행하지 못했습니다', en: 'Could not run {0}' },
  tag: { ko: '{0}에 태그를 달지 못했습니다', en: 'Could not tag {0}' },
} satisfies Record<string, Msg>;

/**
 * Reports a failed action. `what` says what was attempted (COULD_NOT.run filled with the image). A 404 means the
 * object went away between the list and the click: refresh and say nothing, the tree tells the story.
 */
export async function reportError(ctx: DockerSession, what: Msg, err: unknown): Promise<void> {
  const e = classifyError(err, ctx.model.clients?.where);
  if (e.kind === 'notFound') {
    await ctx.model.refresh().catch(() => undefined);
    return;
  }
  void vscode.window.showErrorMessage(perLang(ctx.lang(), (l) => `${pick(what, l)}: ${describe(e, l)}`, LINE_SEPARATOR));
}

/**
 * Building, running and changing things need a trusted workspace; browsing does not. The command
 * id says which kind it is (trust.ts); the refusal is shown in the user's language.
 */
export function requireTrust(ctx: DockerSession, command: string): boolean {
  const refusal = trustRefusal(command, vscode.workspace.isTrusted, ctx.lang());
  if (!refusal) return true;
  void vscode.window.showWarningMessage(refusal);
  return false;
}

/** Is the docker CLI on PATH? Terminals (shell, interactive run) need it; the views do not. */
export function hasDockerCli(): boolean {
  const exe = process.platform === 'win32' ? ['docker.exe'] : ['docker'];
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => exe.some((e) => dir && fs.existsSync(path.join(dir, e))));
}

export function warnNoCli(): void {
  void vscode.window.showErrorMessage(
    vscode.l10n.t('The docker command-line tool is not on PATH, so a terminal cannot be opened. The sidebar itself works without it.'),
  );
}
