// The checklist view ("점검 결과" / "Check results") in the Docker sidebar: the last doctor run, one row per step and
// check with a pass/fail icon; a row opens the line its cause points at, and its children are the log lines that
// show the cause. Empty until a run: the view's welcome text offers "Run and check".
import * as vscode from 'vscode';
import type { DoctorResult } from '../../../../common/src/doctor/types';
import type { Lang } from '../../../../common/src/i18n';
import { checklistRows, type ChecklistRow } from './checklistItems';

export const CHECKLIST_VIEW = 'dockerfileGuide.doctorResults';
/** Context key: a result is shown (the view's title actions and welcome text depend on it). */
const HAS_RESULT = 'dockerfileGuide.doctor.hasResult';

type Node = { row: ChecklistRow } | { evidence: string; parent: string; index: number };

export class ChecklistView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private rows: ChecklistRow[] = [];
  private shown: { result: DoctorResult; contextDir: string } | null = null;
  private view: vscode.TreeView<Node> | undefined;

  constructor(private readonly lang: () => Lang) {}

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  /** Shows a result (replacing the last one) and brings the view forward. */
  async show(result: DoctorResult, contextDir: string, title: string): Promise<void> {
    this.shown = { result, contextDir };
    this.rows = checklistRows(result, contextDir, this.lang());
    if (this.view) {
      this.view.description = title;
      const failed = this.rows.filter((r) => !r.ok).length;
      this.view.badge = failed ? { value: failed, tooltip: vscode.l10n.t('{0} check(s) failed', failed) } : undefined;
    }
    await vscode.commands.executeCommand('setContext', HAS_RESULT, true);
    this.emitter.fire();
    await vscode.commands.executeCommand(`${CHECKLIST_VIEW}.focus`).then(undefined, () => undefined);
  }

  /** The language setting changed: the same result in the other language. */
  relabel(): void {
    if (!this.shown) return;
    this.rows = checklistRows(this.shown.result, this.shown.contextDir, this.lang());
    this.emitter.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.rows.map((row) => ({ row }));
    if ('row' in node) return node.row.evidence.map((evidence, index) => ({ evidence, parent: node.row.key, index }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (!('row' in node)) {
      const item = new vscode.TreeItem(node.evidence, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.parent}:e${node.index}`;
      item.tooltip = node.evidence;
      return item;
    }
    const r = node.row;
    const item = new vscode.TreeItem(r.label, r.evidence.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = r.key;
    item.description = r.description;
    item.tooltip = new vscode.MarkdownString(r.tooltip);
    item.iconPath = r.ok ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    item.contextValue = r.ok ? 'doctorCheck:ok' : 'doctorCheck:failed';
    if (r.location) {
      const uri = vscode.Uri.file(r.location.file);
      const at = new vscode.Range(r.location.line - 1, 0, r.location.line - 1, 0);
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open the line'), arguments: [uri, { selection: at }] };
      item.resourceUri = undefined;
    }
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
