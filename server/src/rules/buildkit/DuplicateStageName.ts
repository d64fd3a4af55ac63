/**
 * DuplicateStageName: two stages with the same name (names compare case-insensitively). `COPY --from=` and
 * `FROM <name>` can then point at a stage other than the one the author meant. Every repeat is flagged, not the first.
 * This replaces dockerfile-utils' `duplicateBuildStageName`, which flags both occurrences as errors.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg('스테이지 이름이 겹칩니다: {0} (처음 정의한 곳: {1}번 줄)', "Duplicate stage name '{0}' (first defined on line {1}); stage names should be unique");

export const DuplicateStageName: Rule = {
  id: 'DuplicateStageName',
  severity: 'warning',
  title: msg('스테이지 이름 중복', 'Duplicate stage name'),
  why: msg(
    '스테이지 이름은 `COPY --from=이름`이나 `FROM 이름`으로 다른 스테이지를 가리킬 때 쓰입니다. 같은 이름이 두 번 나오면 어느 스테이지를 가리키는지 Dockerfile만 봐서는 알기 어렵고, 의도와 다른 스테이지의 파일이 복사될 수 있습니다. 대소문자만 다른 이름도 같은 이름으로 취급됩니다.',
    'Stage names are how `COPY --from=name` and `FROM name` point at another stage. When a name appears twice, the Dockerfile no longer says which stage is meant, and files can be copied from the wrong one. Names differing only in case count as the same name.',
  ),
  url: docsUrl('duplicate-stage-name'),
  check({ doc }) {
    const seen = new Map<string, number>();
    const out: Finding[] = [];
    for (const s of doc.stages) {
      if (s.name === null || s.nameRange === null) continue;
      const key = s.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, s.from.startLine);
      else out.push({ range: s.nameRange, message: fillMsg(MESSAGE, s.name, first + 1) });
    }
    return out;
  },
};
