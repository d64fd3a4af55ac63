/**
 * ExposeProtoCasing: `EXPOSE 80/TCP`. The protocol is written in lower case everywhere else (`docker run -p 80:80/tcp`,
 * `docker inspect`), so Docker asks for lower case here too. The fix lower-cases it.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { rangeOf } from './util';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

const MESSAGE = msg('EXPOSE의 프로토콜은 소문자로 쓰세요: {0}', "Defined protocol '{0}' in EXPOSE instruction should be lowercase");

export const ExposeProtoCasing: Rule = {
  id: 'ExposeProtoCasing',
  severity: 'info',
  title: msg('EXPOSE 프로토콜은 소문자로', 'EXPOSE protocol should be lowercase'),
  why: msg(
    '`EXPOSE 80/TCP`의 프로토콜 이름은 다른 곳에서는 `docker run -p 80:80/tcp`, `docker inspect` 결과처럼 모두 소문자로 씁니다. 표기를 맞춰 두어야 이미지 설정과 실행 옵션을 비교하기 쉽습니다. 프로토콜은 `tcp`, `udp`처럼 소문자로 쓰세요.',
    'The protocol of `EXPOSE 80/TCP` is lower case everywhere else, as in `docker run -p 80:80/tcp` and `docker inspect` output; keeping one spelling makes image settings and run options easy to compare. Write `tcp` or `udp`.',
  ),
  url: docsUrl('expose-proto-casing'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.args()) {
        const slash = a.value.lastIndexOf('/');
        if (slash < 0 || a.value.includes('$')) continue;
        const proto = a.value.slice(slash + 1);
        if (proto === proto.toLowerCase()) continue;
        if (a.range.start.line !== a.range.end.line) continue;
        const start = a.range.start.character + slash + 1;
        out.push({ range: rangeOf(a.range.start.line, start, start + proto.length), message: fillMsg(MESSAGE, a.value) });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const text = doc.getText(finding.range);
    if (!text || text === text.toLowerCase()) return [];
    return [{ title: fillMsg(msg('소문자로 바꾸기: {0}', 'Change to {0}'), text.toLowerCase()), edits: [edit(finding.range, text.toLowerCase())], preferred: true }];
  },
};
