/**
 * The command that decides the container's life: the last foreground command of the final stage's CMD/ENTRYPOINT,
 * followed into the start script it runs when the build context can be read.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { effectiveCommand, finalStage, type Part } from '../../service/effectiveCommand';
import { parseShell, type SimpleCommand } from '../../service/shell/parser';
import { commandRange, instrShell } from '../../service/shell/binding';
import { flatten, lastForegroundCommand } from '../../service/shell/commands';
import { lineOfOffset, plainSource } from '../../service/shell/lexer';
import { baseName } from '../helpers/paths';
import type { RuleContext } from '../types';
import { findContextSource } from './imageFiles';

/** One command that decides the container's life, and where to report it. */
export interface MainCommand {
  /** The command name and arguments. */
  argv: string[];
  cmd: SimpleCommand | null;
  /** The CMD/ENTRYPOINT instruction the diagnostic sits on. */
  instr: Instr;
  /** Range in the Dockerfile: the command itself when it is written there, else the instruction's arguments. */
  range: Range;
  /** When the command is the last one of a start script: the script's context path and 1-based line. */
  script?: { path: string; line: number };
  /** Nothing stays in the foreground (everything ends with `&`). */
  allBackground?: boolean;
  /** The and-or list the command ends: true when it is the whole CMD (used by fixes). */
  whole?: boolean;
  /** `while true; do …; done` around it. */
  loopCondition?: string | null;
  /** The commands written before it in the same text (the CMD, or the script it was found in), in order. */
  before?: SimpleCommand[];
}

/** The commands of `all` that start before `c`. */
function commandsBefore(all: SimpleCommand[], c: SimpleCommand): SimpleCommand[] {
  return all.filter((x) => x.start < c.start);
}

const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/**
 * The last foreground command of the final stage's container: from the shell-form CMD/ENTRYPOINT, or from the
 * exec-form argv, following a start script brought in by COPY/ADD when the context can be read.
 * null when nothing is known (no CMD/ENTRYPOINT in the Dockerfile, or a base image's command).
 */
export function mainCommand(ctx: RuleContext): MainCommand | null {
  // Three rules ask (DG101, DG102, DG111) in the same run, with the same context reader: worked out once. Following
  // a start script reads the build context and walks every COPY of the stage.
  const known = mainCommandMemo.get(ctx.doc);
  if (known && known.reader === ctx.readContextFile) return known.value;
  const value = findMainCommand(ctx);
  mainCommandMemo.set(ctx.doc, { reader: ctx.readContextFile, value });
  return value;
}

const mainCommandMemo = new WeakMap<ParsedDocument, { reader: RuleContext['readContextFile']; value: MainCommand | null }>();

/** What the stage runs, or null when it cannot be worked out (the explainer's model throws on strange input). */
export function effectiveCommandOrNull(doc: ParsedDocument, stage: Stage): ReturnType<typeof effectiveCommand> | null {
  try {
    return effectiveCommand(doc, stage);
  } catch {
    return null;
  }
}

/** The instruction a part of the command comes from when the Dockerfile wrote it (not the base image). */
export function ownInstr(p: Part | null): Instr | null {
  return p && (p.origin.kind === 'line' || p.origin.kind === 'parent') && p.origin.instr ? p.origin.instr : null;
}

function findMainCommand(ctx: RuleContext): MainCommand | null {
  const doc = ctx.doc;
  const stage = finalStage(doc);
  if (!stage) return null;
  const ec = effectiveCommandOrNull(doc, stage);
  if (!ec) return null;
  const ep = ec.entrypoint;
  const cmd = ec.cmd;
  const own = ownInstr;
  const first = ep ?? cmd;
  const firstInstr = own(first);
  if (!first || !firstInstr) return null;
  if (first.form === 'shell') return fromShellInstr(ctx, stage, firstInstr);
  // Exec form: ENTRYPOINT + CMD argv.
  const epArgv = ep ? ep.argv : [];
  const cmdArgv = cmd ? cmd.argv : [];
  if (ep && ep.origin.kind !== 'line' && ep.origin.kind !== 'parent') return null;
  const argv = [...epArgv, ...cmdArgv];
  if (argv.length === 0) return null;
  // `["sh", "-c", "…"]` is shell text: judge it through the instruction's parsed shell.
  if (SHELL_NAMES.has(baseName(argv[0])) && /^-[a-z]*c[a-z]*$/.test(argv[1] ?? '')) {
    return fromShellInstr(ctx, stage, firstInstr);
  }
  const range = firstInstr.argsRange() ?? firstInstr.range;
  const followed = followScript(ctx, stage, argv, firstInstr, range, cmd && ep ? cmdArgv : null);
  if (followed) return followed;
  return { argv: stripExecWrappers(argv), cmd: null, instr: firstInstr, range, whole: true };
}

/** `exec`, `gosu user`, `tini --` in front of an exec-form argv. */
function stripExecWrappers(argv: string[]): string[] {
  const parsed = parseShell(plainSource(argv.map(shQuote).join(' ')));
  const c = parsed[0];
  return c && c.words.length ? c.words.map((w) => w.value) : argv;
}

function shQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function fromShellInstr(ctx: RuleContext, stage: Stage, instr: Instr): MainCommand | null {
  const doc = ctx.doc;
  const sh = instrShell(instr);
  if (!sh) return null;
  const last = lastForegroundCommand(sh.commands);
  if (!last) {
    const all = sh.all;
    if (all.length && all.some((c) => c.background)) {
      const lastCmd = all[all.length - 1];
      return { argv: lastCmd.words.map((w) => w.value), cmd: lastCmd, instr, range: commandRange(doc, lastCmd), allBackground: true };
    }
    return null;
  }
  const argv = last.words.map((w) => w.value);
  const range = commandRange(doc, last);
  const followed = followScript(ctx, stage, argv, instr, instr.argsRange() ?? instr.range, null);
  if (followed) return followed;
  const whole = sh.commands.length === 1 && !sh.commands[0].inner;
  return { argv, cmd: last, instr, range, whole, loopCondition: last.loopCondition, before: commandsBefore(sh.all, last) };
}

/**
 * The script a command runs: `bash start.sh`, `sh -e /root/init.sh` (not `sh -c`), `./start.sh`, `/start.sh`,
 * `setup.sh`; null for anything else or a path with a variable in it.
 */
export function scriptPath(argv: string[]): string | null {
  if (argv.length === 0) return null;
  let path: string | undefined;
  if (SHELL_NAMES.has(baseName(argv[0]))) {
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a === '-c') return null;
      if (a.startsWith('-') || a.startsWith('+')) continue;
      path = a;
      break;
    }
  } else if (argv[0].includes('/') || /\.(sh|bash)$/.test(argv[0])) {
    path = argv[0];
  }
  return path && !path.includes('$') ? path : null;
}

/**
 * `bash start.sh`, `sh -e /root/init.sh`, `./start.sh`, `/start.sh`: when a COPY/ADD of the stage brings that file from
 * the build context and it can be read, its last foreground command (with `exec "$@"` replaced by `cmdArgs`).
 */
function followScript(
  ctx: RuleContext,
  stage: Stage,
  argv: string[],
  instr: Instr,
  range: Range,
  cmdArgs: string[] | null,
  depth = 0,
): MainCommand | null {
  if (!ctx.readContextFile || depth > 2) return null;
  const path = scriptPath(argv);
  if (!path) return null;
  const found = findContextSource(ctx, stage, instr, path);
  if (!found) return null;
  const cmds = parseShell(plainSource(found.text));
  const last = lastForegroundCommand(cmds);
  if (!last) {
    const all = flatten(cmds);
    if (all.some((c) => c.background && !c.context.includes('function'))) {
      const lastCmd = all[all.length - 1];
      return {
        argv: lastCmd.words.map((w) => w.value),
        cmd: null,
        instr,
        range,
        script: { path: found.path, line: lineOfOffset(found.text, lastCmd.start) },
        allBackground: true,
      };
    }
    return null;
  }
  let lastArgv = last.words.map((w) => w.value);
  if (lastArgv[0] === '$@' || lastArgv[0] === '${@}') {
    // `exec "$@"`: the CMD decides.
    if (!cmdArgs || cmdArgs.length === 0) return null;
    lastArgv = stripExecWrappers(cmdArgs);
  } else if (last.words[0]?.dynamic) {
    return null;
  }
  const script = { path: found.path, line: lineOfOffset(found.text, last.start) };
  const deeper = followScript(ctx, stage, lastArgv, instr, range, null, depth + 1);
  if (deeper) return deeper;
  return { argv: lastArgv, cmd: last, instr, range, script, loopCondition: last.loopCondition, before: commandsBefore(flatten(cmds), last) };
}
