/**
 * RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` asks for what FROM does anyway. The fix removes the flag.
 */
import { DiagnosticTag } from 'vscode-languageserver-types';
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const REDUNDANT = /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/;

export const RedundantTargetPlatform: Rule = {
  id: 'RedundantTargetPlatform',
  severity: 'info',
  title: msg('불필요한 --platform=$TARGETPLATFORM', 'Redundant --platform=$TARGETPLATFORM'),
  why: msg(
    'FROM은 따로 지정하지 않으면 이미 빌드 대상 플랫폼(`$TARGETPLATFORM`)의 이미지를 가져옵니다. 그래서 `--platform=$TARGETPLATFORM` 옵션은 아무 효과가 없고, 읽는 사람에게 특별한 이유가 있는 것처럼 보이게 할 뿐입니다. 크로스 빌드에서 빌드하는 머신의 이미지가 필요하다면 `$BUILDPLATFORM` 변수를 쓰세요.',
    'FROM already pulls the image for the target platform (`$TARGETPLATFORM`) unless told otherwise, so `--platform=$TARGETPLATFORM` changes nothing and only suggests a special reason that is not there. If a cross build needs an image for the machine that builds, use `$BUILDPLATFORM`.',
  ),
  url: docsUrl('redundant-target-platform'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const s of doc.stages) {
      const f = s.from.flag('platform');
      if (!f || f.value === null || !REDUNDANT.test(f.value)) continue;
      out.push({
        range: f.range,
        message: msg('FROM의 --platform=$TARGETPLATFORM은 기본 동작과 같아서 필요 없습니다', 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior'),
        tags: [DiagnosticTag.Unnecessary],
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const s = doc.stages.find((st) => st.from.startLine <= finding.range.start.line && finding.range.start.line <= st.from.endLine);
    const f = s?.from.flag('platform');
    if (!s || !f || f.value === null || !REDUNDANT.test(f.value)) return [];
    // Remove `--platform=…` and the blanks after it, so `FROM --platform=$TARGETPLATFORM img` becomes `FROM img`.
    const start = s.from.doc.offsetAt(f.range.start);
    let end = s.from.doc.offsetAt(f.range.end);
    const text = doc.text;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return [
      {
        title: msg('--platform 플래그 지우기', 'Remove the --platform flag'),
        edits: [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText: '' }],
        preferred: true,
      },
    ];
  },
};
