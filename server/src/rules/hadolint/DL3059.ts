/**
 * DL3059: consecutive RUN instructions each make a layer; related commands belong in one RUN. Reported once per
 * run of consecutive RUNs (on the second one), not on each, to keep long beginner files readable.
 *
 * Which neighbours count is hadolint's decision (src/Hadolint/Rule/DL3059.hs, `check`): two RUNs next to each
 * other (comments between them do not separate them, any other instruction does) are reported unless
 * - their flags differ (`RUN --mount=type=cache,…` next to a plain RUN, or two different mounts): hadolint compares
 *   the parsed RunFlags, so two RUNs with the same `--mount` are still reported;
 * - either of them is already a chain of several commands. hadolint lets a pair through when either count is
 *   `> 2`, but its count (Hadolint.Shell `presentCommands`) lists every command twice: it collects commands with
 *   ShellCheck's `getCommand` while walking every token, and that matches both the redirection wrapper the parser
 *   puts around each simple command and the simple command inside it. So `> 2` means two commands or more, which
 *   is what its tests show (`RUN foo && bar` next to `RUN foobar` is fine). helpers/commandCount.ts counts them once.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runCommandCount } from '../helpers/commandCount';
import type { Instr } from '../../service/document';

/** A RUN with this many commands or more is a chain the author split from its neighbours on purpose. */
const CHAIN = 2;

/** `--mount` option names with the same meaning (BuildKit accepts both spellings). */
const MOUNT_KEY: Record<string, string> = { dst: 'target', destination: 'target', src: 'source', readonly: 'ro' };

/**
 * The RUN's flags in a form where equal flags compare equal: a mount's options in any order, with their alternate
 * names, and the default `type=bind` written out (as hadolint compares parsed mounts, not text).
 */
function flagKey(ins: Instr): string {
  const parts = ins.flags().map((f) => {
    if (f.name !== 'mount' || f.value === null) return `${f.name}=${f.value ?? ''}`;
    const opts = f.value.split(',').map((o) => {
      const eq = o.indexOf('=');
      const key = (eq < 0 ? o : o.slice(0, eq)).trim().toLowerCase();
      return `${MOUNT_KEY[key] ?? key}${eq < 0 ? '' : '=' + o.slice(eq + 1).trim()}`;
    });
    if (!opts.some((o) => o.startsWith('type='))) opts.push('type=bind');
    return `mount=${opts.sort().join(',')}`;
  });
  return parts.sort().join(' ');
}

export const DL3059: Rule = {
  id: 'DL3059',
  severity: 'info',
  title: msg('연속된 RUN을 하나로 합치는 것을 고려하세요', 'Multiple consecutive RUN instructions'),
  why: msg(
    'RUN마다 레이어가 하나씩 생기고, 앞 레이어에서 만든 파일은 뒤에서 지워도 이미지 크기가 줄지 않습니다. 관련된 명령(내려받기·압축 풀기·정리)은 `&&`로 묶어 한 RUN에서 실행하면 이미지가 작아지고 캐시도 단순해집니다. 이미 여러 명령을 묶은 RUN이나 `--mount` 플래그가 다른 RUN은 일부러 나눈 경우가 많아서 알리지 않습니다.',
    'Each RUN makes a layer, and files created in one layer still count after a later layer deletes them. Chain related commands (download, unpack, clean up) with `&&` in one RUN: the image gets smaller and the cache simpler. A RUN that is already a chain of commands, or whose `--mount` flags differ from those of the RUN next to it, is left alone: such RUNs are usually split on purpose.',
  ),
  url: hadolintUrl('DL3059'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const stage of doc.stages) {
      /** The RUN before the current instruction, when it is one. */
      let prev: { key: string; chain: boolean } | null = null;
      /** The run being collected: where it is reported (its second RUN) and how many RUNs it has. */
      let second: Instr | null = null;
      let count = 0;
      const flush = () => {
        if (second) {
          out.push({
            range: second.keywordRange,
            message: msg(`RUN ${count}개가 연달아 있습니다. 관련된 명령은 \`&&\`로 묶어 하나의 RUN으로 합치세요`, `${count} RUN instructions in a row; chain related commands with \`&&\` in one RUN`),
          });
        }
        second = null;
        count = 0;
      };
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') {
          flush();
          prev = null;
          continue;
        }
        const cur = { key: flagKey(ins), chain: runCommandCount(ins) >= CHAIN };
        if (prev && prev.key === cur.key && !prev.chain && !cur.chain) {
          if (second) count++;
          else {
            second = ins;
            count = 2;
          }
        } else flush();
        prev = cur;
      }
      flush();
    }
    return out;
  },
};
