/**
 * DL3014: `apt-get install` without -y. A RUN step has no stdin, so when apt wants confirmation (anything beyond the
 * named packages to install) it prints "Do you want to continue? [Y/n] Abort." and exits 1: the build fails at once.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

export const DL3014: Rule = {
  id: 'DL3014',
  severity: 'warning',
  title: msg('apt-get install에 -y가 없습니다', 'apt-get install without -y'),
  why: msg(
    '빌드의 `RUN`에는 키보드 입력이 없습니다. `-y` 없이 `apt-get install`을 실행하면 "Do you want to continue? [Y/n]" 질문에 답을 받지 못해 곧바로 `Abort.` 메시지를 출력하고 종료 코드 1로 끝나므로, 빌드는 기다리지 않고 그 자리에서 실패합니다. 지정한 패키지 외에 더 설치할 의존 패키지가 없을 때만 질문 없이 우연히 통과합니다. `apt-get install -y`를 쓰세요.',
    'A `RUN` step has no keyboard: without `-y`, `apt-get install` asks "Do you want to continue? [Y/n]", reads no answer, prints `Abort.` and exits with code 1, so the build fails at once instead of waiting. It passes only by luck, when nothing beyond the named packages needs installing. Use `apt-get install -y`.',
  ),
  url: hadolintUrl('DL3014'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.tool === 'aptitude' || inv.yes) continue;
        // Upgrades without -y are reported by DG109 together with the advice not to upgrade at all.
        if (inv.subcommand?.value !== 'install') continue;
        out.push({
          range: wordRange(doc, inv.subcommand!),
          message: msg(
            `\`${inv.tool} ${inv.subcommand!.value}\`에 \`-y\` 옵션이 없습니다. 더 설치할 의존 패키지가 있으면 확인 질문에서 "Abort."로 끝나(종료 코드 1) 빌드가 바로 실패합니다`,
            `\`${inv.tool} ${inv.subcommand!.value}\` has no \`-y\`: if it needs to install anything extra, it aborts at the confirmation prompt ("Abort.", exit code 1) and the build fails at once`,
          ),
        });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const at = finding.range.end;
    const word = doc.getText(finding.range);
    if (word !== 'install') return [];
    return [{ title: msg('`-y` 추가하기', 'Add `-y`'), edits: [edit({ start: at, end: at }, ' -y')], preferred: true }];
  },
};
