/**
 * DG103: a shell-form ENTRYPOINT runs as `/bin/sh -c "<text>"` and the CMD's words are appended after the text as
 * `$0`, `$1`, …, which the shell never uses. A CMD next to it is silently ignored. The exec form
 * `["/bin/sh", "-c", "<text>"]` stores the very same argv, so it is the same finding (test/claims/shellEntrypoint.test.ts
 * runs both on the engine). A script that does use `"$@"` gets the CMD without its first word, which went to `$0`.
 */
import { msg } from '../../../../common/src/i18n';
import type { Instr } from '../../service/document';
import { isShellScriptArgv } from '../../service/effectiveCommand';
import type { Finding, Rule } from '../types';
import { entrypointFixes } from '../helpers/startScriptFix';

/** The script text of a shell-form ENTRYPOINT or of an exec-form `["/bin/sh", "-c", "…"]` one; null otherwise. */
export function entrypointScript(ep: Instr): { text: string; exec: boolean } | null {
  const j = ep.jsonStrings();
  if (j) {
    const argv = j.map((s) => s.value);
    return isShellScriptArgv(argv) ? { text: argv[2], exec: true } : null;
  }
  const text = ep.argsContent();
  return text.trim() === '' ? null : { text, exec: false };
}

/** The script reads its arguments (`$@`, `$*`, `$1`…): then the CMD is used, but from its second word on. */
export function usesArguments(script: string): boolean {
  return /\$(\{)?[@*1-9]/.test(script);
}

export const DG103: Rule = {
  id: 'DG103',
  severity: 'warning',
  title: msg('셸 형식 ENTRYPOINT와 함께 쓴 CMD는 무시됩니다', 'A CMD next to a shell-form ENTRYPOINT is ignored'),
  why: msg(
    '셸 형식으로 쓴 `ENTRYPOINT bash start.sh` 명령은 `/bin/sh -c "bash start.sh"` 형태로 실행되고, CMD의 단어들은 그 뒤에 붙습니다. `sh -c`는 스크립트 뒤의 첫 단어를 `$0`에, 나머지를 `$1`, `$2`…에 넣을 뿐 실행하지 않습니다. 그래서 CMD에 적은 명령(예: 컨테이너를 살려 두려던 `tail -f /dev/null`)은 아무 경고 없이 실행되지 않습니다. exec 형식으로 쓴 `ENTRYPOINT ["/bin/sh", "-c", "…"]` 명령도 저장되는 argv가 똑같아서 결과도 같습니다. 스크립트가 `"$@"` 변수를 쓰더라도 CMD의 첫 단어는 `$0`으로 빠집니다. 명령들을 시작 스크립트로 옮기고 스크립트 끝의 `exec "$@"` 줄에서 CMD를 실행하거나, 명령을 하나로 합치세요.',
    'A shell-form `ENTRYPOINT bash start.sh` runs as `/bin/sh -c "bash start.sh"`, and the CMD\'s words are appended after it. `sh -c` puts the first word after the script in `$0` and the rest in `$1`, `$2`, …; it runs none of them. So the CMD (often a keep-alive such as `tail -f /dev/null`) silently never runs. An exec-form `ENTRYPOINT ["/bin/sh", "-c", "…"]` stores the very same argv and behaves the same. Even a script that uses `"$@"` loses the CMD\'s first word to `$0`. Move the commands into a start script that ends with `exec "$@"`, which then runs the CMD, or merge the two commands.',
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
      const script = ep ? entrypointScript(ep) : null;
      if (!ep || !cmd || !script) continue;
      if (cmd.isExecForm() && cmd.jsonStrings()!.length === 0) continue; // `CMD []` says "no CMD" on purpose
      const n = ep.startLine + 1;
      const why = script.exec
        ? msg(`${n}번 줄의 ENTRYPOINT가 ["/bin/sh", "-c", …] 형식이라 CMD의 첫 단어는 $0, 나머지는 $1…이 될 뿐입니다`, `the ENTRYPOINT on line ${n} is ["/bin/sh", "-c", …], so the CMD's first word only becomes $0 and the rest $1…`)
        : msg(`${n}번 줄의 ENTRYPOINT가 셸 형식이라 CMD의 첫 단어는 $0, 나머지는 $1…이 될 뿐입니다`, `the ENTRYPOINT on line ${n} is in shell form, so the CMD's first word only becomes $0 and the rest $1…`);
      const message = usesArguments(script.text)
        ? msg(`이 CMD는 첫 단어 없이 전달됩니다: ${why.ko}`, `This CMD arrives without its first word: ${why.en}`)
        : msg(`이 CMD는 실행되지 않습니다: ${why.ko}`, `This CMD never runs: ${why.en}`);
      out.push({ range: cmd.range, message, data: { entrypointLine: ep.startLine } });
    }
    return out;
  },
  fix(ctx, finding) {
    const line = finding.data?.entrypointLine;
    const ep = typeof line === 'number' ? ctx.doc.instructionAtLine(line) : undefined;
    if (!ep || ep.keyword !== 'ENTRYPOINT' || ep.startLine !== line || !entrypointScript(ep)) return [];
    return entrypointFixes(ctx, ep);
  },
};
