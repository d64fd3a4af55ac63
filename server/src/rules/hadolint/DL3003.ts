/**
 * DL3003: a `cd` in RUN lasts only until that RUN ends; WORKDIR is what changes the folder for later instructions.
 *
 * hadolint (src/Hadolint/Rule/DL3003.hs, `check`) reports every RUN whose script runs `cd` at all, with no
 * exemption. We report less, on purpose:
 * - A `cd` followed in the same RUN by commands that run in that folder (`cd /tmp && wget … && tar … && cd src &&
 *   make install`, `cd /src && go build`) is the usual download-and-build pattern. WORKDIR cannot stand in for it:
 *   the folder often does not exist before the RUN (it comes out of the archive), and a WORKDIR would change the
 *   folder for every instruction after it, so keeping the build in one RUN would take a second WORKDIR to go back.
 * - `cd`, `cd ~`, `cd -`, `cd /`, `cd ..` go home, back or up. Proposing `WORKDIR ..` or `WORKDIR /` for them is
 *   wrong advice (the first is a relative WORKDIR, which DL3000 and WorkdirRelativePath report).
 * - A `cd` inside a subshell `( cd x && make )` is scoped to the subshell on purpose.
 * What is left is the `cd` that nothing in its RUN runs after (`RUN cd /app`, `RUN mkdir /app && cd /app`): it
 * changes nothing, and is usually written believing the next RUN starts there. The advice names an absolute
 * WORKDIR, resolved against the WORKDIR in force when the `cd` is relative, or no path when that is unknown.
 *
 * Not `local`: the advised path depends on the stage's earlier WORKDIR instructions, not on the RUN alone.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import type { Instr, ParsedDocument } from '../../service/document';
import type { Word } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import { commandRange } from '../../service/shell/binding';
import { hadolintUrl } from '../helpers/urls';
import { resolvePath } from '../helpers/paths';
import { runShells } from '../helpers/shell';
import { knownWorkdirs } from '../helpers/workdir';

/** cd's own options: POSIX `-L`/`-P`, bash's `-e` and `-@`. */
const CD_OPTION = /^-[LPe@]+$/;
/** Compound commands whose body may run once, many times or not at all. */
const CONDITIONAL = new Set(['if', 'while', 'until', 'for', 'case', 'function']);

/** The folder a `cd` goes to (null: none given, which means $HOME). */
function cdTarget(c: SimpleCommand): Word | null {
  const args = c.words.slice(1);
  let k = 0;
  while (k < args.length && CD_OPTION.test(args[k].value)) k++;
  if (args[k]?.value === '--') k++;
  return args[k] ?? null;
}

/** `cd`, `cd ~`, `cd $HOME`, `cd -`, `cd /`, `cd .`, `cd ..`, `cd ../..`: home, back or up, not a place to name. */
function goesBack(target: Word | null): boolean {
  if (!target) return true;
  const v = target.value;
  return v === '-' || /^~\/?$/.test(v) || /^\$\{?HOME\}?\/?$/.test(v) || /^\/+$/.test(v) || /^\.\.?(\/+\.\.?)*\/*$/.test(v);
}

/**
 * The folder the shell is in: a path, null when the text does not tell it, or the WORKDIR in force at the RUN, which
 * is only looked up when a relative `cd` needs it (most RUNs with a `cd` never do).
 */
type Folder = string | null | { workdir: () => string | null };

/** The folder after a `cd` when it can be told from the text (absolute, without variables); null otherwise. */
function folderAfter(cwd: Folder, c: SimpleCommand, target: Word | null): string | null {
  if (c.context.some((k) => CONDITIONAL.has(k))) return null;
  if (!target || target.dynamic) return null;
  const v = target.value;
  if (v === '-' || v.startsWith('~') || v.includes('\\') || /^[A-Za-z]:/.test(v)) return null;
  if (v.startsWith('/')) return resolvePath('/', v);
  const base = cwd !== null && typeof cwd === 'object' ? cwd.workdir() : cwd;
  return base === null ? null : resolvePath(base, v);
}

/** Something other than another `cd` runs after `list[i]` in the same shell (a later subshell inherits the folder). */
function usedLater(list: SimpleCommand[], i: number): boolean {
  for (let k = i + 1; k < list.length; k++) if (list[k].name !== '' && list[k].name !== 'cd') return true;
  return false;
}

function finding(doc: ParsedDocument, c: SimpleCommand, target: Word, folder: string | null): Finding {
  const cd = `cd ${target.raw}`;
  return {
    range: commandRange(doc, c),
    message: folder
      ? msg(
          `이 RUN에서 \`${cd}\` 뒤에 실행되는 명령이 없어서 이후 명령어에는 아무 영향이 없습니다. 이후 명령어를 그 디렉터리에서 실행하려면 \`WORKDIR ${folder}\` 명령을 쓰세요`,
          `Nothing runs after \`${cd}\` in this RUN, so it changes nothing for later instructions. To run them in that folder, use \`WORKDIR ${folder}\``,
        )
      : msg(
          `이 RUN에서 \`${cd}\` 뒤에 실행되는 명령이 없어서 이후 명령어에는 아무 영향이 없습니다. 이후 명령어를 그 디렉터리에서 실행하려면 그 디렉터리의 절대 경로로 \`WORKDIR\`를 지정하세요`,
          `Nothing runs after \`${cd}\` in this RUN, so it changes nothing for later instructions. To run them in that folder, set \`WORKDIR\` to its absolute path`,
        ),
  };
}

/** Walks one shell's commands in order (and each `sh -c` script inside them), following the folder the cds reach. */
function scan(doc: ParsedDocument, list: SimpleCommand[], start: Folder, out: Finding[]): void {
  let cwd = start;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.inner) scan(doc, c.inner, cwd, out);
    // `cd` inside a subshell `( cd x && make )` is scoped on purpose, and moves nothing outside it.
    if (c.name !== 'cd' || c.context.includes('(')) continue;
    const target = cdTarget(c);
    const folder = folderAfter(cwd, c, target);
    if (target && !goesBack(target) && !usedLater(list, i)) out.push(finding(doc, c, target, folder));
    cwd = folder;
  }
}

export const DL3003: Rule = {
  id: 'DL3003',
  severity: 'info', // works as written (WORKDIR defaults to / and cd is scoped to its RUN): best practice under our policy
  title: msg('cd 대신 WORKDIR를 쓰세요', 'Use WORKDIR to switch to a directory'),
  why: msg(
    'RUN 안의 `cd`는 그 RUN이 끝나면 효과가 사라지고, 다음 명령어는 다시 WORKDIR에서 시작합니다. 같은 RUN 안에서 `cd` 뒤에 그 디렉터리에서 할 일(내려받기, 압축 풀기, 빌드)이 이어지는 것은 흔히 쓰는 방식이라 괜찮습니다. 하지만 뒤에 아무 명령도 실행되지 않는 `cd`는 아무것도 바꾸지 않습니다. 이후 명령어를 그 디렉터리에서 실행하려면 절대 경로로 `WORKDIR`를 지정하세요.',
    'A `cd` in RUN lasts only until that RUN ends; the next instruction starts in the WORKDIR again. A `cd` followed in the same RUN by the commands that need that folder (download, unpack, build) is the usual pattern and fine. A `cd` that nothing runs after changes nothing: to run later instructions in that folder, set it with `WORKDIR` and an absolute path.',
  ),
  url: hadolintUrl('DL3003'),
  check({ doc }) {
    const out: Finding[] = [];
    let workdirs: Map<Instr, string | null> | undefined;
    for (const { instr, shell } of runShells(doc)) {
      if (!shell.all.some((c) => c.name === 'cd')) continue;
      const workdir = () => (workdirs ??= knownWorkdirs(doc)).get(instr) ?? null;
      scan(doc, shell.commands, { workdir }, out);
    }
    return out;
  },
};
