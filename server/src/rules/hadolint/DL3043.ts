/** DL3043: `ONBUILD FROM`, `ONBUILD ONBUILD` and `ONBUILD MAINTAINER` are rejected by Docker. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3043: Rule = {
  id: 'DL3043',
  severity: 'error',
  title: msg('ONBUILD 안에 FROM, ONBUILD, MAINTAINER를 쓸 수 없습니다', 'ONBUILD, FROM or MAINTAINER triggered from within ONBUILD'),
  why: msg('ONBUILD는 이 이미지를 베이스로 쓰는 다음 빌드에 명령을 예약합니다. 그 명령으로 FROM, ONBUILD, MAINTAINER는 허용되지 않아 빌드가 실패합니다.', 'ONBUILD schedules an instruction for the next build that uses this image as its base. FROM, ONBUILD and MAINTAINER are not allowed there, and the build fails.'),
  url: hadolintUrl('DL3043'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ONBUILD') continue;
      // The trigger keyword is on the ONBUILD line in practice; check the text before building the trigger.
      if (!/^\s*onbuild\s+(from|onbuild|maintainer)\b/i.test(ins.doc.lineText(ins.startLine))) continue;
      const t = ins.trigger();
      const kw = t?.keyword ?? ins.argsContent().trim().split(/\s+/)[0]?.toUpperCase();
      if (kw !== 'FROM' && kw !== 'ONBUILD' && kw !== 'MAINTAINER') continue;
      out.push({ range: ins.argsRange() ?? ins.range, message: msg(`ONBUILD 안에는 \`${kw}\` 명령을 쓸 수 없습니다`, `\`ONBUILD ${kw}\` is not allowed`) });
    }
    return out;
  },
};
