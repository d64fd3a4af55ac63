/**
 * StageNameCasing: stage names are matched without regard to case, so `AS Builder` works, but every reference then
 * has to be read twice; Docker recommends lower case. The fix renames the stage and every reference to it.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Rule } from '../types';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

const MESSAGE = msg('스테이지 이름은 소문자로 쓰는 것이 좋습니다: {0}', 'Stage name should be lowercase: {0}');

export const StageNameCasing: Rule = {
  id: 'StageNameCasing',
  severity: 'info',
  title: msg('스테이지 이름은 소문자로', 'Stage names should be lowercase'),
  why: msg(
    '스테이지 이름은 대소문자를 구분하지 않아서 정의는 `AS Builder`, 참조는 `--from=builder`처럼 달라도 동작합니다. 그래서 같은 스테이지가 파일 안에서 여러 표기로 나타나기 쉽고, Docker는 이미지 이름처럼 소문자로 통일하기를 권장합니다. 이름을 바꿀 때는 `FROM <이름>`, `COPY --from=`, `RUN --mount=from=` 참조도 함께 바꿔야 합니다.',
    'Stage names are matched case-insensitively, so `AS Builder` can be referenced as `--from=builder`, and the same stage ends up spelled several ways in one file. Docker recommends lowercase names, like image names. When renaming, the `FROM <name>`, `COPY --from=` and `RUN --mount=from=` references must change too.',
  ),
  url: docsUrl('stage-name-casing'),
  check({ doc }) {
    const out = [];
    for (const s of doc.stages) {
      if (s.name === null || s.nameRange === null) continue;
      if (s.name === s.name.toLowerCase()) continue;
      out.push({ range: s.nameRange, message: fillMsg(MESSAGE, s.name), data: { name: s.name } });
    }
    return out;
  },
  fix({ doc }, finding) {
    const name = String(finding.data?.name ?? '');
    if (!name || doc.getText(finding.range) !== name) return [];
    const lower = name.toLowerCase();
    const edits: TextEdit[] = [];
    const stage = doc.stages.find((s) => s.nameRange && s.nameRange.start.line === finding.range.start.line);
    if (!stage) return [];
    // Only the stage with this name (the first one, as Docker resolves it) and references after it.
    for (const s of doc.stages) {
      if (s.name !== null && s.name.toLowerCase() === lower && s.nameRange && s.name !== lower) edits.push(edit(s.nameRange, lower));
      if (s.index > stage.index && s.image !== null && s.imageRange && s.image.toLowerCase() === lower && s.image !== lower) {
        edits.push(edit(s.imageRange, lower));
      }
    }
    for (const ins of doc.instructions) {
      if (ins.startLine <= stage.startLine) continue;
      for (const f of ins.flags()) {
        if (f.name === 'from' && f.value !== null && f.valueRange && f.value.toLowerCase() === lower && f.value !== lower) {
          edits.push(edit(f.valueRange, lower));
        }
        if (f.name === 'mount') {
          for (const o of f.options) {
            if (o.name === 'from' && o.value !== null && o.valueRange && o.value.toLowerCase() === lower && o.value !== lower) {
              edits.push(edit(o.valueRange, lower));
            }
          }
        }
      }
    }
    return [{ title: fillMsg(msg('스테이지 이름을 소문자로 바꾸기: {0} (참조 포함)', 'Rename stage to {0} (references too)'), lower), edits, preferred: true }];
  },
};
