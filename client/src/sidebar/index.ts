// The Docker sidebar, wired once: the two views and every command of theirs. Each command module imports only the
// session, the sidebar context and the items it uses; none imports another command or the views' setup.
import * as vscode from 'vscode';
import type { DockerSession } from '../session/dockerSession';
import type { SidebarContext } from './context';
import { createSidebarViews } from './views';
import { registerLifecycleCommands } from './commands/containerLifecycle';
import { registerCopyId } from './commands/copyId';
import { registerInspect } from './commands/inspect';
import { registerOpenInBrowser } from './commands/openInBrowser';
import { registerOpenShell } from './commands/openShell';
import { registerPruneImages } from './commands/pruneImages';
import { registerRemoveContainer } from './commands/removeContainer';
import { registerRemoveImage } from './commands/removeImage';
import { registerRunImage } from './commands/runImage';
import { registerViewCommands } from './commands/viewCommands';
import { registerTagImage } from './commands/tagImage';
import { registerViewLogs } from './commands/viewLogs';
import { registerLayersCommands } from './commands/layers';
import { registerNetworkCommands } from './commands/networks';
import { registerVolumeCommands } from './commands/volumes';
import { registerContainerFilter } from './commands/filterContainers';

/** Registers the sidebar's views and commands; returns what its commands share, for commands wired elsewhere. */
export function registerDockerSidebar(context: vscode.ExtensionContext, session: DockerSession): SidebarContext {
  const ctx: SidebarContext = { ...session, ...createSidebarViews(context, session) };
  context.subscriptions.push(
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
    ...registerViewCommands(ctx),
    ...registerLayersCommands(ctx),
    ...registerNetworkCommands(ctx),
    ...registerVolumeCommands(ctx),
    ...registerContainerFilter(ctx),
  );
  return ctx;
}
