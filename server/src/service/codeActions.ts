/**
 * Code actions for our diagnostics: each rule's own fixes (rule.fix), for a grouped diagnostic (rules/grouping.ts)
 * also one fix for all its members, plus "ignore this rule here", which inserts
 * `# dockerfile-guide ignore=ID` above the instruction with the instruction's indentation (or adds the id to such a
 * comment that is already there; the comment's syntax belongs to rules/suppression.ts). Fixes come first, preferred
 * ones at the top; then one ignore entry per instruction under the cursor, naming all its rules (`ignore=A,B`), and
 * the group ignore of a grouped diagnostic. Works from the LSP
 * diagnostics the client sends back (`data.rule`), on the cached parse of the current version; a fix whose text no
 * longer matches returns nothing rather than a wrong edit.
 */
import type { CodeAction, Diagnostic, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { fillMsg, Lang, Msg, pick, plainLine } from '../../../common/src/i18n';
import type { RuleOptions } from '../rules/engine';
import { ruleById } from '../rules/registry';
import { ignoreEdit } from '../rules/suppression';
import type { Finding, Fix, RuleContext } from '../rules/types';
import { type GroupMember, groupMembers } from '../rules/grouping';
import type { ParsedDocument } from './document';

const IGNORE_TITLE: Msg = { ko: '이 명령에서 {0} 무시하기', en: 'Ignore {0} for this instruction' };
/** A grouped diagnostic (rules/grouping.ts): the fix or the ignore comment for every member at once. */
const ALL_TITLE: Msg = { ko: 'RUN {0}개 모두: {1}', en: 'All {0} RUNs: {1}' };
const IGNORE_ALL_TITLE: Msg = { ko: 'RUN {0}개 모두에서 {1} 무시하기', en: 'Ignore {1} for all {0} RUNs' };

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
  // Real fixes first, the preferred ones at the top; then the ignore entries, at most one per diagnostic (issue 18,
  // item 7: an apt-get line showed eight entries, five of them "ignore").
  const fixes: { action: CodeAction; severity: number }[] = [];
  const ignores: CodeAction[] = [];
  /** Per instruction (its first line): the rules to ignore there and their diagnostics, in the order met. */
  const ignoreHere = new Map<number, { ids: string[]; diags: Diagnostic[] }>();
  const ctx: RuleContext = { doc, readContextFile: options.readContextFile, contextEntries: options.contextEntries };
  const ignored = new Set<string>();
  const offered = new Set<string>();
  const addFix = (action: CodeAction, d: Diagnostic) => {
    // Two findings of one rule on a line may offer the very same edit: once is enough.
    const key = JSON.stringify([action.title, action.edit]);
    if (offered.has(key)) return;
    offered.add(key);
    fixes.push({ action, severity: d.severity ?? 1 });
  };
  for (const d of diagnostics) {
    if (!overlaps(d.range, range)) continue;
    const id = ruleOf(d);
    const rule = id ? ruleById(id) : undefined;
    if (!id || !rule) continue;
    const members = groupMembers(d.data);
    const runs = members ? new Set(members.map((m) => doc.instructionAtLine(m.range.start.line)?.startLine)).size : 0;
    if (rule.fix) {
      const text = String(typeof d.message === 'string' ? d.message : d.message.value);
      const fixesOf = (finding: Finding): Fix[] => {
        try {
          return rule.fix!(ctx, finding).filter((f) => f.edits.length > 0);
        } catch (e) {
          // As in the engine: a crashing fix costs its own actions, not the request, and it is reported.
          options.onRuleError?.(`${id} (quick fix)`, e);
          return [];
        }
      };
      const perMember = members?.map((m) => fixesOf(memberFinding(m, id, text)));
      // A group's first member is where the diagnostic is: its own fixes stay on offer next to the fix for all.
      const own = perMember
        ? (perMember[0] ?? [])
        : fixesOf({ range: d.range, message: { ko: text, en: text }, data: (d.data as Record<string, unknown> | undefined) ?? undefined });
      if (perMember) {
        for (const all of fixForAll(perMember)) {
          addFix(
            {
              title: plainLine(fillMsg(ALL_TITLE, runs, all.title), lang),
              kind: 'quickfix',
              diagnostics: [d],
              isPreferred: all.preferred || undefined,
              edit: { changes: { [doc.uri]: all.edits } },
            },
            d,
          );
        }
      }
      for (const f of own) {
        addFix(
          {
            title: plainLine(f.title, lang),
            kind: 'quickfix',
            diagnostics: [d],
            // The fix for all members is the one to apply first; this member's own fix is the alternative.
            isPreferred: (!members && f.preferred) || undefined,
            edit: workspaceEdit(doc.uri, f, lang),
          },
          d,
        );
      }
    }
    const key = `${id}@${d.range.start.line}`;
    if (ignored.has(key)) continue;
    ignored.add(key);
    if (members) {
      // The group's ignore: our comment above each member RUN, so exactly the lines the diagnostic names go quiet
      // and the rule keeps watching the rest of the file. It is this diagnostic's one ignore entry.
      const edits = ignoreAll(doc, members, id);
      if (edits.length) {
        ignores.push({
          title: plainLine(fillMsg(IGNORE_ALL_TITLE, runs, id), lang),
          kind: 'quickfix',
          diagnostics: [d],
          edit: { changes: { [doc.uri]: edits } },
        });
      }
      continue;
    }
    const at = doc.instructionAtLine(d.range.start.line)?.startLine;
    if (at === undefined) continue;
    const here = ignoreHere.get(at) ?? { ids: [], diags: [] };
    if (!here.ids.includes(id)) here.ids.push(id);
    here.diags.push(d);
    ignoreHere.set(at, here);
  }
  // One entry per instruction, naming every rule found there under the cursor, in one comment.
  for (const [at, { ids, diags }] of ignoreHere) {
    const edit = ignoreEdit(doc, at, ids);
    if (!edit) continue;
    ignores.push({
      title: plainLine(fillMsg(IGNORE_TITLE, ids.join(', ')), lang),
      kind: 'quickfix',
      diagnostics: diags,
      edit: { changes: { [doc.uri]: [edit] } },
    });
  }
  // Preferred first, then by the severity of what they fix (errors first); otherwise in the order found.
  const ranked = fixes.map((f, i) => ({ ...f, i })).sort((a, b) => Number(!!b.action.isPreferred) - Number(!!a.action.isPreferred) || a.severity - b.severity || a.i - b.i);
  return [...ranked.map((f) => f.action), ...ignores];
}

/**
 * A fix's WorkspaceEdit: plain text changes, or (when it creates files next to the Dockerfile) document changes that
 * create each file, fill it, then edit the Dockerfile. A file that already exists makes the whole edit fail in the
 * client rather than be overwritten.
 */
export function workspaceEdit(uri: string, f: Fix, lang: Lang): WorkspaceEdit {
  if (!f.files?.length && !f.fileEdits?.length) return { changes: { [uri]: f.edits } };
  const dir = uri.slice(0, uri.lastIndexOf('/') + 1);
  const docChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of f.fileEdits ?? []) {
    docChanges.push({ textDocument: { uri: dir + file.path.split('/').map(encodeURIComponent).join('/'), version: null }, edits: file.edits });
  }
  for (const file of f.files ?? []) {
    const fileUri = dir + file.path.split('/').map(encodeURIComponent).join('/');
    docChanges.push({ kind: 'create', uri: fileUri, options: { overwrite: false, ignoreIfExists: false } });
    // Comments in one language; in `both`, the Korean text (the project's first language).
    const text = pick(file.text, lang === 'en' ? 'en' : 'ko');
    docChanges.push({ textDocument: { uri: fileUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] });
  }
  docChanges.push({ textDocument: { uri, version: null }, edits: f.edits });
  return { documentChanges: docChanges };
}

/** A group member as the finding its rule's fix takes (the message is the group's: no fix reads it). */
function memberFinding(m: GroupMember, rule: string, text: string): Finding {
  return { range: m.range, message: { ko: text, en: text }, data: { rule, ...(m.data ?? {}) } };
}

/**
 * The fixes that every member offers (same English title), each with all members' edits in one list. A title some
 * member lacks is left out ("all N RUNs" would not be true), and so is a fix whose members' edits overlap (the
 * WorkspaceEdit would be invalid); edits that are exactly the same (two members deleting one line) count once.
 * Preferred when most members prefer it.
 */
function fixForAll(perMember: Fix[][]): Fix[] {
  if (perMember.length === 0) return [];
  const out: Fix[] = [];
  for (const candidate of perMember[0]) {
    const edits: TextEdit[] = [];
    let preferred = 0;
    let complete = true;
    // A fix that creates a file is about one place; it has no "all members" form.
    if (candidate.files?.length || candidate.fileEdits?.length) continue;
    for (const fixes of perMember) {
      const f = fixes.find((x) => x.title.en === candidate.title.en);
      if (!f) {
        complete = false;
        break;
      }
      if (f.preferred) preferred++;
      edits.push(...f.edits);
    }
    if (!complete) continue;
    const merged = withoutOverlaps(edits);
    if (!merged) continue;
    out.push({ title: candidate.title, edits: merged, preferred: preferred * 2 > perMember.length });
  }
  return out;
}

function cmp(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The edits sorted by position with exact duplicates dropped; null when two of them overlap. */
export function withoutOverlaps(edits: TextEdit[]): TextEdit[] | null {
  const sorted = [...edits].sort((a, b) => cmp(a.range.start, b.range.start) || cmp(a.range.end, b.range.end));
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev) {
      if (cmp(prev.range.start, e.range.start) === 0 && cmp(prev.range.end, e.range.end) === 0 && prev.newText === e.newText) continue;
      // Overlap: the previous edit ends after this one starts, or both insert at the same place (order undefined).
      if (cmp(prev.range.end, e.range.start) > 0 || cmp(prev.range.start, e.range.start) === 0) return null;
    }
    out.push(e);
  }
  return out;
}

/** Our ignore comment above each member's instruction, once per instruction. */
function ignoreAll(doc: ParsedDocument, members: GroupMember[], id: string): TextEdit[] {
  const seen = new Set<number>();
  const edits: TextEdit[] = [];
  for (const m of members) {
    const ins = doc.instructionAtLine(m.range.start.line);
    if (!ins || seen.has(ins.startLine)) continue;
    seen.add(ins.startLine);
    const e = ignoreEdit(doc, ins.startLine, id);
    if (e) edits.push(e);
  }
  return withoutOverlaps(edits) ?? [];
}
