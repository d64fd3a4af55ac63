/**
 * LegacyKeyValueFormat: `ENV key value` / `LABEL key value`. The legacy form takes everything after the key as one
 * value, so `ENV A 1 B 2` sets A to "1 B 2", and it cannot set two keys in one instruction; Docker asks for `key=value`.
 *
 * The fix writes `key=value` with the same value: a value without blanks is kept as written (quotes behave the same
 * in both forms); a value with blanks and no quotes or backslashes is wrapped in double quotes (so `$VAR` still
 * expands). Anything else is left for the user.
 *
 * `LABEL maintainer = "x"` (blanks around `=`) is the legacy form with the value `= "x"` (BuildKit parser/
 * line_parsers.go parseNameVal; instructions/parse.go parseKvps marks it NoDelim, which is what BuildKit's check
 * reports). DG110 reports that case and says what the value became, so this rule stays quiet wherever DG110's
 * spacedEquals matches. Where it does not (an `=` that only follows a line continuation), this rule still reports,
 * and its fix drops the stray `=`.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import type { Instr, PropertyInfo } from '../../service/document';
import { memoByAst } from './util';
import { docsUrl } from '../helpers/urls';
import { spacedEquals } from '../stack/DG110-spacesAroundEquals';

/**
 * Whether an instruction has a legacy property that DG110 does not report, per AST (shared by versions whose chunk
 * did not change).
 */
const legacyCache = new WeakMap<object, boolean>();

const MESSAGE = msg(
  '"{0} 키 값" 형식은 예전 방식입니다. "{0} {1}=값"으로 쓰세요',
  '"{0} key=value" should be used instead of legacy "{0} key value" format ({1})',
);

function hasUnquotedBlank(raw: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ' ' || c === '\t') return true;
  }
  return false;
}

/** The `key=value` text for a legacy property, or null when we cannot keep the value exactly. */
function modernForm(name: string, raw: string): string | null {
  let value = raw.trim();
  if (value.startsWith('=')) value = value.slice(1).trimStart();
  if (value === '') return null;
  if (!hasUnquotedBlank(value)) return `${name}=${value}`;
  if (/["'\\]/.test(value)) return null;
  return `${name}="${value}"`;
}

function legacyProps(props: PropertyInfo[]): PropertyInfo[] {
  return props.filter((p) => p.operator === null && p.value !== null && p.valueRange !== null && p.name);
}

/** Whether an ENV or LABEL uses the legacy `key value` form where DG110 does not report it (kept per parse). */
function hasLegacyProps(ins: Instr): boolean {
  return legacyProps(ins.properties()).length > 0 && !spacedEquals(ins);
}

export const LegacyKeyValueFormat: Rule = {
  id: 'LegacyKeyValueFormat',
  severity: 'info',
  title: msg('예전 "키 값" 형식', 'Legacy "key value" format'),
  why: msg(
    '`ENV 키 값` 형식은 키 뒤의 모든 내용을 하나의 값으로 취급합니다. 그래서 `ENV A 1 B 2`는 A에 "1 B 2"를 넣고, 한 줄에 여러 변수를 정의할 수도 없습니다. `LABEL maintainer = "이름"`처럼 `=` 양옆에 공백을 두면 이 예전 형식으로 읽혀 `= "이름"` 전체가 값이 됩니다. `ENV 키=값` 형식으로 쓰세요.',
    'The `ENV key value` form takes everything after the key as one value: `ENV A 1 B 2` sets A to "1 B 2", and one line cannot define several variables. Blanks around `=`, as in `LABEL maintainer = "name"`, also select this legacy form, and the value becomes `= "name"`. Write `ENV key=value`.',
  ),
  url: docsUrl('legacy-key-value-format'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
      if (!memoByAst(legacyCache, ins, hasLegacyProps)) continue;
      for (const p of legacyProps(ins.properties())) {
        out.push({ range: ins.keywordRange.start.line === p.range.start.line ? { start: ins.keywordRange.start, end: p.range.end } : p.range, message: fillMsg(MESSAGE, ins.keyword, p.name) });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins || (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL')) return [];
    const p = legacyProps(ins.properties())[0];
    if (!p || !p.valueRange || p.valueRange.start.line !== p.valueRange.end.line) return [];
    const next = modernForm(p.name, doc.getText(p.valueRange));
    if (next === null) return [];
    return [
      {
        title: fillMsg(msg('{0} 형식으로 바꾸기', 'Change to {0}'), next),
        edits: [{ range: { start: p.nameRange.start, end: p.valueRange.end }, newText: next }],
        preferred: true,
      },
    ];
  },
};
