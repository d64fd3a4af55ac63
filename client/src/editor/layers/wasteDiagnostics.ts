/**
 * Wasted bytes as diagnostics on the line that adds them, one per (adding line, removing line) pair, with the quick
 * fix that moves the cleanup into the adding RUN where that is safe (cleanupFix.ts). Severity Information: the image
 * builds and runs as written; the bytes cost size, not correctness, and keeping them can be deliberate (a cleanup in
 * its own RUN keeps the slow step above it cached), so it should not compete with the warnings about real mistakes.
 * A diagnostic disappears as soon as either of its two lines is edited: it describes the built text only.
 */
import * as vscode from 'vscode';
import type { DockerSession } from '../../session/dockerSession';
import { AnnotationStore, type FileAnnotations } from './annotationStore';
import { cleanupFix, type CleanupFix } from './cleanupFix';
import { annotationsEnabled, ANNOTATIONS_SETTING } from './layerHints';
import { wasteMessage, type WasteGroup } from './wasteGroups';
import { fillMsg, msg, plainLine } from '../../../../common/src/i18n';

export const WASTE_SOURCE = 'docker layers';
export const WASTE_CODE = 'wasted-bytes';

const FIX_TITLE = msg('{0}번 줄의 정리 명령을 이 RUN 명령으로 옮기기', 'Move the cleanup on line {0} into this RUN');
const REMOVED_HERE = msg('{0}번 줄에서 지우거나 덮어씀', 'deleted or overwritten on line {0}');

/** The group's two lines where they are now in `doc`, when both still hold their built text. */
function currentLines(a: FileAnnotations, g: WasteGroup, lines: readonly string[]): { added: number; removed: number | null } | null {
  const at = (builtLine: number) => a.facts.findIndex((f) => f.line === builtLine - 1);
  const i = at(g.addedLine);
  if (i < 0 || !AnnotationStore.fresh(a, i, lines)) return null;
  if (g.removedLine === null) return { added: a.anchors[i], removed: null };
  const j = at(g.removedLine);
  if (j < 0 || !AnnotationStore.fresh(a, j, lines)) return null;
  return { added: a.anchors[i], removed: a.anchors[j] };
}

export class WasteDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('docker-layers');
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly store: AnnotationStore,
    private readonly session: DockerSession,
  ) {
    this.subs = [
      store.onDidChange((uri) => (uri ? this.refresh(uri) : this.refreshAll())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`dockerfileGuide.${ANNOTATIONS_SETTING}`) || e.affectsConfiguration('dockerfileGuide.language')) this.refreshAll();
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }

  private refreshAll(): void {
    this.collection.clear();
    for (const uri of this.store.uris()) this.refresh(uri);
  }

  private async refresh(uri: vscode.Uri): Promise<void> {
    const a = this.store.get(uri);
    if (!a || !annotationsEnabled() || a.groups.length === 0) {
      this.collection.delete(uri);
      return;
    }
    // A closed file has no live text: read the saved one, which is what the anchors were placed on when it closed.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined));
    if (!doc || this.store.get(uri) !== a) return;
    const text = doc.getText();
    const lines = text.split('\n');
    const lang = this.session.lang();
    const out: vscode.Diagnostic[] = [];
    for (const g of a.groups) {
      // Base image files that a later line overwrites (apt's own status files, say) are the base image's bytes: this
      // Dockerfile added nothing on its FROM line to clean up. The hint and its tooltip still show them.
      if (a.facts.find((f) => f.line === g.addedLine - 1)?.keyword === 'FROM') continue;
      const at = currentLines(a, g, lines);
      if (!at) continue;
      const fix = cleanupFix(text, at.added, at.removed);
      const d = new vscode.Diagnostic(doc.lineAt(at.added).range, wasteMessage(g, fix.ok ? { ok: true } : fix, lang), vscode.DiagnosticSeverity.Information);
      d.source = WASTE_SOURCE;
      d.code = WASTE_CODE;
      if (at.removed !== null) {
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, doc.lineAt(at.removed).range), plainLine(fillMsg(REMOVED_HERE, at.removed + 1), lang))];
      }
      out.push(d);
    }
    this.collection.set(uri, out);
  }

  /** The fix for the diagnostic on `lineNo`, computed from the text as it is now (never from the diagnostic). */
  private fixAt(doc: vscode.TextDocument, lineNo: number): { fix: CleanupFix; removedLine: number } | null {
    const a = this.store.get(doc.uri);
    if (!a) return null;
    const text = doc.getText();
    const lines = text.split('\n');
    for (const g of a.groups) {
      const at = currentLines(a, g, lines);
      if (!at || at.added !== lineNo || at.removed === null) continue;
      const fix = cleanupFix(text, at.added, at.removed);
      if (fix.ok) return { fix, removedLine: at.removed };
    }
    return null;
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== WASTE_SOURCE || d.code !== WASTE_CODE) continue;
      const found = this.fixAt(doc, d.range.start.line);
      if (!found || !found.fix.ok) continue;
      const action = new vscode.CodeAction(plainLine(fillMsg(FIX_TITLE, found.removedLine + 1), this.session.lang()), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      const edit = new vscode.WorkspaceEdit();
      for (const e of found.fix.edits) edit.replace(doc.uri, new vscode.Range(e.startLine, e.startChar, e.endLine, e.endChar), e.newText);
      action.edit = edit;
      out.push(action);
    }
    return out;
  }
}
