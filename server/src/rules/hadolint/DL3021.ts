/** DL3021: with several sources, the destination must be a folder ending in `/`, or the build fails. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3021: Rule = {
  id: 'DL3021',
  severity: 'error',
  title: msg('여러 파일을 복사할 때 대상은 `/`로 끝나야 합니다', 'With several sources, the destination must end with /'),
  why: msg(
    '`COPY a b /dest`처럼 원본이 둘 이상이면 대상은 폴더여야 하고, Docker는 이를 `/`로 끝나는 경로로 판단합니다. `/`가 없으면 빌드가 "When using COPY with more than one source file, the destination must be a directory and end with a /" 오류로 실패합니다.',
    'With more than one source, as in `COPY a b /dest`, the destination must be a folder, which Docker recognises by a trailing `/`. Without it the build fails with "When using COPY with more than one source file, the destination must be a directory and end with a /".',
  ),
  url: hadolintUrl('DL3021'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // Cheap filter: a first line that does not continue (heredoc bodies follow it, they are not arguments) and has
      // at most two words after the keyword and flags means one source.
      const first = doc.lineText(ins.startLine).trim();
      if (!first.endsWith(doc.escapeChar) && first.split(/\s+/).filter((t) => !t.startsWith('--')).length <= 3) continue;
      const args = ins.jsonStrings() ?? ins.args();
      if (args.length <= 2 || ins.heredocs().length) continue;
      const dest = args[args.length - 1];
      if (dest.value.endsWith('/') || dest.value.includes('$')) continue;
      out.push({
        range: dest.range,
        message: msg(`원본이 ${args.length - 1}개이므로 대상 경로는 \`/\`로 끝나야 합니다: \`${dest.value}\``, `With ${args.length - 1} sources, the destination \`${dest.value}\` must end with \`/\``),
      });
    }
    return out;
  },
};
