// Build Image / Build and Run from a Dockerfile (editor title, explorer context menu, palette).
// The tag asked for is remembered per Dockerfile. The builder is the `dockerfileGuide.build.builder` setting's
// (BuildKit through a docker CLI that can, else classic). The log streams into an output channel, the progress
// notification shows "Step N/M" (classic) or the current step (BuildKit), a failing step puts an error on its
// Dockerfile lines, and a successful build is announced (buildAnnounce.ts) with its cache hits and cache break.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isValidReference } from '../docker/actions';
import { buildFailureExplanation, buildFailureText, buildImage } from '../../../common/src/engine/build';
import { instructionSpans } from '../../../common/src/engine/dockerfileSteps';
import { announceBuild, builderFor, builderLabel, startFingerprint } from './buildAnnounce';
import { redactText } from '../../../common/src/engine/redact';
import { buildCommandLine, previewLine } from '../docker/runSpec';
import { fillMsg, line, plainLine, type Msg } from '../../../common/src/i18n';
import { connectedClientsOrWarn, COULD_NOT, reportError, requireTrust, type DockerSession } from '../session/dockerSession';
import { askAndRun } from '../session/runDialog';

const TAG_KEY = 'dockerfileGuide.docker.buildTags';

/** The session plus what only building has: the failed step's diagnostics and the build log. */
interface BuildContext extends DockerSession {
  buildDiagnostics: vscode.DiagnosticCollection;
  buildOutput(): vscode.OutputChannel;
}

/** {ko, en} pairs, not vscode.l10n keys: the failure they frame is one, and a sentence keeps to one language. */
const FAILED = {
  atStep: { ko: '빌드가 {0}/{1} 단계에서 실패했습니다: {2}', en: 'Build failed at step {0}/{1}: {2}' },
  atLine: { ko: '빌드가 {0}번 줄에서 실패했습니다: {1}', en: 'Build failed at line {0}: {1}' },
  of: { ko: '{0} 빌드에 실패했습니다: {1}', en: 'Build of {0} failed: {1}' },
} satisfies Record<string, Msg>;

/** A default tag from the folder name, lowercased into Docker's grammar. */
export function defaultTag(dockerfile: string): string {
  const base = path.basename(path.dirname(dockerfile)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'image';
  return `${base}:latest`;
}

export async function dockerfileUri(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'dockerfile' || /(^|[/\\])(Docker|Container)file[^/\\]*$/i.test(active.fileName))) return active.uri;
  const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.dockerfile,Dockerfile.*}', '**/node_modules/**', 50);
  if (!found.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile found in this workspace.'));
    return undefined;
  }
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { placeHolder: vscode.l10n.t('Choose the Dockerfile to build') },
  );
  return pick?.uri;
}

/** Builds and returns the tag on success. */
async function build(ctx: BuildContext, arg: unknown, command: string): Promise<string | undefined> {
  if (!requireTrust(ctx, command)) return undefined;
  const uri = await dockerfileUri(arg);
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Only Dockerfiles saved on disk can be built.'));
    return undefined;
  }
  const tags = ctx.ext.workspaceState.get<Record<string, string>>(TAG_KEY, {});
  const tag = await vscode.window.showInputBox({
    title: vscode.l10n.t('Build {0}', vscode.workspace.asRelativePath(uri)),
    prompt: vscode.l10n.t('Image name and tag (repository:tag)'),
    value: tags[uri.fsPath] ?? defaultTag(uri.fsPath),
    validateInput: (v) =>
      isValidReference(v.trim()) ? undefined : vscode.l10n.t('Not a valid image name: use lowercase letters, digits, and . _ - / with an optional :tag'),
  });
  if (!tag) return undefined;
  await ctx.ext.workspaceState.update(TAG_KEY, { ...tags, [uri.fsPath]: tag.trim() });
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) await doc.save();
  const clients = await connectedClientsOrWarn(ctx);
  if (!clients) return undefined;

  const chosen = await builderFor(ctx, clients.endpoint);
  const contextDir = path.dirname(uri.fsPath);
  let builtText: string;
  try {
    builtText = fs.readFileSync(uri.fsPath, 'utf8');
  } catch (err) {
    await reportError(ctx, fillMsg(COULD_NOT.build, tag.trim()), err);
    return undefined;
  }
  const fingerprint = startFingerprint(builtText, contextDir, chosen.builder);

  const out = ctx.buildOutput();
  out.clear();
  out.show(true);
  if (chosen.warning) {
    const [msg, lang] = [chosen.warning, ctx.lang()];
    out.appendLine(line(msg, lang));
  }
  // Quoted argument by argument: a folder named `$(…)` or with spaces stays one literal argument
  // if the line is pasted into a terminal; secret-looking values never reach the log.
  out.appendLine(`$ ${chosen.builder === 'buildkit' ? 'DOCKER_BUILDKIT=1 ' : ''}${previewLine(buildCommandLine({ tag: tag.trim(), dockerfile: uri.fsPath, contextDir }))}`);
  ctx.buildDiagnostics.delete(uri);
  const abort = new AbortController();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building {0}', tag.trim()), cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      let last = 0;
      try {
        return await buildImage(clients, {
          contextDir,
          dockerfile: uri.fsPath,
          tag: tag.trim(),
          abortSignal: abort.signal,
          builder: chosen.builder,
          buildkitCli: chosen.buildkitCli,
          onLine: (l) => {
            out.appendLine(l);
            // BuildKit gives no step count: its current step is the progress message.
            const bk = chosen.builder === 'buildkit' ? /^#\d+ (\[[^\]]*\d+\/\d+\] .*)$/.exec(l) : null;
            if (bk) progress.report({ message: redactText(bk[1]) });
          },
          onStep: (step, total, text) => {
            const pct = Math.round((step / total) * 100);
            progress.report({ message: redactText(text), increment: pct - last });
            last = pct;
          },
        });
      } catch (err) {
        await reportError(ctx, fillMsg(COULD_NOT.build, tag.trim()), err);
        return undefined;
      }
    },
  );
  if (!result) return undefined;
  if (result.ok) {
    out.appendLine(vscode.l10n.t('Built {0}', tag.trim()));
    const fromCache = result.steps.filter((s) => s.cached).length;
    out.appendLine(vscode.l10n.t('Builder: {0}. {1} of {2} steps from cache.', builderLabel(result.builder), fromCache, result.steps.length));
    if (result.imageId) {
      const record = await announceBuild(
        ctx,
        { dockerfile: uri.fsPath, text: builtText, contextDir, imageId: result.imageId, tag: tag.trim(), builder: result.builder, steps: result.steps },
        fingerprint,
      );
      if (record.cacheBreak?.reason) out.appendLine(vscode.l10n.t('Cache broke at line {0}: {1}', record.cacheBreak.line, line(record.cacheBreak.reason, ctx.lang())));
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Built {0}', tag.trim()), 5000);
    return tag.trim();
  }
  if (abort.signal.aborted) {
    out.appendLine(vscode.l10n.t('Build cancelled.'));
    return undefined;
  }
  const lang = ctx.lang();
  const failure = buildFailureText(result, lang);
  const why: Msg = { ko: buildFailureText(result, 'ko'), en: buildFailureText(result, 'en') };
  // The failed line of the text that was built (both builders give it), spanning its continuation lines.
  const span = result.failedLine ? instructionSpans(builtText).find((s) => s.line === result.failedLine! - 1) : undefined;
  if (span) {
    const d = new vscode.Diagnostic(
      new vscode.Range(span.line, 0, span.endLine, span.endCol),
      // Plain text in the Problems panel (common/src/i18n.ts plainCode), like the language server's diagnostics.
      plainLine(result.failedStep ? fillMsg(FAILED.atStep, result.failedStep, result.totalSteps ?? '?', why) : fillMsg(FAILED.atLine, result.failedLine!, why), lang),
      vscode.DiagnosticSeverity.Error,
    );
    d.source = 'docker build';
    ctx.buildDiagnostics.set(uri, [d]);
  }
  const showLog = vscode.l10n.t('Show Log');
  // The engine's sentence is already in the log when the builder printed it: add only what it means.
  const explanation = buildFailureExplanation(result, lang);
  if (!result.errorShown) out.appendLine(failure);
  else if (explanation) out.appendLine(redactText(`→ ${explanation}`));
  void vscode.window.showErrorMessage(line(fillMsg(FAILED.of, tag.trim(), why), lang), showLog).then((a) => {
    if (a === showLog) out.show();
  });
  return undefined;
}

export function registerBuildImage(session: DockerSession): vscode.Disposable[] {
  let buildChannel: vscode.OutputChannel | undefined;
  const ctx: BuildContext = {
    ...session,
    buildDiagnostics: vscode.languages.createDiagnosticCollection('docker-build'),
    buildOutput: () => (buildChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Docker Build'))),
  };
  return [
    ctx.buildDiagnostics,
    { dispose: () => buildChannel?.dispose() },
    vscode.commands.registerCommand('dockerfileGuide.docker.buildImage', async (arg?: unknown) => {
      await build(ctx, arg, 'dockerfileGuide.docker.buildImage');
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.buildAndRun', async (arg?: unknown) => {
      const tag = await build(ctx, arg, 'dockerfileGuide.docker.buildAndRun');
      if (tag) await askAndRun(ctx, tag);
    }),
    // A fixed Dockerfile should not keep showing the old build failure.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && ctx.buildDiagnostics.has(e.document.uri)) ctx.buildDiagnostics.delete(e.document.uri);
    }),
  ];
}
