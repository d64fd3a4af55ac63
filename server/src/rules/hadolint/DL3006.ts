/** DL3006: an untagged FROM means `latest`, which moves; the build changes under you without any edit. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { fromRefs, withResolved } from './fromImage';

export const DL3006: Rule = {
  id: 'DL3006',
  severity: 'warning',
  title: msg('이미지 태그를 명시하세요', 'Always tag the image version'),
  why: msg(
    '`FROM debian`처럼 태그 없이 쓰면 `latest`를 받습니다. `latest`는 새 버전이 나올 때마다 바뀌므로, Dockerfile을 고치지 않아도 어느 날 빌드 결과가 달라지거나 깨집니다. `debian:bookworm`처럼 태그를 적으세요. `ARG BASE=debian` 뒤에 `FROM $BASE`처럼 ARG 기본값으로 이미지를 정할 때도 기본값에 태그가 없으면 마찬가지입니다.',
    'An untagged `FROM debian` pulls `latest`, which moves with every release: one day the build changes or breaks without any edit to the Dockerfile. Name a tag such as `debian:bookworm`. The same holds when an ARG default names the image (`ARG BASE=debian`, then `FROM $BASE`) without a tag.',
  ),
  url: hadolintUrl('DL3006'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const r of fromRefs(doc)) {
      if (r.tag !== null || r.digest !== null) continue;
      out.push({
        range: r.instr.fromImage()?.range ?? r.instr.range,
        message: withResolved(
          r,
          msg(`\`${r.name}\`에 태그가 없어 \`latest\`를 받습니다. \`${r.name}:<버전>\`처럼 태그를 적으세요`, `\`${r.name}\` has no tag, so it pulls \`latest\`; write \`${r.name}:<version>\``),
        ),
      });
    }
    return out;
  },
};
