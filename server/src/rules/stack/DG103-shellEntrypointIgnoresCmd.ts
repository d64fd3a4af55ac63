/**
 * DG103: a shell-form ENTRYPOINT runs as `/bin/sh -c "<text>"` and the CMD's words are appended after the text as
 * `$0`, `$1`, …, which the shell never uses. A CMD next to it is silently ignored.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';

export const DG103: Rule = {
  id: 'DG103',
  severity: 'warning',
  title: msg('셸 형식 ENTRYPOINT와 함께 쓴 CMD는 무시됩니다', 'A CMD next to a shell-form ENTRYPOINT is ignored'),
  why: msg(
    '셸 형식으로 쓴 `ENTRYPOINT bash start.sh` 명령은 `/bin/sh -c "bash start.sh"` 형태로 실행되고, CMD의 단어들은 그 뒤에 붙어 셸의 `$0`, `$1`…이 될 뿐 어디에서도 쓰이지 않습니다. 그래서 CMD에 적은 명령(예: 컨테이너를 살려 두려던 `tail -f /dev/null`)은 아무 경고 없이 실행되지 않습니다. ENTRYPOINT를 exec 형식(`["bash", "start.sh"]`)으로 쓰고 스크립트 끝의 `exec "$@"` 줄에서 CMD를 실행하거나, 명령을 하나로 합치세요.',
    'A shell-form `ENTRYPOINT bash start.sh` runs as `/bin/sh -c "bash start.sh"`, and the CMD\'s words are appended as that shell\'s `$0`, `$1`, …, which nothing uses. So the CMD (often a keep-alive such as `tail -f /dev/null`) silently never runs. Write the ENTRYPOINT in exec form (`["bash", "start.sh"]`) and end the script with `exec "$@"`, or merge the two commands.',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const stage of doc.stages) {
      let ep = null;
      let cmd = null;
      for (const ins of stage.instructions) {
        if (ins.keyword === 'ENTRYPOINT') ep = ins;
        else if (ins.keyword === 'CMD') cmd = ins;
      }
      if (!ep || !cmd || ep.isExecForm() || ep.argsContent().trim() === '') continue;
      if (cmd.isExecForm() && cmd.jsonStrings()!.length === 0) continue; // `CMD []` says "no CMD" on purpose
      out.push({
        range: cmd.range,
        message: {
          ko: `이 CMD는 실행되지 않습니다: ${ep.startLine + 1}번 줄의 ENTRYPOINT가 셸 형식입니다`,
          en: `This CMD never runs: the ENTRYPOINT on line ${ep.startLine + 1} is in shell form`,
        },
        data: { entrypointLine: ep.startLine },
      });
    }
    return out;
  },
};
