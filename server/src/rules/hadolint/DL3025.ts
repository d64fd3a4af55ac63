/**
 * DL3025: shell-form CMD/ENTRYPOINT run under `/bin/sh -c`; on Debian/Ubuntu that is dash, which stays PID 1, so the
 * program never receives SIGTERM from `docker stop` (bash and busybox sh may exec the last command instead). Info here rather than hadolint's warning: 32 of 41 beginner projects write it, and the
 * harmful cases get their own rules (DG101–DG103, DG111).
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { instrShell } from '../../service/shell/binding';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';

export const DL3025: Rule = {
  id: 'DL3025',
  severity: 'info',
  title: msg('CMD와 ENTRYPOINT는 JSON(exec) 형식으로 쓰세요', 'Use JSON (exec form) for CMD and ENTRYPOINT'),
  why: msg(
    '셸 형식으로 쓴 `CMD nginx -g "daemon off;"` 명령은 `/bin/sh -c`로 감싸서 실행됩니다. Debian과 Ubuntu 이미지의 `/bin/sh`인 dash는 PID 1로 남아 `docker stop`이 보내는 SIGTERM을 프로그램에 전달하지 않으므로, 프로그램이 정상 종료되지 못하고 10초 뒤 강제로 종료됩니다. 다른 셸은 마지막 명령을 `exec`하기도 하지만, exec 형식은 셸과 상관없이 같게 동작합니다. `CMD ["nginx", "-g", "daemon off;"]`처럼 exec 형식으로 쓰세요.',
    'Shell form, `CMD nginx -g "daemon off;"`, runs wrapped in `/bin/sh -c`. On Debian and Ubuntu images that is dash, which stays PID 1 and does not pass the SIGTERM of `docker stop` on to the program, so it cannot shut down cleanly and is killed after 10 s. Other shells may `exec` the last command, but the exec form behaves the same under any shell: `CMD ["nginx", "-g", "daemon off;"]`.',
  ),
  url: hadolintUrl('DL3025'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
      if (ins.isExecForm() || ins.args().length === 0) continue;
      out.push({
        range: ins.argsRange() ?? ins.range,
        message: msg(`${ins.keyword}를 \`["실행파일", "인자"]\` 형식으로 쓰세요`, `Write ${ins.keyword} as \`["executable", "arg"]\``),
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins || (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT')) return [];
    const sh = instrShell(ins);
    // Only a single simple command with fixed words converts without changing its meaning.
    if (!sh || sh.all.length !== 1) return [];
    const c = sh.all[0];
    if (c.redirects.length || c.assignments.length || c.background || c.words.some((w) => w.dynamic || /[*?[~]/.test(w.raw))) return [];
    const words = c.wrappers.includes('exec') ? c.words : c.allWords;
    const json = '[' + words.map((w) => JSON.stringify(w.value)).join(', ') + ']';
    const r = ins.argsRange();
    if (!r) return [];
    return [{ title: msg(`exec 형식으로 바꾸기: ${json}`, `Change to ${json}`), edits: [edit(r, json)], preferred: true }];
  },
};
