/**
 * DG118: `SHELL ["/bin/sh"]` without `-c`. Both builders run a shell-form RUN, CMD or ENTRYPOINT as the SHELL's
 * words followed by the command text as one more argument (BuildKit dockerfile2llb/convert.go withShell; the image
 * keeps the SHELL in its config, so images built FROM it inherit it, and the daemon's health check prepends it to a
 * shell-form HEALTHCHECK, daemon/health.go getShell). A POSIX shell given a first operand and no `-c` opens that
 * operand as a script file: `RUN echo hello` fails with busybox `/bin/sh: can't open 'echo hello': No such file or
 * directory`, dash `cannot open echo hello: No such file`, bash `echo hello: No such file or directory` (checked on
 * the local engine under both builders). With `-s` instead, the shell reads its commands from standard input, which
 * is empty during a build: the RUN runs nothing and succeeds (checked the same way).
 *
 * A SHELL that is not a JSON array (`SHELL /bin/bash -c`) is a parse error in both builders ("SHELL requires the
 * arguments to be in JSON form", parse.go parseShell); dockerfile-utils reports it with the same words, so this rule
 * does not. A SHELL with an operand (`["/bin/bash", "/wrapper.sh"]`) hands the command to a script on purpose and is
 * left alone, as are shells that are not POSIX (pwsh, cmd).
 */
import { msg } from '../../../../common/src/i18n';
import type { Instr, ParsedDocument, Span, Stage } from '../../service/document';
import { basename } from '../../service/shell/parser';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';

/** Shells that read `-c` for "the next argument is the command". */
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** Long options of bash/zsh that take a value in the next word. */
const LONG_WITH_VALUE = new Set(['--rcfile', '--init-file']);

export interface ShellProblem {
  /** `no-c`: the command text is opened as a script file; `stdin`: `-s` reads the (empty) standard input instead. */
  kind: 'no-c' | 'stdin';
  strings: Span[];
}

/** The SHELL's problem, or null when it runs a command string (has `-c`) or is not a POSIX shell read this way. */
export function shellProblem(ins: Instr): ShellProblem | null {
  if (ins.keyword !== 'SHELL') return null;
  const strings = ins.jsonStrings();
  if (!strings || strings.length === 0 || !POSIX_SHELLS.has(basename(strings[0].value))) return null;
  let stdin = false;
  for (let i = 1; i < strings.length; i++) {
    const w = strings[i].value;
    if (LONG_WITH_VALUE.has(w)) {
      i++;
      continue;
    }
    if (w.startsWith('--') && w.length > 2) continue;
    const m = /^([-+])([A-Za-z]+)$/.exec(w);
    // `--`, a script path, anything else: an operand, which takes the command text as its `$1`. Deliberate.
    if (!m) return null;
    if (m[1] === '-' && m[2].includes('c')) return null;
    if (m[1] === '-' && m[2].includes('s')) stdin = true;
    // `-o pipefail`, `-euo pipefail`: the option's value is the next word.
    if (/[oO]$/.test(m[2])) i++;
  }
  return { kind: stdin ? 'stdin' : 'no-c', strings };
}

/** A shell-form instruction that the SHELL turns into "shell + command text". */
function usesShell(ins: Instr, keywords: readonly string[]): boolean {
  if (!keywords.includes(ins.keyword)) return false;
  if (ins.isExecForm() || ins.argsContent().trim() === '') return false;
  // A heredoc RUN runs its body in a way of its own; only plain command lines are named.
  return ins.heredocs().length === 0;
}

function descendsFrom(stage: Stage, ancestor: Stage): boolean {
  for (let s: Stage | null = stage.parent; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

/** The first shell-form instruction of `keywords` the SHELL applies to: after it in its stage, or in a stage built FROM it. */
function firstAffected(doc: ParsedDocument, shell: Instr, keywords: readonly string[]): Instr | null {
  const stage = shell.stage;
  if (!stage) return null;
  for (const s of doc.stages) {
    if (s !== stage && !descendsFrom(s, stage)) continue;
    for (const ins of s.instructions) {
      if (s === stage && ins.startLine <= shell.startLine) continue;
      if (ins.keyword === 'SHELL') break;
      if (usesShell(ins, keywords)) return ins;
    }
  }
  return null;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function written(strings: Span[]): string {
  return '[' + strings.map((s) => JSON.stringify(s.value)).join(', ') + ']';
}

export const DG118: Rule = {
  id: 'DG118',
  severity: 'warning',
  title: msg('SHELL에 `-c`가 없으면 셸 형식 명령이 실행되지 않습니다', 'A SHELL without `-c` cannot run shell-form commands'),
  why: msg(
    '셸 형식 RUN, CMD, ENTRYPOINT는 SHELL에 적은 단어들 뒤에 명령 문자열을 인자 하나로 붙여 실행됩니다. 기본값이 `["/bin/sh", "-c"]`인 이유입니다. `SHELL ["/bin/sh"]`처럼 `-c`가 빠지면 셸은 명령 문자열을 스크립트 파일 이름으로 여겨 열려고 하고, `RUN echo hello` 명령은 `can\'t open \'echo hello\': No such file or directory`(busybox) 같은 오류로 실패합니다. dash와 bash도 `No such file` 오류로 실패합니다. `-c` 대신 `-s`를 쓰면 셸이 표준 입력에서 명령을 읽는데, 빌드 중의 표준 입력은 비어 있으므로 RUN은 아무것도 하지 않고 성공한 것처럼 끝납니다. 이미지는 이 SHELL을 설정으로 간직하므로 이 이미지를 FROM으로 쓰는 빌드와 셸 형식 HEALTHCHECK에도 같은 문제가 생깁니다. 옵션 뒤 마지막 인자로 `"-c"` 인자를 두세요(`["/bin/bash", "-o", "pipefail", "-c"]`). JSON 배열이 아닌 `SHELL /bin/bash -c`는 빌드 자체가 거부하며, 그 오류는 따로 표시됩니다.',
    'A shell-form RUN, CMD or ENTRYPOINT runs as the SHELL\'s words followed by the command text as one more argument; that is why the default is `["/bin/sh", "-c"]`. Without `-c`, as in `SHELL ["/bin/sh"]`, the shell takes the command text for the name of a script file, and `RUN echo hello` fails with `can\'t open \'echo hello\': No such file or directory` (busybox); dash and bash fail with `No such file` too. With `-s` instead, the shell reads its commands from standard input, which is empty during a build: the RUN does nothing and looks successful. The image keeps the SHELL in its config, so builds FROM it and a shell-form HEALTHCHECK are hit as well. End the options with `"-c"`: `["/bin/bash", "-o", "pipefail", "-c"]`. A SHELL that is not a JSON array (`SHELL /bin/bash -c`) is refused by the build itself; that error is shown separately.',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const p = shellProblem(ins);
      if (!p) continue;
      const shown = `SHELL ${written(p.strings)}`;
      // With `-s` only a RUN is named: that is what was checked (the run-time stdin of CMD depends on `docker run -i`).
      const hit = firstAffected(doc, ins, p.kind === 'stdin' ? ['RUN'] : ['RUN', 'CMD', 'ENTRYPOINT']);
      // The Korean topic particle follows the keyword's last sound: RUN(런)은, CMD(디)·ENTRYPOINT(트)는.
      const where = hit ? msg(`${hit.startLine + 1}번 줄의 ${hit.keyword}${hit.keyword === 'RUN' ? '은' : '는'}`, `the ${hit.keyword} on line ${hit.startLine + 1}`) : null;
      let message;
      if (p.kind === 'stdin') {
        message = msg(
          `\`${shown}\`: \`-s\`를 쓰면 셸이 명령을 표준 입력에서 읽습니다. 빌드 중의 표준 입력은 비어 있어 ${where ? where.ko : '이후의 셸 형식 RUN은'} 아무것도 실행하지 않고 성공한 것처럼 끝납니다. \`-s\` 대신 \`-c\`를 쓰세요`,
          `\`${shown}\`: with \`-s\` the shell reads its commands from standard input, which is empty during a build, so ${where ? where.en : 'every later shell-form RUN'} runs nothing and still succeeds. Use \`-c\` instead of \`-s\``,
        );
      } else {
        const fails = hit
          ? hit.keyword === 'RUN'
            ? msg(`${where!.ko} \`No such file\` 오류로 실패합니다.`, `${capital(where!.en)} fails with \`No such file\`.`)
            : msg(`${where!.ko} 컨테이너가 시작될 때 \`No such file\` 오류로 실패합니다.`, `${capital(where!.en)} fails with \`No such file\` when the container starts.`)
          : msg('이후의 셸 형식 RUN, CMD, ENTRYPOINT는 모두 이렇게 실패합니다.', 'Every later shell-form RUN, CMD and ENTRYPOINT fails this way.');
        message = msg(
          `\`${shown}\`에 \`-c\`가 없어, 셸이 명령 문자열을 스크립트 파일 이름으로 여기고 열려고 합니다. ${fails.ko} 마지막 인자로 \`"-c"\` 인자를 추가하세요`,
          `\`${shown}\` has no \`-c\`, so the shell takes each command line for the name of a script file to open. ${fails.en} Add \`"-c"\` as the last argument`,
        );
      }
      out.push({ range: ins.argsRange() ?? ins.range, message, atLeast: hit ? 'error' : undefined });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    const p = ins ? shellProblem(ins) : null;
    if (!p) return [];
    if (p.kind === 'stdin') {
      const s = p.strings.find((x) => x.value === '-s');
      if (!s) return [];
      return [{ title: msg('`-s`를 `-c`로 바꾸기', 'Replace `-s` with `-c`'), edits: [edit(s.range, '-c')], preferred: true }];
    }
    // Each string's range is its text between the quotes: the closing quote of the last one is at its end.
    const last = p.strings[p.strings.length - 1];
    const quote = doc.offsetAt(last.range.end);
    if (doc.text[quote] !== '"') return [];
    const after = doc.positionAt(quote + 1);
    return [{ title: msg('마지막 인자로 `"-c"` 추가하기', 'Add `"-c"` as the last argument'), edits: [edit({ start: after, end: after }, ', "-c"')], preferred: true }];
  },
};
