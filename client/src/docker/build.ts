// Builds an image from a Dockerfile through the Engine API (classic builder: BuildKit over the API
// needs a gRPC session, and the classic builder's "Step N/M" lines tell us which instruction failed).
import * as path from 'node:path';
import type { EngineClients } from './connection';
import { packContext } from './buildContext';
import { classifyError } from './errors';
import { JsonLineSplitter } from './events';

export interface BuildRequest {
  contextDir: string;
  /** Absolute path of the Dockerfile (inside or outside the context). */
  dockerfile: string;
  tag: string;
  labels?: Record<string, string>;
  onLine?(text: string): void;
  onStep?(step: number, total: number, text: string): void;
  abortSignal?: AbortSignal;
}

export interface BuildResult {
  ok: boolean;
  imageId?: string;
  /** 1-based step that was running when the build failed. */
  failedStep?: number;
  totalSteps?: number;
  error?: string;
}

interface BuildMessage {
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

export async function buildImage(clients: EngineClients, req: BuildRequest): Promise<BuildResult> {
  const rel = path.relative(req.contextDir, req.dockerfile).split(path.sep).join('/');
  if (rel.startsWith('../')) {
    return { ok: false, error: `The Dockerfile ${req.dockerfile} is outside the build context ${req.contextDir}` };
  }
  const tar = packContext(req.contextDir, { keep: [rel, '.dockerignore'] });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await clients.stream.buildImage(tar, {
      t: req.tag,
      dockerfile: rel,
      rm: true,
      forcerm: true,
      labels: req.labels,
      version: '1',
      abortSignal: req.abortSignal,
    } as Parameters<typeof clients.stream.buildImage>[1]);
  } catch (err) {
    tar.destroy();
    throw classifyError(err, clients.where);
  }
  const result: BuildResult = { ok: false };
  const splitter = new JsonLineSplitter();
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) =>
      splitter.push(chunk, (m) => {
        const msg = m as BuildMessage;
        if (msg.stream) {
          const step = /^Step (\d+)\/(\d+) : /.exec(msg.stream);
          if (step) {
            result.failedStep = Number(step[1]);
            result.totalSteps = Number(step[2]);
            req.onStep?.(result.failedStep, result.totalSteps, msg.stream.trim());
          }
          for (const l of msg.stream.replace(/\n$/, '').split('\n')) req.onLine?.(l);
        } else if (msg.status) {
          req.onLine?.(msg.progress ? `${msg.status} ${msg.progress}` : msg.status);
        }
        if (msg.aux?.ID) result.imageId = msg.aux.ID;
        if (msg.error || msg.errorDetail) {
          result.error = (msg.errorDetail?.message ?? msg.error ?? '').trim();
          req.onLine?.(result.error);
        }
      }),
    );
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', (err: Error) => {
      result.error ??= classifyError(err, clients.where).message;
      resolve();
    });
  });
  result.ok = !result.error && !!result.imageId;
  if (result.ok) result.failedStep = undefined;
  else if (!result.error) result.error = 'The build stopped without a result';
  return result;
}
