/**
 * DG110: `LABEL key = value` / `ENV key = value`. With spaces around `=`, Docker reads the legacy `key value` form:
 * the key is `key` and the value is `= value` (BuildKit frontend/dockerfile/parser/line_parsers.go parseNameVal: a
 * first word without `=` selects the old form, and the rest of the line after it is the value). BuildKit reports
 * LegacyKeyValueFormat there, which only says the form is old; this rule says what the value became, so
 * LegacyKeyValueFormat leaves such an instruction to it (spacedEquals).
 */
import { msg } from '../../../../common/src/i18n';
import type { Instr, Span } from '../../service/document';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';

export interface SpacedEquals {
  key: Span;
  /** Everything after the key as Docker keeps it: `= value`, `=value`. */
  written: string;
  /** What was meant: `written` without the `=` and the blanks after it. */
  value: string;
  /** The instruction's last argument (where the finding ends). */
  last: Span;
}

/**
 * The `key = value` of a LABEL or ENV in the legacy form whose value starts with `=`, or null. Detected from the
 * arguments as written; the first line's text is a cheap filter (the `=` of such a pair follows blanks there).
 */
export function spacedEquals(ins: Instr): SpacedEquals | null {
  if (ins.keyword !== 'LABEL' && ins.keyword !== 'ENV') return null;
  if (!/[ \t]=/.test(ins.doc.lineText(ins.startLine))) return null;
  const args = ins.args();
  if (args.length < 2) return null;
  const key = args[0];
  if (key.value.includes('=') || !args[1].value.startsWith('=')) return null;
  const written = ins.argsContent().trim().slice(key.value.length).trim();
  return { key, written, value: written.replace(/^=\s*/, ''), last: args[args.length - 1] };
}

/** An unquoted value with blanks would become several keys in the `key=value` form: it needs quotes. */
function needsQuotes(value: string): boolean {
  return /\s/.test(value) && !/^(".*"|'.*')$/s.test(value);
}

function quoted(value: string): string {
  return '"' + value.replace(/["\\]/g, (c) => '\\' + c) + '"';
}

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
      const m = spacedEquals(ins);
      if (!m) continue;
      const name = m.key.value;
      const meant = `${name}=${needsQuotes(m.value) ? quoted(m.value) : m.value}`;
      out.push({
        range: { start: m.key.range.start, end: m.last.range.end },
        message: msg(
          `\`${ins.keyword} ${name} = …\`: 공백 때문에 값이 \`${m.written}\` 그대로 저장됩니다. \`${meant}\`처럼 붙여 쓰세요`,
          `\`${ins.keyword} ${name} = …\` sets the value to \`${m.written}\`; write \`${meant}\``,
        ),
        data: { key: name },
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
    if (needsQuotes(rest.trim()) && !rest.includes('\n')) {
      const range = { start: doc.positionAt(keyEnd), end: doc.positionAt(end) };
      return [{ title: msg('`=` 양옆의 공백을 지우고 값을 따옴표로 묶기', 'Remove the spaces around `=` and quote the value'), edits: [edit(range, '=' + quoted(rest.trim()))], preferred: true }];
    }
    const range = { start: doc.positionAt(keyEnd), end: doc.positionAt(k) };
    return [{ title: msg('`=` 양옆의 공백 지우기', 'Remove the spaces around `=`'), edits: [edit(range, '=')], preferred: true }];
  },
};
