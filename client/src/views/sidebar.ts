// Wires the Docker sidebar: one model shared by both views, created at activation but connected only
// when a view first becomes visible; the endpoint in the views' description; trust and settings.
import * as vscode from 'vscode';
import { configuredEndpoint } from '../docker/configuredEndpoint';
import { langFromLocale, type Lang } from '../docker/i18n';
import { DockerModel } from '../docker/model';
import { registerBuildImage } from '../commands/buildImage';
import type { SidebarContext } from '../commands/common';
import { registerLifecycleCommands } from '../commands/containerLifecycle';
import { registerCopyId } from '../commands/copyId';
import { registerInspect } from '../commands/inspect';
import { registerOpenInBrowser } from '../commands/openInBrowser';
import { registerOpenShell } from '../commands/openShell';
import { registerPruneImages } from '../commands/pruneImages';
import { registerRemoveContainer } from '../commands/removeContainer';
import { registerRemoveImage } from '../commands/removeImage';
import { registerRunImage } from '../commands/runImage';
import { registerSidebarCommands } from '../commands/sidebarCommands';
import { registerTagImage } from '../commands/tagImage';
import { registerViewLogs } from '../commands/viewLogs';
import { ContainersProvider, ImagesProvider } from './providers';

export const CONTAINERS_VIEW = 'dockerfileGuide.containers';
export const IMAGES_VIEW = 'dockerfileGuide.images';

/** The sidebar follows `dockerfileGuide.language` like the rest of the extension (`both` → Korean first). */
export function sidebarLang(): Lang {
  const setting = vscode.workspace.getConfiguration('dockerfileGuide').get<string>('language', 'auto');
  if (setting === 'ko' || setting === 'both') return 'ko';
  if (setting === 'en') return 'en';
  return langFromLocale(vscode.env.language);
}

export interface DockerSidebar {
  model: DockerModel;
  containers: ContainersProvider;
  images: ImagesProvider;
}

export function registerDockerSidebar(context: vscode.ExtensionContext): DockerSidebar {
  const model = new DockerModel({ resolve: configuredEndpoint });
  const containers = new ContainersProvider(model, sidebarLang);
  const images = new ImagesProvider(model, sidebarLang);
  let buildChannel: vscode.OutputChannel | undefined;
  const ctx: SidebarContext = {
    ext: context,
    model,
    containers,
    images,
    lang: sidebarLang,
    buildDiagnostics: vscode.languages.createDiagnosticCollection('docker-build'),
    buildOutput: () => (buildChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Docker Build'))),
  };

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
    ctx.buildDiagnostics,
    { dispose: () => buildChannel?.dispose() },
    { dispose: () => model.dispose() },
    model.onDidChange((what) => {
      if (what === 'state') describeEndpoint();
    }),
    containersView.onDidChangeVisibility(startIfVisible),
    imagesView.onDidChangeVisibility(startIfVisible),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerfileGuide.docker.host')) {
        if (model.isStarted) model.reconnect();
      } else if (e.affectsConfiguration('dockerfileGuide.language')) {
        containers.invalidate();
        images.invalidate();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (model.isStarted) model.reconnect();
    }),
    ...registerLifecycleCommands(ctx),
    registerRemoveContainer(ctx),
    registerViewLogs(ctx),
    registerOpenShell(ctx),
    ...registerInspect(ctx),
    registerOpenInBrowser(ctx),
    registerCopyId(ctx),
    ...registerRunImage(ctx),
    registerTagImage(ctx),
    registerRemoveImage(ctx),
    registerPruneImages(ctx),
    ...registerBuildImage(ctx),
    ...registerSidebarCommands(ctx),
  );
  startIfVisible();
  return { model, containers, images };
}
