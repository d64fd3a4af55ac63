/**
 * DL3009: the apt lists (/var/lib/apt/lists, tens of MB) stay in the layer unless removed in the same RUN. Only the
 * stages whose layers end up in the image matter: the final stage and the stages it is built FROM, one after the
 * other (`FROM base AS app` ships every layer of `base`). A stage read only through `COPY --from` ships none of its
 * layers, so it is left alone. hadolint's DL3009 (Rule/DL3009.hs, markFailures) checks the last stage and any stage
 * whose name a FROM uses; following the chain from the final stage is stricter: a stage built FROM by a stage that is
 * itself only copied from does not ship either. A cache mount on the lists folder is fine too.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { instrShell, wordRange } from '../../service/shell/binding';
import { aptOf } from '../helpers/apt';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';

function cleansLists(text: string): boolean {
  return /\brm\s+(-[a-zA-Z]+\s+)*[^&|;]*\/var\/lib\/apt\/lists/.test(text) || /\bfind\s+\/var\/lib\/apt\/lists\b[^&|;]*-delete/.test(text);
}

/** The final stage and the stages it is built FROM: their layers are the image's layers. */
function shippedStages(doc: ParsedDocument): Set<Stage> {
  const out = new Set<Stage>();
  // Stage.parent always names an earlier stage, so the walk ends.
  for (let s: Stage | null | undefined = finalStage(doc); s && !out.has(s); s = s.parent) out.add(s);
  return out;
}

function cacheMounted(instr: Instr): boolean {
  return instr.flags().some((f) => f.name === 'mount' && /\/var\/lib\/apt/.test(f.value ?? ''));
}

export const DL3009: Rule = {
  id: 'DL3009',
  severity: 'info',
  title: msg('apt 목록을 지우지 않았습니다', 'The apt lists are not deleted'),
  why: msg(
    '`apt-get update`가 받은 패키지 목록(/var/lib/apt/lists)은 수십 MB이고, 같은 RUN에서 지우지 않으면 그 레이어에 영원히 남아 이미지가 커집니다. 다음 RUN에서 지워도 이전 레이어의 용량은 줄지 않습니다. 마지막 스테이지뿐 아니라 마지막 스테이지가 FROM으로 물려받는 스테이지도 마찬가지입니다(`FROM base AS app` 명령은 `base`의 레이어를 모두 가져갑니다). `COPY --from`으로만 쓰는 스테이지의 레이어는 이미지에 들어가지 않습니다. 설치한 RUN 끝에 `&& rm -rf /var/lib/apt/lists/*` 명령을 붙이세요.',
    "The package lists fetched by `apt-get update` (/var/lib/apt/lists) take tens of MB and stay in the layer forever unless the same RUN deletes them; deleting them in a later RUN does not shrink the earlier layer. This holds in the final stage and in every stage it is built FROM (`FROM base AS app` keeps all of `base`'s layers); a stage used only through `COPY --from` ships none of its layers. End the installing RUN with `&& rm -rf /var/lib/apt/lists/*`.",
  ),
  url: hadolintUrl('DL3009'),
  check({ doc }) {
    const out: Finding[] = [];
    const shipped = shippedStages(doc);
    for (const { instr, shell } of runShells(doc)) {
      // A file with no FROM at all has no stages; hadolint still checks it (it assumes a base), and so do we.
      const ships = instr.stage ? shipped.has(instr.stage) : doc.stages.length === 0;
      if (!ships || cacheMounted(instr)) continue;
      const update = aptOf(shell).find((a) => a.subcommand?.value === 'update' && a.tool !== 'aptitude');
      if (!update) continue;
      if (cleansLists(shell.source.text)) continue;
      out.push({
        range: wordRange(doc, update.subcommand!),
        message: msg('이 RUN 끝에서 `rm -rf /var/lib/apt/lists/*` 명령으로 apt 목록을 지우세요', 'Delete the apt lists at the end of this RUN with `rm -rf /var/lib/apt/lists/*`'),
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const instr = doc.instructionAtLine(finding.range.start.line);
    if (!instr || instr.keyword !== 'RUN') return [];
    const sh = instrShell(instr);
    if (!sh || sh.all.length === 0) return [];
    // Append after the last command of the RUN (before trailing blanks and comments).
    const last = sh.all.filter((c) => c.depth === 0).pop() ?? sh.all[sh.all.length - 1];
    const at = doc.positionAt(Math.max(last.end, ...last.redirects.map((r) => r.target?.end ?? 0)));
    // Heredoc: a new line; exec form (`["sh", "-c", "…"]`): stay inside the JSON string; shell form: a continuation.
    const text = sh.fromHeredoc
      ? '\nrm -rf /var/lib/apt/lists/*'
      : instr.isExecForm()
        ? ' && rm -rf /var/lib/apt/lists/*'
        : ` ${doc.escapeChar}\n    && rm -rf /var/lib/apt/lists/*`;
    return [{ title: msg('RUN 끝에 `rm -rf /var/lib/apt/lists/*` 추가하기', 'Add `rm -rf /var/lib/apt/lists/*` at the end of the RUN'), edits: [edit({ start: at, end: at }, text)], preferred: true }];
  },
};
