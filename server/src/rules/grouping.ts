/**
 * One problem, one diagnostic. Students often write one package per RUN (`RUN apt-get install -y nginx`, then the
 * same for mariadb-server, php-fpm, …), and a rule that finds the same problem on each of those RUNs filled the
 * Problems panel with twenty copies of one message per rule. Here the engine folds such repeats of one rule into
 * one diagnostic that names the lines; its related entries point at every member with the member's own message, and
 * its data carries each member's range and data so that one quick fix can fix them all (service/codeActions.ts).
 *
 * The criterion, judged per rule after suppression and the equivalent-rule dedupe:
 * - only findings whose first line lies in a RUN instruction (other instructions repeat rarely, and a repeat there
 *   is usually a different problem: a second CMD, a second FROM);
 * - only findings without a place in a copied config file (`inFile`: each such finding is shown in that file too);
 * - findings of one stage only: a problem repeated in two stages is two things to fix in two images;
 * - findings on one block of RUNs: RUN instructions with no other instruction between them (comments and blank lines
 *   do not count). That is the one-package-per-RUN habit; RUNs far apart, between COPYs and WORKDIRs, are separate
 *   steps whose own marks say more than one entry on the first of them;
 * - the same problem: the same severity, tags and data fields, and the same message once the `code spans` it names
 *   (a package, a path; a list of them) are blanked out. "Packages without a pinned version: `nginx`" and "…: `vim`"
 *   are one problem on two RUNs; two findings of one rule whose wording differs are two problems and never merge;
 * - on at least GROUP_MIN different RUN instructions (see there); more than GROUP_MAX make several groups.
 * Everything else stays as it was. The grouped diagnostic takes the place of the first member (its range too, so the
 * hover over it still explains the rule); the other members are dropped from the list.
 *
 * Cost: one pass over the rule's findings plus a binary search for each finding's instruction; no parsing.
 */
import type { Range } from 'vscode-languageserver-types';
import { fillMsg, msg, type Msg } from '../../../common/src/i18n';
import type { ParsedDocument } from '../service/document';
import type { GuideDiagnostic, Rule } from './types';

/**
 * Fewest RUN instructions a repeated finding must sit on to be grouped. Two findings are still two readable entries,
 * each with its quick fix where the cursor is; grouping them saves one line of the Problems panel and costs the
 * second member its own place. From three on the panel starts to repeat itself, and the one-package-per-RUN habit
 * this is for rarely stops at three.
 */
export const GROUP_MIN = 3;

/**
 * Most RUN instructions one grouped diagnostic stands for. Past this many one-package RUNs a file is generated, not
 * written; its group is split into parts of nearly equal size, so that a message still names its lines in a readable
 * sentence and one diagnostic's related entries and data stay a small payload for the client (service/check.ts
 * mostImportant counts each member against the published budget).
 */
export const GROUP_MAX = 50;

/** One member of a group as it travels in Diagnostic.data (JSON): where it is and what its fix needs. */
export interface GroupMember {
  range: Range;
  data?: Record<string, unknown>;
}

/** The key under which Diagnostic.data of a grouped diagnostic lists its members. */
export const GROUP_KEY = 'group';

/** The members of a grouped diagnostic, from its (LSP or Guide) data; null when it is not a group. */
export function groupMembers(data: unknown): GroupMember[] | null {
  const list = (data as Record<string, unknown> | undefined)?.[GROUP_KEY];
  if (!Array.isArray(list) || list.length < 2) return null;
  return list.filter((m): m is GroupMember => !!m && typeof m === 'object' && !!(m as GroupMember).range);
}

/**
 * The message with what it names blanked out: each `code span`, a list of them (`a`, `b` and `c`), and listNames'
 * `(+4)` tail, so that findings naming different packages compare equal.
 */
export function messageShape(text: string): string {
  if (!text.includes('`')) return text;
  const shape = text.replace(LISTED, '\u0000');
  return shape.includes('(+') ? shape.replace(/\s*\(\+\d+\)/g, '') : shape;
}

/** A code span, or a list of them joined by commas or a conjunction. */
const LISTED = /`[^`\n]*`(?:\s*(?:,|and|or|및|또는)\s*`[^`\n]*`)*/g;

/**
 * The key of "the same problem" within one rule. The English message stands for both languages: the Korean one is
 * written from the same template, and shaping it too doubled the cost of grouping.
 */
function groupKey(d: GuideDiagnostic, block: number, shapes: Map<string, string>): string {
  let shape = shapes.get(d.message.en);
  if (shape === undefined) shapes.set(d.message.en, (shape = messageShape(d.message.en)));
  const dataKeys = d.data ? Object.keys(d.data).join(',') : '';
  return `${block}\u0001${d.severity}\u0001${d.tags ? d.tags.join(',') : ''}\u0001${dataKeys}\u0001${shape}`;
}

/** Per document version: the start line of each RUN instruction → the number of its block of RUNs (see the top). */
const blocks = new WeakMap<ParsedDocument, Map<number, number>>();

/** The block of RUNs the RUN starting at `line` belongs to; blocks never span two stages. */
function runBlock(doc: ParsedDocument, line: number): number {
  let m = blocks.get(doc);
  if (!m) {
    m = new Map();
    let block = 0;
    for (const stage of doc.stages) {
      block++;
      for (const ins of stage.instructions) {
        if (ins.keyword === 'RUN') m.set(ins.startLine, block);
        else block++;
      }
    }
    blocks.set(doc, m);
  }
  return m.get(line) ?? -1;
}

/** `3번, 4번, 5번` / `3, 4, 5` (1-based lines). */
function lineList(lines: number[]): Msg {
  return { ko: lines.map((l) => `${l + 1}번`).join(', '), en: lines.map((l) => String(l + 1)).join(', ') };
}

/** A member message that speaks of its own RUN. */
const SINGULAR = /\bthis RUN\b/i;

const GROUPED: Msg = msg('{0} 줄의 RUN {1}개: {2}', '{1} RUNs on lines {0}: {2}');

/**
 * The rule's diagnostics (in the order it found them) with the repeats folded, as described at the top of the file.
 * Returns the same array when nothing is grouped.
 */
export function groupRepeats(doc: ParsedDocument, rule: Rule, list: GuideDiagnostic[]): GuideDiagnostic[] {
  if (list.length < GROUP_MIN) return list;
  /** Key → indices into list; only findings that may be grouped. */
  const byKey = new Map<string, number[]>();
  /** Index → the start line of its RUN instruction (-1: not groupable). */
  const runLine = new Int32Array(list.length).fill(-1);
  /** Shapes of the messages seen, by text: a rule often says the same sentence on every RUN. */
  const shapes = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (d.inFile || d.related) continue;
    const ins = doc.instructionAtLine(d.range.start.line);
    if (!ins || ins.keyword !== 'RUN' || !ins.stage) continue;
    runLine[i] = ins.startLine;
    const key = groupKey(d, runBlock(doc, ins.startLine), shapes);
    let at = byKey.get(key);
    if (!at) byKey.set(key, (at = []));
    at.push(i);
  }
  /** Index of a group's first member → the grouped diagnostic; other members → null (dropped). */
  const replaced = new Map<number, GuideDiagnostic | null>();
  for (const indices of byKey.values()) {
    /** RUN start line → its rank among the key's RUNs, in the order the rule found them. */
    const rank = new Map<number, number>();
    for (const i of indices) if (!rank.has(runLine[i])) rank.set(runLine[i], rank.size);
    if (rank.size < GROUP_MIN) continue;
    // More RUNs than GROUP_MAX: parts of nearly equal size (each still far above GROUP_MIN), in the rule's order.
    const parts = Math.ceil(rank.size / GROUP_MAX);
    const split: number[][] = Array.from({ length: parts }, () => []);
    for (const i of indices) split[Math.floor((rank.get(runLine[i])! * parts) / rank.size)].push(i);
    for (const part of split) {
      const runs = new Set<number>();
      for (const i of part) runs.add(runLine[i]);
      replaced.set(part[0], grouped(rule, part.map((i) => list[i]), runs.size));
      for (let k = 1; k < part.length; k++) replaced.set(part[k], null);
    }
  }
  if (replaced.size === 0) return list;
  const out: GuideDiagnostic[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = replaced.get(i);
    if (r === undefined) out.push(list[i]);
    else if (r) out.push(r);
  }
  return out;
}

/** One diagnostic for the members (the same problem on `runs` RUN instructions), at the first member's place. */
function grouped(rule: Rule, members: GuideDiagnostic[], runs: number): GuideDiagnostic {
  const first = members[0];
  const lines = [...new Set(members.map((m) => m.range.start.line))].sort((a, b) => a - b);
  // Members that all say the same thing keep that sentence; members that name different things are summed up by the
  // rule's title, and each one's own message is in the related entries (and the CLI's notes).
  // A sentence about "this RUN" reads wrong after "4 RUNs on lines …": the title says it for all of them.
  const same = members.every((m) => m.message.en === first.message.en && m.message.ko === first.message.ko) && !SINGULAR.test(first.message.en) && !first.message.ko.includes('이 RUN');
  const what = same ? first.message : rule.title;
  const group: GroupMember[] = members.map((m) => (m.data ? { range: m.range, data: m.data } : { range: m.range }));
  return {
    ...first,
    message: fillMsg(GROUPED, lineList(lines), runs, what),
    data: { ...(first.data ?? {}), [GROUP_KEY]: group },
    related: members.map((m) => ({ range: m.range, message: m.message })),
  };
}
