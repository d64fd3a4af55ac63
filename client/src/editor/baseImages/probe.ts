/**
 * Tells the language server what the base images of open Dockerfiles really run. The server says which images a
 * document's FROMs name (`dockerfileGuide/baseImages`, from its own parse: ARGs substituted, stages left out); for
 * each one present in the Docker engine the sidebar shows (the setting, DOCKER_HOST or the current docker context;
 * unix, TLS or ssh), its Config.Entrypoint/Cmd/Shell (common/src/engine/inspect.ts) is sent back as
 * `dockerfileGuide/baseImageConfig`. No engine, no image or any error: nothing is sent and the server falls back to
 * its built-in table. Re-probed when a Dockerfile opens, is saved, its FROM images change, or the window regains focus.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { inspectImageConfig } from '../../../../common/src/engine/inspect';
import { imageKey } from '../../../../common/src/imageRef';
import {
  BASE_IMAGE_CONFIG_METHOD,
  BASE_IMAGES_REQUEST,
  type BaseImagesParams,
  type BaseImagesResponse,
  type EngineImageConfigParams,
} from '../../../../common/src/protocol';
import { configuredEndpoint } from '../../docker/configuredEndpoint';

export class BaseImageProbe implements vscode.Disposable {
  private readonly sent = new Map<string, string>();
  private readonly lastImages = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly client: () => Promise<LanguageClient>) {
    const isDockerfile = (d: vscode.TextDocument) => d.languageId === 'dockerfile';
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => isDockerfile(d) && this.schedule(d, 0)),
      vscode.workspace.onDidSaveTextDocument((d) => isDockerfile(d) && this.schedule(d, 0, true)),
      vscode.workspace.onDidChangeTextDocument((e) => isDockerfile(e.document) && this.schedule(e.document, 800)),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) for (const d of vscode.workspace.textDocuments) if (isDockerfile(d)) this.schedule(d, 0, true);
      }),
    );
    for (const d of vscode.workspace.textDocuments) if (isDockerfile(d)) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number, force = false, retry = false): void {
    const key = doc.uri.toString();
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.probe(doc, force, retry);
      }, delay),
    );
  }

  /** Inspects the document's base images and sends what changed. Never throws. */
  async probe(doc: vscode.TextDocument, force = false, retry = false): Promise<void> {
    try {
      const lc = await this.client();
      const params: BaseImagesParams = { uri: doc.uri.toString() };
      const images: BaseImagesResponse = await lc.sendRequest(BASE_IMAGES_REQUEST, params);
      if (!images) {
        // The server has not seen the document yet (it was opening as the server started): ask once more.
        if (!retry && !doc.isClosed) this.schedule(doc, 1000, force, true);
        return;
      }
      const sig = images.join('\n');
      const key = doc.uri.toString();
      if (!force && this.lastImages.get(key) === sig) return;
      this.lastImages.set(key, sig);
      // The same engine as the sidebar; a configuration naming a missing context throws, and the server keeps its table.
      const endpoint = configuredEndpoint();
      for (const image of images) {
        const c = await inspectImageConfig(image, { endpoint });
        const config: EngineImageConfigParams = c
          ? { image, entrypoint: c.entrypoint, cmd: c.cmd, shell: c.shell }
          : { image, entrypoint: null, cmd: null, shell: null, missing: true };
        const payload = JSON.stringify(config);
        const k = imageKey(image);
        // Nothing known and nothing found: nothing to tell.
        if (!c && !this.sent.has(k)) continue;
        if (this.sent.get(k) === payload) continue;
        this.sent.set(k, payload);
        await lc.sendNotification(BASE_IMAGE_CONFIG_METHOD, config);
      }
    } catch {
      // No engine, a stopped client, anything: the server keeps its table.
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
  }
}
