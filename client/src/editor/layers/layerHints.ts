/**
 * The inlay hints at the end of each built instruction's first line: `+5.24MB · ran 1.2 s`, `+0B · cached`,
 * `no layer`, the line where the cache broke, the bytes a later line wasted; `(edited since build)` once the line's
 * text is no longer the built text. Labels are in one language (short); the tooltip explains in the user's language.
 */
import * as vscode from 'vscode';
import { uiOneLang } from '../../language';
import type { DockerSession } from '../../session/dockerSession';
import { AnnotationStore } from './annotationStore';
import { labelParts, tooltipMarkdown } from './annotationText';
import { reached } from '../../walkthrough/milestones';

export const ANNOTATIONS_SETTING = 'layers.annotations';

export function annotationsEnabled(): boolean {
  return vscode.workspace.getConfiguration('dockerfileGuide').get<boolean>(ANNOTATIONS_SETTING, true);
}

export class LayerHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly store: AnnotationStore,
    private readonly session: DockerSession,
  ) {
    this.subs = [
      store.onDidChange(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`dockerfileGuide.${ANNOTATIONS_SETTING}`) || e.affectsConfiguration('dockerfileGuide.language')) this.emitter.fire();
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }

  private memo: { doc: vscode.TextDocument; version: number; lines: string[] } | undefined;

  /**
   * The document's lines, split once per version: VS Code asks for hints per visible range, often several times.
   * Keyed by the document object too: a file closed and opened again is a new document whose version starts over.
   */
  private linesOf(doc: vscode.TextDocument): string[] {
    if (this.memo?.doc !== doc || this.memo.version !== doc.version) this.memo = { doc, version: doc.version, lines: doc.getText().split('\n') };
    return this.memo.lines;
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!annotationsEnabled()) return [];
    const a = this.store.get(doc.uri);
    if (!a) return [];
    const lines = this.linesOf(doc);
    const lang = this.session.lang();
    const labelLang = uiOneLang();
    const builtAt = new Date(a.record.builtAt).toLocaleTimeString();
    const out: vscode.InlayHint[] = [];
    a.facts.forEach((f, i) => {
      const at = a.anchors[i];
      if (at < 0 || at >= doc.lineCount || at < range.start.line || at > range.end.line) return;
      const stale = !AnnotationStore.fresh(a, i, lines);
      const parts = labelParts(f, stale, labelLang);
      if (!parts.length) return;
      const tooltip = new vscode.MarkdownString(tooltipMarkdown(f, stale, { builtAt, analysis: a.analysis, historyFailed: a.historyFailed }, lang));
      const hint = new vscode.InlayHint(doc.lineAt(at).range.end, parts.join(' · '));
      hint.tooltip = tooltip;
      hint.paddingLeft = true;
      out.push(hint);
    });
    // The annotations are on the screen now: the walkthrough's step "look at the layers" is done.
    if (out.length) reached('layersShown');
    return out;
  }
}
