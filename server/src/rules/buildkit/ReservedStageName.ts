/**
 * ReservedStageName: `scratch` and `context` have a meaning of their own (the empty image; a named build context), so
 * a stage called that way is shadowed or shadows them.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const RESERVED = new Set(['scratch', 'context']);
const MESSAGE = msg('예약된 이름은 스테이지 이름으로 쓰지 마세요: {0}', "Stage name should not use the same name as reserved stage '{0}'");

export const ReservedStageName: Rule = {
  id: 'ReservedStageName',
  severity: 'warning',
  title: msg('예약된 스테이지 이름', 'Reserved stage name'),
  why: msg(
    '`scratch`(비어 있는 베이스 이미지)와 `context`(빌드 컨텍스트)는 Docker가 따로 쓰는 이름입니다. 스테이지 이름을 이렇게 지으면 `FROM scratch`, `COPY --from=` 같은 참조가 어느 쪽을 뜻하는지 헷갈리고, 빌드 결과가 의도와 달라질 수 있습니다. 다른 이름을 쓰세요.',
    '`scratch` names the empty base image and `context` a build context; Docker gives both a meaning of their own. A stage named like that makes `FROM scratch` or `COPY --from=` ambiguous and the build can pick the other meaning. Choose another name.',
  ),
  url: docsUrl('reserved-stage-name'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const s of doc.stages) {
      if (s.name === null || s.nameRange === null) continue;
      if (RESERVED.has(s.name.toLowerCase())) out.push({ range: s.nameRange, message: fillMsg(MESSAGE, s.name.toLowerCase()) });
    }
    return out;
  },
};
