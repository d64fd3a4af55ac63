/**
 * The start scripts a container runs: the build-context files that the final stage's CMD/ENTRYPOINT runs (`bash
 * start.sh`, `["/entrypoint.sh"]`), found the way DG101 follows them (mainCommand.ts, imageFiles.ts), with their
 * commands parsed. Rules that judge commands (DG106, DG123) read these to look inside the script too; their
 * diagnostics stay on the Dockerfile line that runs the script, since the Problems panel entry belongs to the
 * Dockerfile, and the message names the script and its line.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';
import { commandRange, instrShell } from '../../service/shell/binding';
import { simpleCommands } from '../../service/shell/commands';
import { lineOfOffset } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import type { RuleContext } from '../types';
import { findContextSource } from './imageFiles';
import { effectiveCommandOrNull, ownInstr, scriptPath } from './mainCommand';

export interface StartScript {
  /** The script's path in the build context, as shown in messages. */
  path: string;
  text: string;
  /** Every command of the script in order (`sh -c` inner commands included), outside function bodies. */
  commands: SimpleCommand[];
  /** The CMD/ENTRYPOINT that (directly or through another start script) runs it. */
  instr: Instr;
  /** Where the diagnostic goes: the command of the CMD that runs the script, or the instruction's arguments. */
  range: Range;
}

/** The 1-based line of a script command, for messages. */
export function scriptLine(s: StartScript, c: SimpleCommand): number {
  return lineOfOffset(s.text, c.start);
}

/**
 * The start scripts of the final stage, each once, in the order they run. Worked out once per document version and
 * context reader: DG106 and DG123 both ask in the same run.
 */
export function startScripts(ctx: RuleContext): StartScript[] {
  const known = memo.get(ctx.doc);
  if (known && known.reader === ctx.readContextFile) return known.value;
  const value = findStartScripts(ctx);
  memo.set(ctx.doc, { reader: ctx.readContextFile, value });
  return value;
}

const memo = new WeakMap<ParsedDocument, { reader: RuleContext['readContextFile']; value: StartScript[] }>();

/** How deep scripts that run scripts are followed (start.sh → setup.sh → …), as mainCommand does. */
const MAX_DEPTH = 2;

function findStartScripts(ctx: RuleContext): StartScript[] {
  if (!ctx.readContextFile) return [];
  const doc = ctx.doc;
  const stage = finalStage(doc);
  if (!stage) return [];
  const ec = effectiveCommandOrNull(doc, stage);
  if (!ec) return [];
  const out: StartScript[] = [];
  const seen = new Set<string>();
  const ep = ec.entrypoint;
  const cmd = ec.cmd;
  const epInstr = ownInstr(ep);
  const cmdInstr = ownInstr(cmd);
  // The CMD's argv when it is handed to the ENTRYPOINT (exec form both): what `exec "$@"` in the script runs.
  const cmdArgs = ep && ep.form === 'exec' && cmd && cmd.form === 'exec' ? cmd.argv : null;
  for (const [part, instr] of [[ep, epInstr], [cmd, cmdInstr]] as const) {
    if (!part || !instr) continue;
    // A shell-form ENTRYPOINT ignores the CMD; an exec-form CMD under an exec-form ENTRYPOINT is only its arguments.
    if (part === cmd && ep && (ep.form === 'shell' || (cmdArgs && epInstr))) break;
    const sh = instrShell(instr);
    if (sh) {
      for (const c of sh.all) {
        if (c.context.includes('function')) continue;
        follow(ctx, stage, instr, c.words.map((w) => w.value), commandRange(doc, c), cmdArgs, out, seen, 0);
      }
    } else {
      const argv = part === ep && cmdArgs ? [...ep.argv, ...cmdArgs] : part.argv;
      follow(ctx, stage, instr, argv, instr.argsRange() ?? instr.range, cmdArgs, out, seen, 0);
    }
  }
  return out;
}

/** Adds the script `argv` runs, when a COPY/ADD of the stage brought it from the context, and the scripts it runs. */
function follow(
  ctx: RuleContext,
  stage: Stage,
  instr: Instr,
  argv: string[],
  range: Range,
  cmdArgs: string[] | null,
  out: StartScript[],
  seen: Set<string>,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  const path = scriptPath(argv);
  if (!path) return;
  const found = findContextSource(ctx, stage, instr, path);
  if (!found || seen.has(found.path)) return;
  seen.add(found.path);
  // A function may never be called: its commands are not counted as run.
  const commands = simpleCommands(found.text).filter((c) => !c.context.includes('function'));
  out.push({ path: found.path, text: found.text, commands, instr, range });
  for (const c of commands) {
    const words = c.words.map((w) => w.value);
    // `exec "$@"`: the script hands over to the CMD, which may be a script of its own.
    const next = (words[0] === '$@' || words[0] === '${@}') && cmdArgs ? cmdArgs : words;
    follow(ctx, stage, instr, next, range, null, out, seen, depth + 1);
  }
}
