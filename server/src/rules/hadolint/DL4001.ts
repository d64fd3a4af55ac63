/** DL4001: installing and using both wget and curl doubles the tools (and their CVEs) for one job. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { commandRange } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';

export const DL4001: Rule = {
  id: 'DL4001',
  severity: 'warning',
  title: msg('wget과 curl 중 하나만 쓰세요', 'Either use wget or curl, but not both'),
  why: msg('파일을 내려받는 데 wget과 curl을 모두 쓰면 같은 일을 하는 도구가 이미지에 둘 다 들어가 크기와 보안 업데이트 대상만 늘어납니다. 하나로 통일하세요.', 'Using both wget and curl to download puts two tools for one job in the image: more size and more packages to patch. Pick one.'),
  url: hadolintUrl('DL4001'),
  check({ doc }) {
    const wget: SimpleCommand[] = [];
    const curl: SimpleCommand[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        if (c.name === 'wget') wget.push(c);
        else if (c.name === 'curl') curl.push(c);
      }
    }
    if (!wget.length || !curl.length) return [];
    // Report the less used tool: that is the one to replace.
    const [minor, other] = curl.length < wget.length ? [curl, 'wget'] : [wget, 'curl'];
    const tool = minor[0].name;
    return minor.map<Finding>((c) => ({
      range: commandRange(doc, c),
      message: msg(`wget과 curl을 모두 씁니다. 다운로드 도구는 하나로 통일하세요(예: 이 \`${tool}\` 호출도 \`${other}\` 명령으로 바꾸기)`, `Both wget and curl are used; keep one download tool (e.g. turn this \`${tool}\` call into \`${other}\`)`),
    }));
  },
};
