/**
 * DG104: `daemon off` misspelt (`deamon`), passed unquoted in shell form (`nginx -g daemon off;` gives nginx a
 * stray `off` argument and the shell eats the `;`), or without its `;` (nginx refuses an unterminated directive).
 */
import { msg } from '../../i18n/msg';
import type { Finding, Rule } from '../types';
import { instrShell } from '../../service/shell';
import { edit, guideUrl, wordRange } from './util';

const KINDS = ['RUN', 'CMD', 'ENTRYPOINT'];

export const DG104: Rule = {
  id: 'DG104',
  severity: 'warning',
  title: msg("nginx의 `daemon off;` 인자가 잘못되었습니다", "nginx's `daemon off;` argument is wrong"),
  why: msg(
    "nginx를 포그라운드로 실행하려면 `-g` 뒤에 `'daemon off;'`를 하나의 인자로 넘겨야 합니다. `deamon`처럼 철자가 틀리면 nginx가 알 수 없는 지시어라며 시작하지 않고, 셸 형식에서 따옴표 없이 `nginx -g daemon off;`라고 쓰면 셸이 `;`를 명령 구분자로 먹고 `off`는 별도 인자가 되어 nginx가 종료됩니다. `;`가 빠져도 nginx는 지시어가 끝나지 않았다며 거부합니다.",
    "To keep nginx in the foreground, pass `'daemon off;'` as one argument after `-g`. Misspelt as `deamon`, nginx rejects the unknown directive and does not start; unquoted in shell form, `nginx -g daemon off;` lets the shell take `;` as a separator and hands nginx a stray `off` argument, so it exits. Without the `;`, nginx rejects the unterminated directive.",
  ),
  url: guideUrl('DG104'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (!KINDS.includes(ins.keyword)) continue;
      // RUN is by far the most common: look at its cached shell text first, and skip it unless nginx appears.
      if (ins.keyword === 'RUN') {
        const sh = instrShell(ins);
        if (!sh || !sh.source.text.includes('nginx')) continue;
      }
      const json = ins.jsonStrings();
      if (json) {
        for (const s of json) {
          if (/\bdeamon\b/i.test(s.value)) {
            const fixed = s.value.replace(/\bdeamon\b/gi, 'daemon');
            out.push({
              range: s.range,
              message: msg(`\`${s.value}\`: \`deamon\`은 \`daemon\`의 오타입니다`, `\`${s.value}\`: \`deamon\` is a typo for \`daemon\``),
              data: { replacement: jsonText(doc, s.range, fixed) },
            });
          }
        }
        if (!json.some((s) => /\bdeamon\b/i.test(s.value))) {
          for (let k = 0; k + 1 < json.length; k++) {
            if (json[k].value === '-g' && /^\s*daemon\s+off\s*$/.test(json[k + 1].value)) {
              out.push({
                range: json[k + 1].range,
                message: msg(`\`${json[k + 1].value}\` 끝에 세미콜론(\`;\`)이 없어 nginx가 시작하지 않습니다`, `\`${json[k + 1].value}\` lacks its \`;\`, so nginx will not start`),
                data: { replacement: jsonText(doc, json[k + 1].range, 'daemon off;') },
              });
            }
          }
        }
        if (!instrShell(ins)) continue;
      }
      const sh = instrShell(ins);
      if (!sh) continue;
      for (const c of sh.all) {
        if (c.name !== 'nginx') continue;
        const ws = c.words;
        for (let k = 1; k < ws.length - 1; k++) {
          if (ws[k].value !== '-g') continue;
          const v = ws[k + 1];
          const next = ws[k + 2];
          const unquoted = /^(daemon|deamon)$/i.test(v.value) && next && /^off;?$/.test(next.value);
          if (unquoted) {
            out.push({
              range: { start: wordRange(doc, v).start, end: rangeEndAfterSemicolon(doc, next) },
              message: msg(
                `\`-g ${v.value} ${next.value}\` 부분을 따옴표로 묶어야 합니다: 지금은 nginx가 \`off\`를 별도 인자로 받습니다`,
                `Quote \`-g ${v.value} ${next.value}\`: as written, nginx gets \`off\` as a separate argument`,
              ),
              data: { replacement: "'daemon off;'" },
            });
          } else if (/\bdeamon\b/i.test(v.value)) {
            out.push({
              range: wordRange(doc, v),
              message: msg(`\`${v.value}\`: \`deamon\`은 \`daemon\`의 오타입니다`, `\`${v.value}\`: \`deamon\` is a typo for \`daemon\``),
              data: { replacement: `'${v.value.replace(/\bdeamon\b/gi, 'daemon')}'` },
            });
          } else if (/^\s*daemon\s+off\s*$/.test(v.value)) {
            out.push({
              range: wordRange(doc, v),
              message: msg(`\`${v.value}\` 끝에 세미콜론(\`;\`)이 없어 nginx가 시작하지 않습니다`, `\`${v.value}\` lacks its \`;\`, so nginx will not start`),
              data: { replacement: "'daemon off;'" },
            });
          }
        }
      }
    }
    return out;
  },
  fix(_ctx, finding) {
    const r = finding.data?.replacement;
    if (typeof r !== 'string') return [];
    return [{ title: msg(`${r}로 고치기`, `Change to ${r}`), edits: [edit(finding.range, r)], preferred: true }];
  },
};

/** In `nginx -g daemon off;` the `;` is an operator right after `off`: include it in the replaced range. */
function rangeEndAfterSemicolon(doc: import('../../service/document').ParsedDocument, w: import('../../service/shell').Word) {
  const end = doc.positionAt(w.end);
  if (w.value.endsWith(';')) return end;
  const lineText = doc.lineText(end.line);
  return lineText[end.character] === ';' ? { line: end.line, character: end.character + 1 } : end;
}

/** The JSON string as it must be written over `range` (which may or may not include the quotes). */
function jsonText(doc: import('../../service/document').ParsedDocument, range: import('vscode-languageserver-types').Range, value: string): string {
  const q = JSON.stringify(value);
  return doc.getText(range).startsWith('"') ? q : q.slice(1, -1);
}
