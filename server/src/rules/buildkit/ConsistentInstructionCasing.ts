/**
 * ConsistentInstructionCasing, as BuildKit decides it: the file's majority casing (upper case unless lower-case
 * keywords outnumber upper-case ones) is the norm, and every keyword that does not follow it is flagged, mixed case
 * (`Run`) always. This replaces dockerfile-utils' `instructionCasing`, which demands upper case everywhere and so
 * flagged every line of an all-lowercase file that Docker itself considers fine.
 */
import { fill, fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { isLowerWord, isUpperWord, keywordAsWritten, memoByAst } from './util';
import type { Instr } from '../../service/document';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

const MESSAGE = msg("명령어 '{0}'의 대소문자를 파일의 다른 명령어처럼 {1}로 맞추세요", "Command '{0}' should match the case of the command majority ({1})");
const CASE = { upper: msg('대문자', 'uppercase'), lower: msg('소문자', 'lowercase') };

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Each instruction's casing, kept per parse: it depends on the keyword's text alone. */
const kindCache = new WeakMap<object, number>();

/** 1 upper, 2 lower, 0 mixed, 3 not counted (split over lines, or not a known instruction). */
function casingOf(ins: Instr): number {
  const kw = keywordAsWritten(ins);
  // Unknown words (template syntax, typos) are another problem (dockerfile-utils reports them); not counted here.
  if (kw === null || !KEYWORDS.has(ins.keyword)) return 3;
  if (isUpperWord(kw)) return 1;
  if (isLowerWord(kw)) return 2;
  return 0;
}

export const ConsistentInstructionCasing: Rule = {
  id: 'ConsistentInstructionCasing',
  severity: 'info',
  title: msg('명령어 대소문자 통일', 'Consistent instruction casing'),
  why: msg(
    'Dockerfile 명령어는 대소문자를 가리지 않지만, `FROM`과 `run`처럼 섞어 쓰면 어디까지가 명령어이고 어디부터가 인자인지 읽기 어려워집니다. 관례는 모두 대문자이고, 모두 소문자로 쓴 파일도 일관되기만 하면 괜찮습니다. 이 검사는 파일에서 더 많이 쓰인 쪽을 기준으로 삼습니다.',
    'Instruction keywords are case-insensitive, but mixing `FROM` with `run` makes it harder to see where the keyword ends and the arguments begin. The convention is all uppercase; an all-lowercase file is fine as long as it is consistent. This check takes the casing most of the file uses as the norm.',
  ),
  url: docsUrl('consistent-instruction-casing'),
  check({ doc }) {
    // Casing per instruction: 1 upper, 2 lower, 0 mixed or not on one line (skipped).
    const list = doc.instructions;
    const kinds = new Uint8Array(list.length);
    let upper = 0;
    let lower = 0;
    for (let i = 0; i < list.length; i++) {
      const kind = memoByAst(kindCache, list[i], casingOf);
      kinds[i] = kind;
      if (kind === 1) upper++;
      else if (kind === 2) lower++;
    }
    const wantUpper = upper >= lower;
    const out: Finding[] = [];
    const norm = wantUpper ? CASE.upper : CASE.lower;
    for (let i = 0; i < list.length; i++) {
      if (kinds[i] === 3 || kinds[i] === (wantUpper ? 1 : 2)) continue;
      const k = { text: keywordAsWritten(list[i])!, range: list[i].keywordRange };
      out.push({
        range: k.range,
        message: { ko: fill(MESSAGE.ko, [k.text, norm.ko]), en: fill(MESSAGE.en, [k.text, norm.en]) },
        data: { want: wantUpper ? k.text.toUpperCase() : k.text.toLowerCase() },
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const want = String(finding.data?.want ?? '');
    if (!want || doc.getText(finding.range).toLowerCase() !== want.toLowerCase()) return [];
    return [{ title: fillMsg(msg('대소문자 고치기: {0}', 'Change to {0}'), want), edits: [edit(finding.range, want)], preferred: true }];
  },
};
