/**
 * MaintainerDeprecated: MAINTAINER has been deprecated since Docker 1.13; a label carries the same information and
 * shows up in `docker inspect`. The fix writes the OCI authors label with the same text.
 */
import { DiagnosticTag } from 'vscode-languageserver-types';
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { isLowerWord, keywordAsWritten } from './util';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

/** A double-quoted LABEL value: backslash, quote and `$` would otherwise be interpreted. */
function quoteLabelValue(value: string): string {
  return '"' + value.replace(/[\\"$]/g, (c) => '\\' + c) + '"';
}

export const MaintainerDeprecated: Rule = {
  id: 'MaintainerDeprecated',
  severity: 'info',
  title: msg('MAINTAINER는 더 이상 쓰지 않습니다', 'MAINTAINER is deprecated'),
  why: msg(
    '`MAINTAINER`는 Docker 1.13부터 폐기(deprecated)된 명령입니다. 작성자 정보는 `LABEL org.opencontainers.image.authors="이름 <메일>"`처럼 라벨로 남기면 `docker inspect`와 레지스트리에서 표준 방식으로 읽을 수 있습니다.',
    '`MAINTAINER` has been deprecated since Docker 1.13. Record the author as a label, `LABEL org.opencontainers.image.authors="name <mail>"`, which `docker inspect` and registries read in a standard way.',
  ),
  url: docsUrl('maintainer-deprecated'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      out.push({
        range: ins.keywordRange,
        message: msg('MAINTAINER는 폐기되었습니다. LABEL을 쓰세요', 'MAINTAINER is deprecated; use a LABEL instead'),
        tags: [DiagnosticTag.Deprecated],
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins || ins.keyword !== 'MAINTAINER') return [];
    const who = ins.argsContent().trim();
    if (!who) return [];
    const kw = keywordAsWritten(ins);
    const label = kw && isLowerWord(kw) ? 'label' : 'LABEL';
    return [
      {
        title: msg('LABEL org.opencontainers.image.authors로 바꾸기', 'Replace with LABEL org.opencontainers.image.authors'),
        edits: [edit(ins.range, `${label} org.opencontainers.image.authors=${quoteLabelValue(who)}`)],
        preferred: true,
      },
    ];
  },
};
