/**
 * DL3009: the apt lists (/var/lib/apt/lists, tens of MB) stay in the layer unless removed in the same RUN. Only the
 * final stage matters: earlier stages are not shipped. A cache mount on the lists folder is fine too.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { instrShell, wordRange } from '../../service/shell/binding';
import { aptOf } from '../helpers/apt';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import type { Instr } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';

function cleansLists(text: string): boolean {
  return /\brm\s+(-[a-zA-Z]+\s+)*[^&|;]*\/var\/lib\/apt\/lists/.test(text) || /\bfind\s+\/var\/lib\/apt\/lists\b[^&|;]*-delete/.test(text);
}

function cacheMounted(instr: Instr): boolean {
  return instr.flags().some((f) => f.name === 'mount' && /\/var\/lib\/apt/.test(f.value ?? ''));
}

export const DL3009: Rule = {
  id: 'DL3009',
  severity: 'info',
  title: msg('apt 목록을 지우지 않았습니다', 'The apt lists are not deleted'),
  why: msg(
    '`apt-get update`가 받은 패키지 목록(/var/lib/apt/lists)은 수십 MB이고, 같은 RUN에서 지우지 않으면 그 레이어에 영원히 남아 이미지가 커집니다. 다음 RUN에서 지워도 이전 레이어의 용량은 줄지 않습니다. 설치한 RUN 끝에 `&& rm -rf /var/lib/apt/lists/*` 명령을 붙이세요.',
    "The package lists fetched by `apt-get update` (/var/lib/apt/lists) take tens of MB and stay in the layer forever unless the same RUN deletes them; deleting them in a later RUN does not shrink the earlier layer. End the installing RUN with `&& rm -rf /var/lib/apt/lists/*`.",
  ),
  url: hadolintUrl('DL3009'),
  check({ doc }) {
    const out: Finding[] = [];
    const final = finalStage(doc);
    for (const { instr, shell } of runShells(doc)) {
      if (instr.stage !== final || cacheMounted(instr)) continue;
      const update = aptOf(shell).find((a) => a.subcommand?.value === 'update' && a.tool !== 'aptitude');
      if (!update) continue;
      if (cleansLists(shell.source.text)) continue;
      out.push({
        range: wordRange(doc, update.subcommand!),
        message: msg('이 RUN 끝에서 `rm -rf /var/lib/apt/lists/*` 명령으로 apt 목록을 지우세요', 'Delete the apt lists at the end of this RUN with `rm -rf /var/lib/apt/lists/*`'),
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const instr = doc.instructionAtLine(finding.range.start.line);
    if (!instr || instr.keyword !== 'RUN') return [];
    const sh = instrShell(instr);
    if (!sh || sh.all.length === 0) return [];
    // Append after the last command of the RUN (before trailing blanks and comments).
    const last = sh.all.filter((c) => c.depth === 0).pop() ?? sh.all[sh.all.length - 1];
    const at = doc.positionAt(Math.max(last.end, ...last.redirects.map((r) => r.target?.end ?? 0)));
    // Heredoc: a new line; exec form (`["sh", "-c", "…"]`): stay inside the JSON string; shell form: a continuation.
    const text = sh.fromHeredoc
      ? '\nrm -rf /var/lib/apt/lists/*'
      : instr.isExecForm()
        ? ' && rm -rf /var/lib/apt/lists/*'
        : ` ${doc.escapeChar}\n    && rm -rf /var/lib/apt/lists/*`;
    return [{ title: msg('RUN 끝에 `rm -rf /var/lib/apt/lists/*` 추가하기', 'Add `rm -rf /var/lib/apt/lists/*` at the end of the RUN'), edits: [edit({ start: at, end: at }, text)], preferred: true }];
  },
};
