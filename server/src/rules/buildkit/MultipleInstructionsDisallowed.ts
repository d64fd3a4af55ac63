/**
 * MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier
 * ones are dead code (ft_server students often keep a "keep alive" CMD that never runs). Replaces dockerfile-utils'
 * instructionCmdMultiple / instructionEntrypointMultiple / instructionHealthcheckMultiple.
 */
import { DiagnosticTag } from 'vscode-languageserver-types';
import { fill, msg } from '../../../../common/src/i18n';
import type { Instr } from '../../service/document';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const KEYWORDS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];
const MESSAGE = msg(
  '한 스테이지에 {0}가 여러 번 있으면 마지막 것만 적용됩니다 (마지막 {0}: {1}번 줄)',
  'Multiple {0} instructions should not be used in the same stage because only the last one will be used (line {1})',
);

export const MultipleInstructionsDisallowed: Rule = {
  id: 'MultipleInstructionsDisallowed',
  severity: 'warning',
  title: msg('CMD/ENTRYPOINT/HEALTHCHECK 중복', 'Multiple CMD/ENTRYPOINT/HEALTHCHECK'),
  why: msg(
    '`CMD`, `ENTRYPOINT`, `HEALTHCHECK`는 이미지 설정값이라 한 스테이지에서 여러 번 쓰면 마지막 것만 남고 앞의 것은 아무 일도 하지 않습니다. 여러 서비스를 차례로 띄우려고 `CMD`를 두 줄 쓰면 앞의 서비스는 시작되지 않습니다. 여러 명령이 필요하면 하나의 시작 스크립트로 묶으세요.',
    '`CMD`, `ENTRYPOINT` and `HEALTHCHECK` set image configuration, so when a stage has several, only the last one remains and the earlier ones do nothing. Writing two `CMD` lines to start two services starts only the last. If you need several commands, put them in one start script.',
  ),
  url: docsUrl('multiple-instructions-disallowed'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const stage of doc.stages) {
      for (const kw of KEYWORDS) {
        const same: Instr[] = stage.instructions.filter((i) => i.keyword === kw);
        const last = same[same.length - 1];
        for (const ins of same.slice(0, -1)) {
          out.push({
            range: ins.keywordRange,
            message: { ko: fill(MESSAGE.ko, [kw, last.startLine + 1]), en: fill(MESSAGE.en, [kw, last.startLine + 1]) },
            tags: [DiagnosticTag.Unnecessary],
          });
        }
      }
    }
    return out;
  },
};
