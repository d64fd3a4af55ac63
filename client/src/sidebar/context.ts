// What the sidebar commands share beyond the Docker session: the providers (what the views show, for the
// command palette's pickers), the modal question before a removal and the report after a bulk action.
import * as vscode from 'vscode';
import type { DockerSession } from '../session/dockerSession';
import type { ContainerNode } from './containerItems';
import type { ImageNode } from './imageItems';
import type { NetworkNode } from './networkItems';
import type { VolumeNode } from './volumeItems';
import type { Confirmation, Report } from './confirm';
import type { ContainersProvider, ImagesProvider, NetworksProvider, VolumesProvider } from './providers';
import type { ImageLayers } from './imageLayers';

export interface SidebarContext extends DockerSession {
  containers: ContainersProvider;
  images: ImagesProvider;
  layers: ImageLayers;
  networks: NetworksProvider;
  volumes: VolumesProvider;
  /** Sets or clears the Containers view's filter (views.ts). */
  setContainerFilter(text: string | undefined): void;
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

/** The words of a pick among containers or images. */
interface PickText {
  none: string;
  many: string;
  one: string;
}

/**
 * What a command applies to: the multi-selection from the tree, the clicked node, or (from the command palette) a
 * pick among `candidates()`.
 */
async function targets<T>(
  ctx: SidebarContext,
  node: unknown,
  nodes: unknown,
  is: (x: unknown) => x is T,
  candidates: () => T[],
  label: (t: T) => { label: string; description?: string },
  text: PickText,
  canPickMany: boolean,
): Promise<T[]> {
  const selected = Array.isArray(nodes) ? nodes.filter(is) : [];
  if (selected.length) return selected;
  if (is(node)) return [node];
  ctx.model.start();
  const list = candidates();
  if (!list.length) {
    void vscode.window.showInformationMessage(text.none);
    return [];
  }
  const picks = list.map((t) => ({ ...label(t), node: t }));
  if (canPickMany) {
    const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: text.many });
    return (chosen ?? []).map((p) => p.node);
  }
  const one = await vscode.window.showQuickPick(picks, { placeHolder: text.one });
  return one ? [one.node] : [];
}

/** The containers a command applies to (from the palette: a pick among those matching `filter`). */
export function targetContainers(
  ctx: SidebarContext,
  node: unknown,
  nodes: unknown,
  filter: (c: ContainerNode) => boolean = () => true,
  canPickMany = true,
): Promise<ContainerNode[]> {
  return targets(ctx, node, nodes, isContainer, () => ctx.containers.containers().filter(filter), (c) => ({ label: c.label, description: c.description }), {
    none: vscode.l10n.t('No container to apply this to.'),
    many: vscode.l10n.t('Choose containers'),
    one: vscode.l10n.t('Choose a container'),
  }, canPickMany);
}

export function targetImages(ctx: SidebarContext, node: unknown, nodes: unknown, canPickMany = true): Promise<ImageNode[]> {
  return targets(ctx, node, nodes, isImage, () => ctx.images.images(), (i) => ({ label: i.ref, description: i.description }), {
    none: vscode.l10n.t('No image to apply this to.'),
    many: vscode.l10n.t('Choose images'),
    one: vscode.l10n.t('Choose an image'),
  }, canPickMany);
}


function isNetwork(x: unknown): x is NetworkNode {
  return !!x && typeof x === 'object' && (x as { kind?: string }).kind === 'network';
}

function isVolume(x: unknown): x is VolumeNode {
  return !!x && typeof x === 'object' && (x as { kind?: string }).kind === 'volume';
}

/** The network a command applies to: the clicked node, or a pick among those matching `filter`. */
export async function targetNetwork(ctx: SidebarContext, node: unknown, filter: (n: NetworkNode) => boolean = () => true): Promise<NetworkNode | undefined> {
  const [n] = await targets(ctx, node, undefined, isNetwork, () => ctx.networks.networks().filter(filter), (n) => ({ label: n.label, description: n.description }), {
    none: vscode.l10n.t('No network to apply this to.'),
    many: vscode.l10n.t('Choose a network'),
    one: vscode.l10n.t('Choose a network'),
  }, false);
  return n;
}

export async function targetVolume(ctx: SidebarContext, node: unknown): Promise<VolumeNode | undefined> {
  const [v] = await targets(ctx, node, undefined, isVolume, () => ctx.volumes.volumes(), (v) => ({ label: v.label, description: v.description }), {
    none: vscode.l10n.t('No volume to apply this to.'),
    many: vscode.l10n.t('Choose a volume'),
    one: vscode.l10n.t('Choose a volume'),
  }, false);
  return v;
}
