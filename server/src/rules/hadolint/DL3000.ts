/** DL3000: WORKDIR should be absolute; a relative one depends on every WORKDIR before it (and on the base image). */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3000: Rule = {
  id: 'DL3000',
  severity: 'info',
  title: msg('WORKDIR는 절대 경로로 쓰세요', 'Use an absolute WORKDIR'),
  why: msg(
    '상대 경로 WORKDIR는 앞선 WORKDIR(베이스 이미지의 것까지)에 이어 붙여지므로, 실제 경로를 Dockerfile만 보고 알기 어렵고 베이스 이미지가 바뀌면 경로도 바뀝니다. `/app`처럼 절대 경로로 쓰세요.',
    'A relative WORKDIR is appended to the previous one (the base image\'s included), so the real path cannot be read from the Dockerfile and changes with the base image. Write an absolute path such as `/app`.',
  ),
  url: hadolintUrl('DL3000'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'WORKDIR') continue;
      const raw = ins.argsContent().trim();
      const v = raw.replace(/^["']|["']$/g, '');
      if (!v || v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:[\\/]/.test(v)) continue;
      out.push({
        range: ins.argsRange() ?? ins.range,
        message: msg(`WORKDIR가 상대 경로입니다: \`${v}\`. \`/${v.replace(/^\.\//, '')}\`처럼 절대 경로로 쓰세요`, `WORKDIR \`${v}\` is relative; use an absolute path such as \`/${v.replace(/^\.\//, '')}\``),
      });
    }
    return out;
  },
};
