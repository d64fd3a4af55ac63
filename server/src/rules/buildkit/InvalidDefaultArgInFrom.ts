/**
 * InvalidDefaultArgInFrom: with the global ARG defaults alone (no --build-arg), the image of a FROM line expands to
 * an empty or invalid reference, so a plain `docker build .` fails. Names nobody declares are UndefinedArgInFrom's
 * business and are skipped here, so one mistake gives one diagnostic.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { expandWith, globalArgValues, isBuiltinArg, PLATFORM_ARGS, relativeVariables } from './util';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg(
  "ARG 기본값만으로는 베이스 이미지 이름이 비거나 잘못됩니다: {0} → '{1}'",
  "Default value for ARG {0} results in empty or invalid base image name '{1}'",
);

// Docker's reference grammar, reduced to what decides validity: optional registry host[:port], lower-case path
// components separated by `/`, optional `:tag`, optional `@algo:hex` digest.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)';
const REFERENCE = new RegExp(
  `^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

const PATH_COMPONENT = new RegExp(`^${COMPONENT}$`);

export function isValidImageReference(ref: string): boolean {
  if (ref.length === 0 || ref.length > 255 + 128) return false;
  // A first component without `.`/`:` and other than localhost is a path component, which must be lower case.
  const slash = ref.indexOf('/');
  if (slash > 0) {
    const first = ref.slice(0, slash);
    const isHost = first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
    if (!isHost && !PATH_COMPONENT.test(first)) return false;
  }
  return REFERENCE.test(ref);
}

export const InvalidDefaultArgInFrom: Rule = {
  id: 'InvalidDefaultArgInFrom',
  severity: 'warning',
  title: msg('ARG 기본값으로 만든 이미지 이름이 잘못됨', 'Invalid base image from ARG defaults'),
  why: msg(
    'FROM에 ARG를 쓰면 `--build-arg` 없이 `docker build .`만 해도 빌드가 되어야 합니다. 기본값 없이 `ARG TAG`만 선언하고 `FROM debian:${TAG}`처럼 쓰면 이미지 이름이 `debian:`처럼 태그가 빈 이름이 되어 빌드가 실패합니다. ARG에 기본값을 주거나 `${TAG:-bookworm}`처럼 기본값을 FROM 안에 쓰세요.',
    'A FROM line that uses ARGs should still build with a plain `docker build .`, without `--build-arg`. With `ARG TAG` (no default), `FROM debian:${TAG}` becomes `debian:` and the build fails. Give the ARG a default, or write one in place: `${TAG:-bookworm}`.',
  ),
  url: docsUrl('invalid-default-arg-in-from'),
  check({ doc }) {
    const out: Finding[] = [];
    // Global ARGs all precede the first FROM, so every FROM line sees the same values.
    let values: Map<string, string | null> | undefined;
    let stageIndex: Map<string, number> | undefined;
    for (const s of doc.stages) {
      if (s.image === null || s.imageRange === null || !s.image.includes('$')) continue;
      const vals = (values ??= globalArgValues(doc, s.from.startLine));
      const vars = relativeVariables(s.from).filter((v) => v.range.start.line + s.from.startLine >= s.imageRange!.start.line);
      if (vars.some((v) => !vals.has(v.name) && !PLATFORM_ARGS.has(v.name) && !isBuiltinArg(v.name))) continue;
      const expanded = expandWith(s.image, vals);
      if (expanded === null) continue;
      if (!stageIndex) {
        stageIndex = new Map();
        for (const st of doc.stages) if (st.name !== null && !stageIndex.has(st.name.toLowerCase())) stageIndex.set(st.name.toLowerCase(), st.index);
      }
      const named = stageIndex.get(expanded.toLowerCase());
      if (named !== undefined && named < s.index) continue;
      if (expanded.toLowerCase() === 'scratch' || isValidImageReference(expanded)) continue;
      out.push({ range: s.imageRange, message: fillMsg(MESSAGE, s.image, expanded) });
    }
    return out;
  },
};
