// What every sidebar command shares: the model, the providers, the language, and the three rules
// for failures (a vanished object refreshes quietly; anything else is one clear message with the
// engine's own reason; nothing is retried behind the user's back).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClients } from '../docker/connection';
import { classifyError, describe } from '../docker/errors';
import { LINE_SEPARATOR, perLang, pick, type Lang, type Msg } from '../../../common/src/i18n';
import type { DockerModel } from '../docker/model';
import type { ContainerNode } from './containerItems';
import type { ImageNode } from './imageItems';
import type { Confirmation, Report } from './confirm';
import type { ContainersProvider, ImagesProvider } from './providers';
import { trustRefusal } from '../session/trust';

export interface SidebarContext {
  ext: vscode.ExtensionContext;
  model: DockerModel;
  containers: ContainersProvider;
  images: ImagesProvider;
  lang(): Lang;
  buildDiagnostics: vscode.DiagnosticCollection;
  buildOutput(): vscode.OutputChannel;
}

/** The engine clients when connected; otherwise one message and undefined. */
export function clientsOrWarn(ctx: SidebarContext): EngineClients | undefined {
  if (ctx.model.state.kind === 'ready' && ctx.model.clients) return ctx.model.clients;
  ctx.model.start();
  void vscode.window.showWarningMessage(vscode.l10n.t('The Docker engine is not connected. Check the Docker view for the reason.'));
  return undefined;
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
export async function reportError(ctx: SidebarContext, what: Msg, err: unknown): Promise<void> {
  const e = classifyError(err, ctx.model.clients?.where);
  if (e.kind === 'notFound') {
    await ctx.model.refresh().catch(() => undefined);
    return;
  }
  void vscode.window.showErrorMessage(perLang(ctx.lang(), (l) => `${pick(what, l)}: ${describe(e, l)}`, LINE_SEPARATOR));
}

/**
 * Building, running and changing things need a trusted workspace; browsing does not. The command
 * id says which kind it is (session/trust.ts); the refusal is shown in the sidebar's language.
 */
export function requireTrust(ctx: SidebarContext, command: string): boolean {
  const refusal = trustRefusal(command, vscode.workspace.isTrusted, ctx.lang());
  if (!refusal) return true;
  void vscode.window.showWarningMessage(refusal);
  return false;
}

/** Asks the (modal) question before a removal; true when the user chose the button. */
export async function confirmRemoval(c: Confirmation): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, c.button);
  return answer === c.button;
}

/**
 * Shows the report of a bulk action: success in the status bar (the tree shows it too), partial or
 * total failure as one notification whose "Details" lists every failed item with its reason.
 */
export function showReport(ctx: SidebarContext, report: Report, results: ReadonlyArray<{ ok: boolean; error?: { kind: string } }>): void {
  if (results.some((r) => !r.ok && r.error?.kind === 'notFound')) void ctx.model.refresh().catch(() => undefined);
  // One object that vanished between the list and the click: the refresh above is the whole answer (as in
  // reportError); in a bulk action the report still names it among the others.
  if (results.length === 1 && !results[0].ok && results[0].error?.kind === 'notFound') return;
  if (report.level === 'info') {
    void vscode.window.setStatusBarMessage(report.message, 5000);
    return;
  }
  const error = report.level === 'error';
  const show = (options: vscode.MessageOptions, ...items: string[]) =>
    error ? vscode.window.showErrorMessage(report.message, options, ...items) : vscode.window.showWarningMessage(report.message, options, ...items);
  if (!report.detail || results.length === 1) {
    void show({});
    return;
  }
  const details = vscode.l10n.t('Details');
  void show({}, details).then((a) => {
    if (a === details) void show({ modal: true, detail: report.detail });
  });
}

function isContainer(x: unknown): x is ContainerNode {
  return !!x && typeof x === 'object' && (x as { kind?: string }).kind === 'container';
}

function isImage(x: unknown): x is ImageNode {
  return !!x && typeof x === 'object' && (x as { kind?: string }).kind === 'image';
}

/**
 * The containers a command applies to: the multi-selection from the tree, the clicked node, or
 * (from the command palette) a pick among those matching `filter`.
 */
export async function targetContainers(
  ctx: SidebarContext,
  node: unknown,
  nodes: unknown,
  filter: (c: ContainerNode) => boolean = () => true,
  canPickMany = true,
): Promise<ContainerNode[]> {
  const selected = Array.isArray(nodes) ? nodes.filter(isContainer) : [];
  if (selected.length) return selected;
  if (isContainer(node)) return [node];
  ctx.model.start();
  const candidates = ctx.containers.containers().filter(filter);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No container to apply this to.'));
    return [];
  }
  const picks = candidates.map((c) => ({ label: c.label, description: c.description, node: c }));
  if (canPickMany) {
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: vscode.l10n.t('Choose containers') });
    return (chosen ?? []).map((p) => p.node);
  }
  const one = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Choose a container') });
  return one ? [one.node] : [];
}

export async function targetImages(ctx: SidebarContext, node: unknown, nodes: unknown, canPickMany = true): Promise<ImageNode[]> {
  const selected = Array.isArray(nodes) ? nodes.filter(isImage) : [];
  if (selected.length) return selected;
  if (isImage(node)) return [node];
  ctx.model.start();
  const candidates = ctx.images.images();
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No image to apply this to.'));
    return [];
  }
  const picks = candidates.map((i) => ({ label: i.ref, description: i.description, node: i }));
  if (canPickMany) {
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: vscode.l10n.t('Choose images') });
    return (chosen ?? []).map((p) => p.node);
  }
  const one = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Choose an image') });
  return one ? [one.node] : [];
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
