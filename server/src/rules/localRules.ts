/**
 * Findings of the rules that judge each instruction on its own (Rule.local), kept per chunk.
 *
 * A chunk's parse is reused by every later version whose text there did not change (service/chunks.ts), so the
 * findings such a rule makes on that chunk are the same too: only their lines move when an edit above adds or
 * removes lines. Each rule therefore runs on a view of one chunk (ParsedDocument.chunkView) the first time it meets
 * that chunk, and its findings are kept with the chunk. An edit re-runs the local rules over the chunk it touched
 * (16 lines in a document of under 2,000) instead of over the whole document.
 *
 * Measured in-process on the bench inputs before this cache, the rules were ~40 % of the work of an edit, and at
 * 1,000 lines more than half of that was rules that look at one instruction at a time.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { PlacedChunk } from '../service/chunks';
import type { ParsedDocument } from '../service/document';
import type { Finding, Rule } from './types';

/** What one chunk keeps: each local rule's findings, at the lines the chunk had when they were made. */
interface ChunkFindings {
  startLine: number;
  readonly byRule: Map<string, Finding[]>;
}

const MEMO_KEY = 'rules:local';
const POSIX_ONLY = new WeakMap<ParsedDocument, boolean>();
const NON_POSIX_SHELL = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i;

/**
 * True when the per-chunk results can stand for the whole document's: it has more than one chunk (with one, every
 * edit changes it), and no `SHELL` switches to a shell that is not POSIX. The RUN rules skip the RUNs under such a
 * SHELL (helpers/shell.ts), and a SHELL in an earlier chunk is outside a chunk's view.
 */
export function localRulesApply(doc: ParsedDocument): boolean {
  if (doc.placed.length < 2) return false;
  let ok = POSIX_ONLY.get(doc);
  if (ok === undefined) {
    ok = !doc.instructions.some((i) => i.keyword === 'SHELL' && NON_POSIX_SHELL.test(i.jsonStrings()?.[0]?.value ?? ''));
    POSIX_ONLY.set(doc, ok);
  }
  return ok;
}

/**
 * One local rule's findings over the whole document, in document order: the kept findings of each chunk, the rule
 * run on the view of the chunks that do not have them yet. `views` is shared by the rules of one run, so a chunk's
 * view is built once. A rule that throws on a chunk is reported through `onError` and counts as no findings there.
 */
export function localFindings(
  doc: ParsedDocument,
  rule: Rule,
  views: Map<PlacedChunk, ParsedDocument>,
  onError: (ruleId: string, error: unknown) => void,
): Finding[] {
  const out: Finding[] = [];
  for (const pc of doc.placed) {
    const kept = keptFor(pc);
    let findings = kept.byRule.get(rule.id);
    if (!findings) {
      let view = views.get(pc);
      if (!view) views.set(pc, (view = doc.chunkView(pc)));
      try {
        findings = rule.check({ doc: view });
      } catch (e) {
        onError(rule.id, e);
        findings = [];
      }
      kept.byRule.set(rule.id, findings);
    }
    for (const f of findings) out.push(f);
  }
  return out;
}

/** The chunk's kept findings, moved to the line the chunk starts at in this version. */
function keptFor(pc: PlacedChunk): ChunkFindings {
  let kept = pc.chunk.memo.get(MEMO_KEY) as ChunkFindings | undefined;
  if (!kept) {
    kept = { startLine: pc.startLine, byRule: new Map() };
    pc.chunk.memo.set(MEMO_KEY, kept);
  } else if (kept.startLine !== pc.startLine) {
    const delta = pc.startLine - kept.startLine;
    for (const [id, list] of kept.byRule) kept.byRule.set(id, list.map((f) => ({ ...f, range: shift(f.range, delta) })));
    kept.startLine = pc.startLine;
  }
  return kept;
}

function shift(r: Range, delta: number): Range {
  return { start: at(r.start, delta), end: at(r.end, delta) };
}

function at(p: Position, delta: number): Position {
  return { line: p.line + delta, character: p.character };
}
