/**
 * Code actions for our diagnostics: each rule's own fixes (rule.fix), plus "ignore this rule here", which inserts
 * `# dockerfile-guide ignore=ID` above the instruction with the instruction's indentation (or adds the id to such a
 * comment that is already there). Works from the LSP diagnostics the client sends back (`data.rule`), on the cached
 * parse of the current version; a fix whose text no longer matches returns nothing rather than a wrong edit.
 */
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { fill, Lang, line, Msg } from '../../../common/src/i18n';
import type { RuleOptions } from '../rules/engine';
import { ruleById } from '../rules/registry';
import type { Finding, RuleContext } from '../rules/types';
import type { ParsedDocument } from './document';

const IGNORE_TITLE: Msg = { ko: '이 명령에서 {0} 무시하기', en: 'Ignore {0} for this instruction' };
const IGNORE_COMMENT = /^(\s*#\s*dockerfile-guide\s+ignore\s*=\s*)([A-Za-z0-9_,\s-]*?)\s*$/i;

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function ruleOf(d: Diagnostic): string | null {
  const data = d.data as { rule?: unknown } | undefined;
  if (data && typeof data.rule === 'string') return data.rule;
  return null;
}

/** The edit that makes our suppression comment cover `ruleId` on the instruction at `line`; null if none there. */
export function ignoreEdit(doc: ParsedDocument, atLine: number, ruleId: string): TextEdit | null {
  const ins = doc.instructionAtLine(atLine);
  if (!ins) return null;
  const first = ins.startLine;
  const above = first > 0 ? doc.lineText(first - 1) : '';
  const m = IGNORE_COMMENT.exec(above);
  if (m) {
    const list = m[2].split(',').map((s) => s.trim()).filter(Boolean);
    if (list.includes(ruleId)) return null;
    const text = m[1] + [...list, ruleId].join(',');
    return { range: { start: { line: first - 1, character: 0 }, end: { line: first - 1, character: above.length } }, newText: text };
  }
  const indent = /^[ \t]*/.exec(doc.lineText(first))![0];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } }, newText: `${indent}# dockerfile-guide ignore=${ruleId}${eol}` };
}

export function codeActions(doc: ParsedDocument, range: Range, diagnostics: Diagnostic[], lang: Lang, options: RuleOptions = {}): CodeAction[] {
  const out: CodeAction[] = [];
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile };
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
      } catch {
        fixes = [];
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
