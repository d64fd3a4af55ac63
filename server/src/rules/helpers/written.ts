/**
 * Instruction arguments as the user wrote them. dockerfile-ast's argument values already have the escape character
 * applied (`c:\app` reads `c:app` under the default `\` escape), which is what the builder sees but not what a
 * message should quote back: the user would not recognise their own path.
 */
import type { ParsedDocument, Span } from '../../service/document';

/**
 * The argument's text in the document. Exec-form (JSON) values are returned decoded, as the JSON string means them;
 * a shell-form word split over a line continuation falls back to its value, since the raw text would hold the break.
 */
export function writtenArg(doc: ParsedDocument, span: Span, execForm: boolean): string {
  if (execForm) return span.value;
  const raw = doc.getText(span.range);
  return raw.includes('\n') ? span.value : raw;
}
