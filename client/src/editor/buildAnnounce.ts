// What the build commands (Build Image, Build and Run, Run and check) share around a build: which builder the
// `dockerfileGuide.build.builder` setting gives for the engine, and, after a successful build, the announcement the
// rest of the extension listens to: the image recorded as built from the Dockerfile, the first cache-breaking line
// explained against the last build's fingerprint (kept per Dockerfile in the workspace state), and session.builds.
import * as vscode from 'vscode';
import { explainCacheBreak, fingerprintBuild, type BuildFingerprint } from '../../../common/src/engine/buildFingerprint';
import { resolveBuilder, type BuilderChoice, type ResolvedBuilder } from '../../../common/src/engine/buildkitCli';
import type { BuilderName, BuildRecord } from '../../../common/src/engine/buildSteps';
import type { Endpoint } from '../../../common/src/engine/endpoint';
import { line } from '../../../common/src/i18n';
import type { DockerSession } from '../session/dockerSession';

const FINGERPRINTS_KEY = 'dockerfileGuide.build.fingerprints';
/** Dockerfiles whose last fingerprint is kept; the oldest go first. */
const MAX_FINGERPRINTS = 100;

/** The builder for the next build; a warning (in the user's language) when BuildKit was asked for and cannot be used. */
export async function builderFor(ctx: DockerSession, ep: Endpoint): Promise<ResolvedBuilder> {
  const choice = vscode.workspace.getConfiguration('dockerfileGuide').get<BuilderChoice>('build.builder', 'auto');
  const r = await resolveBuilder(choice === 'classic' || choice === 'buildkit' ? choice : 'auto', ep);
  if (r.warning) void vscode.window.showWarningMessage(line(r.warning, ctx.lang()));
  return r;
}

/** What a build command knows when a build has succeeded: the record, before the cache break is explained. */
export type FinishedBuild = Omit<BuildRecord, 'builtAt' | 'cacheBreak'>;

/**
 * Starts the fingerprint of the build context before the build, so that it shows the files the build read, not
 * ones edited while it ran. Never rejects: an unreadable context just leaves the break without a reason.
 */
export function startFingerprint(text: string, contextDir: string, builder: BuilderName): Promise<BuildFingerprint | undefined> {
  return fingerprintBuild({ dockerfileText: text, contextDir, builder }).catch(() => undefined);
}

/** Records and announces a successful build; returns the record it fired. */
export async function announceBuild(ctx: DockerSession, b: FinishedBuild, fingerprint: Promise<BuildFingerprint | undefined>): Promise<BuildRecord> {
  await ctx.built.record(b.imageId, b.dockerfile);
  const now = await fingerprint;
  const all = ctx.ext.workspaceState.get<Record<string, BuildFingerprint & { at?: number }>>(FINGERPRINTS_KEY, {});
  const prev = all[b.dockerfile];
  const cacheBreak = now ? explainCacheBreak(prev, now, b.steps) : explainCacheBreak(undefined, { v: 1, builder: b.builder, instructions: [] }, b.steps);
  if (now) {
    const next = { ...all, [b.dockerfile]: { ...now, at: Date.now() } };
    const files = Object.keys(next).sort((x, y) => (next[x].at ?? 0) - (next[y].at ?? 0));
    for (const f of files.slice(0, Math.max(0, files.length - MAX_FINGERPRINTS))) delete next[f];
    await ctx.ext.workspaceState.update(FINGERPRINTS_KEY, next);
  }
  const record: BuildRecord = { ...b, builtAt: Date.now(), cacheBreak };
  ctx.builds.fire(record);
  return record;
}

/** The builder's name for the build log. */
export function builderLabel(builder: BuilderName): string {
  return builder === 'buildkit' ? 'BuildKit' : vscode.l10n.t('classic builder');
}
