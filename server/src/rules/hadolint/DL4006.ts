/**
 * DL4006: in `a | b` the RUN's status is b's, so a failing download piped into tar or sh goes unnoticed unless
 * `set -o pipefail` is on (in the RUN, or through `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`).
 * Info, not warning: the official images pipe downloads without pipefail (17 of the 30 in the corpus) and build
 * fine; the risk is a silently broken layer, a best-practice matter under our severity policy.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { commandRange } from '../../service/shell/binding';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';

// Module-level: a regular expression literal inside the loop is a new RegExp object at every evaluation, and this
// runs for every RUN and every command on every version.
const PIPEFAIL = /pipefail/;
const NOT_POSIX = /pwsh|powershell|cmd/i;
const SHORT_O = /^-[a-z]*o$/;
const BASH_OR_ZSH = /^(bash|zsh)$/;
const FIXED_OUTPUT = /^(echo|printf|yes|true|cat)$/;

export const DL4006: Rule = {
  id: 'DL4006',
  severity: 'info',
  title: msg('파이프를 쓰기 전에 pipefail을 설정하세요', 'Set the pipefail option before RUN with a pipe'),
  why: msg(
    '`curl … | tar x`처럼 파이프를 쓰면 RUN의 결과는 마지막 명령의 종료 코드만 반영합니다. 앞의 다운로드가 실패해도 빌드는 성공한 것처럼 계속됩니다. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` 줄을 먼저 두거나, bash라면 RUN 명령 앞에 `set -o pipefail &&` 구문을 붙이세요.',
    'With a pipe, as in `curl … | tar x`, the RUN only reports the last command\'s exit code: a failed download goes unnoticed and the build carries on. Put `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` first, or start the RUN with `set -o pipefail &&` under bash.',
  ),
  url: hadolintUrl('DL4006'),
  check({ doc }) {
    const out: Finding[] = [];
    const lastShell = new Map<unknown, string>();
    // The SHELL in force at each RUN, walking the instructions once alongside the RUN shells (both are in document
    // order). No map per RUN: this runs on every version, over every instruction.
    const runs = runShells(doc);
    let next = 0;
    let current = '';
    let stage: unknown = undefined;
    const list = doc.instructions;
    for (let i = 0; i < list.length && next < runs.length; i++) {
      const ins = list[i];
      if (ins.stage !== stage) {
        stage = ins.stage;
        // SHELL is image config: a stage built FROM another stage inherits it.
        current = ins.stage?.parent ? (lastShell.get(ins.stage.parent) ?? '') : '';
      }
      if (ins.keyword === 'SHELL') {
        current = ins.argsContent();
        lastShell.set(ins.stage, current);
        continue;
      }
      if (runs[next].instr !== ins) continue;
      const { shell } = runs[next++];
      const sh = current;
      if (PIPEFAIL.test(sh) || NOT_POSIX.test(sh)) continue;
      let pipefail = false;
      const all = shell.all;
      for (let k = 0; k < all.length; k++) {
        const c = all[k];
        if (c.name === 'set' && c.words.some((w, i) => (w.value === 'pipefail' && c.words[i - 1]?.value.endsWith('o')) || SHORT_O.test(w.value) && c.words[i + 1]?.value === 'pipefail')) pipefail = true;
        if (BASH_OR_ZSH.test(c.name) && c.words.some((w) => w.value === 'pipefail')) pipefail = true;
        // A left side that prints fixed text (`echo "$sum *f" | sha256sum -c -`) cannot fail: nothing to hide.
        if (c.after === '|' && !pipefail && c.depth === 0 && !FIXED_OUTPUT.test(c.name)) {
          out.push({ range: commandRange(doc, c), message: msg('파이프 앞에 `set -o pipefail` 설정이 없어 앞 명령의 실패가 무시됩니다', 'No `set -o pipefail` before this pipe: a failure of this command is ignored') });
          break;
        }
      }
    }
    return out;
  },
};
