// The two Docker views: one provider each over the window's engine model, which they connect when one of them
// first becomes visible; the endpoint in the views' description; a redraw when the language setting changes.
import * as vscode from 'vscode';
import type { DockerSession } from '../session/dockerSession';
import { ContainersProvider, ImagesProvider, NetworksProvider, VolumesProvider } from './providers';
import { filterContainers, filterMessage } from './containerFilter';
import { ImageLayers } from './imageLayers';

export const CONTAINERS_VIEW = 'dockerfileGuide.containers';
export const IMAGES_VIEW = 'dockerfileGuide.images';
export const NETWORKS_VIEW = 'dockerfileGuide.networks';
export const VOLUMES_VIEW = 'dockerfileGuide.volumes';
/** Context key: the Containers view has a filter (shows the clear-filter button). */
export const CONTAINER_FILTER_KEY = 'dockerfileGuide.docker.containerFilter';

export interface SidebarViews {
  containers: ContainersProvider;
  images: ImagesProvider;
  /** What each image's layer rows know (history, Dockerfile, the export's analysis). */
  layers: ImageLayers;
  networks: NetworksProvider;
  volumes: VolumesProvider;
  /** Sets (or, with undefined / blank, clears) the Containers view's filter by name or image. */
  setContainerFilter(text: string | undefined): void;
}

export function createSidebarViews(context: vscode.ExtensionContext, session: DockerSession): SidebarViews {
  const { model } = session;
  const containers = new ContainersProvider(model, session.lang);
  const images = new ImagesProvider(model, session.lang);
  const layers = new ImageLayers(model, session.built, session.lang, IMAGES_VIEW, (id) => images.redrawImage(id));
  images.layers = layers;
  const networks = new NetworksProvider(model, session.lang);
  const volumes = new VolumesProvider(model, session.lang);

  const containersView = vscode.window.createTreeView(CONTAINERS_VIEW, { treeDataProvider: containers, canSelectMany: true, showCollapseAll: true });
  const imagesView = vscode.window.createTreeView(IMAGES_VIEW, { treeDataProvider: images, canSelectMany: true, showCollapseAll: true });
  const networksView = vscode.window.createTreeView(NETWORKS_VIEW, { treeDataProvider: networks });
  const volumesView = vscode.window.createTreeView(VOLUMES_VIEW, { treeDataProvider: volumes });
  const views = [containersView, imagesView, networksView, volumesView];

  // The filter's words stay visible above the tree, with how many of all containers they leave.
  const describeFilter = () => {
    const shown = filterContainers(model.containers, containers.filter).length;
    containersView.message = filterMessage(containers.filter, shown, model.containers.length, session.lang());
  };
  const setContainerFilter = (text: string | undefined) => {
    containers.filter = text?.trim() ? text.trim() : undefined;
    containers.invalidate();
    describeFilter();
    void vscode.commands.executeCommand('setContext', CONTAINER_FILTER_KEY, !!containers.filter);
  };

  const describeEndpoint = () => {
    const ep = model.endpoint;
    const d = ep ? ep.label : undefined;
    for (const v of views) v.description = d;
  };
  const startIfVisible = () => {
    if (views.some((v) => v.visible)) model.start();
  };

  void vscode.commands.executeCommand('setContext', 'dockerfileGuide.docker.showDangling', false);
  context.subscriptions.push(
    ...views,
    containers,
    images,
    layers,
    networks,
    volumes,
    model.onDidChange((what) => {
      if (what === 'state') describeEndpoint();
      if (what === 'containers' && containers.filter) describeFilter();
    }),
    ...views.map((v) => v.onDidChangeVisibility(startIfVisible)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A host change reconnects (dockerSession.ts), and the new state redraws the views anyway.
      if (e.affectsConfiguration('dockerfileGuide.language') && !e.affectsConfiguration('dockerfileGuide.docker.host')) {
        containers.invalidate();
        images.invalidate();
        networks.invalidate();
        volumes.invalidate();
        describeFilter();
      }
    }),
  );
  startIfVisible();
  return { containers, images, layers, networks, volumes, setContainerFilter };
}
