/**
 * The layer annotations of this window's session, per Dockerfile: made from each successful build the extension
 * announces (session.builds), kept while the window lives, and moved with the document's edits. After a build the
 * history (one small request) gives each line its size at once; the export's analysis (the whole image streamed,
 * cached per image ID) follows in the background and adds the wasted bytes. The hints, the diagnostics and the quick
 * fix all read this one store, so they always agree.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildRecord } from '../../../../common/src/engine/buildSteps';
import { classifyError, describe } from '../../../../common/src/engine/errors';
import { msg, type Msg } from '../../../../common/src/i18n';
import { analysedTar, imageHistory } from '../../../../common/src/layers/analyse';
import { mapHistory } from '../../../../common/src/layers/history';
import { layersReport } from '../../../../common/src/layers/report';
import type { DockerSession } from '../../session/dockerSession';
import { lineFacts, withWaste, type LineFacts } from './annotationModel';
import type { TooltipContext } from './annotationText';
import { matchesAt, moveAnchors, reanchor } from './lineTracker';
import { wasteGroups, type WasteGroup } from './wasteGroups';

export interface FileAnnotations {
  record: BuildRecord;
  facts: LineFacts[];
  /** Current 0-based start line of each fact in the document (same order as `facts`). */
  anchors: number[];
  groups: WasteGroup[];
  analysis: TooltipContext['analysis'];
  historyFailed: Msg | null;
}

const NOT_CONNECTED = msg('Docker 엔진에 연결되어 있지 않습니다.', 'The Docker engine is not connected.');

const keyOf = (file: string) => vscode.Uri.file(path.resolve(file)).toString();

export class AnnotationStore implements vscode.Disposable {
  private readonly files = new Map<string, FileAnnotations>();
  /** Per file, the build whose results may still land: a newer build makes an older one's late answers void. */
  private readonly latest = new Map<string, BuildRecord>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the document whose annotations changed (undefined: all of them). */
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly session: DockerSession) {
    this.subs = [
      session.builds.event((r) => void this.add(r)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.reopened(d)),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }

  get(uri: vscode.Uri): FileAnnotations | undefined {
    return this.files.get(uri.toString());
  }

  /** Every annotated file (for the diagnostics after a setting change). */
  uris(): vscode.Uri[] {
    return [...this.files.keys()].map((k) => vscode.Uri.parse(k));
  }

  clear(): void {
    this.files.clear();
    this.latest.clear();
    this.emitter.fire(undefined);
  }

  /** Is fact `i` of `a` still the text that was built, in `doc`? */
  static fresh(a: FileAnnotations, i: number, docLines: readonly string[]): boolean {
    return matchesAt(docLines, a.anchors[i], a.facts[i].builtLines);
  }

  private async add(record: BuildRecord): Promise<void> {
    const key = keyOf(record.dockerfile);
    this.latest.set(key, record);
    const clients = this.session.model.state.kind === 'ready' ? this.session.model.clients : undefined;
    let facts: LineFacts[];
    let historyFailed: Msg | null = null;
    let history: Awaited<ReturnType<typeof imageHistory>> | null = null;
    if (!clients) {
      historyFailed = NOT_CONNECTED;
      facts = lineFacts(record, null);
    } else {
      try {
        history = await imageHistory(clients, record.imageId);
        facts = lineFacts(record, mapHistory(history, record.text));
      } catch (e) {
        historyFailed = this.why(e);
        facts = lineFacts(record, null);
      }
    }
    if (this.latest.get(key) !== record) return;
    const a: FileAnnotations = {
      record,
      facts,
      anchors: facts.map((f) => f.line),
      groups: [],
      // Without the history there is nothing to pair the export's layers with: the tooltip says so once.
      analysis: history ? { state: 'running' } : { state: 'skipped' },
      historyFailed,
    };
    this.files.set(key, a);
    // The user may have typed while the build ran: place the lines on the document as it is now.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open) this.placeOn(a, open);
    this.emitter.fire(vscode.Uri.parse(key));
    if (clients && history) void this.analyse(key, a, clients, history);
  }

  /**
   * The export's analysis, in the background: the wasted bytes per line and their groups. It is not cancelled when the
   * annotations are cleared or replaced: the analysis is shared per image ID (the sidebar may be waiting on the same
   * stream), so a result that no longer belongs here is simply dropped.
   */
  private async analyse(key: string, a: FileAnnotations, clients: NonNullable<DockerSession['model']['clients']>, history: Awaited<ReturnType<typeof imageHistory>>): Promise<void> {
    try {
      const tar = await analysedTar(clients, a.record.imageId);
      const report = layersReport(a.record.tag, history, tar, a.record.text);
      if (this.files.get(key) !== a) return;
      a.facts = withWaste(a.facts, report.waste);
      a.groups = wasteGroups(report.waste);
      a.analysis = { state: 'done' };
    } catch (e) {
      if (this.files.get(key) !== a) return;
      a.analysis = { state: 'failed', why: this.why(e) };
    }
    this.emitter.fire(vscode.Uri.parse(key));
  }

  private why(e: unknown): Msg {
    const err = classifyError(e, this.session.model.clients?.where);
    return { ko: describe(err, 'ko'), en: describe(err, 'en') };
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const a = this.files.get(e.document.uri.toString());
    if (!a || e.contentChanges.length === 0) return;
    const text = e.document.getText();
    // A revert, an undo back to the built text or a whole-document replacement (some formatters) says nothing about
    // where lines went: place them again from the text itself.
    const whole = e.contentChanges.some((c) => c.range.start.line === 0 && c.range.start.character === 0 && c.text.length === text.length);
    if (text === a.record.text) a.anchors = a.facts.map((f) => f.line);
    else if (whole) this.placeOn(a, e.document);
    else a.anchors = moveAnchors(a.anchors, e.contentChanges);
    this.emitter.fire(e.document.uri);
  }

  /** A reopened file holds its saved text, not the edits the anchors followed: find each instruction again. */
  private reopened(doc: vscode.TextDocument): void {
    const a = this.files.get(doc.uri.toString());
    if (!a) return;
    this.placeOn(a, doc);
    this.emitter.fire(doc.uri);
  }

  private placeOn(a: FileAnnotations, doc: vscode.TextDocument): void {
    const lines = doc.getText().split('\n');
    a.anchors = a.facts.map((f, i) => reanchor(lines, a.anchors[i], f.line, f.builtLines) ?? a.anchors[i]);
  }
}
