/**
 * UndefinedArgInFrom: a FROM line uses `$NAME` that no global ARG (an ARG before the first FROM) declares and that is
 * not one of the predefined platform ARGs. It expands to an empty string, and a misspelt `$BUILDPLATFROM` silently
 * drops the platform. A close match among the declared names is suggested.
 */
import { fill, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { editDistance, isBuiltinArg, PLATFORM_ARGS, relativeVariables, shiftLines } from './util';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg('FROM에서 선언하지 않은 ARG를 썼습니다: {0}', "FROM argument '{0}' is not declared");
const SUGGEST = msg(' ({0}의 오타인가요?)', " (did you mean '{0}'?)");

/** The closest name within a small edit distance, or null. */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const max = name.length <= 4 ? 1 : 2;
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c, max);
    if (d <= max && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

export const UndefinedArgInFrom: Rule = {
  id: 'UndefinedArgInFrom',
  severity: 'warning',
  title: msg('FROM에서 선언하지 않은 ARG 사용', 'Undeclared ARG in FROM'),
  why: msg(
    'FROM 줄에서는 첫 FROM보다 위에 선언한 전역 ARG와 `TARGETPLATFORM`, `BUILDPLATFORM` 같은 미리 정의된 ARG만 쓸 수 있습니다. 선언하지 않은 이름은 빈 문자열로 바뀌어 `debian:`처럼 잘못된 이미지 이름이 되거나, 오타 난 플랫폼 변수가 조용히 무시됩니다. 첫 FROM 위에 `ARG 이름=기본값`을 선언하세요.',
    'A FROM line can only use global ARGs (declared before the first FROM) and the predefined ones such as `TARGETPLATFORM` and `BUILDPLATFORM`. An undeclared name expands to an empty string, giving an invalid image name such as `debian:`, or a misspelt platform variable is silently ignored. Declare `ARG NAME=default` above the first FROM.',
  ),
  url: docsUrl('undefined-arg-in-from'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const s of doc.stages) {
      const vars = relativeVariables(s.from);
      if (vars.length === 0) continue;
      const declared = new Set<string>();
      for (const d of doc.globalArgs) if (d.instr.startLine < s.from.startLine) declared.add(d.name);
      for (const v of vars) {
        if (declared.has(v.name) || PLATFORM_ARGS.has(v.name) || isBuiltinArg(v.name)) continue;
        const near = closestName(v.name, [...declared, ...PLATFORM_ARGS]);
        out.push({
          range: shiftLines(v.nameRange, s.from.startLine),
          message: {
            ko: fill(MESSAGE.ko, [v.name]) + (near ? fill(SUGGEST.ko, [near]) : ''),
            en: fill(MESSAGE.en, [v.name]) + (near ? fill(SUGGEST.en, [near]) : ''),
          },
          data: near ? { suggestion: near } : undefined,
        });
      }
    }
    return out;
  },
};
