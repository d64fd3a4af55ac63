/**
 * DL3008: apt packages without `=version`. Off by default in spirit (hint): even the official images do not pin
 * Debian packages, since a stable release only ever gets security fixes and pinned versions vanish from mirrors.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

export const DL3008: Rule = {
  id: 'DL3008',
  severity: 'hint',
  title: msg('apt-get install 패키지 버전을 고정하지 않았습니다', 'apt-get install without pinned versions'),
  why: msg(
    '`apt-get install nginx=1.22.1-9`처럼 버전을 적으면 언제 빌드해도 같은 패키지가 설치됩니다. 다만 Debian 안정 릴리스는 보안 수정만 들어오고, 고정한 버전은 새 보안 업데이트가 나오면 미러에서 사라져 빌드가 실패하기 때문에 공식 이미지들도 보통 고정하지 않습니다. 그래서 이 규칙은 힌트로만 보여 줍니다.',
    'Writing `apt-get install nginx=1.22.1-9` installs the same package on every build. But a stable Debian release only receives security fixes, and a pinned version disappears from the mirrors once a new fix ships, breaking the build; the official images usually do not pin either. That is why this rule is only a hint.',
  ),
  url: hadolintUrl('DL3008'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.tool === 'aptitude' || inv.subcommand?.value !== 'install') continue;
        // One finding per command, as hadolint reports it: a long package list would otherwise flood the editor.
        const loose = inv.packages.filter((p) => !(p.value.includes('=') || p.value.includes('$') || /\.deb$/.test(p.value) || p.value.startsWith('/') || p.value.startsWith('./')));
        if (!loose.length) continue;
        const names = listNames(loose.map((p) => p.value));
        out.push({ range: wordRange(doc, inv.subcommand), message: msg(`버전을 고정하지 않은 패키지: ${names} (\`패키지=<버전>\`)`, `Packages without a pinned version: ${names} (\`pkg=<version>\`)`) });
      }
    }
    return out;
  },
};

/** `a`, `b`, `c` and 4 more. */
export function listNames(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `\`${n}\``).join(', ');
  return names.length > 3 ? `${shown} (+${names.length - 3})` : shown;
}
