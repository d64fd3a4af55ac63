/**
 * The WORKDIR in force at each instruction, only when the Dockerfile alone tells it. stack/imageFiles.ts's
 * workdirAt starts from `/`, which is right for finding where files land in the common case; advice that names a
 * path (DL3003's `WORKDIR /app/src`) must not guess, because a base image may set its own WORKDIR.
 */
import { type Instr, type ParsedDocument, type Stage, stripQuotes } from '../../service/document';
import { resolvePath } from './paths';

/** The folder after a WORKDIR instruction, from the one in force before it (null: not known from the text). */
function afterWorkdir(cwd: string | null, ins: Instr): string | null {
  const path = stripQuotes(ins.argsContent().trim());
  if (!path) return cwd;
  if (path.includes('$') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return null;
  if (path.startsWith('/')) return resolvePath('/', path);
  return cwd === null ? null : resolvePath(cwd, path);
}

/**
 * For every instruction of the document, the absolute WORKDIR in force just before it (the stages it is built FROM
 * included), or null when the text does not tell it: no WORKDIR set yet (the base image decides), a WORKDIR with a
 * variable, a Windows path, or a relative WORKDIR on top of an unknown one. One pass over the document, so a rule
 * can ask for many instructions without walking the stage each time.
 */
export function knownWorkdirs(doc: ParsedDocument): Map<Instr, string | null> {
  const out = new Map<Instr, string | null>();
  const atEnd = new Map<Stage, string | null>();
  for (const stage of doc.stages) {
    // A stage built FROM an earlier one starts in that stage's last WORKDIR.
    let cwd = stage.parent ? (atEnd.get(stage.parent) ?? null) : null;
    for (const ins of stage.instructions) {
      out.set(ins, cwd);
      if (ins.keyword === 'WORKDIR') cwd = afterWorkdir(cwd, ins);
    }
    atEnd.set(stage, cwd);
  }
  return out;
}
