// "Show Rule Description" (dockerfileGuide.showRule): one rule's section of the rule reference the extension ships
// (docs/rules.md), in a webview tab titled with the rule's id and title. The language server links every rule
// diagnostic's code and the hover's "Documentation / 문서" link to this command (common/src/ruleDocs.ts), so the
// explanation opens offline, in VS Code. Called without a rule id (Command Palette), it asks which rule.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { SHOW_RULE_COMMAND, ruleSection, ruleSections, type RuleSection } from '../../../common/src/ruleDocs';
import { uiOneLang } from '../language';
import { renderMarkdown, ReusedPanel } from './markdownPanel';

/** What the rule tab shows now (for tests: the e2e suite reads it after following a diagnostic's link). */
export interface RuleDocsView {
  ruleId: string;
  title: string;
  html: string;
}

export interface RuleDocs {
  /** The tab's current rule, title and HTML; undefined when no rule tab is open. */
  view(): RuleDocsView | undefined;
}

/** The tab's title: the rule id and its title in the user's language ("DL3008 · apt-get install 버전 고정"). */
function tabTitle(s: RuleSection): string {
  const title = uiOneLang() === 'ko' ? s.title.ko : s.title.en;
  return title ? `${s.id} · ${title}` : s.id;
}

export function registerRuleDocs(context: vscode.ExtensionContext): RuleDocs {
  const file = context.asAbsolutePath('docs/rules.md');
  let shown: RuleDocsView | undefined;
  const panel = new ReusedPanel('dockerfileGuide.rule', { onClosed: () => (shown = undefined) });

  const read = (): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      void vscode.window.showErrorMessage(vscode.l10n.t('The rule reference (docs/rules.md) is missing from this installation of Dockerfile Guide.'));
      return undefined;
    }
  };

  const pick = async (markdown: string): Promise<string | undefined> => {
    const lang = uiOneLang();
    const chosen = await vscode.window.showQuickPick(
      ruleSections(markdown).map((s) => ({ label: s.id, description: lang === 'ko' ? s.title.ko : s.title.en })),
      { placeHolder: vscode.l10n.t('Which rule?'), matchOnDescription: true },
    );
    return chosen?.label;
  };

  const show = async (idArg?: unknown): Promise<void> => {
    const markdown = read();
    if (markdown === undefined) return;
    const id = typeof idArg === 'string' && idArg ? idArg : await pick(markdown);
    if (!id) return;
    const section = ruleSection(markdown, id);
    if (!section) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The rule reference has no rule {0}.', id));
      return;
    }
    const source = `# ${section.id}\n\n${section.body}\n`;
    const html = await renderMarkdown(source);
    if (html === undefined) {
      // VS Code's Markdown extension is disabled: the reference itself, as text, at the rule's heading.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const line = doc.getText().split('\n').findIndex((l) => l === `### ${section.id}`);
      const at = new vscode.Position(Math.max(0, line), 0);
      await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(at, at) });
      return;
    }
    const title = tabTitle(section);
    shown = { ruleId: section.id, title, html: panel.show(title, html) };
  };

  context.subscriptions.push(vscode.commands.registerCommand(SHOW_RULE_COMMAND, show), panel);
  return { view: () => shown };
}
