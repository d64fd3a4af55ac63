// The two Docker views: one provider each over the window's engine model, which they connect when one of them
// first becomes visible; the endpoint in the views' description; a redraw when the language setting changes.
import * as vscode from 'vscode';
import type { DockerSession } from '../session/dockerSession';
import { ContainersProvider, ImagesProvider } from './providers';
import { ImageLayers } from './imageLayers';

export const CONTAINERS_VIEW = 'dockerfileGuide.containers';
export const IMAGES_VIEW = 'dockerfileGuide.images';

export interface SidebarViews {
  containers: ContainersProvider;
  images: ImagesProvider;
  /** What each image's layer rows know (history, Dockerfile, the export's analysis). */
  layers: ImageLayers;
}

export function createSidebarViews(context: vscode.ExtensionContext, session: DockerSession): SidebarViews {
  const { model } = session;
  const containers = new ContainersProvider(model, session.lang);
  const images = new ImagesProvider(model, session.lang);
  const layers = new ImageLayers(model, session.built, session.lang, IMAGES_VIEW, (id) => images.redrawImage(id));
  images.layers = layers;

  const containersView = vscode.window.createTreeView(CONTAINERS_VIEW, { treeDataProvider: containers, canSelectMany: true, showCollapseAll: true });
  const imagesView = vscode.window.createTreeView(IMAGES_VIEW, { treeDataProvider: images, canSelectMany: true, showCollapseAll: true });

  const describeEndpoint = () => {
    const ep = model.endpoint;
    const d = ep ? ep.label : undefined;
    containersView.description = d;
    imagesView.description = d;
  };
  const startIfVisible = () => {
    if (containersView.visible || imagesView.visible) model.start();
  };

  void vscode.commands.executeCommand('setContext', 'dockerfileGuide.docker.showDangling', false);
  context.subscriptions.push(
    containersView,
    imagesView,
    containers,
    images,
    layers,
    model.onDidChange((what) => {
      if (what === 'state') describeEndpoint();
    }),
    containersView.onDidChangeVisibility(startIfVisible),
    imagesView.onDidChangeVisibility(startIfVisible),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A host change reconnects (dockerSession.ts), and the new state redraws the views anyway.
      if (e.affectsConfiguration('dockerfileGuide.language') && !e.affectsConfiguration('dockerfileGuide.docker.host')) {
        containers.invalidate();
        images.invalidate();
      }
    }),
  );
  startIfVisible();
  return { containers, images, layers };
}
