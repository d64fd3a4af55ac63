/**
 * The Dockerfile snippets (snippets/dockerfile.json), served by the language server instead of VS Code's
 * `contributes.snippets`, for two reasons (issue 18, item 9):
 *
 * - a contributed snippet's name is one fixed string: VS Code substitutes package.nls `%keys%` in the manifest,
 *   not inside snippet files, so the list showed the English names to Korean users. Here the name and the
 *   description follow the user's language (each entry carries `nameKo`; its description is "ko — en").
 * - VS Code offers contributed snippets wherever the word before the cursor matches, e.g. after `--` of a
 *   flag. Every Dockerfile snippet starts with an instruction, so here they are offered only where an
 *   instruction can start.
 */
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import DOCKERFILE_SNIPPETS from '../../../snippets/dockerfile.json';
import type { Lang } from '../../../common/src/i18n';

interface SnippetEntry {
  prefix: string;
  nameKo: string;
  description: string;
  body: string[];
}

const SNIPPET_KIND = 15;
const SNIPPET_FORMAT = 2;

/** "한국어 — English" → its two halves (the snippet files write every description that way). */
function halves(description: string): { ko: string; en: string } {
  const at = description.indexOf(' — ');
  return at < 0 ? { ko: description, en: description } : { ko: description.slice(0, at), en: description.slice(at + 3) };
}

function inLang(ko: string, en: string, lang: Lang): string {
  return lang === 'ko' ? ko : lang === 'en' ? en : ko === en ? ko : `${ko} / ${en}`;
}

const ENTRIES = Object.entries(DOCKERFILE_SNIPPETS as Record<string, SnippetEntry>);
const cache = new Map<Lang, CompletionItem[]>();

export function snippetItems(lang: Lang, range: Range): CompletionItem[] {
  let base = cache.get(lang);
  if (!base) {
    base = ENTRIES.map(([en, s]) => {
      const d = halves(s.description);
      const body = s.body.join('\n');
      return {
        label: s.prefix,
        labelDetails: { description: inLang(s.nameKo, en, lang) },
        kind: SNIPPET_KIND,
        detail: inLang(d.ko, d.en, lang),
        // The body as it reads once inserted: tab stops shown with their default text.
        documentation: { kind: 'markdown', value: '```dockerfile\n' + body.replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') + '\n```' },
        insertTextFormat: SNIPPET_FORMAT,
        filterText: s.prefix,
        // After the instruction keywords (their sortText starts with "a").
        sortText: 'b' + s.prefix,
      } satisfies CompletionItem;
    });
    cache.set(lang, base);
  }
  return base.map((item, i) => ({ ...item, textEdit: { range, newText: ENTRIES[i][1].body.join('\n') } }));
}
