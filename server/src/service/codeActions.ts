/**
 * Code actions for our diagnostics: each rule's own fixes (rule.fix), plus "ignore this rule here", which inserts
 * `# dockerfile-guide ignore=ID` above the instruction with the instruction's indentation (or adds the id to such a
 * comment that is already there; the comment's syntax belongs to rules/suppression.ts). Works from the LSP
 * diagnostics the client sends back (`data.rule`), on the cached parse of the current version; a fix whose text no
 * longer matches returns nothing rather than a wrong edit.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { fill, Lang, line, Msg } from '../../../common/src/i18n';
import type { RuleOptions } from '../rules/engine';
import { ruleById } from '../rules/registry';
import { ignoreEdit } from '../rules/suppression';
import type { Finding, RuleContext } from '../rules/types';
import type { ParsedDocument } from './document';

const IGNORE_TITLE: Msg = { ko: '이 명령에서 {0} 무시하기', en: 'Ignore {0} for this instruction' };

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function ruleOf(d: Diagnostic): string | null {
  const data = d.data as { rule?: unknown } | undefined;
  if (data && typeof data.rule === 'string') return data.rule;
  return null;
}

export function codeActions(doc: ParsedDocument, range: Range, diagnostics: Diagnostic[], lang: Lang, options: RuleOptions = {}): CodeAction[] {
  const out: CodeAction[] = [];
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile, contextEntries: options.contextEntries };
  const ignored = new Set<string>();
  for (const d of diagnostics) {
    if (!overlaps(d.range, range)) continue;
    const id = ruleOf(d);
    const rule = id ? ruleById(id) : undefined;
    if (!id || !rule) continue;
    if (rule.fix) {
      const finding: Finding = {
        range: d.range,
        message: { ko: String(typeof d.message === 'string' ? d.message : d.message.value), en: String(typeof d.message === 'string' ? d.message : d.message.value) },
        data: (d.data as Record<string, unknown> | undefined) ?? undefined,
      };
      let fixes: ReturnType<NonNullable<typeof rule.fix>> = [];
      try {
        fixes = rule.fix(ctx, finding);
      } catch (e) {
        // As in the engine: a crashing fix costs its own actions, not the request, and it is reported.
        options.onRuleError?.(`${id} (quick fix)`, e);
      }
      for (const f of fixes) {
        if (f.edits.length === 0) continue;
        out.push({
          title: line(f.title, lang),
          kind: 'quickfix',
          diagnostics: [d],
          isPreferred: f.preferred || undefined,
          edit: { changes: { [doc.uri]: f.edits } },
        });
      }
    }
    const key = `${id}@${d.range.start.line}`;
    if (ignored.has(key)) continue;
    ignored.add(key);
    const edit = ignoreEdit(doc, d.range.start.line, id);
    if (!edit) continue;
    out.push({
      title: line({ ko: fill(IGNORE_TITLE.ko, [id]), en: fill(IGNORE_TITLE.en, [id]) }, lang),
      kind: 'quickfix',
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [edit] } },
    });
  }
  return out;
}
