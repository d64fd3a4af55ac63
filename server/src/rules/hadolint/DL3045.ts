/** DL3045: a relative COPY destination with no WORKDIR in the stage depends on the base image's working folder. */
import { msg } from '../../../../common/src/i18n';
import { stripQuotes } from '../../service/document';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { writtenArg } from '../helpers/written';

/**
 * Absolute for this rule: `/…`, a variable (it may expand to one), or a Windows drive path `C:\…` / `C:/…`, as
 * hadolint's DL3045 (isWindowsAbsolute) counts a drive letter. The test reads the destination as written, since
 * dockerfile-ast's value of `c:\app` under the default escape is `c:app`. (The builder reads it the same way and so
 * loses the separators, a Windows-escape mistake of its own that a missing WORKDIR does not describe.) A bare
 * `c:app`, relative to the drive's current folder, stays relative.
 */
function isAbsoluteDestination(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path);
}

export const DL3045: Rule = {
  id: 'DL3045',
  severity: 'info', // works as written (WORKDIR defaults to / and cd is scoped to its RUN): best practice under our policy
  title: msg('WORKDIR 없이 상대 경로로 COPY합니다', 'COPY to a relative destination without WORKDIR set'),
  why: msg(
    'WORKDIR를 정하지 않으면 상대 경로 대상은 베이스 이미지의 작업 폴더(debian은 `/`)를 기준으로 합니다. 지금은 동작해도 베이스 이미지가 바뀌면 파일이 엉뚱한 곳에 복사됩니다. `/etc/nginx/…`처럼 절대 경로를 쓰거나 먼저 WORKDIR를 지정하세요.',
    "Without a WORKDIR, a relative destination is resolved against the base image's working folder (`/` for debian). It works today, but a different base image puts the files elsewhere. Write an absolute path such as `/etc/nginx/…`, or set WORKDIR first.",
  ),
  url: hadolintUrl('DL3045'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const stage of doc.stages) {
      const chain = [];
      for (let s: typeof stage | null = stage; s && chain.length < 64; s = s.parent) chain.push(s);
      let workdir = chain.slice(1).some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'));
      for (const ins of stage.instructions) {
        if (ins.keyword === 'WORKDIR') workdir = true;
        if (ins.keyword !== 'COPY' || workdir) continue;
        const json = ins.jsonStrings();
        const args = json ?? ins.args();
        if (args.length < 2) continue;
        const dest = args[args.length - 1];
        const v = stripQuotes(writtenArg(doc, dest, json !== null));
        if (isAbsoluteDestination(v) || ins.heredocs().length) continue;
        out.push({ range: dest.range, message: msg(`WORKDIR 없이 상대 경로에 복사합니다: \`${v}\`. 절대 경로를 쓰세요`, `Copying to the relative \`${v}\` with no WORKDIR set; use an absolute path`) });
      }
    }
    return out;
  },
};
