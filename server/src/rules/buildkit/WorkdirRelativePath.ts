/**
 * WorkdirRelativePath: a relative WORKDIR before any absolute one in the stage (or in the stage it is built FROM)
 * depends on the base image's working directory, which can change with the next tag. Paths starting with a variable
 * may well be absolute once expanded, so they are left alone.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import { type Stage, stripQuotes } from '../../service/document';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg(
  '상대 경로 WORKDIR는 베이스 이미지가 바뀌면 다른 곳을 가리킬 수 있습니다: {0}',
  "Relative workdir '{0}' can have unexpected results if the base image changes",
);

function isAbsolute(path: string): boolean {
  // Unix `/x`, Windows `C:\x` or `C:/x`, and `\x`.
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

export const WorkdirRelativePath: Rule = {
  id: 'WorkdirRelativePath',
  severity: 'info',
  title: msg('상대 경로 WORKDIR', 'Relative WORKDIR'),
  why: msg(
    '`WORKDIR app`처럼 상대 경로를 쓰면 베이스 이미지에 설정된 작업 디렉터리를 기준으로 경로가 정해집니다. 지금은 `/app` 경로가 되더라도 베이스 이미지의 다음 버전이 작업 디렉터리를 바꾸면 파일이 엉뚱한 곳에 생깁니다. 스테이지의 첫 WORKDIR는 `/app`처럼 절대 경로로 쓰세요.',
    'A relative path such as `WORKDIR app` is resolved against the working directory the base image sets. It may be `/app` today, but if the next version of the base image changes its working directory, files end up somewhere else. Make the first WORKDIR of a stage absolute, e.g. `/app`.',
  ),
  url: docsUrl('workdir-relative-path'),
  check({ doc }) {
    const out: Finding[] = [];
    const hasAbsolute = new Map<Stage, boolean>();
    for (const stage of doc.stages) {
      let absolute = stage.parent ? hasAbsolute.get(stage.parent) ?? false : false;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        const path = stripQuotes(ins.argsContent().trim());
        if (!path) continue;
        if (isAbsolute(path)) absolute = true;
        else if (!absolute && !path.startsWith('$')) {
          out.push({ range: ins.argsRange() ?? ins.range, message: fillMsg(MESSAGE, path) });
        }
      }
      hasAbsolute.set(stage, absolute);
    }
    return out;
  },
};
