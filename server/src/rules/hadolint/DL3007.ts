/** DL3007: `:latest` written out is as unpinned as no tag at all. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { fromRefs, withResolved } from './fromImage';

export const DL3007: Rule = {
  id: 'DL3007',
  severity: 'warning',
  title: msg('latest 태그를 쓰지 마세요', 'Do not use the latest tag'),
  why: msg(
    '`latest`는 "가장 최근에 올라온 이미지"를 가리킬 뿐 버전이 아닙니다. 빌드할 때마다 다른 이미지가 올 수 있어 재현이 안 되고, 큰 버전 변경이 예고 없이 들어옵니다. `debian:bookworm`, `node:20`처럼 버전 태그를 쓰세요.',
    '`latest` only means "the most recently pushed image", not a version. Each build may get a different image, so builds cannot be reproduced and major upgrades arrive unannounced. Use a version tag such as `debian:bookworm` or `node:20`.',
  ),
  url: hadolintUrl('DL3007'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const r of fromRefs(doc)) {
      if (r.tag !== 'latest' || r.digest !== null) continue;
      out.push({
        range: r.instr.fromImage()?.range ?? r.instr.range,
        message: withResolved(r, msg(`\`${r.name}:latest\` 대신 버전 태그를 쓰세요`, `Use a version tag instead of \`${r.name}:latest\``)),
      });
    }
    return out;
  },
};
