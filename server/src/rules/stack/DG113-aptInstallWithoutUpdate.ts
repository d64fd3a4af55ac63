/**
 * DG113: `apt-get install` in a RUN that does not run `apt-get update` itself. The update sits in an earlier layer
 * that the build cache keeps; when the install line changes later, it runs against old package lists and fails
 * with 404s (or installs outdated versions). The fix merges the update into the install RUN. An install run with
 * `-U`/`--update` updates the lists first (apt's DoInstall calls DoUpdate when APT::Update is set), so it counts as one.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Fix, Rule } from '../types';
import { instrShell, wordRange } from '../../service/shell/binding';
import type { Instr } from '../../service/document';
import { aptOf, refreshesLists } from '../helpers/apt';
import { edit, wholeLines } from '../helpers/edits';
import { runShells } from '../helpers/shell';

export const DG113: Rule = {
  id: 'DG113',
  severity: 'warning',
  title: msg('apt-get install과 같은 RUN에 apt-get update가 없습니다', 'apt-get install without apt-get update in the same RUN'),
  why: msg(
    '`RUN apt-get update`를 따로 두면 그 레이어는 빌드 캐시에 남습니다. 나중에 install 줄만 바꾸면 update는 다시 실행되지 않아 오래된 패키지 목록으로 설치하게 되고, 저장소에서 사라진 버전 때문에 404로 실패하거나 예전 버전이 설치됩니다. `RUN apt-get update && apt-get install -y …`처럼 같은 RUN에서 실행하세요. apt 2.7 이상(Debian 13 등)에서는 `apt-get install --update -y …` 한 명령으로도 같은 일을 합니다.',
    'A separate `RUN apt-get update` layer stays in the build cache. When you later change only the install line, update does not run again, so install works from stale package lists: it fails with 404s for versions that left the mirror, or installs old versions. Run both in the same RUN: `RUN apt-get update && apt-get install -y …`. With apt 2.7 or later (Debian 13, for one), `apt-get install --update -y …` does the same in one command.',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const { instr, shell } of runShells(doc)) {
      const invs = aptOf(shell);
      // `apt-get install --update` (apt 2.7+, the apt of Debian 13) refreshes the lists itself.
      if (invs.some(refreshesLists)) continue;
      const install = invs.find((i) => i.subcommand?.value === 'install' && i.packages.length > 0 && !i.packages.some((p) => /\.deb$/.test(p.value)));
      if (!install) continue;
      out.push({
        range: wordRange(doc, install.subcommand!),
        message: msg(
          `이 RUN에는 \`apt-get update\`가 없어 캐시된 오래된 패키지 목록으로 설치합니다. update와 install을 같은 RUN에서 실행하세요`,
          `This RUN has no \`apt-get update\`, so install uses stale cached package lists; run update and install in the same RUN`,
        ),
        data: { line: instr.startLine },
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const instr = doc.instructionAtLine(finding.range.start.line);
    if (!instr || instr.keyword !== 'RUN') return [];
    const sh = instrShell(instr);
    if (!sh || sh.source.text.length === 0) return [];
    const startOff = sh.source.map[0] + (sh.source.base ?? 0);
    const at = doc.positionAt(startOff);
    const fixes: Fix[] = [];
    // An update-only RUN right before this one (in the same stage): move it into this RUN.
    const prev = previousUpdateOnlyRun(instr);
    if (prev) {
      const prevText = instrShell(prev)!.source.text.trim();
      fixes.push({
        title: msg('앞의 apt-get update RUN을 이 RUN에 합치기', 'Merge the apt-get update RUN above into this RUN'),
        edits: [edit(wholeLines(doc, prev), ''), edit({ start: at, end: at }, sh.fromHeredoc ? `${prevText}\n` : `${prevText} && `)],
        preferred: true,
      });
    }
    fixes.push({
      title: msg('이 RUN 앞에 apt-get update 추가하기', 'Run apt-get update at the start of this RUN'),
      edits: [edit({ start: at, end: at }, sh.fromHeredoc ? 'apt-get update\n' : 'apt-get update && ')],
      preferred: !prev,
    });
    return fixes;
  },
};

/** The RUN before `instr` when it only runs `apt-get update` (and maybe upgrade), with nothing else in between. */
function previousUpdateOnlyRun(instr: Instr): Instr | null {
  const stage = instr.stage;
  if (!stage) return null;
  const k = stage.instructions.indexOf(instr);
  const prev = stage.instructions[k - 1];
  if (!prev || prev.keyword !== 'RUN' || prev.flags().length) return null;
  const sh = instrShell(prev);
  if (!sh || sh.fromHeredoc || sh.all.length === 0) return null;
  const invs = aptOf(sh);
  if (invs.length !== sh.all.length) return null;
  if (!invs.some((i) => i.subcommand?.value === 'update')) return null;
  if (!invs.every((i) => /^(update|upgrade|dist-upgrade|full-upgrade)$/.test(i.subcommand?.value ?? ''))) return null;
  return prev;
}
