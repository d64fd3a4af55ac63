/** Building the text edits of quick fixes. */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument } from '../../service/document';

/** Replace `range` with `newText`. */
export function edit(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Range covering the whole lines of an instruction, line break included (for deleting it). */
export function wholeLines(doc: ParsedDocument, instr: Instr): Range {
  const end = instr.endLine + 1 < doc.lineCount ? { line: instr.endLine + 1, character: 0 } : { line: instr.endLine, character: doc.lineText(instr.endLine).length };
  return { start: { line: instr.startLine, character: 0 }, end };
}
