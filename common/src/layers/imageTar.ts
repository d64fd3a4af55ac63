// Reads the stream of an image export (`GET /images/{name}/get`, what `docker save` writes) and says what each
// layer adds and which bytes are wasted: files a layer adds that a later layer deletes (whiteout) or overwrites
// still count in the image. One pass, nothing on disk, and only a path → size map per layer kept in memory.
//
// Layout: manifest.json lists the layer tars oldest first; docker 20.10 stores them as `<id>/layer.tar` (a later
// duplicate may be a symlink to an earlier one), the OCI layout of newer engines as `blobs/sha256/<hash>`. The
// manifest often comes last, so every entry that might be a layer is summarised under its own path and the
// summaries are put in order once the manifest is known.

import { posix } from 'node:path';
import { TarBodySink, TarEntry, TarFormatError, TarParser } from './tarParser';

export interface LayerFile {
  path: string;
  size: number;
}

export interface LayerSummary {
  index: number;
  /** Path of the layer tar inside the export. */
  path: string;
  /** Sum of the sizes of the regular files the layer adds. */
  size: number;
  /** Regular files, symlinks and hard links the layer adds (directories are not counted). */
  files: number;
  /** Bytes of this layer that a later layer deletes or overwrites. */
  wasted: number;
  biggest: LayerFile[];
}

export interface WastedFile {
  path: string;
  size: number;
  addedLayer: number;
  removedLayer: number;
  how: 'deleted' | 'overwritten';
}

export interface ImageTarAnalysis {
  layers: LayerSummary[];
  /** Largest first. */
  waste: WastedFile[];
  size: number;
  wasted: number;
  /** 1 - wasted / size; 1 for an empty image. */
  efficiency: number;
  /**
   * The image config's history, oldest first, when the export holds it: `emptyLayer` rows (ENV, CMD, …) have no layer
   * tar, so the n-th row that is not empty is the n-th layer. The Engine API's /history gives the same rows without
   * that flag.
   */
  history: { createdBy: string; emptyLayer: boolean }[] | null;
}

export interface AnalyseImageTarOptions {
  /** How many of the biggest files to list per layer (default 10). */
  biggest?: number;
  signal?: AbortSignal;
}

/** What one layer tar contains, as read from its entries. Paths are normalised: no leading `./` or `/`. */
interface LayerContent {
  /** Non-directory entries: path → size (symlinks and hard links 0). */
  files: Map<string, number>;
  dirs: Set<string>;
  /** `.wh.<name>` entries: the path they delete. */
  whiteouts: Set<string>;
  /** Directories marked with `.wh..wh..opq`: their lower-layer contents are hidden. */
  opaque: Set<string>;
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** manifest.json of a single image is a few KB; this only guards against a broken stream. */
const MAX_MANIFEST = 16 << 20;
/** An image config is a few KB (its history grows by a line per instruction). */
const MAX_CONFIG = 4 << 20;

export async function analyseImageTar(
  stream: NodeJS.ReadableStream,
  opts: AnalyseImageTarOptions = {},
): Promise<ImageTarAnalysis> {
  const contents = new Map<string, LayerContent>();
  const notTar = new Set<string>();
  const links = new Map<string, string>();
  let manifest: { layers: string[]; config: string | null } | undefined;
  /** Top-level JSON entries (the image config among them), small, kept until the manifest names the config. */
  const jsons = new Map<string, string>();

  const outer = new TarParser((entry) => {
    const name = normalise(entry.path);
    if (entry.type === 'symlink' || entry.type === 'hardlink') {
      // A symlink target is relative to the link's folder; a hard link's is relative to the archive root.
      const target = entry.type === 'symlink' ? posix.join(posix.dirname(name), entry.linkname) : entry.linkname;
      links.set(name, normalise(target));
      return undefined;
    }
    if (entry.type !== 'file') return undefined;
    if (name === 'manifest.json') return collect(MAX_MANIFEST, (body) => (manifest = parseManifest(body)));
    if (name.endsWith('.json') && !name.includes('/')) return collect(MAX_CONFIG, (body) => jsons.set(name, body));
    if (name.endsWith('.json') || name === 'repositories' || name === 'oci-layout') return undefined;
    return layerSink(name, contents, notTar);
  });

  const signal = opts.signal;
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      outer.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (outer.finished) break;
    }
    signal?.throwIfAborted();
    outer.end();
  } catch (err) {
    (stream as { destroy?: () => void }).destroy?.();
    throw err;
  }

  if (!manifest) throw new TarFormatError('the image export has no manifest.json');
  const ordered = manifest.layers.map((p) => {
    let path = p;
    for (let hops = 0; !contents.has(path) && links.has(path) && hops < 8; hops++) path = links.get(path)!;
    const content = contents.get(path);
    if (!content) {
      throw new TarFormatError(
        notTar.has(path) ? `layer ${p} is not an uncompressed tar` : `layer ${p} is missing from the image export`,
      );
    }
    return { path: p, content };
  });
  return { ...summarise(ordered, opts.biggest ?? 10), history: configHistory(manifest.config ? jsons.get(manifest.config) : undefined) };
}

/** The `history` of the image config JSON, or null when it is absent or unreadable. */
function configHistory(body: string | undefined): ImageTarAnalysis['history'] {
  if (!body) return null;
  try {
    const h = (JSON.parse(body) as { history?: { created_by?: string; empty_layer?: boolean }[] }).history;
    return Array.isArray(h) ? h.map((r) => ({ createdBy: r.created_by ?? '', emptyLayer: !!r.empty_layer })) : null;
  } catch {
    return null;
  }
}

/** Walks the layers oldest first, keeping the files visible so far, and records what each layer hides. */
function summarise(layers: { path: string; content: LayerContent }[], topN: number): Omit<ImageTarAnalysis, 'history'> {
  const live = new Map<string, { size: number; layer: number }>();
  const waste: WastedFile[] = [];
  const wastedBy = layers.map(() => 0);
  const remove = (path: string, removedLayer: number, how: WastedFile['how']) => {
    const f = live.get(path)!;
    live.delete(path);
    if (f.size > 0) {
      waste.push({ path, size: f.size, addedLayer: f.layer, removedLayer, how });
      wastedBy[f.layer] += f.size;
    }
  };

  const summaries = layers.map(({ path, content }, i): LayerSummary => {
    // Deletions apply to lower layers only, so they go before this layer's own files.
    if (content.whiteouts.size || content.opaque.size) {
      for (const p of [...live.keys()]) {
        if (hiddenBy(p, content.whiteouts, content.opaque)) remove(p, i, 'deleted');
      }
    }
    let size = 0;
    const files: LayerFile[] = [];
    for (const [p, s] of content.files) {
      if (live.has(p)) remove(p, i, 'overwritten');
      live.set(p, { size: s, layer: i });
      size += s;
      files.push({ path: p, size: s });
    }
    // A directory that replaces a lower file overwrites it too.
    for (const d of content.dirs) if (live.has(d)) remove(d, i, 'overwritten');
    files.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
    return { index: i, path, size, files: content.files.size, wasted: 0, biggest: files.slice(0, topN) };
  });

  summaries.forEach((s, i) => (s.wasted = wastedBy[i]));
  waste.sort((a, b) => b.size - a.size || a.addedLayer - b.addedLayer || (a.path < b.path ? -1 : 1));
  const size = summaries.reduce((n, s) => n + s.size, 0);
  const wasted = waste.reduce((n, w) => n + w.size, 0);
  return { layers: summaries, waste, size, wasted, efficiency: size > 0 ? 1 - wasted / size : 1 };
}

/** True when `path` or one of its folders is whited out, or one of its folders is opaque. */
function hiddenBy(path: string, whiteouts: Set<string>, opaque: Set<string>): boolean {
  if (whiteouts.has(path)) return true;
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    const dir = path.slice(0, slash);
    if (whiteouts.has(dir) || opaque.has(dir)) return true;
  }
  return opaque.has('');
}

/** Feeds one outer entry to an inner tar parser; an entry that is not a tar (a config blob) is dropped. */
function layerSink(name: string, contents: Map<string, LayerContent>, notTar: Set<string>): TarBodySink {
  const content: LayerContent = { files: new Map(), dirs: new Set(), whiteouts: new Set(), opaque: new Set() };
  const inner = new TarParser((e) => {
    addEntry(content, e);
    return undefined;
  });
  let failed = false;
  const fail = (err: unknown) => {
    // A blob that fails on its first header is not a tar (an image config, an OCI index); a layer tar that breaks
    // later is a broken export, which must not pass as a smaller layer.
    if (inner.headers > 0) throw err;
    failed = true;
  };
  return {
    data(chunk) {
      if (failed || inner.finished) return;
      if (inner.headers === 0 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        failed = true; // gzip: docker save writes layers uncompressed; a compressed one is reported if listed
        return;
      }
      try {
        inner.write(chunk);
      } catch (err) {
        fail(err);
      }
    },
    end() {
      if (!failed) {
        try {
          inner.end();
        } catch (err) {
          fail(err);
        }
      }
      if (failed || inner.headers === 0) notTar.add(name);
      else contents.set(name, content);
    },
  };
}

function addEntry(c: LayerContent, e: TarEntry): void {
  const path = normalise(e.path);
  if (path === '') return;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE) {
    c.opaque.add(dir);
    return;
  }
  if (base.startsWith(WH)) {
    c.whiteouts.add(dir ? `${dir}/${base.slice(WH.length)}` : base.slice(WH.length));
    return;
  }
  if (e.type === 'dir') {
    c.dirs.add(path);
    c.files.delete(path);
  } else if (e.type !== 'other') {
    c.files.set(path, e.type === 'file' ? e.size : 0);
    c.dirs.delete(path);
  }
}

function normalise(p: string): string {
  let s = p;
  while (s.startsWith('./')) s = s.slice(2);
  s = s.replace(/^\/+/, '').replace(/\/+$/, '');
  return s === '.' ? '' : s;
}

function collect(max: number, done: (body: string) => void): TarBodySink {
  const parts: Buffer[] = [];
  let n = 0;
  return {
    data(chunk) {
      n += chunk.length;
      if (n > max) throw new TarFormatError('a JSON entry of the image export is too large');
      parts.push(Buffer.from(chunk));
    },
    end() {
      done(Buffer.concat(parts).toString('utf8'));
    },
  };
}

function parseManifest(body: string): { layers: string[]; config: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TarFormatError('manifest.json of the image export is not JSON');
  }
  const first = Array.isArray(parsed) ? (parsed[0] as { Layers?: unknown; Config?: unknown } | undefined) : undefined;
  const layers = first?.Layers;
  if (!Array.isArray(layers) || !layers.every((l) => typeof l === 'string')) {
    throw new TarFormatError('manifest.json of the image export has no Layers list');
  }
  return { layers: layers.map(normalise), config: typeof first?.Config === 'string' ? normalise(first.Config) : null };
}
