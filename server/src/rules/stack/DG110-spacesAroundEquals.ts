/**
 * DG110: `LABEL key = value` / `ENV key = value`. With spaces around `=`, Docker reads the legacy `key value` form:
 * the key is `key` and the value is `= value` (BuildKit reports LegacyKeyValueFormat but keeps the wrong value).
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';

export const DG110: Rule = {
  id: 'DG110',
  severity: 'warning',
  title: msg('`=` 양옆에 공백이 있으면 값에 `=`까지 들어갑니다', 'Spaces around `=` make the value `= …`'),
  why: msg(
    '`LABEL key = value`처럼 `=` 양옆에 공백이 있으면 Docker는 이를 `key value` 꼴의 옛날 형식으로 읽습니다. 키는 `key`, 값은 `= value` 전체가 되어 `=` 기호와 공백까지 값에 들어갑니다. `key=value`처럼 붙여 쓰고, 값에 공백이 있으면 따옴표로 묶으세요.',
    'With spaces around `=`, as in `LABEL key = value`, Docker reads the legacy `key value` form: the key is `key` and the value is `= value`, equals sign and space included. Write `key=value` without spaces and quote a value that contains spaces.',
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'LABEL' && ins.keyword !== 'ENV') continue;
      // Legacy form: one key, the rest of the line is the value. Detect `key =…` from the arguments as written;
      // the line text is a cheap first filter (the `=` of a legacy pair follows blanks on the first line).
      if (!/[ \t]=/.test(ins.doc.lineText(ins.startLine))) continue;
      const args = ins.args();
      if (args.length < 2) continue;
      const key = args[0];
      const second = args[1];
      if (key.value.includes('=') || !second.value.startsWith('=')) continue;
      const value = ins.argsContent().trim().slice(key.value.length).trim().replace(/^=\s*/, '');
      out.push({
        range: { start: key.range.start, end: args[args.length - 1].range.end },
        message: msg(
          `\`${ins.keyword} ${key.value} = …\`: 공백 때문에 값이 \`= ${value}\` 그대로 저장됩니다. \`${key.value}=${value}\`처럼 붙여 쓰세요`,
          `\`${ins.keyword} ${key.value} = …\` sets the value to \`= ${value}\`; write \`${key.value}=${value}\``,
        ),
        data: { key: key.value },
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins) return [];
    const args = ins.args();
    if (args.length < 2 || !args[1].value.startsWith('=')) return [];
    // Replace from the end of the key to the first character of the value with `=`.
    const keyEnd = doc.offsetAt(args[0].range.end);
    const text = doc.text;
    let k = keyEnd;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] !== '=') return [];
    k++;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    const end = doc.offsetAt(ins.range.end);
    const rest = text.slice(k, end);
    // An unquoted value with spaces would become several keys in the `key=value` form: quote it.
    if (/\s/.test(rest.trim()) && !/^(".*"|'.*')$/s.test(rest.trim()) && !rest.includes('\n')) {
      const quoted = '"' + rest.trim().replace(/["\\]/g, (c) => '\\' + c) + '"';
      const range = { start: doc.positionAt(keyEnd), end: doc.positionAt(end) };
      return [{ title: msg('`=` 양옆의 공백을 지우고 값을 따옴표로 묶기', 'Remove the spaces around `=` and quote the value'), edits: [edit(range, '=' + quoted)], preferred: true }];
    }
    const range = { start: doc.positionAt(keyEnd), end: doc.positionAt(k) };
    return [{ title: msg('`=` 양옆의 공백 지우기', 'Remove the spaces around `=`'), edits: [edit(range, '=')], preferred: true }];
  },
};
