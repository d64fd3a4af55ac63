// Thin TreeDataProviders: they map the model through the pure functions of containerItems /
// imageItems / statusItems and turn the result into vscode.TreeItems. The mapped tree is cached
// per model change, so VS Code asking for children repeatedly costs nothing.
import * as vscode from 'vscode';
import type { DockerModel, ViewKind } from '../docker/model';
import type { Lang } from '../../../common/src/i18n';
import { containerTree, type BusyVerb, type ContainerIcon, type ContainerNode, type ContainersTreeNode } from './containerItems';
import { imageTree, type ImageNode, type RepoNode } from './imageItems';
import { stateNodes, type StatusNode } from './statusItems';
import type { ImageLayers } from './imageLayers';
import type { LayersNode } from './layerItems';
import { networkTree, type NetworkNode, type UserNode } from './networkItems';
import { volumeTree, type VolumeNode } from './volumeItems';
import { filterContainers } from './containerFilter';

export type ContainersElement = ContainersTreeNode | StatusNode;
export type ImagesElement = RepoNode | ImageNode | StatusNode | LayersNode;
export type NetworksElement = NetworkNode | UserNode | StatusNode;
export type VolumesElement = VolumeNode | UserNode | StatusNode;

function userItem(n: UserNode): vscode.TreeItem {
  const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.None);
  item.id = n.key;
  item.description = n.description;
  item.iconPath = themeIcon(n.running ? 'vm-running' : 'vm-outline', n.running ? 'testing.iconPassed' : undefined);
  item.contextValue = 'usedBy';
  return item;
}

/** Collapsed when some container uses it (its rows name them), a leaf otherwise. */
function usedState(n: { children: unknown[] }): vscode.TreeItemCollapsibleState {
  return n.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
}

/** Commands the layer rows run on click (registered in commands/layers.ts). */
export const OPEN_LAYER_LINE = 'dockerfileGuide.docker.layers.openLine';
export const RETRY_LAYERS = 'dockerfileGuide.docker.layers.retry';

const ICONS: Record<ContainerIcon, [string, string | undefined]> = {
  running: ['play-circle', 'testing.iconPassed'],
  healthy: ['pass-filled', 'testing.iconPassed'],
  unhealthy: ['warning', 'list.warningForeground'],
  healthStarting: ['pulse', 'list.warningForeground'],
  paused: ['debug-pause', 'debugIcon.pauseForeground'],
  restarting: ['sync~spin', 'list.warningForeground'],
  exitedOk: ['circle-large-outline', undefined],
  exitedError: ['error', 'testing.iconFailed'],
  created: ['circle-large-outline', 'disabledForeground'],
  dead: ['close', 'testing.iconFailed'],
  removing: ['trash', 'disabledForeground'],
  stopping: ['loading~spin', 'list.warningForeground'],
};

function themeIcon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

function statusItem(n: StatusNode): vscode.TreeItem {
  const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.None);
  item.id = `status:${n.key}`;
  item.description = n.description;
  item.tooltip = n.tooltip;
  item.iconPath = themeIcon(n.icon, n.icon === 'error' ? 'errorForeground' : undefined);
  item.contextValue = `status:${n.key}`;
  if (n.command) item.command = { command: n.command, title: n.label };
  return item;
}

abstract class ModelProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<T | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: { dispose(): void };
  protected cache: T[] | undefined;

  constructor(
    protected readonly model: DockerModel,
    protected readonly lang: () => Lang,
    kind: ViewKind | readonly ViewKind[],
  ) {
    const kinds: readonly string[] = typeof kind === 'string' ? [kind] : kind;
    this.sub = model.onDidChange((what) => {
      if (kinds.includes(what) || what === 'state') this.invalidate();
    });
  }

  invalidate(): void {
    this.cache = undefined;
    this.emitter.fire();
  }

  protected abstract build(): T[];
  abstract getTreeItem(el: T): vscode.TreeItem;
  abstract getChildren(el?: T): T[] | Promise<T[]>;

  protected roots(): T[] {
    const status = stateNodes(this.model.state, this.lang());
    if (status) return status as unknown as T[];
    return (this.cache ??= this.build());
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export class ContainersProvider extends ModelProvider<ContainersElement> {
  /** The title bar's filter (name or image); views.ts shows it above the tree. */
  filter: string | undefined;
  /** Stops and restarts we sent that the engine has not answered yet. */
  private readonly busy = new Map<string, BusyVerb>();

  constructor(model: DockerModel, lang: () => Lang) {
    super(model, lang, 'containers');
  }

  /** Marks containers as being stopped or restarted (undefined: done), and redraws. */
  setBusy(ids: readonly string[], verb: BusyVerb | undefined): void {
    for (const id of ids) {
      if (verb) this.busy.set(id, verb);
      else this.busy.delete(id);
    }
    this.invalidate();
  }

  protected build(): ContainersElement[] {
    return containerTree(filterContainers(this.model.containers, this.filter), this.lang(), this.busy);
  }

  getChildren(el?: ContainersElement): ContainersElement[] {
    if (!el) return this.roots();
    return el.kind === 'group' ? el.children : [];
  }

  getTreeItem(el: ContainersElement): vscode.TreeItem {
    if (el.kind === 'status') return statusItem(el);
    if (el.kind === 'group') {
      const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = el.id;
      item.description = el.description;
      item.iconPath = themeIcon('layers');
      item.contextValue = 'composeProject';
      return item;
    }
    const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.None);
    item.id = `container:${el.id}`;
    item.description = el.description;
    item.tooltip = new vscode.MarkdownString(el.tooltip);
    const [icon, color] = ICONS[el.icon];
    item.iconPath = themeIcon(icon, color);
    item.contextValue = el.contextValue;
    return item;
  }

  /** Containers currently shown (for command palette pickers). */
  containers(): ContainerNode[] {
    return this.roots().flatMap((n) => (n.kind === 'group' ? n.children : n.kind === 'container' ? [n] : []));
  }
}

export class ImagesProvider extends ModelProvider<ImagesElement> {
  showDangling = false;
  /** An image's layers (set by views.ts; without it an image has no children). */
  layers: ImageLayers | undefined;

  constructor(model: DockerModel, lang: () => Lang) {
    super(model, lang, 'images');
  }

  protected build(): ImagesElement[] {
    return imageTree(this.model.images, this.lang(), { showDangling: this.showDangling });
  }

  getChildren(el?: ImagesElement): ImagesElement[] | Promise<ImagesElement[]> {
    if (!el) return this.roots();
    if (el.kind === 'image') return this.layers ? this.layers.children(el) : [];
    return el.kind === 'repo' || el.kind === 'layers' ? el.children : [];
  }

  /** Redraws the nodes of one image (its layers arrived or failed); the whole view when it is not shown. */
  redrawImage(imageId: string): void {
    const nodes = (this.cache ?? []).flatMap((r) => (r.kind === 'repo' ? r.children.filter((c) => c.imageId === imageId) : []));
    if (!nodes.length) this.emitter.fire();
    for (const n of nodes) this.emitter.fire(n);
  }

  getTreeItem(el: ImagesElement): vscode.TreeItem {
    if (el.kind === 'status') return statusItem(el);
    if (el.kind === 'layers') return layersItem(el);
    if (el.kind === 'repo') {
      const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = el.key;
      item.description = el.description;
      item.iconPath = themeIcon('repo');
      item.contextValue = 'imageRepo';
      return item;
    }
    const item = new vscode.TreeItem(el.label, this.layers ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `image:${el.key}`;
    item.description = el.description;
    item.tooltip = new vscode.MarkdownString(el.tooltip);
    item.iconPath = themeIcon(el.dangling ? 'circle-slash' : 'tag');
    item.contextValue = el.contextValue;
    return item;
  }

  images(): ImageNode[] {
    return imageTree(this.model.images, this.lang(), { showDangling: true }).flatMap((r) => r.children);
  }
}

export class NetworksProvider extends ModelProvider<NetworksElement> {
  constructor(model: DockerModel, lang: () => Lang) {
    // The containers' list says which containers use each network.
    super(model, lang, ['networks', 'containers']);
  }

  protected build(): NetworksElement[] {
    return networkTree(this.model.networks, this.model.containers, this.lang());
  }

  getChildren(el?: NetworksElement): NetworksElement[] {
    if (!el) return this.roots();
    return el.kind === 'network' ? el.children : [];
  }

  getTreeItem(el: NetworksElement): vscode.TreeItem {
    if (el.kind === 'status') return statusItem(el);
    if (el.kind === 'user') return userItem(el);
    const item = new vscode.TreeItem(el.label, usedState(el));
    item.id = `network:${el.id}`;
    item.description = el.description;
    item.tooltip = new vscode.MarkdownString(el.tooltip);
    item.iconPath = themeIcon(el.builtin ? 'globe' : 'type-hierarchy-sub', el.usedBy.length ? undefined : 'disabledForeground');
    item.contextValue = el.contextValue;
    return item;
  }

  networks(): NetworkNode[] {
    return this.roots().filter((n): n is NetworkNode => n.kind === 'network');
  }
}

export class VolumesProvider extends ModelProvider<VolumesElement> {
  constructor(model: DockerModel, lang: () => Lang) {
    super(model, lang, ['volumes', 'containers']);
  }

  protected build(): VolumesElement[] {
    return volumeTree(this.model.volumes, this.model.containers, this.lang());
  }

  getChildren(el?: VolumesElement): VolumesElement[] {
    if (!el) return this.roots();
    return el.kind === 'volume' ? el.children : [];
  }

  getTreeItem(el: VolumesElement): vscode.TreeItem {
    if (el.kind === 'status') return statusItem(el);
    if (el.kind === 'user') return userItem(el);
    const item = new vscode.TreeItem(el.label, usedState(el));
    item.id = `volume:${el.name}`;
    item.description = el.description;
    item.tooltip = new vscode.MarkdownString(el.tooltip);
    item.iconPath = themeIcon('database', el.usedBy.length ? undefined : 'disabledForeground');
    item.contextValue = el.contextValue;
    return item;
  }

  volumes(): VolumeNode[] {
    return this.roots().filter((n): n is VolumeNode => n.kind === 'volume');
  }
}

const LAYER_ICON_COLORS: Partial<Record<LayersNode['icon'], string>> = { error: 'errorForeground', trash: 'list.warningForeground' };

function layersItem(n: LayersNode): vscode.TreeItem {
  const item = new vscode.TreeItem(n.label, n.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `layers:${n.key}`;
  item.description = n.description;
  if (n.tooltip) item.tooltip = new vscode.MarkdownString(n.tooltip);
  item.iconPath = themeIcon(n.icon, LAYER_ICON_COLORS[n.icon]);
  item.contextValue = `layers:${n.role}`;
  if (n.open) item.command = { command: OPEN_LAYER_LINE, title: n.label, arguments: [n.open.path, n.open.line] };
  else if (n.retryImageId) item.command = { command: RETRY_LAYERS, title: n.label, arguments: [n.retryImageId] };
  return item;
}
