/**
 * The few parts of the `vscode` module the editor's layer annotations use, as plain classes, so their store, hints,
 * diagnostics and quick fix run under node against the real engine (test/docker/layerAnnotationsStore.test.ts). It
 * models only what those modules call: documents as text with VS Code's line/character positions, the change events
 * an edit fires, configuration values, and a diagnostic collection. The real VS Code runs them in
 * test/e2e/suite/layers.e2e.ts.
 */
type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(v: T): void {
    for (const l of [...this.listeners]) l(v);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    return new Uri('file', decodeURIComponent(s.replace(/^file:\/\//, '')));
  }
  toString(): string {
    return `file://${encodeURI(this.fsPath)}`;
  }
}

export class MarkdownString {
  constructor(readonly value: string) {}
}

export class InlayHint {
  tooltip?: MarkdownString;
  paddingLeft?: boolean;
  constructor(
    readonly position: Position,
    readonly label: string,
  ) {}
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string;
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

export const CodeActionKind = { QuickFix: { value: 'quickfix' } };

export class CodeAction {
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  constructor(
    readonly title: string,
    readonly kind: unknown,
  ) {}
}

export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
}

/** A document: its text and the line/character arithmetic VS Code does on it. */
export class FakeDocument {
  languageId = 'dockerfile';
  /** Bumped on every edit, as VS Code does. */
  version = 1;
  constructor(
    readonly uri: Uri,
    private text: string,
  ) {}
  getText(): string {
    return this.text;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  lineAt(n: number): { text: string; range: Range } {
    const t = this.text.split('\n')[n].replace(/\r$/, '');
    return { text: t, range: new Range(n, 0, n, t.length) };
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  }
  /** Replaces `range` with `newText` and fires the change event as VS Code does. */
  edit(range: Range, newText: string): void {
    this.text = this.text.slice(0, this.offsetAt(range.start)) + newText + this.text.slice(this.offsetAt(range.end));
    this.version++;
    changes.fire({ document: this, contentChanges: [{ range, text: newText }] });
  }
  /** Applies a WorkspaceEdit's edits for this document (bottom-up, so earlier positions stay valid). */
  apply(edit: WorkspaceEdit): void {
    const mine = edit.edits.filter((e) => e.uri.toString() === this.uri.toString());
    mine.sort((a, b) => this.offsetAt(b.range.start) - this.offsetAt(a.range.start));
    for (const e of mine) this.edit(e.range, e.newText);
  }
}

const changes = new EventEmitter<{ document: FakeDocument; contentChanges: { range: Range; text: string }[] }>();
const opens = new EventEmitter<FakeDocument>();
const configChanges = new EventEmitter<{ affectsConfiguration: (s: string) => boolean }>();
const settings = new Map<string, unknown>();

export const workspace = {
  textDocuments: [] as FakeDocument[],
  onDidChangeTextDocument: changes.event,
  onDidOpenTextDocument: opens.event,
  onDidChangeConfiguration: configChanges.event,
  getConfiguration(section: string) {
    return { get: <T>(key: string, def: T): T => (settings.has(`${section}.${key}`) ? (settings.get(`${section}.${key}`) as T) : def) };
  },
  async openTextDocument(uri: Uri): Promise<FakeDocument> {
    const open = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    throw new Error(`not open in the fake: ${uri.fsPath}`);
  },
};

/** Test controls: open/close a document, change a setting (firing the events VS Code fires). */
export const fake = {
  open(doc: FakeDocument): void {
    workspace.textDocuments.push(doc);
    opens.fire(doc);
  },
  close(doc: FakeDocument): void {
    workspace.textDocuments = workspace.textDocuments.filter((d) => d !== doc);
  },
  setSetting(key: string, value: unknown): void {
    settings.set(key, value);
    configChanges.fire({ affectsConfiguration: (s) => key === s || key.startsWith(`${s}.`) });
  },
};

export class FakeDiagnostics {
  readonly byUri = new Map<string, Diagnostic[]>();
  set(uri: Uri, ds: Diagnostic[]): void {
    this.byUri.set(uri.toString(), ds);
  }
  delete(uri: Uri): void {
    this.byUri.delete(uri.toString());
  }
  clear(): void {
    this.byUri.clear();
  }
  get(uri: Uri): Diagnostic[] {
    return this.byUri.get(uri.toString()) ?? [];
  }
  dispose(): void {
    this.byUri.clear();
  }
}

export const collections: FakeDiagnostics[] = [];

/** What the modules under test registered, for the test to call as VS Code would. */
export const registered = {
  inlayHints: [] as unknown[],
  codeActions: [] as unknown[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
};

const disposable = { dispose() {} };

export const languages = {
  createDiagnosticCollection(): FakeDiagnostics {
    const c = new FakeDiagnostics();
    collections.push(c);
    return c;
  },
  registerInlayHintsProvider(_selector: unknown, p: unknown) {
    registered.inlayHints.push(p);
    return disposable;
  },
  registerCodeActionsProvider(_selector: unknown, p: unknown) {
    registered.codeActions.push(p);
    return disposable;
  },
};

/** Context keys set through `setContext` (the walkthrough's milestones: client/src/walkthrough/milestones.ts). */
export const contextKeys = new Map<string, unknown>();

export const commands = {
  registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
    registered.commands.set(id, fn);
    return disposable;
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') {
      contextKeys.set(String(args[0]), args[1]);
      return undefined;
    }
    const fn = registered.commands.get(id);
    if (!fn) throw new Error(`command '${id}' not found`);
    return fn(...args);
  },
};

export const env = { language: 'en' };
