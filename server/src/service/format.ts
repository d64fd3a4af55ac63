/**
 * Formatting with dockerfile-utils, chunk by chunk so that a large file formats from the cached parses, and
 * never inside heredoc bodies (their text is a script or a file's content: indentation there is meaning).
 */
import { format as formatText } from 'dockerfile-utils';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { ParsedDocument, shiftRange } from './document';

export interface FormatOptions extends FormattingOptions {
  ignoreMultilineInstructions: boolean;
}

export function formatDocument(doc: ParsedDocument, options: FormatOptions): TextEdit[] {
  const out: TextEdit[] = [];
  const settings = {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    ignoreMultilineInstructions: options.ignoreMultilineInstructions,
  };
  const memoKey = 'format:' + JSON.stringify(settings);
  for (const pc of doc.placed) {
    let edits = pc.chunk.memo.get(memoKey) as TextEdit[] | undefined;
    if (!edits) {
      try {
        edits = formatText(pc.chunk.parsedText, settings);
      } catch {
        edits = [];
      }
      pc.chunk.memo.set(memoKey, edits);
    }
    for (const e of edits) {
      if (e.range.start.line < pc.chunk.prefixLines) continue;
      out.push({ range: shiftRange(e.range, pc.lineDelta), newText: e.newText });
    }
  }
  const protectedLines = heredocBodyLines(doc);
  if (protectedLines.length === 0) return out;
  return out.filter((e) => !protectedLines.some((r) => e.range.start.line <= r.end && e.range.end.line >= r.start));
}

export function formatRange(doc: ParsedDocument, range: Range, options: FormatOptions): TextEdit[] {
  return formatDocument(doc, options).filter((e) => e.range.start.line >= range.start.line && e.range.end.line <= range.end.line);
}

function heredocBodyLines(doc: ParsedDocument): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const ins of doc.instructions) {
    if (ins.endLine === ins.startLine) continue;
    for (const h of ins.heredocs()) {
      const end = h.delimiterRange ? h.delimiterRange.end.line : ins.endLine;
      out.push({ start: h.startRange.start.line + 1, end });
    }
  }
  return out;
}
