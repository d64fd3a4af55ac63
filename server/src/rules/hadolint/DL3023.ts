/** DL3023: `COPY --from` naming the stage it is in: a stage cannot read its own result. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3023: Rule = {
  id: 'DL3023',
  severity: 'error',
  title: msg('COPY --from이 자기 스테이지를 가리킵니다', 'COPY --from cannot reference its own FROM alias'),
  why: msg('스테이지는 빌드가 끝나기 전에는 자기 자신의 결과를 읽을 수 없으므로, `--from`에 지금 스테이지의 이름을 쓰면 빌드가 실패합니다. 파일을 가져올 앞 스테이지의 이름을 쓰세요.', 'A stage cannot read its own result before it is finished, so naming the current stage in `--from` fails the build. Name the earlier stage that holds the files.'),
  url: hadolintUrl('DL3023'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'COPY' || !ins.stage) continue;
      const f = ins.flag('from');
      const v = f?.value;
      if (!f || !v) continue;
      const own = ins.stage.name?.toLowerCase() === v.toLowerCase() || v === String(ins.stage.index);
      if (!own) continue;
      out.push({ range: f.valueRange ?? f.range, message: msg(`\`--from=${v}\`: 지금 스테이지 자신을 가리킵니다`, `\`--from=${v}\` is the current stage itself`) });
    }
    return out;
  },
};
