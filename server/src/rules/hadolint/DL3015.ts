/** DL3015: without --no-install-recommends apt also installs "recommended" packages: bigger images, more to patch. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

export const DL3015: Rule = {
  id: 'DL3015',
  severity: 'info',
  title: msg('--no-install-recommends를 쓰세요', 'Use --no-install-recommends'),
  why: msg(
    'apt는 기본적으로 필수 의존성뿐 아니라 "추천" 패키지까지 설치합니다. 컨테이너에는 대부분 필요 없는 것들이라 이미지가 커지고 보안 업데이트를 챙길 패키지도 늘어납니다. `apt-get install -y --no-install-recommends …`처럼 필요한 것만 설치하고, 빠진 것이 있으면 이름을 직접 적으세요.',
    'By default apt installs "recommended" packages on top of the real dependencies. A container rarely needs them: the image grows and there are more packages to keep patched. Install only what you need with `apt-get install -y --no-install-recommends …` and name anything missing explicitly.',
  ),
  url: hadolintUrl('DL3015'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.tool !== 'apt-get' || inv.subcommand?.value !== 'install' || inv.noInstallRecommends) continue;
        out.push({
          range: wordRange(doc, inv.subcommand),
          message: msg('`apt-get install`에 `--no-install-recommends` 옵션을 붙여 추천 패키지를 빼세요', 'Add `--no-install-recommends` to `apt-get install` to skip recommended packages'),
        });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    if (doc.getText(finding.range) !== 'install') return [];
    const at = finding.range.end;
    return [{ title: msg('`--no-install-recommends` 추가하기', 'Add `--no-install-recommends`'), edits: [edit({ start: at, end: at }, ' --no-install-recommends')], preferred: true }];
  },
};
