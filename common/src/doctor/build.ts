/**
 * The doctor's build step: the build the sidebar uses (common/src/engine/build.ts; the classic builder through the
 * Engine API, or BuildKit through a docker CLI when the caller resolved one), with the failed step's Dockerfile line
 * and the engine's words matched against the known causes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImage } from '../engine/build';
import type { BuildkitCli } from '../engine/buildkitCli';
import type { BuilderName, StepOutcome } from '../engine/buildSteps';
import type { Msg } from '../i18n';
import { buildCause } from './causes';
import type { DoctorEngine } from './engine';
import type { BuildCause } from './types';

export interface DoctorBuildOptions {
  contextDir: string;
  /** Absolute path of the Dockerfile, inside the context. */
  dockerfile: string;
  tag: string;
  labels?: Record<string, string>;
  signal?: AbortSignal;
  onLine?(text: string): void;
  /** Default classic; 'buildkit' needs buildkitCli (resolveBuilder in common/src/engine/buildkitCli.ts). */
  builder?: BuilderName;
  buildkitCli?: BuildkitCli;
}

export interface DoctorBuildOutcome {
  ok: boolean;
  seconds: number;
  imageId: string | null;
  /** 1-based Dockerfile line of the failed instruction. */
  failedLine: number | null;
  cause: BuildCause | null;
  explain: Msg | null;
  /** The engine's words: its error, and the line that matched the cause. */
  evidence: string[];
  /** Set when the engine went away (not a Dockerfile problem). */
  engineLost: boolean;
  builder: BuilderName;
  /** What each instruction step did (cached or ran, seconds), on its line. */
  steps: StepOutcome[];
}

/** How many of the build's last output lines are kept to name the cause. */
const TAIL = 40;

export async function doctorBuild(engine: DoctorEngine, o: DoctorBuildOptions): Promise<DoctorBuildOutcome> {
  const t0 = Date.now();
  const tail: string[] = [];
  const r = await buildImage(engine, {
    contextDir: o.contextDir,
    dockerfile: o.dockerfile,
    tag: o.tag,
    labels: o.labels,
    abortSignal: o.signal,
    builder: o.builder,
    buildkitCli: o.buildkitCli,
    onLine: (l) => {
      tail.push(l);
      if (tail.length > TAIL) tail.shift();
      o.onLine?.(l);
    },
  });
  const seconds = (Date.now() - t0) / 1000;
  const made = { builder: r.builder, steps: r.steps };
  if (r.ok) return { ok: true, seconds, imageId: r.imageId ?? null, failedLine: null, cause: null, explain: null, evidence: [], engineLost: false, ...made };
  // Both builders put the failed step on its line (the classic one from `Step N/M`, BuildKit from the vertex).
  const failedLine = r.failedLine ?? null;
  const text = [...tail, r.error ?? ''].join('\n');
  const named = buildCause(text);
  const evidence = [...new Set([named.evidence, r.error].filter((x): x is string => !!x))];
  return {
    ok: false,
    seconds,
    imageId: null,
    failedLine,
    cause: named.cause,
    explain: r.engineError ? r.engineError.reason : named.explain,
    evidence,
    engineLost: !!r.engineError,
    ...made,
  };
}

/** Context and Dockerfile from what the user named: a folder (its Dockerfile) or a Dockerfile (its folder). */
export function resolveTarget(target: string): { contextDir: string; dockerfile: string } {
  const abs = path.resolve(target);
  if (fs.statSync(abs).isDirectory()) {
    const found = ['Dockerfile', 'Containerfile', 'dockerfile'].map((n) => path.join(abs, n)).find((p) => fs.existsSync(p));
    return { contextDir: abs, dockerfile: found ?? path.join(abs, 'Dockerfile') };
  }
  return { contextDir: path.dirname(abs), dockerfile: abs };
}
