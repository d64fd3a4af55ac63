/** DL3013: `pip install pkg` without a version takes whatever is newest on PyPI at build time (hint by default). */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';
import { pipOf } from './pip';
import { listNames } from './DL3008';

export const DL3013: Rule = {
  id: 'DL3013',
  severity: 'hint',
  title: msg('pip 패키지 버전을 고정하지 않았습니다', 'pip packages without pinned versions'),
  why: msg(
    '`pip install requests`처럼 버전 없이 설치하면 빌드하는 순간 PyPI의 최신 버전을 받으므로, 같은 Dockerfile이라도 빌드할 때마다 다른 버전이 설치될 수 있습니다. `requests==2.32.3`처럼 고정하거나 `-r requirements.txt`(가능하면 해시 포함)를 쓰세요.',
    '`pip install requests` takes the newest release on PyPI at build time, so the same Dockerfile can install different versions on each build. Pin it (`requests==2.32.3`) or use `-r requirements.txt` (with hashes if you can).',
  ),
  url: hadolintUrl('DL3013'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of pipOf(shell)) {
        const loose = inv.packages.filter((p) => !(/[=<>~!@]/.test(p.value) || p.value.includes('$') || p.value.includes('/') || /\.(whl|tar\.gz|zip)$/.test(p.value) || p.value === '.'));
        if (!loose.length) continue;
        const names = listNames(loose.map((p) => p.value));
        out.push({ range: wordRange(doc, inv.install), message: msg(`버전을 고정하지 않은 패키지: ${names} (\`패키지==<버전>\`)`, `Packages without a pinned version: ${names} (\`pkg==<version>\`)`) });
      }
    }
    return out;
  },
};
