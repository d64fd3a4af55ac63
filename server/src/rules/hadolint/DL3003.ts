/** DL3003: `cd` inside RUN lasts only for that RUN; WORKDIR makes the folder explicit for every later instruction. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { commandRange } from '../../service/shell/binding';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';

export const DL3003: Rule = {
  id: 'DL3003',
  severity: 'info', // works as written (WORKDIR defaults to / and cd is scoped to its RUN): best practice under our policy
  title: msg('cd 대신 WORKDIR를 쓰세요', 'Use WORKDIR to switch to a directory'),
  why: msg(
    'RUN 안의 `cd`는 그 RUN에서만 유효해서 다음 RUN은 다시 원래 폴더에서 시작합니다. 여러 명령이 같은 폴더에서 실행되어야 한다면 `WORKDIR`로 지정하는 편이 읽기 쉽고 실수가 적습니다.',
    'A `cd` in RUN lasts only for that RUN; the next RUN starts in the original folder again. When several commands must run in one folder, `WORKDIR` says so explicitly and avoids mistakes.',
  ),
  url: hadolintUrl('DL3003'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        // `cd` inside a subshell `( cd x && make )` is scoped on purpose.
        if (c.name !== 'cd' || c.context.includes('(')) continue;
        const dir = c.words[1]?.value ?? '~';
        out.push({
          range: commandRange(doc, c),
          message: msg(`\`cd ${dir}\` 대신 \`WORKDIR ${dir}\` 명령을 쓰세요`, `Use \`WORKDIR ${dir}\` instead of \`cd ${dir}\``),
        });
      }
    }
    return out;
  },
};
