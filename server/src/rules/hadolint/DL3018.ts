/** DL3018: `apk add pkg` without `=version` (hint by default, as for apt: Alpine branches drop old versions). */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';
import { apkOf } from './apk';
import { listNames } from './DL3008';

export const DL3018: Rule = {
  id: 'DL3018',
  severity: 'hint',
  title: msg('apk add 패키지 버전을 고정하지 않았습니다', 'apk add without pinned versions'),
  why: msg(
    '`apk add curl=8.5.0-r0`처럼 버전을 적으면 빌드마다 같은 패키지가 설치됩니다. 다만 Alpine 저장소는 새 버전이 나오면 이전 버전을 지우는 경우가 많아 고정한 빌드가 나중에 실패할 수 있으므로, 이 규칙은 힌트로만 보여 줍니다.',
    'Writing `apk add curl=8.5.0-r0` installs the same package on every build. Alpine repositories often drop the old version when a new one ships, though, so a pinned build can fail later; this rule is only a hint.',
  ),
  url: hadolintUrl('DL3018'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of apkOf(shell)) {
        const loose = inv.packages.filter((p) => !(/[=<>~]/.test(p.value) || p.value.includes('$') || p.value.endsWith('.apk') || p.value.startsWith('.')));
        if (!loose.length) continue;
        const names = listNames(loose.map((p) => p.value));
        out.push({ range: wordRange(doc, inv.add), message: msg(`버전을 고정하지 않은 패키지: ${names} (\`패키지=<버전>\`)`, `Packages without a pinned version: ${names} (\`pkg=<version>\`)`) });
      }
    }
    return out;
  },
};
