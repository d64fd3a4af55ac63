/** DL3002: the final stage's last USER is root, so the container runs as root although the author chose a user. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { finalStage } from '../../service/effectiveCommand';

export const DL3002: Rule = {
  id: 'DL3002',
  severity: 'warning',
  title: msg('마지막 USER가 root입니다', 'The last USER is root'),
  why: msg(
    '컨테이너 안의 프로세스가 root로 실행되면 취약점 하나로 컨테이너 안 모든 파일을 바꿀 수 있고, 커널 취약점과 겹치면 호스트까지 위험해집니다. root가 필요한 작업을 끝낸 뒤 마지막 USER는 일반 사용자로 바꾸세요.',
    'A process running as root inside the container can change every file there after a single exploit, and together with a kernel bug it endangers the host. After the steps that need root, switch the last USER to an unprivileged user.',
  ),
  url: hadolintUrl('DL3002'),
  check({ doc }) {
    const stage = finalStage(doc);
    if (!stage) return [];
    const users = stage.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (!last) return [];
    const user = last.argsContent().trim().split(':')[0];
    if (user !== 'root' && user !== '0') return [];
    const f: Finding = {
      range: last.argsRange() ?? last.range,
      message: msg('마지막 USER가 root입니다. 컨테이너가 root로 실행됩니다', 'The last USER is root, so the container runs as root'),
    };
    return [f];
  },
};
