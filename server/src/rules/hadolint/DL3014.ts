/** DL3014: `apt-get install` without -y stops at "Do you want to continue? [Y/n]" and the build aborts. */
import { msg } from '../../i18n/msg';
import type { Finding, Rule } from '../types';
import { aptOf, edit, hadolintUrl, runShells, wordRange } from '../stack/util';

export const DL3014: Rule = {
  id: 'DL3014',
  severity: 'warning',
  title: msg('apt-get install에 -y가 없습니다', 'apt-get install without -y'),
  why: msg(
    '빌드에는 키보드 입력이 없어서, `-y` 없이 `apt-get install`을 실행하면 "계속하시겠습니까? [Y/n]" 질문에서 답을 받지 못하고 빌드가 중단됩니다. 추가로 설치할 의존 패키지가 없을 때만 우연히 통과합니다. `apt-get install -y`를 쓰세요.',
    'A build has no keyboard: without `-y`, `apt-get install` meets "Do you want to continue? [Y/n]", gets no answer and aborts the build. It passes only by luck, when there is no extra dependency to install. Use `apt-get install -y`.',
  ),
  url: hadolintUrl('DL3014'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.tool === 'aptitude' || inv.yes) continue;
        // Upgrades without -y are reported by DG109 together with the advice not to upgrade at all.
        if (inv.subcommand?.value !== 'install') continue;
        out.push({
          range: wordRange(doc, inv.subcommand!),
          message: msg(`\`${inv.tool} ${inv.subcommand!.value}\`에 \`-y\` 옵션이 없어 확인 질문에서 빌드가 멈출 수 있습니다`, `\`${inv.tool} ${inv.subcommand!.value}\` has no \`-y\`; the build can stop at the confirmation prompt`),
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
