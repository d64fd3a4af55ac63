/**
 * DL3059: consecutive RUN instructions each make a layer; related commands belong in one RUN. Reported once per
 * run of consecutive RUNs (on the second one), not on each, to keep long beginner files readable.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import type { Instr } from '../../service/document';

/** A RUN with flags (`RUN --mount=…`): read from the line text, cheaper than parsing the flags. */
function flagged(ins: Instr): boolean {
  return /^\s*\S+\s+--/.test(ins.doc.lineText(ins.startLine));
}

export const DL3059: Rule = {
  id: 'DL3059',
  severity: 'info',
  title: msg('연속된 RUN을 하나로 합치는 것을 고려하세요', 'Multiple consecutive RUN instructions'),
  why: msg(
    'RUN마다 레이어가 하나씩 생기고, 앞 레이어에서 만든 파일은 뒤에서 지워도 이미지 크기가 줄지 않습니다. 관련된 명령(내려받기·압축 풀기·정리)은 `&&`로 묶어 한 RUN에서 실행하면 이미지가 작아지고 캐시도 단순해집니다.',
    'Each RUN makes a layer, and files created in one layer still count after a later layer deletes them. Chain related commands (download, unpack, clean up) with `&&` in one RUN: the image gets smaller and the cache simpler.',
  ),
  url: hadolintUrl('DL3059'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const stage of doc.stages) {
      const list = stage.instructions;
      for (let k = 1; k < list.length; k++) {
        const a = list[k - 1];
        const b = list[k];
        // RUNs with --mount/--network flags often stand alone on purpose.
        if (a.keyword !== 'RUN' || b.keyword !== 'RUN' || flagged(a) || flagged(b)) continue;
        if (k >= 2 && list[k - 2].keyword === 'RUN' && !flagged(list[k - 2])) continue;
        let n = k + 1;
        while (n < list.length && list[n].keyword === 'RUN' && !flagged(list[n])) n++;
        const count = n - (k - 1);
        out.push({
          range: b.keywordRange,
          message: msg(`RUN ${count}개가 연달아 있습니다. 관련된 명령은 \`&&\`로 묶어 하나의 RUN으로 합치세요`, `${count} RUN instructions in a row; chain related commands with \`&&\` in one RUN`),
        });
      }
    }
    return out;
  },
};
