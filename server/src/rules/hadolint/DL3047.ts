/** DL3047: wget's default progress bar prints thousands of lines into the build log for a big file. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

export const DL3047: Rule = {
  id: 'DL3047',
  severity: 'info',
  title: msg('wget에 --progress를 지정하세요', 'Use wget --progress'),
  why: msg(
    '터미널이 아닌 빌드 로그에서 wget은 진행 표시를 점으로 찍어, 큰 파일 하나에 로그가 수천 줄로 불어납니다. `wget --progress=dot:giga`처럼 출력을 줄이거나 `-q`, `-nv` 옵션으로 조용히 받으세요.',
    'Outside a terminal, wget prints its progress as dots, and one big file can add thousands of lines to the build log. Shorten it with `wget --progress=dot:giga`, or use `-q`/`-nv`.',
  ),
  url: hadolintUrl('DL3047'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        if (c.name !== 'wget') continue;
        const args = c.words.slice(1).map((w) => w.value);
        // --progress, quiet (-q, -nv) or a log file (-o) all keep the dots out of the build log.
        const quiet = args.some(
          (a) => /^--progress(=|$)/.test(a) || a === '--quiet' || a === '--no-verbose' || a === '-nv' || (/^-[a-zA-Z]*q/.test(a) && !a.startsWith('--')) || a === '-o' || /^--output-file/.test(a),
        );
        if (quiet) continue;
        out.push({ range: wordRange(doc, c.words[0]), message: msg('`wget`에 `--progress=dot:giga` 또는 `-q` 옵션을 붙여 빌드 로그를 줄이세요', 'Add `--progress=dot:giga` or `-q` to `wget` to keep the build log short') });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    if (!/wget$/.test(doc.getText(finding.range))) return [];
    const at = finding.range.end;
    return [{ title: msg('`--progress=dot:giga` 추가하기', 'Add `--progress=dot:giga`'), edits: [edit({ start: at, end: at }, ' --progress=dot:giga')], preferred: true }];
  },
};
