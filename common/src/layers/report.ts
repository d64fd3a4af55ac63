/**
 * One image's layers as the CLI (`dockerfile-guide layers`) and later the editor and sidebar show them: each layer's
 * bytes, the Dockerfile line that made it, its biggest files, and the bytes a later layer deletes or overwrites
 * (wasted: they still ship in the image). It joins two readings of the image: the Engine API's history (the rows
 * history.ts maps to lines) and the export's layer tars (imageTar.ts). The export's image config says which history
 * rows made no layer (`empty_layer`), so the n-th layer tar belongs to the n-th row that is not empty.
 */
import type { Msg } from '../i18n';
import { mapHistory, type HistoryEntry } from './history';
import type { ImageTarAnalysis } from './imageTar';

export interface LayersReport {
  image: string;
  /** Bytes of file content in all layers (what is shipped), and of it the bytes later layers hide. */
  size: number;
  wasted: number;
  efficiency: number;
  layers: {
    index: number;
    size: number;
    createdBy: string;
    line: number | null;
    instruction: string | null;
    wasted: number;
    biggest: { path: string; size: number }[];
  }[];
  waste: { path: string; size: number; addedLine: number | null; removedLine: number | null }[];
  /** Dockerfile lines that made no layer, with why (when a Dockerfile was given and matched the history). */
  noLayer: { line: number; instruction: string; reason: Msg }[];
  /** False when a Dockerfile was given but its lines could not be matched to this image's history. */
  matched: boolean;
}

/**
 * `history` is the Engine API's /images/{name}/history (newest first); `tar` the analysis of its export;
 * `dockerfile` the text of the Dockerfile the image was built from, when known.
 */
export function layersReport(image: string, history: readonly HistoryEntry[], tar: ImageTarAnalysis, dockerfile?: string): LayersReport {
  const rows = [...history].reverse();
  const map = dockerfile ? mapHistory(history, dockerfile) : null;
  // Layer tar k ↔ the k-th history row that made a layer. Without the config's flags (or when the counts disagree) a
  // row cannot be told for sure, and the layer gets no line rather than a wrong one.
  const made = tar.history && tar.history.length === rows.length ? tar.history.map((h, i) => (h.emptyLayer ? -1 : i)).filter((i) => i >= 0) : null;
  const rowOf = (k: number): number | null => (made && made.length === tar.layers.length ? made[k] : null);
  const lineOf = (k: number): number | null => {
    const r = rowOf(k);
    return r === null || !map?.matched ? null : (map.layers[r]?.line ?? null);
  };
  return {
    image,
    size: tar.size,
    wasted: tar.wasted,
    efficiency: tar.efficiency,
    layers: tar.layers.map((l, k) => {
      const r = rowOf(k);
      const row = r === null ? null : map?.matched ? map.layers[r] : null;
      return {
        index: k,
        size: l.size,
        createdBy: r === null ? '' : rows[r].CreatedBy,
        line: row?.line ?? null,
        instruction: row?.instruction ?? null,
        wasted: l.wasted,
        biggest: l.biggest.map((b) => ({ path: `/${b.path}`, size: b.size })),
      };
    }),
    waste: tar.waste.map((w) => ({ path: `/${w.path}`, size: w.size, addedLine: lineOf(w.addedLayer), removedLine: lineOf(w.removedLayer) })),
    noLayer: map?.matched ? map.noLayer : [],
    matched: map ? map.matched : true,
  };
}
