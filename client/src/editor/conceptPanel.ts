/**
 * "Open a concept" (`dockerfileGuide.openConcept`, issue 20): one of the concept pages the extension ships
 * (docs/concepts/<slug>.<ko|en>.md, with pictures in docs/concepts/images), beside the editor, in one webview panel
 * that every page reuses. Hovers, diagnostics' hovers, the walkthrough and the pages themselves link here with the
 * slug as argument; from the Command Palette there is none and the user picks a page by its title.
 *
 * Language: the `dockerfileGuide.language` setting (auto → VS Code's display language); `both` shows the Korean page
 * and then the English one. The page's links to our commands (another page, the explainer, the doctor, Build Image,
 * New Stack) run because the webview allows exactly those command URIs.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { OneLang } from '../../../common/src/i18n';
import { CONCEPT_PAGE_COMMANDS, CONCEPT_SLUGS, isConceptSlug, OPEN_CONCEPT_COMMAND, type ConceptSlug } from '../../../common/src/concepts';
import { uiLang } from '../language';
import { renderMarkdown, ReusedPanel } from './markdownPanel';

/** What the concept panel shows now (the e2e suite reads it). */
export interface ConceptView {
  slug: ConceptSlug;
  /** The tab's title: the page's title; with `both`, the Korean and the English title. */
  title: string;
  html: string;
}

/** One entry of the palette's pick list. */
export interface ConceptItem {
  slug: ConceptSlug;
  /** The page's title in the user's language (Korean with `both`). */
  title: string;
}

export interface ConceptPages {
  view(): ConceptView | undefined;
  /** The pages the pick list offers, in reading order: every slug with a page in the user's language or the other. */
  list(): ConceptItem[];
}

/** The languages to show, in order, for the setting (`both`: Korean first, as everywhere else). */
function languages(): OneLang[] {
  const l = uiLang();
  return l === 'both' ? ['ko', 'en'] : [l];
}

export function registerConceptPages(context: vscode.ExtensionContext): ConceptPages {
  const root = vscode.Uri.file(context.asAbsolutePath('docs/concepts'));
  let shown: ConceptView | undefined;
  // A link followed inside the tab keeps the page in its own column (stayInPlace).
  const panel = new ReusedPanel('dockerfileGuide.concept', {
    webview: { enableCommandUris: CONCEPT_PAGE_COMMANDS, localResourceRoots: [root] },
    onClosed: () => (shown = undefined),
    stayInPlace: true,
  });

  const file = (slug: ConceptSlug, l: OneLang) => vscode.Uri.joinPath(root, `${slug}.${l}.md`).fsPath;
  const read = (slug: ConceptSlug, l: OneLang): string | undefined => {
    try {
      return fs.readFileSync(file(slug, l), 'utf8');
    } catch {
      return undefined;
    }
  };
  const titleOf = (markdown: string): string => /^# (.+)$/m.exec(markdown)?.[1].trim() ?? '';

  /** The pages to show for a slug: one per wanted language; a page missing in one language is shown in the other. */
  const pages = (slug: ConceptSlug): { lang: OneLang; markdown: string }[] => {
    const wanted = languages();
    const found = wanted.map((lang) => ({ lang, markdown: read(slug, lang) })).filter((p): p is { lang: OneLang; markdown: string } => p.markdown !== undefined);
    if (found.length) return found;
    const other: OneLang = wanted[0] === 'ko' ? 'en' : 'ko';
    const markdown = read(slug, other);
    return markdown === undefined ? [] : [{ lang: other, markdown }];
  };

  const list = (): ConceptItem[] =>
    CONCEPT_SLUGS.flatMap((slug) => {
      const first = pages(slug)[0];
      return first ? [{ slug, title: titleOf(first.markdown) || slug }] : [];
    });

  const pick = async (): Promise<ConceptSlug | undefined> => {
    const items = list().map((c) => ({ label: c.title, detail: c.slug, slug: c.slug }));
    if (!items.length) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The concept pages (docs/concepts) are missing from this installation of Dockerfile Guide.'));
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open a concept'), placeHolder: vscode.l10n.t('Which concept?'), matchOnDetail: true });
    return chosen?.slug;
  };

  /**
   * The rendered page's pictures: `images/<name>.svg` (relative to the page) becomes a webview URI of the shipped
   * file. Anything that would leave docs/concepts is left as it is, and the CSP then blocks it.
   */
  const withImages = (html: string, webview: vscode.Webview): string =>
    html.replace(/(<img\b[^>]*?\ssrc=")(images\/[\w.-]+\.(?:svg|png))(")/g, (_, pre: string, rel: string, post: string) => `${pre}${webview.asWebviewUri(vscode.Uri.joinPath(root, rel)).toString()}${post}`);

  const open = async (slugArg?: unknown): Promise<ConceptView | undefined> => {
    const slug = slugArg === undefined || slugArg === '' ? await pick() : slugArg;
    if (slug === undefined) return undefined;
    if (!isConceptSlug(slug)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('There is no concept page {0}.', String(slug)));
      return undefined;
    }
    const shownPages = pages(slug);
    if (!shownPages.length) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The concept page {0} is missing from this installation of Dockerfile Guide.', slug));
      return undefined;
    }
    const markdown = shownPages.map((p) => p.markdown).join('\n\n---\n\n');
    const title = shownPages.map((p) => titleOf(p.markdown) || slug).join(' / ');
    const body = await renderMarkdown(markdown);
    if (body === undefined) {
      // VS Code's Markdown extension is disabled: the page itself, as text, beside the editor.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file(slug, shownPages[0].lang)));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      return undefined;
    }
    shown = { slug, title, html: panel.show(title, body, withImages) };
    return shown;
  };

  context.subscriptions.push(vscode.commands.registerCommand(OPEN_CONCEPT_COMMAND, open), panel);
  return { view: () => shown, list };
}
