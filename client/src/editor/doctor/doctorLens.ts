// "Run and check" as a code lens above the Dockerfile's last CMD or ENTRYPOINT (else its last FROM): where a learner
// looks when asking what the container will do. A plain scan of the lines: no parse is needed to place one lens, and
// the language server's own lenses (the effective command) sit on the same line.
import * as vscode from 'vscode';

const SETTING = 'codeLens.runAndCheck';

/** 0-based line of the last CMD/ENTRYPOINT, else of the last FROM; -1 when there is neither. */
export function lensLine(text: string): number {
  let command = -1;
  let from = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*(CMD|ENTRYPOINT)\b/i.test(l)) command = i;
    else if (/^\s*FROM\b/i.test(l)) from = i;
  }
  return command >= 0 ? command : from;
}

export class DoctorLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor() {
    this.subs = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`dockerfileGuide.${SETTING}`)) this.emitter.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Building and running need a trusted workspace and a file on disk (the build context is its folder).
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file') return [];
    if (!vscode.workspace.getConfiguration('dockerfileGuide').get<boolean>(SETTING, true)) return [];
    const at = lensLine(doc.getText());
    if (at < 0) return [];
    return [
      new vscode.CodeLens(new vscode.Range(at, 0, at, 0), {
        title: `$(checklist) ${vscode.l10n.t('Run and check')}`,
        tooltip: vscode.l10n.t('Build this Dockerfile, run the image, watch it and explain what happened'),
        command: 'dockerfileGuide.doctor.run',
        arguments: [doc.uri],
      }),
    ];
  }
}
