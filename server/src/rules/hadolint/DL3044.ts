/**
 * DL3044: `ENV A=1 B=$A`: all values of one ENV are expanded before any of them is set, so `$A` is the old (usually
 * empty) value, not 1 (BuildKit frontend/dockerfile/dockerfile2llb/convert.go: the words of a command are expanded
 * with getEnv(d.state), the state before it; dispatchEnv adds the pairs afterwards).
 *
 * The same order loses a whole assignment when one ENV sets a name twice and the second value refers to it:
 * `ENV PATH=/a:$PATH PATH=/b:$PATH` expands the second `$PATH` to the PATH before the ENV, then sets PATH twice, so
 * the image's PATH starts with `/b` and has no `/a` (test/claims/build.test.ts builds it). This is reported even when
 * the name had a value before, which the plain case is not.
 *
 * BuildKit's UndefinedVar also fires on such a `$A` when nothing defined A before. It calls A undefined on the very
 * line that defines it; this rule names the cause, so UndefinedVar leaves these references to it
 * (sameEnvReferences).
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import type { Instr, PropertyInfo, VariableRef } from '../../service/document';

/** Per instruction text (kept per parse): the cheap filter below, so an ENV is not re-read on every version. */
const suspiciousCache = new WeakMap<object, boolean>();

/**
 * Cheap filter on the ENV's text: some name assigned in it must appear as `$NAME`/`${NAME` after the next assignment
 * starts (`PATH=/x:$PATH` refers to the old value, correctly).
 */
function suspicious(ins: Instr): boolean {
  let raw = '';
  for (let l = ins.startLine; l <= ins.endLine; l++) raw += ins.doc.rawLine(l);
  if (!raw.includes('$')) return false;
  const assigns = [...raw.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)];
  return assigns.some((m, i) => {
    const next = assigns[i + 1];
    if (!next) return false;
    const rest = raw.slice(next.index);
    return rest.includes('$' + m[1]) || rest.includes('${' + m[1]);
  });
}

/**
 * The references in an ENV's values to a name that an earlier pair of the same ENV assigns (`$A` in `ENV A=1 B=$A`).
 * Whether the name had a value before the ENV is not looked at here.
 */
export function sameEnvReferences(ins: Instr): VariableRef[] {
  if (ins.keyword !== 'ENV') return [];
  let worth = suspiciousCache.get(ins.ast);
  if (worth === undefined) suspiciousCache.set(ins.ast, (worth = suspicious(ins)));
  if (!worth) return [];
  const props = ins.properties();
  if (props.length < 2) return [];
  const refs = ins.variables();
  const out: VariableRef[] = [];
  for (let k = 1; k < props.length; k++) {
    const vr = props[k].valueRange;
    if (!vr) continue;
    for (const r of refs) {
      if (within(r.range, vr) && props.slice(0, k).some((p) => p.name === r.name)) out.push(r);
    }
  }
  return out;
}

export const DL3044: Rule = {
  id: 'DL3044',
  severity: 'warning',
  title: msg('같은 ENV 안에서 정의한 변수를 참조하지 마세요', 'Do not refer to an environment variable within the same ENV statement where it is defined'),
  why: msg('한 ENV 명령의 값들은 모두 한꺼번에 치환된 뒤에 설정됩니다. 그래서 `ENV A=1 B=$A`의 `$A`는 1이 아니라 그 이전 값(대개 빈 문자열)이 됩니다. 같은 이름을 한 ENV에서 두 번 설정하면(`ENV PATH=/a:$PATH PATH=/b:$PATH`) 두 번째 값도 이 ENV 이전의 PATH에서 시작하므로 첫 번째 설정은 사라집니다. 참조하는 변수는 별도의 ENV로 먼저 정의하세요.', 'All values of one ENV are substituted before any of them is set, so in `ENV A=1 B=$A`, `$A` is the previous value (usually empty), not 1. When one ENV sets a name twice (`ENV PATH=/a:$PATH PATH=/b:$PATH`), the second value also starts from the PATH before this ENV, so the first setting is lost. Define the variable in an earlier ENV of its own.'),
  url: hadolintUrl('DL3044'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const refs = sameEnvReferences(ins);
      if (refs.length === 0) continue;
      const props = ins.properties();
      const definedBefore = (name: string) => doc.varDefs.some((d) => d.name === name && d.instr.startLine < ins.startLine && d.stage === ins.stage);
      for (const r of refs) {
        const lost = lostAssignment(props, r);
        if (lost) {
          // `ENV PATH=/a:$PATH PATH=/b:$PATH`: the second value starts from the PATH before this ENV, and replaces the
          // first, so `/a` is in neither. That holds whether or not the name had a value before (the image's PATH does).
          const text = ins.doc.getText(lost.range);
          const ref = ins.doc.getText(r.range);
          out.push({
            range: r.range,
            message: msg(
              `이 ENV에서 앞서 쓴 \`${text}\` 할당은 사라집니다. 여기의 \`${ref}\` 참조는 이 ENV 이전의 값으로 치환되고, 같은 변수를 다시 설정하는 이 할당이 앞의 할당을 덮어씁니다`,
              `\`${text}\` earlier in this ENV is lost: \`${ref}\` here is still the value from before this ENV, and this assignment of the same name replaces it`,
            ),
          });
          continue;
        }
        if (definedBefore(r.name)) continue;
        out.push({ range: r.range, message: msg(`\`${r.name}\` 변수는 같은 ENV에서 정의되므로 여기서는 이전 값으로 치환됩니다`, `\`${r.name}\` is defined in this same ENV, so the previous value is substituted`) });
      }
    }
    return out;
  },
};

/**
 * For a reference inside the value of a pair that assigns the referenced name itself (`PATH=/b:$PATH`), the nearest
 * earlier pair of the same ENV that assigns that name too: its value never reaches the image. Null otherwise.
 */
function lostAssignment(props: PropertyInfo[], r: VariableRef): PropertyInfo | null {
  const k = props.findIndex((p) => p.valueRange !== null && within(r.range, p.valueRange));
  if (k < 0 || props[k].name !== r.name) return null;
  for (let j = k - 1; j >= 0; j--) if (props[j].name === r.name) return props[j];
  return null;
}

function within(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  const le = (x: typeof a.start, y: typeof a.start) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(b.start, a.start) && le(a.end, b.end);
}
