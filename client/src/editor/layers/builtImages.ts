/**
 * Which Dockerfile built which image, as the extension saw it (Build Image, Build and Run, Run and check). The
 * engine does not keep this: an image's history has the instructions but not the file. With it, the sidebar can
 * put an image's layers on their Dockerfile lines and open them on click. Kept in the workspace's state, so it
 * survives a reload; an image built outside the extension simply has no entry.
 */
import * as vscode from 'vscode';

export interface BuiltImage {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Unix ms. */
  builtAt: number;
}

const KEY = 'dockerfileGuide.layers.builtImages';
/** Enough for a long working session; the oldest entries go first. */
const MAX = 200;

export class BuiltImages {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the image ID that was recorded. */
  readonly onDidRecord = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  private all(): Record<string, BuiltImage> {
    return this.memento.get<Record<string, BuiltImage>>(KEY, {});
  }

  async record(imageId: string, dockerfile: string): Promise<void> {
    const all = { ...this.all(), [imageId]: { dockerfile, builtAt: Date.now() } };
    const ids = Object.keys(all).sort((a, b) => all[a].builtAt - all[b].builtAt);
    for (const id of ids.slice(0, Math.max(0, ids.length - MAX))) delete all[id];
    await this.memento.update(KEY, all);
    this.changed.fire(imageId);
  }

  /** The Dockerfile that built `imageId` (a full `sha256:…` ID), when the extension built it. */
  get(imageId: string): BuiltImage | undefined {
    return this.all()[imageId];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
