/**
 * One image's layers report, read from the engine: the history (fast: one small request) and the export (slow: the
 * whole image streams through analyseImageTar, which keeps only a path → size map per layer). The export's analysis
 * depends only on the image's content, so it is cached per image ID: the sidebar, the editor's annotations and a
 * second expansion of the same image never stream the same image twice. The Dockerfile mapping is redone per call
 * (it is cheap, and the Dockerfile may have changed).
 */
import type Dockerode from 'dockerode';
import { CALL_TIMEOUT_MS, deadline } from '../doctor/engine';
import type { HistoryEntry } from './history';
import { analyseImageTar, type ImageTarAnalysis } from './imageTar';
import { layersReport, type LayersReport } from './report';

/** What the analysis needs of an engine connection: requests with a timeout, and a client for the long export. */
export interface LayersEngine {
  api: Dockerode;
  stream: Dockerode;
}

export interface AnalyseOptions {
  /** Text of the Dockerfile the image was built from, for line numbers. */
  dockerfile?: string;
  signal?: AbortSignal;
}

/** Analyses kept in memory: each is a few KB (the biggest files and wasted paths only). */
const MAX_CACHED = 32;
const byId = new Map<string, Promise<ImageTarAnalysis>>();

/** The image's ID (`sha256:…`), which keys the cache: a tag can move to another image, an ID cannot. */
export async function imageIdOf(engine: LayersEngine, image: string, signal?: AbortSignal): Promise<string> {
  const info = (await deadline(engine.api.getImage(image).inspect(), CALL_TIMEOUT_MS, 'inspect', signal)) as { Id: string };
  return info.Id;
}

export async function imageHistory(engine: LayersEngine, image: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return (await deadline(engine.api.getImage(image).history(), CALL_TIMEOUT_MS, 'history', signal)) as HistoryEntry[];
}

/** The export's analysis of image `id`, streamed once per ID (concurrent callers share one stream). */
export function analysedTar(engine: LayersEngine, id: string, signal?: AbortSignal): Promise<ImageTarAnalysis> {
  const hit = byId.get(id);
  if (hit) {
    // Most recently used last, so the oldest entry is the one dropped.
    byId.delete(id);
    byId.set(id, hit);
    return hit;
  }
  const p = (async () => {
    const stream = (await engine.stream.getImage(id).get()) as NodeJS.ReadableStream;
    return analyseImageTar(stream, { signal });
  })();
  byId.set(id, p);
  // A failed or cancelled analysis is not cached: the next caller tries again.
  p.catch(() => byId.get(id) === p && byId.delete(id));
  while (byId.size > MAX_CACHED) byId.delete(byId.keys().next().value as string);
  return p;
}

/** True when the export of `id` has been analysed (or is being analysed) in this process. */
export function isAnalysed(id: string): boolean {
  return byId.has(id);
}

/** The full report of `image` (a name or an ID). */
export async function analyseImage(engine: LayersEngine, image: string, opts: AnalyseOptions = {}): Promise<LayersReport> {
  const id = await imageIdOf(engine, image, opts.signal);
  const [history, tar] = await Promise.all([imageHistory(engine, id, opts.signal), analysedTar(engine, id, opts.signal)]);
  return layersReport(image, history, tar, opts.dockerfile);
}

/** For tests: forget every cached analysis. */
export function clearLayersCache(): void {
  byId.clear();
}
