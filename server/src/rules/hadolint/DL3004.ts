/** DL3004: RUN already runs as root unless USER says otherwise; sudo adds a setuid binary and a TTY-dependent tool. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { commandRange } from '../../service/shell/binding';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';

export const DL3004: Rule = {
  id: 'DL3004',
  severity: 'warning',
  title: msg('sudo를 쓰지 마세요', 'Do not use sudo'),
  why: msg(
    'RUN은 USER를 바꾸지 않는 한 이미 root로 실행되므로 sudo가 필요 없습니다. sudo는 TTY와 설정에 따라 동작이 달라 빌드를 예측하기 어렵게 만들고, 이미지에 setuid 프로그램을 남깁니다. root가 필요한 단계는 `USER root` 줄 뒤에 두었다가 원래 사용자로 되돌리고, 컨테이너 안에서 사용자를 바꿔야 한다면 gosu를 쓰세요.',
    'RUN already runs as root unless USER changed it, so sudo is not needed. Its behaviour depends on the TTY and its configuration, which makes builds unpredictable, and it leaves a setuid program in the image. Wrap steps that need root in `USER root`; to switch users inside the container, use gosu.',
  ),
  url: hadolintUrl('DL3004'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        if (!c.wrappers.includes('sudo') && c.name !== 'sudo') continue;
        out.push({ range: commandRange(doc, c), message: msg('RUN에서 sudo를 쓰지 마세요. RUN은 이미 root로 실행됩니다', 'Do not use sudo in RUN; it already runs as root') });
      }
    }
    return out;
  },
};
