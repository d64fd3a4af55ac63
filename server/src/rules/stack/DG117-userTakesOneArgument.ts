/**
 * DG117: `USER nobody nogroup`. USER takes one name, `user[:group]`. Neither builder refuses a second word: BuildKit's
 * parser hands USER the whole rest of the line as one string (frontend/dockerfile/parser/parser.go maps USER to
 * parseString), so parseUser (frontend/dockerfile/instructions/parse.go) sees exactly one argument, and dispatchUser
 * (dockerfile2llb/convert.go; the classic builder's daemon/builder/dockerfile/dispatchers.go the same) stores
 * `nobody nogroup` as the user. The lookup of that name fails at the next RUN and at `docker run` (checked on the
 * local engine under both builders: `unable to find user nobody nogroup: no matching entries in passwd file`).
 *
 * dockerfile-utils checks USER only for a missing argument, so nothing else reports this. Windows images are left
 * alone: their account names (`NT AUTHORITY\…`) may hold spaces.
 */
import { msg } from '../../../../common/src/i18n';
import type { Instr, ParsedDocument } from '../../service/document';
import { rootImage } from '../../service/pid1Shell';
import type { Finding, Fix, Rule } from '../types';
import { edit } from '../helpers/edits';

/** A word of the USER value: blanks inside quotes or `${…}` do not split it. */
interface Word {
  text: string;
  start: number;
  end: number;
}

/** The USER value split where the builder keeps a blank in the name: outside quotes and `${…}`. */
export function userWords(content: string): Word[] {
  const out: Word[] = [];
  let start = -1;
  let quote = '';
  let braces = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    const blank = c === ' ' || c === '\t' || c === '\n' || c === '\r';
    if (blank && braces === 0) {
      if (start >= 0) out.push({ text: content.slice(start, i), start, end: i });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '$' && content[i + 1] === '{') braces++, i++;
    else if (c === '}' && braces > 0) braces--;
  }
  if (start >= 0) out.push({ text: content.slice(start), start, end: content.length });
  return out;
}

const WINDOWS_IMAGE = /windows|nanoserver|servercore|ltsc/i;

function onWindows(doc: ParsedDocument, ins: Instr): boolean {
  if (doc.escapeChar === '`') return true;
  const image = ins.stage ? rootImage(ins.stage) : null;
  return image !== null && WINDOWS_IMAGE.test(image);
}

/** The USER instructions whose value has a blank outside quotes, with that value split into words. */
function spaced(doc: ParsedDocument, ins: Instr): Word[] | null {
  if (ins.keyword !== 'USER') return null;
  const words = userWords(ins.argsContent().trim());
  if (words.length < 2 || onWindows(doc, ins)) return null;
  return words;
}

/** Two plain words, neither a group already nor quoted: the author meant `user:group`. */
function userAndGroup(words: Word[]): [string, string] | null {
  if (words.length !== 2) return null;
  const [u, g] = words.map((w) => w.text);
  if (/[:"'#]/.test(u + g)) return null;
  return [u, g];
}

export const DG117: Rule = {
  id: 'DG117',
  severity: 'error',
  title: msg('USER에는 이름 하나만 씁니다 (`user[:group]`)', 'USER takes one name (`user[:group]`)'),
  why: msg(
    'USER의 형식은 `USER 사용자[:그룹]` 하나뿐입니다. `USER nobody nogroup`처럼 단어를 둘 쓰면 빌드가 거부하지 않고, 공백을 포함한 `nobody nogroup` 전체를 사용자 이름으로 저장합니다(BuildKit과 예전 빌더 모두). 이런 이름의 사용자는 없으므로 다음 RUN에서 `unable to find user nobody nogroup: no matching entries in passwd file` 오류로 빌드가 멈추고, 뒤에 RUN이 없으면 `docker run`이 같은 오류로 컨테이너를 시작하지 못합니다(종료 코드 125). 그룹은 콜론 뒤에 붙여 `USER nobody:nogroup`처럼 쓰세요. 줄 끝에 붙인 `# 설명`도 주석이 아니라 이름의 일부가 됩니다. Dockerfile의 주석은 줄 맨 앞의 `#`만 인정됩니다.',
    'USER has one form: `USER user[:group]`. With two words, as in `USER nobody nogroup`, the build does not refuse it: both builders store `nobody nogroup`, space included, as the user name. No user has that name, so the next RUN stops the build with `unable to find user nobody nogroup: no matching entries in passwd file`, and without a later RUN `docker run` fails with the same error (exit code 125). Put the group after a colon: `USER nobody:nogroup`. A `# note` at the end of the line becomes part of the name too: a Dockerfile comment starts only at the beginning of a line.',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const words = spaced(doc, ins);
      if (!words) continue;
      const value = ins.argsContent().trim();
      const range = ins.argsRange() ?? ins.range;
      const hash = words.findIndex((w, i) => i > 0 && w.text.startsWith('#'));
      const pair = userAndGroup(words);
      let message;
      if (hash > 0) {
        const name = words[0].text;
        message = msg(
          `\`#\` 기호는 줄 맨 앞에서만 주석을 시작합니다. 여기서는 \`${value}\` 전체가 사용자 이름이 되어, 다음 RUN과 \`docker run\`이 \`unable to find user\` 오류로 실패합니다. 주석은 윗줄로 옮기고 \`USER ${name}\`만 남기세요`,
          `\`#\` starts a comment only at the beginning of a line: the user name here is all of \`${value}\`, so the next RUN and \`docker run\` fail with \`unable to find user\`. Move the comment to its own line and keep \`USER ${name}\``,
        );
      } else {
        const hint = pair
          ? msg(`그룹은 콜론 뒤에 쓰세요: \`USER ${pair[0]}:${pair[1]}\``, `Put the group after a colon: \`USER ${pair[0]}:${pair[1]}\``)
          : msg('USER에는 `사용자[:그룹]` 하나만 쓰세요', 'USER takes one `user[:group]`');
        message = msg(
          `Docker는 USER 뒤의 내용을 통째로 이름 하나로 읽어, 공백을 포함한 \`${value}\` 전체가 사용자 이름이 됩니다. 그런 사용자는 없으므로 다음 RUN에서 빌드가 멈추고 \`docker run\`도 실패합니다(\`unable to find user ${value}: no matching entries in passwd file\`). ${hint.ko}`,
          `Docker reads everything after USER as one name, so the user is \`${value}\`, space included. No such user exists: the next RUN stops the build and \`docker run\` fails (\`unable to find user ${value}: no matching entries in passwd file\`). ${hint.en}`,
        );
      }
      out.push({ range, message });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins) return [];
    const words = spaced(doc, ins);
    const args = ins.args();
    if (!words || args.length !== words.length) return [];
    const hash = words.findIndex((w, i) => i > 0 && w.text.startsWith('#'));
    if (hash > 0) return moveComment(doc, ins, hash);
    const pair = userAndGroup(words);
    if (!pair) return [];
    // dockerfile-ast splits USER at every blank, which matches our words when none is quoted (userAndGroup).
    const between = { start: args[0].range.end, end: args[1].range.start };
    return [{ title: msg(`\`${pair[0]}:${pair[1]}\`(사용자:그룹)로 고치기`, `Change to \`${pair[0]}:${pair[1]}\` (user:group)`), edits: [edit(between, ':')], preferred: true }];
  },
};

/** `USER app # note` on one line → `# note` on the line above, `USER app` left. */
function moveComment(doc: ParsedDocument, ins: Instr, hash: number): Fix[] {
  if (ins.startLine !== ins.endLine) return [];
  const args = ins.args();
  const line = doc.lineText(ins.startLine);
  const indent = /^[ \t]*/.exec(line)![0];
  const comment = line.slice(args[hash].range.start.character).trimEnd();
  const keepEnd = args[hash - 1].range.end;
  const lineEnd = { line: ins.startLine, character: line.length };
  const lineStart = { line: ins.startLine, character: 0 };
  return [
    {
      title: msg('주석을 윗줄로 옮기기', 'Move the comment to the line above'),
      edits: [edit({ start: lineStart, end: lineStart }, `${indent}${comment}\n`), edit({ start: keepEnd, end: lineEnd }, '')],
      preferred: true,
    },
  ];
}
