/**
 * The editor's layer annotations, wired up: the store that listens to the session's builds, the inlay hints, the
 * wasted-bytes diagnostics with their quick fix (Dockerfiles only), and the command that clears them all.
 * `dockerfileGuide.layers.annotations` turns the hints and diagnostics off without forgetting the builds.
 */
import * as vscode from 'vscode';
import type { DockerSession } from '../../session/dockerSession';
import { AnnotationStore } from './annotationStore';
import { LayerHints } from './layerHints';
import { WasteDiagnostics } from './wasteDiagnostics';

export const CLEAR_COMMAND = 'dockerfileGuide.layers.clearAnnotations';

const DOCKERFILE: vscode.DocumentSelector = { language: 'dockerfile' };

export function registerLayerAnnotations(session: DockerSession): vscode.Disposable[] {
  const store = new AnnotationStore(session);
  const hints = new LayerHints(store, session);
  const diagnostics = new WasteDiagnostics(store, session);
  return [
    store,
    hints,
    diagnostics,
    vscode.languages.registerInlayHintsProvider(DOCKERFILE, hints),
    vscode.languages.registerCodeActionsProvider(DOCKERFILE, diagnostics, { providedCodeActionKinds: WasteDiagnostics.kinds }),
    vscode.commands.registerCommand(CLEAR_COMMAND, () => store.clear()),
  ];
}
