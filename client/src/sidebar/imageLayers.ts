// The images view's layers, per image ID: the history (asked when an image is expanded), the Dockerfile the
// extension built it from (session.built), and the export's analysis (analysedTar, cached per ID in
// common/src/layers/analyse.ts), which runs once in the background with the view's progress bar and then redraws
// the image. What the rows say is layerItems.ts; this holds only what is loading, loaded or failed.
// Failures (layersFailure.ts): an image that vanished refreshes the list quietly; anything else (engine down, the
// export breaking mid-stream) becomes the summary's error row, which a click tries again. A running analysis ends as
// done, failed or forgotten, never as a spinner that stays: the engine disconnecting fails it at once.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Lang, Msg } from '../../../common/src/i18n';
import { analysedTar, imageHistory } from '../../../common/src/layers/analyse';
import type { HistoryEntry } from '../../../common/src/layers/history';
import type { DockerModel } from '../docker/model';
import type { BuiltImages } from '../editor/layers/builtImages';
import type { ImageNode } from './imageItems';
import { layersFailure } from './layersFailure';
import { layersTree, type LayersAnalysis, type LayersInput, type LayersNode } from './layerItems';
import { reached } from '../walkthrough/milestones';

interface Entry {
  history?: Promise<HistoryEntry[]>;
  analysis?: LayersAnalysis;
  abort?: AbortController;
}

export class ImageLayers implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly model: DockerModel,
    private readonly built: BuiltImages,
    private readonly lang: () => Lang,
    private readonly viewId: string,
    /** Redraws the nodes of image `imageId` (or the whole view). */
    private readonly changed: (imageId: string) => void,
  ) {
    this.subs.push(
      // A build from the extension names the Dockerfile of an image that may already be shown.
      built.onDidRecord((id) => this.changed(id)),
    );
    const sub = model.onDidChange((what) => {
      if (what === 'images') this.prune(new Set(model.images.map((i) => i.Id)));
      if (what === 'state' && model.state.kind === 'error') this.failRunning(model.state.error.reason, model.state.error.detail);
    });
    this.subs.push({ dispose: () => sub.dispose() });
  }

  /** The rows under an image node. */
  async children(node: ImageNode): Promise<LayersNode[]> {
    const clients = this.model.clients;
    if (this.model.state.kind !== 'ready' || !clients) return [];
    const id = node.imageId;
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = {}));
    const base: Omit<LayersInput, 'history'> = { parentKey: node.key, imageId: id };
    let history: HistoryEntry[];
    try {
      history = await (e.history ??= imageHistory(clients, id));
    } catch (err) {
      if (this.entries.get(id) === e) e.history = undefined; // asked again on the next expansion
      const ee = await layersFailure(clients, id, err, clients.where);
      if (ee.kind === 'notFound') return this.vanished(id);
      return layersTree({ ...base, history: [], analysis: { kind: 'failed', reason: ee.reason, detail: ee.detail } }, this.lang());
    }
    if (!e.analysis) this.analyse(id, e);
    // An image's layers listed in the sidebar: the walkthrough's step "look at the layers" is done.
    if (history.length) reached('layersShown');
    return layersTree({ ...base, history, analysis: e.analysis, ...(await this.dockerfile(id)) }, this.lang());
  }

  /** Forgets what is known of `imageId` (a failed analysis is tried again on the next expansion). */
  forget(imageId: string): void {
    const e = this.entries.get(imageId);
    this.entries.delete(imageId);
    e?.abort?.abort();
  }

  retry(imageId: string): void {
    this.forget(imageId);
    this.changed(imageId);
  }

  /** Drops every image that is no longer in the list. */
  prune(present: ReadonlySet<string>): void {
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.forget(id);
  }

  dispose(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
    for (const s of this.subs) s.dispose();
  }

  private vanished(id: string): LayersNode[] {
    this.forget(id);
    void this.model.refresh().catch(() => undefined);
    return [];
  }

  private analyse(id: string, e: Entry): void {
    const clients = this.model.clients!;
    const abort = new AbortController();
    e.abort = abort;
    e.analysis = { kind: 'running' };
    const current = () => this.entries.get(id) === e && e.analysis?.kind === 'running';
    void vscode.window.withProgress({ location: { viewId: this.viewId } }, () =>
      analysedTar(clients, id, abort.signal).then(
        (tar) => {
          if (!current()) return;
          e.analysis = { kind: 'done', tar };
          this.changed(id);
        },
        async (err: unknown) => {
          const ee = await layersFailure(clients, id, err, clients.where);
          if (!current()) return;
          if (ee.kind === 'notFound') {
            this.vanished(id);
            return;
          }
          e.analysis = { kind: 'failed', reason: ee.reason, detail: ee.detail };
          this.changed(id);
        },
      ),
    );
  }

  private failRunning(reason: Msg, detail: string): void {
    for (const [id, e] of this.entries) {
      if (e.analysis?.kind !== 'running') continue;
      e.analysis = { kind: 'failed', reason, detail };
      e.abort?.abort();
      this.changed(id);
    }
  }

  /** The Dockerfile the extension built `id` from: the open editor's text when it is open (its lines are the ones
   * the user sees and a click opens), else the file on disk. */
  private async dockerfile(id: string): Promise<Pick<LayersInput, 'dockerfile' | 'dockerfileUnreadable'>> {
    const rec = this.built.get(id);
    if (!rec) return {};
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === rec.dockerfile);
    if (open) return { dockerfile: { path: rec.dockerfile, text: open.getText() } };
    try {
      return { dockerfile: { path: rec.dockerfile, text: await fs.promises.readFile(rec.dockerfile, 'utf8') } };
    } catch {
      return { dockerfileUnreadable: rec.dockerfile };
    }
  }
}
