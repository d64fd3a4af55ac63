// "Run and check" / "실행해서 점검" (code lens, editor title, explorer, palette) and "Why did it exit?" / "왜 종료됐나요?"
// (exited containers in the sidebar): the doctor (common/src/doctor) on the configured engine, with a cancellable
// progress notification naming the current step, and its result in the checklist view. The doctor removes every
// container it made, also when cancelled; the image it builds keeps a tag of its own (`<folder>:doctor`), so that
// the next run reuses its cache and the user's own tags are never overwritten.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runDoctor, whyExited, STEP_MSG, type DoctorStep } from '../../../../common/src/doctor/doctor';
import { CancelledError, doctorEngine, type DoctorEngine } from '../../../../common/src/doctor/engine';
import type { DoctorResult } from '../../../../common/src/doctor/types';
import { runWebChecks } from '../../../../common/src/doctor/webChecks';
import { line } from '../../../../common/src/i18n';
import { configuredEndpoint } from '../../docker/configuredEndpoint';
import { describe, classifyError } from '../../../../common/src/engine/errors';
import { requireTrust, type DockerSession } from '../../session/dockerSession';
import { targetContainers, type SidebarContext } from '../../sidebar/context';
import { defaultTag, dockerfileUri } from '../buildImage';
import { announceBuild, builderFor, startFingerprint } from '../buildAnnounce';
import * as fs from 'node:fs';
import { checklistRows } from './checklistItems';
import { CHECKLIST_VIEW, ChecklistView } from './checklistView';
import { DoctorLens } from './doctorLens';
import { reached } from '../../walkthrough/milestones';
import { doctorPassed } from '../../walkthrough/rules';

/** The label the doctor puts on the image it builds: the Dockerfile it came from, for "Why did it exit?" later. */
const DOCKERFILE_LABEL = 'dockerfile-guide.dockerfile';

/** The doctor's own tag for a Dockerfile: its folder's name with the tag `doctor`. */
export function doctorTag(dockerfile: string): string {
  return `${defaultTag(dockerfile).replace(/:[^:/]*$/, '')}:doctor`;
}

async function engineOrWarn(ctx: DockerSession): Promise<DoctorEngine | undefined> {
  try {
    return await doctorEngine(doctorEndpoint(ctx));
  } catch (err) {
    void vscode.window.showErrorMessage(`${vscode.l10n.t('Run and check')}: ${describe(classifyError(err), ctx.lang())}`);
    return undefined;
  }
}

/** The engine the doctor works on: the sidebar's when connected, else the configured one (may throw EndpointError). */
function doctorEndpoint(ctx: DockerSession) {
  return ctx.model.clients?.endpoint ?? configuredEndpoint();
}

/** Runs `work` under a cancellable progress notification that shows the doctor's current step. */
function withSteps<T>(ctx: DockerSession, title: string, work: (signal: AbortSignal, step: (s: DoctorStep) => void) => Promise<T>): Thenable<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      return await work(abort.signal, (s) => progress.report({ message: line(STEP_MSG[s], ctx.lang()) }));
    } catch (err) {
      if (err instanceof CancelledError || abort.signal.aborted) {
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Run and check was cancelled; the containers it made were removed.'), 5000);
        return undefined;
      }
      throw err;
    }
  });
}

export function registerDoctor(ctx: SidebarContext): vscode.Disposable[] {
  const view = new ChecklistView(ctx.lang);
  const tree = vscode.window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: view });
  view.attach(tree);
  let last: { result: DoctorResult; contextDir: string } | null = null;
  const show = async (result: DoctorResult, contextDir: string, title: string) => {
    last = { result, contextDir };
    await view.show(result, contextDir, title);
  };

  const run = vscode.commands.registerCommand('dockerfileGuide.doctor.run', async (arg?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.doctor.run')) return;
    const uri = await dockerfileUri(arg);
    if (!uri) return;
    if (uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Only Dockerfiles saved on disk can be built.'));
      return;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
    const engine = await engineOrWarn(ctx);
    if (!engine) return;
    const dockerfile = uri.fsPath;
    const contextDir = path.dirname(dockerfile);
    const name = vscode.workspace.asRelativePath(uri);
    const chosen = await builderFor(ctx, doctorEndpoint(ctx));
    let builtText: string | undefined;
    try {
      builtText = fs.readFileSync(dockerfile, 'utf8');
    } catch {
      builtText = undefined;
    }
    const fingerprint = builtText === undefined ? Promise.resolve(undefined) : startFingerprint(builtText, contextDir, chosen.builder);
    const image = doctorTag(dockerfile);
    let announced: Promise<unknown> = Promise.resolve();
    try {
      const result = await withSteps(ctx, vscode.l10n.t('Run and check: {0}', name), (signal, step) =>
        runDoctor(engine, {
          lang: ctx.lang(),
          dockerfile,
          contextDir,
          image,
          imageLabels: { [DOCKERFILE_LABEL]: dockerfile },
          builder: chosen.builder,
          buildkitCli: chosen.buildkitCli,
          // Announced while the doctor goes on to run the image; awaited before the command ends.
          onBuilt: (b) => {
            if (b.imageId && builtText !== undefined)
              announced = announceBuild(ctx, { dockerfile, text: builtText, contextDir, imageId: b.imageId, tag: image, builder: b.builder, steps: b.steps }, fingerprint).catch(() => undefined);
          },
          signal,
          onProgress: (s) => step(s),
          webChecks: runWebChecks,
        }),
      );
      if (result) await show(result, contextDir, name);
      if (result && doctorPassed(result)) reached('checked');
    } catch (err) {
      void vscode.window.showErrorMessage(`${vscode.l10n.t('Run and check')}: ${describe(classifyError(err, engine.where), ctx.lang())}`);
    } finally {
      await announced;
      void ctx.model.refresh().catch(() => undefined);
    }
  });

  const why = vscode.commands.registerCommand('dockerfileGuide.docker.container.whyExited', async (node?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.container.whyExited')) return;
    const [c] = await targetContainers(ctx, node, undefined, (x) => x.contextValue.includes(':exited'), false);
    if (!c) return;
    const engine = await engineOrWarn(ctx);
    if (!engine) return;
    // An image the doctor built names its Dockerfile: the causes then point at its lines. For any other image they
    // say what happened without a line (the Dockerfile open in the editor may be another image's).
    const dockerfile = await builtFrom(engine, c.id);
    const title = c.name ?? c.id.slice(0, 12);
    try {
      const result = await withSteps(ctx, vscode.l10n.t('Why did {0} exit?', title), (signal, step) =>
        whyExited(engine, c.id, { lang: ctx.lang(), dockerfile, contextDir: dockerfile ? path.dirname(dockerfile) : undefined, signal, onProgress: (s) => step(s), webChecks: runWebChecks }),
      );
      if (result) await show(result, dockerfile ? path.dirname(dockerfile) : '', title);
    } catch (err) {
      void vscode.window.showErrorMessage(`${vscode.l10n.t('Why did it exit?')}: ${describe(classifyError(err, engine.where), ctx.lang())}`);
    }
  });

  // For the e2e tests: the rows the checklist shows, with their check ids (hidden from the palette).
  const snapshot = vscode.commands.registerCommand('dockerfileGuide.doctor.snapshot', () => {
    if (!last) return [];
    const { result, contextDir } = last;
    return checklistRows(result, contextDir, ctx.lang()).map((r, i) => ({
      id: result.checks[i].id,
      ok: r.ok,
      label: r.label,
      description: r.description,
      location: r.location,
      evidence: r.evidence,
      cause: result.checks[i].id === 'run' ? (result.run?.cause ?? null) : null,
    }));
  });
  const lenses = new DoctorLens();
  const lens = vscode.languages.registerCodeLensProvider({ language: 'dockerfile', scheme: 'file' }, lenses);
  return [tree, view, run, why, snapshot, lens, lenses];
}

/** The Dockerfile the container's image was built from, when the doctor built it and the file is still there. */
async function builtFrom(engine: DoctorEngine, containerId: string): Promise<string | undefined> {
  try {
    const info = await engine.api.getContainer(containerId).inspect();
    const labels = ((await engine.api.getImage(info.Image).inspect()).Config?.Labels ?? {}) as Record<string, string>;
    const file = labels[DOCKERFILE_LABEL];
    return file && path.isAbsolute(file) && (await vscode.workspace.fs.stat(vscode.Uri.file(file)).then(() => true, () => false)) ? file : undefined;
  } catch {
    return undefined;
  }
}
