/** DL3011: a port outside 0–65535 in EXPOSE cannot exist; usually a typo. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3011: Rule = {
  id: 'DL3011',
  severity: 'error',
  title: msg('포트 번호는 0~65535 범위여야 합니다', 'Valid UNIX ports range from 0 to 65535'),
  why: msg('TCP/UDP 포트 번호는 16비트라서 0부터 65535까지만 있습니다. 그보다 큰 번호는 오타일 가능성이 큽니다.', 'TCP and UDP port numbers are 16-bit: they range from 0 to 65535. A larger number is most likely a typo.'),
  url: hadolintUrl('DL3011'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.args()) {
        if (a.value.includes('$')) continue;
        // `80`, `80/tcp`, `8000-8010/udp`; `80:80` is another rule's business (ExposeInvalidFormat).
        const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(a.value);
        if (!m) continue;
        const bad = [m[1], m[2]].filter((x) => x !== undefined && Number(x) > 65535);
        if (!bad.length) continue;
        out.push({ range: a.range, message: msg(`\`${bad[0]}\`번 포트는 0~65535 범위를 벗어납니다`, `Port \`${bad[0]}\` is outside 0–65535`) });
      }
    }
    return out;
  },
};
