/**
 * NoEmptyContinuation: an empty line inside a `\`-continued instruction. Docker skips it today, but the builder warns
 * that it will become an error, and it usually means a line was cut by mistake. Heredoc bodies are not continuations,
 * so their empty lines are left alone. The fix deletes the empty lines of that instruction.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Instr } from '../../service/document';
import type { Finding, Rule } from '../types';
import { memoByAst } from './util';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg('{0} 명령의 줄 이어 쓰기 안에 빈 줄이 있습니다', 'Empty continuation line in {0}');

const emptyCache = new WeakMap<object, number[]>();

/**
 * Empty lines of a multi-line instruction (heredoc bodies excluded), as offsets from its first line; memoised per
 * AST, which later versions share while the instruction's chunk is unchanged.
 */
function emptyOffsets(ins: Instr): number[] {
  if (ins.startLine === ins.endLine) return NONE;
  return memoByAst(emptyCache, ins, computeEmptyOffsets);
}

function computeEmptyOffsets(ins: Instr): number[] {
  const out: number[] = [];
  let heredoc: Range[] | null = null;
  for (let l = ins.startLine + 1; l < ins.endLine; l++) {
    if (!BLANK.test(ins.doc.rawLine(l))) continue;
    heredoc ??= ins.heredocs().flatMap((h) => (h.contentRange ? [h.contentRange] : []));
    if (heredoc.some((r) => l >= r.start.line && l <= r.end.line)) continue;
    out.push(l - ins.startLine);
  }
  return out.length ? out : NONE;
}

function emptyLines(ins: Instr): number[] {
  // Nearly every instruction has none: no new array per instruction per version for them.
  const offsets = emptyOffsets(ins);
  return offsets.length === 0 ? NONE : offsets.map((o) => o + ins.startLine);
}

const NONE: number[] = [];
const BLANK = /^[ \t]*\r?\n?$/;

export const NoEmptyContinuation: Rule = {
  id: 'NoEmptyContinuation',
  severity: 'info',
  title: msg('줄 이어 쓰기 안의 빈 줄', 'Empty continuation line'),
  why: msg(
    '역슬래시(`\\`)로 이어 쓴 명령 중간에 빈 줄이 있으면 지금의 Docker는 그 줄을 건너뛰지만, 앞으로는 빌드 오류로 바뀔 예정이라고 경고합니다. 빈 줄 때문에 명령이 어디서 끝나는지 헷갈리기 쉽고, 실수로 명령 일부를 지운 흔적인 경우도 많습니다. 빈 줄을 지우거나 주석(`#`)으로 바꾸세요.',
    'Docker skips an empty line inside a backslash-continued instruction today, but warns that it will become a build error. The empty line also blurs where the instruction ends, and it is often the trace of a line deleted by mistake. Remove it or turn it into a `#` comment.',
  ),
  url: docsUrl('no-empty-continuation'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const lines = emptyLines(ins);
      if (lines.length === 0) continue;
      const l = lines[0];
      out.push({
        range: { start: { line: l, character: 0 }, end: { line: l, character: doc.lineText(l).length } },
        message: fillMsg(MESSAGE, ins.keyword),
        data: { lines },
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins) return [];
    const lines = emptyLines(ins);
    if (lines.length === 0) return [];
    const edits: TextEdit[] = lines.map((l) => ({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }, newText: '' }));
    return [{ title: msg('빈 줄 지우기', 'Remove the empty lines'), edits, preferred: true }];
  },
};
