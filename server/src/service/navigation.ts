/**
 * Go to definition, highlight, find references and rename, over the names references.ts finds: ARG/ENV variables
 * and stage names. Each answer is the LSP shape, so the adapter only forwards it.
 */
import { DocumentHighlightKind, TextEdit } from 'vscode-languageserver-types';
import type { DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';
import { definitionFor, stageGroupAt, stageRefAt, variableAt, variableGroupAt } from './references';

/** A variable name Docker accepts in `$NAME` (and so one a rename may write). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A stage name a rename may write: a letter, then letters, digits, `_`, `.` or `-`. */
const STAGE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** One place for "is the cursor on this range": a range ends where its name ends, and the end counts. */
function touches(range: Range, pos: Position): boolean {
  return range.start.line === pos.line && range.start.character <= pos.character && pos.character <= range.end.character;
}

export function definition(doc: ParsedDocument, pos: Position): Location | null {
  const ins = doc.instructionAtLine(pos.line);
  if (!ins) return null;
  // ONBUILD's trigger is an instruction of its own: its names are looked up as that instruction's.
  const target = ins.keyword === 'ONBUILD' ? ins.trigger() ?? ins : ins;
  const stage = stageRefAt(doc, target, pos);
  if (stage) return { uri: doc.uri, range: stage.stage.nameRange ?? stage.stage.from.keywordRange };
  const v = variableAt(doc, target, pos);
  const def = v?.def ?? (v ? definitionFor(doc, v.name, target) : undefined);
  return def ? { uri: doc.uri, range: def.nameRange } : null;
}

export function documentHighlights(doc: ParsedDocument, pos: Position): DocumentHighlight[] | null {
  const vars = variableGroupAt(doc, pos);
  if (vars) return vars.map((o) => ({ range: o.range, kind: o.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
  const stages = stageGroupAt(doc, pos);
  if (stages) return stages.map((r) => ({ range: r.range, kind: r.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
  return null;
}

export function references(doc: ParsedDocument, pos: Position, includeDeclaration: boolean): Location[] | null {
  const vars = variableGroupAt(doc, pos);
  if (vars) return vars.filter((o) => includeDeclaration || o.kind === 'reference').map((o) => ({ uri: doc.uri, range: o.range }));
  const stages = stageGroupAt(doc, pos);
  if (stages) return stages.filter((r) => includeDeclaration || !r.isDefinition).map((r) => ({ uri: doc.uri, range: r.range }));
  return null;
}

export function prepareRename(doc: ParsedDocument, pos: Position): { range: Range; placeholder: string } | null {
  const hit = variableGroupAt(doc, pos)?.find((o) => touches(o.range, pos));
  if (hit) return { range: hit.range, placeholder: hit.name };
  const stage = stageGroupAt(doc, pos)?.find((r) => touches(r.range, pos));
  // `--from=0` names a stage by its position: there is no name to rename there (writing one would point at a stage
  // called that, which does not exist).
  if (stage && !isIndexRef(doc, stage.range)) return { range: stage.range, placeholder: doc.getText(stage.range) };
  return null;
}

/** Null when there is nothing to rename here or the new name is not one Docker would accept for it. */
export function rename(doc: ParsedDocument, pos: Position, newName: string): WorkspaceEdit | null {
  const name = newName.trim();
  const vars = variableGroupAt(doc, pos);
  if (vars) return VARIABLE_NAME.test(name) ? { changes: { [doc.uri]: vars.map((o) => TextEdit.replace(o.range, name)) } } : null;
  const stages = stageGroupAt(doc, pos);
  if (!stages || !STAGE_NAME.test(name)) return null;
  const hit = stages.find((r) => touches(r.range, pos));
  if (hit && isIndexRef(doc, hit.range)) return null;
  // References by position (`--from=0`) keep pointing at the same stage after the rename: they stay as written.
  return { changes: { [doc.uri]: stages.filter((r) => !isIndexRef(doc, r.range)).map((r) => TextEdit.replace(r.range, name)) } };
}

function isIndexRef(doc: ParsedDocument, range: Range): boolean {
  return /^\d+$/.test(doc.getText(range));
}
