// Inspect: the engine's JSON for a container or an image, in a read-only editor. A content provider
// (not an untitled document) keeps it read-only and spares the user a "save changes?" prompt.
import * as vscode from 'vscode';
import { inspectContainer, inspectImage } from '../../docker/actions';
import { fillMsg } from '../../../../common/src/i18n';
import { clientsOrWarn, COULD_NOT, reportError } from '../../session/dockerSession';
import { targetContainers, targetImages, targetNetwork, targetVolume, type SidebarContext } from '../context';
import { inspectNetwork, inspectVolume } from '../../docker/netvol';

export const INSPECT_SCHEME = 'dockerfile-guide-inspect';

export function registerInspect(ctx: SidebarContext): vscode.Disposable[] {
  const docs = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: (uri) => docs.get(uri.toString()) ?? '',
  };
  const show = async (kind: 'container' | 'image' | 'network' | 'volume', id: string, name: string, json: unknown) => {
    // The name is in the path so the tab reads "web.json"; the query keeps ids unique.
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${name.replace(/[/:]/g, '_')}.json`, query: id });
    docs.set(uri.toString(), JSON.stringify(json, null, 2) + '\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, provider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === INSPECT_SCHEME) docs.delete(d.uri.toString());
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.container.inspect', async (node?: unknown) => {
      const [c] = await targetContainers(ctx, node, undefined, () => true, false);
      const clients = c && clientsOrWarn(ctx);
      if (!c || !clients) return;
      try {
        await show('container', c.id, c.name, await inspectContainer(clients, c.id));
      } catch (err) {
        await reportError(ctx, fillMsg(COULD_NOT.inspect, c.name), err);
      }
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.image.inspect', async (node?: unknown) => {
      const [i] = await targetImages(ctx, node, undefined, false);
      const clients = i && clientsOrWarn(ctx);
      if (!i || !clients) return;
      try {
        await show('image', i.imageId, i.ref, await inspectImage(clients, i.imageId));
      } catch (err) {
        await reportError(ctx, fillMsg(COULD_NOT.inspect, i.ref), err);
      }
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.network.inspect', async (node?: unknown) => {
      const n = await targetNetwork(ctx, node);
      const clients = n && clientsOrWarn(ctx);
      if (!n || !clients) return;
      try {
        // The inspect answer (unlike the list) names the running containers on the network.
        await show('network', n.id, n.name, await inspectNetwork(clients, n.id));
      } catch (err) {
        await reportError(ctx, fillMsg(COULD_NOT.inspect, n.name), err);
      }
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.volume.inspect', async (node?: unknown) => {
      const v = await targetVolume(ctx, node);
      const clients = v && clientsOrWarn(ctx);
      if (!v || !clients) return;
      try {
        await show('volume', v.name, v.label, await inspectVolume(clients, v.name));
      } catch (err) {
        await reportError(ctx, fillMsg(COULD_NOT.inspect, v.label), err);
      }
    }),
  ];
}
