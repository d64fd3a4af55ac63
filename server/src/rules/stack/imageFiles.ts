/**
 * Where files land in the image a stage builds: the working directory along the stage, and the build-context file
 * that a COPY/ADD put at a path (following a `ln -s` of the stage's RUNs).
 */
import { type Instr, type ParsedDocument, type Stage, stripQuotes } from '../../service/document';
import { baseName, resolvePath } from '../helpers/paths';
import { runShells } from '../helpers/shell';
import type { RuleContext } from '../types';
import { stageChain } from '../helpers/stages';

/** WORKDIR in force just before a line of a stage (following the parent stages). */
export function workdirAt(stage: Stage, line: number): string {
  let cwd = '/';
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (s === stage && ins.startLine >= line) break;
      cwd = afterWorkdir(cwd, ins);
    }
  }
  return cwd;
}

/** The working directory after `ins`: changed by a WORKDIR with a literal path, else `cwd`. */
export function afterWorkdir(cwd: string, ins: Instr): string {
  if (ins.keyword !== 'WORKDIR') return cwd;
  const v = stripQuotes(ins.argsContent().trim());
  return v && !v.includes('$') ? resolvePath(cwd, v) : cwd;
}

/**
 * The build-context file that a COPY/ADD (without --from) of the stage put at `path` (resolved against WORKDIR at
 * `instr`); the last such COPY wins, as in the image.
 */
export function findContextSource(ctx: RuleContext, stage: Stage, instr: Instr, path: string): { path: string; text: string } | null {
  if (!ctx.readContextFile) return null;
  let target = resolvePath(workdirAt(stage, instr.startLine), path);
  // `RUN ln -s /usr/local/bin/start.sh /` puts a link where the CMD looks: follow it to the copied file.
  const link = symlinkTarget(ctx.doc, stage, target);
  if (link) target = link;
  const candidates: string[] = [];
  for (const s of stageChain(stage)) {
    // The working directory is followed along the stage instead of asked again for each COPY: workdirAt walks the
    // stage from its start, which made a stage of thousands of COPYs quadratic (60–90 ms per rule in the fuzzer).
    let cwd = workdirAt(s, s.startLine);
    for (const ins of s.instructions) {
      cwd = afterWorkdir(cwd, ins);
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.flag('from')) continue;
      const json = ins.jsonStrings();
      const args = json ? json.map((a) => a.value) : ins.args().map((a) => a.value);
      if (args.length < 2) continue;
      const srcs = args.slice(0, -1).filter((a) => !/^[a-z]+:\/\//i.test(a));
      const destRaw = args[args.length - 1];
      if (destRaw.includes('$')) continue;
      const dest = resolvePath(cwd, destRaw);
      const destIsDir = destRaw.endsWith('/') || args.length > 2;
      for (const src0 of srcs) {
        const src = src0.replace(/^\/+/, '').replace(/\/\*$/, '/');
        const srcBase = baseName(src.replace(/\/$/, ''));
        // A file copied to a file or into a directory.
        if (!destIsDir && dest === target) candidates.push(src);
        if (resolvePath(dest, srcBase) === target) candidates.push(src);
        // A directory copied: its content lands under dest.
        if (target.startsWith(dest === '/' ? '/' : dest + '/')) {
          const rel = target.slice(dest === '/' ? 1 : dest.length + 1);
          candidates.push(`${src.replace(/\/$/, '')}/${rel}`);
        }
      }
    }
  }
  for (let k = candidates.length - 1; k >= 0; k--) {
    const p = candidates[k].replace(/^\.\//, '');
    if (p.includes('*')) continue;
    const text = ctx.readContextFile(p);
    if (text !== null) return { path: p, text };
  }
  return null;
}

/** The file a `ln -s SRC DEST` of the stage's RUNs makes `target` point to (one level), or null. */
function symlinkTarget(doc: ParsedDocument, stage: Stage, target: string): string | null {
  let found: string | null = null;
  for (const { instr, shell } of runShells(doc)) {
    if (instr.stage !== stage) continue;
    for (const c of shell.all) {
      if (c.name !== 'ln') continue;
      const args = c.words.slice(1).map((w) => w.value);
      if (!args.some((a) => /^-[a-zA-Z]*s/.test(a))) continue;
      const operands = args.filter((a) => !a.startsWith('-'));
      if (operands.length !== 2 || operands.some((a) => a.includes('$'))) continue;
      const cwd = workdirAt(stage, instr.startLine);
      const src = resolvePath(cwd, operands[0]);
      const destRaw = operands[1];
      const dest = resolvePath(cwd, destRaw);
      const srcBase = src.slice(src.lastIndexOf('/') + 1);
      if (dest === target || resolvePath(dest, srcBase) === target) found = src;
    }
  }
  return found;
}
