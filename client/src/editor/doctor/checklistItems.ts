// The doctor's result → the checklist's rows, as plain data (no vscode import), so that what a row says, its icon
// and where it leads are tested without a window. One row per step and check; a row's children are the log lines
// or engine words that show its cause.
import * as path from 'node:path';
import type { DoctorCheck, DoctorResult } from '../../../../common/src/doctor/types';
import { fillMsg, line, type Lang, type Msg } from '../../../../common/src/i18n';

export interface ChecklistRow {
  key: string;
  label: string;
  /** The cause in a few words, beside the label. */
  description: string;
  /** Markdown: the whole detail, and where it points. */
  tooltip: string;
  ok: boolean;
  /** The file and 1-based line the cause points at, resolved against the build context. */
  location: { file: string; line: number } | null;
  evidence: string[];
}

const LINE: Msg = { ko: '{0} {1}번 줄', en: '{0} line {1}' };

function text(check: DoctorCheck, which: 'title' | 'detail', lang: Lang): string {
  const m = which === 'title' ? check.titleMsg : check.detailMsg;
  // The view renders the language the extension is set to; the JSON's rendered text is the fallback.
  return m ? line(m, lang) : check[which];
}

/** A short description: the detail's first sentence, so the row stays one line in the view. */
function short(detail: string): string {
  const first = detail.split(/(?<=\.)\s/)[0] ?? detail;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

export function checklistRows(result: DoctorResult, contextDir: string, lang: Lang): ChecklistRow[] {
  return result.checks.map((c, i) => {
    const file = c.file ? (path.isAbsolute(c.file) ? c.file : path.join(contextDir, c.file)) : null;
    const location = file && c.line ? { file, line: c.line } : null;
    const detail = text(c, 'detail', lang);
    const where = c.file && c.line ? line(fillMsg(LINE, c.file, c.line), lang) : '';
    return {
      key: `${i}:${c.id}`,
      label: text(c, 'title', lang),
      description: short(detail),
      tooltip: [detail, where ? `\n\n${where}` : ''].join(''),
      ok: c.ok,
      location,
      evidence: c.evidence ?? [],
    };
  });
}
