/**
 * DG119: a shell-form `HEALTHCHECK CMD …`. The builder stores it as `CMD-SHELL` (BuildKit instructions/parse.go
 * parseHealthcheck) and the daemon runs each check as the container's shell plus the text, `/bin/sh -c "…"` unless a
 * SHELL was set (moby daemon/health.go cmdProbe.run, getShell). The check is a process started next to the main one,
 * never PID 1, and `docker stop` does not signal it, so JSONArgsRecommended's story does not apply. Two things do,
 * both checked on the local engine:
 *
 * - The image has no /bin/sh (its root is `scratch`, or a distroless image other than a `debug` one, and nothing in
 *   the stages adds one): every check fails with `exec: "/bin/sh": stat /bin/sh: no such file or directory` and the
 *   container is reported unhealthy. Exec form works there.
 * - The check outlasts its timeout: the daemon kills the process it started (daemon/exec.go sends KILL to the exec's
 *   process only). In shell form that is the shell; a command the shell started as a process of its own (always so
 *   with `||`, `&&`, `;`, a pipe) is not killed and keeps running in the container while the next check starts
 *   another. A single command may be exec'd by the shell in its place (busybox does; it depends on the shell), so
 *   only the commands that certainly run as a child are reported. A hint, like JSONArgsRecommended.
 *
 * A stage that sets SHELL (at any place: the daemon reads the image's final SHELL) has chosen its shell: quiet.
 */
import { msg } from '../../../../common/src/i18n';
import type { Instr, Stage } from '../../service/document';
import { plainSource } from '../../service/shell/lexer';
import { parseShell } from '../../service/shell/parser';
import { rootImage } from '../../service/pid1Shell';
import { splitPlainCommand } from '../buildkit/JSONArgsRecommended';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';

/** The command text of a shell-form `HEALTHCHECK CMD …` (flags left out), or null for exec form, NONE or nothing. */
export function shellFormCheck(ins: Instr): string | null {
  if (ins.keyword !== 'HEALTHCHECK') return null;
  const m = /^\s*cmd\b\s*([\s\S]*)$/i.exec(ins.argsContent());
  const text = m?.[1].trim() ?? '';
  if (text === '') return null;
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return null;
    } catch {
      // Not JSON: Docker runs it in shell form, brackets and all.
    }
  }
  return text;
}

function chain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && out.length < 64; s = s.parent) out.push(s);
  return out;
}

/** An image known to have no /bin/sh: `scratch`, or a distroless image whose tag is not a `debug` one. */
export function imageWithoutShell(image: string | null): boolean {
  if (!image) return false;
  if (image.toLowerCase() === 'scratch') return true;
  const [name, digest] = image.split('@');
  const m = /^gcr\.io\/distroless\/[a-z0-9._/-]+?(?::([^/]+))?$/i.exec(name);
  if (!m) return false;
  // A digest alone could name a debug variant.
  if (m[1] === undefined) return digest === undefined;
  return !/debug/i.test(m[1]);
}

/** A RUN, or a COPY/ADD that may put something at /bin/sh (into /, /bin, or a destination we cannot place). */
function mayAddShell(ins: Instr): boolean {
  if (ins.keyword === 'RUN') return true;
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
  const json = ins.jsonStrings();
  const dest = json ? json[json.length - 1]?.value : ins.args()[ins.args().length - 1]?.value;
  if (!dest || dest.includes('$') || !dest.startsWith('/')) return true;
  const d = dest.replace(/\/+$/, '');
  return d === '' || d === '/bin' || d.startsWith('/bin/');
}

function hasShellInstruction(stages: Stage[]): boolean {
  return stages.some((s) => s.instructions.some((i) => i.keyword === 'SHELL'));
}

/** The first command when the shell certainly runs it as a child process (a list, a pipe, a compound); else null. */
function forkedCommand(text: string): string | null {
  const top = parseShell(plainSource(text)).filter((c) => c.depth === 0);
  if (top.length === 0) return null;
  const forks = top.length > 1 || top.some((c) => c.inPipeline || c.background || c.context.length > 0);
  return forks ? top[0].name || top[0].words[0]?.value || null : null;
}

/** `curl -f http://x/ || exit 1` → `curl -f http://x/`: any exit code but 0 is a failed check already. */
function withoutExitOne(text: string): string {
  const m = /^([\s\S]*?)\s*\|\|\s*exit(?:\s+1)?\s*;?\s*$/.exec(text);
  return m ? m[1] : text;
}

/**
 * The exec form of the check when it needs no shell (a plain command, `|| exit 1` dropped), e.g.
 * `["curl", "-f", "http://localhost/"]`; null when the shell does something (variables, redirects, lists).
 */
function execFormOf(text: string): string | null {
  const words = splitPlainCommand(withoutExitOne(text));
  return words ? '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']' : null;
}

export const DG119: Rule = {
  id: 'DG119',
  severity: 'hint',
  title: msg('셸 형식 HEALTHCHECK는 /bin/sh를 거쳐 실행됩니다', 'A shell-form HEALTHCHECK runs through /bin/sh'),
  why: msg(
    '`HEALTHCHECK CMD curl -f http://localhost/ || exit 1`처럼 셸 형식으로 쓰면 Docker는 검사할 때마다 `/bin/sh -c "…"` 명령을 컨테이너 안에서 실행합니다. 검사 프로세스는 PID 1이 아니고 `docker stop`의 시그널도 받지 않으므로 CMD의 시그널 문제는 해당하지 않습니다. 대신 두 가지가 달라집니다. 첫째, `FROM scratch`나 distroless 이미지(debug 태그 제외)에는 /bin/sh가 없어 모든 검사가 `stat /bin/sh: no such file or directory` 오류로 실패하고 컨테이너는 unhealthy가 됩니다. 둘째, 검사가 시간 제한(`--timeout`, 기본 30초)을 넘기면 Docker는 자신이 띄운 프로세스, 즉 셸만 강제 종료합니다. `||`, `&&`, `;`, 파이프가 있으면 셸은 `curl`을 별도 프로세스로 띄우므로 `curl`은 종료되지 않고 컨테이너 안에 남아 계속 실행되며, 그사이 다음 검사가 또 하나를 띄웁니다. exec 형식(`HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]`)이면 Docker가 명령 자체를 종료합니다. Docker는 0이 아닌 종료 코드를 모두 실패로 세므로 `|| exit 1`은 없어도 됩니다. 셸 기능이 꼭 필요하면 명령에 자체 시간 제한을 주세요(`curl --max-time 5`).',
    'In shell form, as in `HEALTHCHECK CMD curl -f http://localhost/ || exit 1`, Docker runs `/bin/sh -c "…"` in the container for every check. The check process is not PID 1 and gets no signal from `docker stop`, so the signal issue of CMD does not apply. Two other things do. First, `FROM scratch` and distroless images (other than the `debug` tags) have no /bin/sh: every check fails with `stat /bin/sh: no such file or directory` and the container is reported unhealthy. Second, when a check runs past its timeout (`--timeout`, 30 s by default), Docker kills the process it started, which is the shell. With `||`, `&&`, `;` or a pipe the shell runs `curl` as a process of its own, so `curl` is not killed: it keeps running in the container while the next check starts another one. In exec form (`HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]`) Docker kills the command itself; Docker counts any exit code but 0 as a failed check, so `|| exit 1` is not needed. If you need shell features, give the command its own time limit (`curl --max-time 5`).',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const text = shellFormCheck(ins);
      if (text === null || !ins.stage) continue;
      const stages = chain(ins.stage);
      if (hasShellInstruction(stages)) continue;
      const range = ins.argsRange() ?? ins.range;
      const root = rootImage(ins.stage);
      if (imageWithoutShell(root) && !stages.some((s) => s.instructions.some(mayAddShell))) {
        out.push({
          range,
          message: msg(
            `셸 형식 HEALTHCHECK는 \`/bin/sh -c\`로 실행되는데, 이 이미지(FROM ${root})에는 /bin/sh가 없습니다. 모든 검사가 실패하고(\`stat /bin/sh: no such file or directory\`) 컨테이너는 unhealthy로 표시됩니다. JSON 배열(exec 형식)로 쓰세요`,
            `A shell-form HEALTHCHECK runs through \`/bin/sh -c\`, and this image (FROM ${root}) has no /bin/sh: every check fails (\`stat /bin/sh: no such file or directory\`) and the container is reported unhealthy. Write it as a JSON array (exec form)`,
          ),
          atLeast: 'warning',
        });
        continue;
      }
      const child = forkedCommand(text);
      if (!child) continue;
      const exec = execFormOf(text);
      const advice = exec
        ? msg(`exec 형식으로 쓰면 Docker가 명령 자체를 종료합니다: \`HEALTHCHECK CMD ${exec}\``, `In exec form Docker kills the command itself: \`HEALTHCHECK CMD ${exec}\``)
        : child === 'curl'
          ? msg('여기서는 셸이 필요하므로 `curl`에 시간 제한보다 짧은 자체 제한을 주세요(`--max-time`)', 'The shell is needed here: give `curl` a time limit of its own, shorter than the check\'s (`--max-time`)')
          : msg(`여기서는 셸이 필요하므로 명령에 시간 제한보다 짧은 자체 제한을 주세요(\`timeout 5 ${child} …\`)`, `The shell is needed here: give the command a time limit of its own, shorter than the check's (\`timeout 5 ${child} …\`)`);
      out.push({
        range,
        message: msg(
          `셸 형식 HEALTHCHECK는 \`/bin/sh -c\`로 실행되고, 셸이 \`${child}\` 명령을 별도 프로세스로 띄웁니다. 검사가 시간 제한을 넘기면 Docker는 셸만 종료하므로 \`${child}\` 명령은 컨테이너 안에 남아 계속 실행되고, 그동안 다음 검사가 또 시작됩니다. ${advice.ko}`,
          `A shell-form HEALTHCHECK runs \`/bin/sh -c\`, which starts \`${child}\` as a process of its own. If a check outlasts its timeout, Docker kills only the shell: \`${child}\` keeps running in the container while the next check starts. ${advice.en}`,
        ),
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    const text = ins ? shellFormCheck(ins) : null;
    const json = text === null ? null : execFormOf(text);
    const args = ins?.args() ?? [];
    const end = ins?.argsRange()?.end;
    if (!json || args.length < 2 || !end) return [];
    return [{ title: msg('exec 형식(JSON 배열)으로 바꾸기', 'Convert to exec form (JSON array)'), edits: [edit({ start: args[1].range.start, end }, json)], preferred: true }];
  },
};
