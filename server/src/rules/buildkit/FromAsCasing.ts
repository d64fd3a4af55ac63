/**
 * FromAsCasing: `FROM image as name` mixes an upper-case FROM with a lower-case `as` (or the other way round). The fix
 * writes AS in the casing of the FROM keyword.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { isLowerWord, isUpperWord, keywordAsWritten } from './util';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

const MESSAGE = msg("'{0}'와 '{1}' 키워드의 대소문자가 맞지 않습니다", "'{0}' and '{1}' keywords' casing do not match");

export const FromAsCasing: Rule = {
  id: 'FromAsCasing',
  severity: 'info',
  title: msg('FROM과 AS의 대소문자를 맞추기', 'FROM and AS casing should match'),
  why: msg(
    'Dockerfile 키워드는 대문자로 쓰든 소문자로 쓰든 동작은 같지만, 한 줄 안에서 대문자 `FROM`과 소문자 `as`처럼 섞어 쓰면 읽기 어렵고 스테이지 이름이 눈에 잘 띄지 않습니다. `FROM … AS …`처럼 둘 다 대문자로, 또는 둘 다 소문자로 맞추세요.',
    'Dockerfile keywords work in either case, but mixing `FROM` with `as` on one line is harder to read and hides the stage name. Write both upper case (`FROM … AS …`) or both lower case.',
  ),
  url: docsUrl('from-as-casing'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const s of doc.stages) {
      const from = keywordAsWritten(s.from);
      const as = s.from.args()[1];
      if (!from || !as || as.value.toLowerCase() !== 'as') continue;
      const bad = (isUpperWord(from) && !isUpperWord(as.value)) || (isLowerWord(from) && !isLowerWord(as.value));
      if (!bad) continue;
      out.push({
        range: as.range,
        message: fillMsg(MESSAGE, as.value, from),
        data: { want: isUpperWord(from) ? 'AS' : 'as' },
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const want = finding.data?.want;
    if ((want !== 'AS' && want !== 'as') || doc.getText(finding.range).toLowerCase() !== 'as') return [];
    return [{ title: fillMsg(msg("'{0}'로 바꾸기", "Change to '{0}'"), want), edits: [edit(finding.range, want)], preferred: true }];
  },
};
