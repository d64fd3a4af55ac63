/**
 * DL3061: a Dockerfile must start with FROM (ARG, comments and parser directives may come before it). BuildKit stops
 * at the first other instruction before FROM with "no build stage in current context" (frontend/dockerfile/
 * instructions/parse.go, Parse → CurrentStage). dockerfile-utils' `noSourceImage` on that instruction says the same
 * and is dropped for this rule (rules/engine.ts isSupersededValidatorCode).
 */
import { msg } from '../../../../common/src/i18n';
import type { Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3061: Rule = {
  id: 'DL3061',
  severity: 'error',
  title: msg('Dockerfile은 FROM이나 ARG로 시작해야 합니다', 'A Dockerfile must begin with FROM, ARG or a comment'),
  why: msg('빌드는 FROM으로 베이스 이미지를 정한 뒤에야 명령을 실행할 수 있습니다. FROM 앞에는 FROM에서 쓸 ARG와 주석(파서 지시어 포함)만 올 수 있고, 다른 명령이 오면 빌드가 실패합니다.', 'A build can only run instructions once FROM has set the base image. Before FROM there may only be ARGs used by FROM and comments (parser directives included); anything else fails the build.'),
  url: hadolintUrl('DL3061'),
  check({ doc }) {
    const first = doc.instructions.find((i) => i.keyword !== 'ARG');
    if (!first || first.keyword === 'FROM') return [];
    // "Before any FROM": the document may have no FROM at all, and the message must hold then too.
    return [
      {
        range: first.keywordRange,
        message: msg(
          `\`${first.keyword}\` 명령이 FROM보다 먼저 나옵니다. 첫 FROM 앞에는 ARG만 쓸 수 있어서 빌드가 이 줄에서 실패합니다`,
          `\`${first.keyword}\` comes before any FROM: only ARG may come before the first FROM, so the build fails here`,
        ),
      },
    ];
  },
};
