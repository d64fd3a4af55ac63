/**
 * Signature help: the usage lines of the instruction being typed. Off unless the user turns it on
 * (`dockerfileGuide.signatureHelp.enabled`), because a popup on every space is noise for most people.
 */
import type { Position, SignatureHelp } from 'vscode-languageserver-types';
import { instructionDoc } from '../docs';
import { block, Lang } from '../../../common/src/i18n';
import { ParsedDocument } from './document';

export function signatureHelp(doc: ParsedDocument, pos: Position, lang: Lang): SignatureHelp | null {
  const ins = doc.instructionAtLine(pos.line);
  if (!ins) return null;
  const target = ins.keyword === 'ONBUILD' ? ins.trigger() ?? ins : ins;
  const d = instructionDoc(target.keyword);
  if (!d) return null;
  // Only once the cursor is past the keyword.
  if (pos.line === target.keywordRange.end.line && pos.character <= target.keywordRange.end.character) return null;
  return {
    signatures: d.syntax.map((label) => ({ label, documentation: { kind: 'markdown', value: block(d.summary, lang) } })),
    activeSignature: 0,
    activeParameter: null,
  };
}
