/**
 * The quick fix for wasted bytes: move a cleanup RUN into the RUN whose files it deletes, so the files never reach a
 * layer. Offered only where the move cannot change what the build does:
 *   - both instructions are RUN in shell form, without flags (a `--mount` target would make `rm` delete the mount's
 *     files instead of the layer's) and without heredocs;
 *   - the cleanup RUN is the very next instruction (only comments and blank lines between), so no WORKDIR, USER, ENV
 *     or ARG differs between where the `rm` ran and where it will run;
 *   - the cleanup RUN is nothing but `rm` commands joined by `&&`, with plain paths (no variables, quotes, command
 *     substitution or redirections);
 *   - the adding RUN's last line has no shell comment, which would swallow the appended text, and does not end in
 *     `;`, `&` or `|`;
 *   - relative paths only when the adding RUN does not `cd` (the cleanup RUN ran in the WORKDIR).
 * Then ` && <the rm commands>` goes at the end of the adding RUN and the cleanup RUN's lines are deleted. Otherwise the
 * answer is why not, for the diagnostic to say. Pure: text in, edits out.
 */
import { instructionSpans, type InstructionSpan } from '../../../../common/src/engine/dockerfileSteps';
import { msg, type Msg } from '../../../../common/src/i18n';

export interface LineEdit {
  /** 0-based positions in the current text. */
  startLine: number;
  startChar: number;
  endLine: number;
  endChar: number;
  newText: string;
}

export type CleanupFix = { ok: true; edits: LineEdit[]; rm: string } | { ok: false; why: Msg };

export const NOT_SAFE = {
  notRun: msg('두 줄이 모두 `RUN` 명령이어야 합니다.', 'both lines must be `RUN` instructions.'),
  execForm: msg('exec 형식의 `RUN` 명령에는 셸 명령을 이어 붙일 수 없습니다.', 'an exec-form `RUN` cannot take a shell command appended.'),
  flags: msg('`RUN` 명령에 `--mount` 같은 옵션이 있으면 `rm` 명령이 지우는 대상이 달라질 수 있습니다.', 'with an option such as `--mount` on the `RUN` instruction, `rm` may delete something else.'),
  heredoc: msg('heredoc을 쓰는 `RUN` 명령은 자동으로 합치지 않습니다.', 'a `RUN` instruction with a heredoc is not merged automatically.'),
  notNext: msg('두 `RUN` 명령 사이에 다른 명령이 있어, 옮기면 그 명령의 영향이 달라질 수 있습니다.', 'other instructions sit between the two `RUN` instructions, and moving the cleanup past them could change what it does.'),
  notOnlyRm: msg('정리하는 `RUN` 명령에 `rm` 명령 말고 다른 명령도 있습니다.', 'the cleanup `RUN` instruction does more than `rm`.'),
  comment: msg('파일을 추가하는 `RUN` 명령의 마지막 줄에 셸 주석이 있어, 덧붙인 명령이 주석이 됩니다.', 'the last line of the adding `RUN` instruction has a shell comment, which would swallow the appended command.'),
  trailing: msg('파일을 추가하는 `RUN` 명령이 `;`, `&`, `|` 기호로 끝나서 `&&` 연산자로 이어 붙일 수 없습니다.', 'the adding `RUN` instruction ends in `;`, `&` or `|`, so nothing can be appended with `&&`.'),
  relative: msg(
    '정리 명령이 상대 경로를 지우는데 파일을 추가하는 `RUN` 명령이 `cd` 명령으로 디렉터리를 옮기므로, 옮기면 다른 파일을 지울 수 있습니다.',
    'the cleanup deletes relative paths and the adding `RUN` changes directory with `cd`, so moved, it could delete other files.',
  ),
  unknownLine: msg('지우는 줄을 알 수 없습니다.', 'the removing line is not known.'),
};

/** The instruction's text with its continuations joined, comment lines inside it dropped (as the parser does). */
function joined(lines: readonly string[], span: InstructionSpan, escape: string): string {
  const parts: string[] = [];
  for (let i = span.line; i <= span.endLine; i++) {
    const l = lines[i].replace(/\r$/, '');
    if (i > span.line && /^\s*(#|$)/.test(l)) continue;
    const t = l.trimEnd();
    parts.push(t.endsWith(escape) && i < span.endLine ? t.slice(0, -1) : t);
  }
  return parts.join(' ').trim();
}

function escapeOf(lines: readonly string[]): string {
  for (const l of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

/** `rm` with short or long options and plain paths (globs allowed: the shell expands them the same in either RUN). */
const RM = /^rm(\s+-{1,2}[A-Za-z-]+)*(\s+[\w./*?@+=:,%~[\]-]+)+$/;

/** The RUN's command after the keyword, or why it cannot take part. */
function shellCommand(text: string): { cmd: string } | { why: Msg } {
  const m = /^\s*RUN\s+([\s\S]*)$/i.exec(text);
  if (!m) return { why: NOT_SAFE.notRun };
  const cmd = m[1].trim();
  if (cmd.startsWith('--')) return { why: NOT_SAFE.flags };
  if (cmd.startsWith('[')) return { why: NOT_SAFE.execForm };
  if (/<<-?["']?[A-Za-z_]/.test(cmd)) return { why: NOT_SAFE.heredoc };
  return { cmd };
}

/**
 * The fix for bytes that line `addedLine` adds and line `removedLine` removes (0-based first lines of the two
 * instructions in `text`).
 */
export function cleanupFix(text: string, addedLine: number, removedLine: number | null): CleanupFix {
  if (removedLine === null) return { ok: false, why: NOT_SAFE.unknownLine };
  const lines = text.split('\n');
  const escape = escapeOf(lines);
  const spans = instructionSpans(text);
  const k = spans.findIndex((s) => s.line === addedLine);
  const r = spans.findIndex((s) => s.line === removedLine);
  if (k < 0 || r < 0 || spans[k].keyword !== 'RUN' || spans[r].keyword !== 'RUN') return { ok: false, why: NOT_SAFE.notRun };
  const adding = shellCommand(joined(lines, spans[k], escape));
  if ('why' in adding) return { ok: false, why: adding.why };
  const removing = shellCommand(joined(lines, spans[r], escape));
  if ('why' in removing) return { ok: false, why: removing.why };
  if (r !== k + 1) return { ok: false, why: NOT_SAFE.notNext };
  const rms = removing.cmd.split('&&').map((c) => c.trim());
  if (!rms.every((c) => RM.test(c))) return { ok: false, why: NOT_SAFE.notOnlyRm };
  // The cleanup RUN started in the WORKDIR; appended, it runs wherever the adding command's `cd` left the shell.
  const relative = rms.some((c) => c.split(/\s+/).slice(1).some((w) => !w.startsWith('-') && !w.startsWith('/')));
  if (relative && /(^|[\s;&|(])(cd|pushd|popd)(\s|$)/.test(adding.cmd)) return { ok: false, why: NOT_SAFE.relative };

  const last = spans[k].endLine;
  const lastText = lines[last].replace(/\r$/, '');
  // A `#` after a blank starts a shell comment; one inside a word (`http://x/#a`) does not.
  if (/(^|\s)#/.test(lastText.replace(/^\s*RUN\s/i, ' '))) return { ok: false, why: NOT_SAFE.comment };
  // `make;` or `server &` followed by ` && rm` would not parse, or would not wait.
  if (/[;&|]$/.test(adding.cmd)) return { ok: false, why: NOT_SAFE.trailing };
  const rm = rms.join(' && ');
  const end = lastText.trimEnd().length;
  const append = ` && ${rm}`;
  // Delete the cleanup RUN's lines with their line break; the comments and blanks before it stay.
  const from = spans[r].line;
  const to = spans[r].endLine;
  if (to + 1 < lines.length) {
    const edits: LineEdit[] = [
      { startLine: last, startChar: end, endLine: last, endChar: end, newText: append },
      { startLine: from, startChar: 0, endLine: to + 1, endChar: 0, newText: '' },
    ];
    return { ok: true, edits, rm };
  }
  // The cleanup is the file's last instruction, with no line break after it: take the break before it instead. Right
  // after the adding RUN that is one edit, so no insert and delete meet at the same position.
  const toEnd = lines[to].replace(/\r$/, '').length;
  if (from - 1 === last) return { ok: true, edits: [{ startLine: last, startChar: end, endLine: to, endChar: toEnd, newText: append }], rm };
  const prev = lines[from - 1].replace(/\r$/, '');
  const edits: LineEdit[] = [
    { startLine: last, startChar: end, endLine: last, endChar: end, newText: append },
    { startLine: from - 1, startChar: prev.length, endLine: to, endChar: toEnd, newText: '' },
  ];
  return { ok: true, edits, rm };
}

/** Applies edits (non-overlapping, any order) to a text: for tests and for previews. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, ch: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + ch;
  const sorted = [...edits].sort((a, b) => offset(b.startLine, b.startChar) - offset(a.startLine, a.startChar));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.startLine, e.startChar)) + e.newText + out.slice(offset(e.endLine, e.endChar));
  return out;
}
