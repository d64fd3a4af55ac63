/**
 * Following a stage's CMD/ENTRYPOINT into the start scripts it runs, as far as the build context holds them: which
 * program ends up as PID 1 (each `exec` hands PID 1 on), which programs run beside it (`service X start`, `cmd &`,
 * nginx without `daemon off;`, php-fpm without `-F`), and whether anything stays in the foreground.
 *
 * The script is found the way the rules find it (rules/stack/imageFiles.ts findContextSource: the COPY/ADD that put
 * a build-context file at that path, WORKDIR and `ln -s` followed) and judged with the rules' own notion of a
 * service start (rules/stack/mainProcess.ts startedService), so the explainer and DG101/DG111 never disagree.
 * Pure: files come through `read`, the host's context reader.
 */
import { findContextSource } from '../rules/stack/imageFiles';
import { ownInstr, scriptPath } from '../rules/stack/mainCommand';
import { startedService, startedServiceArgv } from '../rules/stack/mainProcess';
import { nginxMainConf } from '../rules/stack/nginxMainConf';
import { baseName } from '../rules/helpers/paths';
import type { RuleContext } from '../rules/types';
import type { Instr, ParsedDocument, Stage } from './document';
import { finalStage, type EffectiveCommand } from './effectiveCommand';
import { rootImage } from './pid1Shell';
import { commandRange, instrShell } from './shell/binding';
import { lastForegroundCommand } from './shell/commands';
import { lineOfOffset, plainSource } from './shell/lexer';
import { parseShell, SHELLS, type SimpleCommand } from './shell/parser';

/** One step of PID 1: a Dockerfile line, or a script line that `exec`s. `file` is the path in the build context. */
export interface ChainStep {
  file: string;
  line: number;
  argv: string[];
  /** A script line as written (quotes and `exec` kept), for showing; absent for the Dockerfile's own argv. */
  text?: string;
}

/** A command as written in its script, for showing it to a person. */
function written(c: SimpleCommand): string {
  return c.allWords.map((x) => x.raw).join(' ');
}

/** A program a script starts beside PID 1. */
export interface BackgroundProgram {
  file: string;
  line: number;
  program: string;
}

export interface StartChain {
  /** The Dockerfile line first, then each script line that execs; the last one is what runs as PID 1. */
  pid1Chain: ChainStep[];
  background: BackgroundProgram[];
  /** Something stays in the foreground; null when a script on the way cannot be read. */
  foreground: boolean | null;
  /** PID 1 is a shell (a script that does not exec its last command, or `sh -c`). */
  shellPid1: boolean;
  /** The script's last foreground command when the shell that is PID 1 runs it as a child (the `exec` fix). */
  lastForeground: ChainStep | null;
  /** A `trap … TERM` in a script that stays PID 1: it handles the signal itself. */
  trap: { file: string; line: number } | null;
  /** The script that could not be read (not in the build context, or no reader). */
  unreadable: string | null;
  /** The build-context scripts that were read, in the order they run. */
  scripts: string[];
  /** The `wait` line of a shell that stays PID 1 and waits for the programs it started in the background. */
  waits: ChainStep | null;
  /** The file whose shell stays PID 1 (a script, or the Dockerfile for shell text), when `shellPid1`. */
  pid1Script: string | null;
}

/** How deep scripts that exec or run scripts are followed (start.sh → entrypoint.sh → …). */
const MAX_DEPTH = 3;

/** Commands that return at once (as in mainProcess.ts): after only services, nothing holds the container. */
const ENDS_AT_ONCE = new Set(['echo', 'printf', 'true', ':', 'exit']);

interface Walk {
  ctx: RuleContext;
  stage: Stage;
  instr: Instr;
  out: StartChain;
  seen: Set<string>;
  /** nginx.conf sets `daemon off;` (final stage only, as the rules read it); asked only when nginx is started. */
  nginxDaemonOff: () => boolean;
  /** An official php image: its pool config says `daemonize = no`, so a bare php-fpm stays (as DG101 judges). */
  phpImage: boolean;
}

/** The Dockerfile's own name as the chain names it. */
function dockerfileName(doc: ParsedDocument): string {
  const p = doc.uri.replace(/^file:\/\//, '');
  let name = p.slice(p.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    /* keep it as written */
  }
  return name || 'Dockerfile';
}

/**
 * The chain of a stage's container. null when there is nothing to follow (argv unknown or empty, or it comes from the
 * base image alone).
 */
export function startChain(doc: ParsedDocument, ec: EffectiveCommand, read: ((rel: string) => string | null) | undefined): StartChain | null {
  if (!ec.argv || ec.argv.length === 0) return null;
  const first = ec.entrypoint ?? ec.cmd;
  const instr = ownInstr(ec.entrypoint) ?? ownInstr(ec.cmd);
  if (!first || !instr) return null;
  const stage = ec.stage;
  const ctx: RuleContext = { doc, readContextFile: read };
  const out: StartChain = { pid1Chain: [], background: [], foreground: true, shellPid1: false, lastForeground: null, trap: null, unreadable: null, scripts: [], pid1Script: null, waits: null };
  const df = dockerfileName(doc);
  out.pid1Chain.push({ file: df, line: instr.startLine + 1, argv: [...ec.argv] });
  // A base image's ENTRYPOINT (`docker-entrypoint.sh`) lives in the image, not in the build context: nothing to read.
  if (ec.entrypoint && !ownInstr(ec.entrypoint)) {
    out.foreground = null;
    return out;
  }
  const isFinal = stage === finalStage(doc);
  let daemonOff: boolean | undefined;
  const w: Walk = {
    ctx,
    stage,
    instr,
    out,
    seen: new Set(),
    nginxDaemonOff: () => (daemonOff ??= isFinal && !!read && !!safe(() => nginxMainConf(ctx)?.daemonOff)),
    phpImage: /^(docker\.io\/)?(library\/)?php[:@]/.test((rootImage(stage) ?? '').toLowerCase()),
  };
  const argv = ec.argv;
  const cmdArgs = ec.entrypoint?.form === 'exec' && ec.cmd?.form === 'exec' && ec.entrypoint.origin.kind !== 'unknown' ? ec.cmd.argv : null;
  // Shell text on the Dockerfile line (shell form, or `["sh", "-c", "…"]`): its commands, with Dockerfile lines.
  if (first.form === 'shell' || (SHELLS.has(baseName(argv[0])) && /^-[a-z]*c[a-z]*$/.test(argv[1] ?? ''))) {
    const sh = instrShell(instr);
    if (!sh) return out;
    const lineOf = (c: SimpleCommand) => commandRange(doc, c).start.line + 1;
    walkCommands(w, df, sh.commands, lineOf, null, true, 0);
    return inRunOrder(out);
  }
  followProgram(w, argv, cmdArgs, true, 0);
  return inRunOrder(out);
}

/** The background list in the order the programs start: the Dockerfile's line, then each script, by line. */
function inRunOrder(out: StartChain): StartChain {
  const rank = (f: string) => (f === out.pid1Chain[0].file ? -1 : out.scripts.indexOf(f));
  out.background.sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
  return out;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** A name that says "script": `x.sh`, or a shell given a file (`bash start.sh`). */
function namesScript(argv: string[], path: string): boolean {
  return /\.(sh|bash)$/.test(path) || SHELLS.has(baseName(argv[0]));
}

/**
 * `argv` runs (as PID 1 when `pid1`): a script from the build context is walked; a script that cannot be read leaves
 * the foreground unknown; a program is judged by itself.
 */
function followProgram(w: Walk, argv: string[], cmdArgs: string[] | null, pid1: boolean, depth: number): void {
  const path = depth <= MAX_DEPTH ? scriptPath(argv) : null;
  if (path) {
    const found = safe(() => findContextSource(w.ctx, w.stage, w.instr, path));
    if (found && !w.seen.has(found.path)) {
      w.seen.add(found.path);
      w.out.scripts.push(found.path);
      const cmds = parseShell(plainSource(found.text));
      walkCommands(w, found.path, cmds, (c) => lineOfOffset(found.text, c.start), cmdArgs, pid1, depth + 1);
      return;
    }
    if (!found && namesScript(argv, path)) {
      w.out.foreground = null;
      w.out.unreadable = path;
      return;
    }
  }
  w.out.foreground = !daemonizes(w, argv);
}

/** A command that starts a service and returns (so it does not hold the foreground). */
function daemonizes(w: Walk, argv: string[]): boolean {
  const name = baseName(argv[0] ?? '');
  const nginx = name === 'nginx' || (name === 'service' && argv[1] === 'nginx') || argv[0] === '/etc/init.d/nginx';
  if (nginx && w.nginxDaemonOff()) return false;
  if (w.phpImage && /^php(-fpm[\d.]*|[\d.]+-fpm)$/.test(name)) return false;
  return startedServiceArgv(argv, false) !== null;
}

/** The trap of a script that handles SIGTERM (`trap … TERM`, `SIGTERM`, `15`). */
function isTermTrap(c: SimpleCommand): boolean {
  if (c.name !== 'trap') return false;
  return c.words.slice(2).some((w) => /^(SIG)?TERM$|^15$/i.test(w.value));
}

/**
 * The commands of a script (or of the Dockerfile's shell text), in order: services started beside it are listed; an
 * `exec` ends the script and hands PID 1 on (when this script is PID 1); otherwise the last foreground command
 * decides whether anything stays.
 */
function walkCommands(
  w: Walk,
  file: string,
  cmds: SimpleCommand[],
  lineOf: (c: SimpleCommand) => number,
  cmdArgs: string[] | null,
  pid1: boolean,
  depth: number,
): void {
  const all: SimpleCommand[] = [];
  const flat = (list: SimpleCommand[]) => {
    for (const c of list) {
      all.push(c);
      if (c.inner) flat(c.inner);
    }
  };
  flat(cmds);
  const last = lastForegroundCommand(cmds);
  for (const c of all) {
    // A function may never be called; a command inside `sh -c` is judged with its outer command.
    if (c.context.includes('function')) continue;
    if (pid1 && isTermTrap(c) && !w.out.trap) w.out.trap = { file, line: lineOf(c) };
    const argv = c.words.map((x) => x.value);
    if (c.wrappers.includes('exec') && !c.background && argv.length > 0) {
      const next = (argv[0] === '$@' || argv[0] === '${@}') ? cmdArgs : argv;
      if (!next || next.length === 0) {
        // `exec "$@"` with no CMD to hand over to: the container gets whatever `docker run` passes.
        if (pid1) w.out.pid1Chain.push({ file, line: lineOf(c), argv, text: written(c) });
        w.out.foreground = null;
        return;
      }
      if (pid1) w.out.pid1Chain.push({ file, line: lineOf(c), argv: [...next], text: written(c) });
      followProgram(w, next, null, pid1, depth);
      return;
    }
    if (c === last) continue;
    // Beside PID 1: `cmd &`, `service x start`, and nginx or php-fpm that daemonize (unless the image's config keeps them).
    const program = startedService(c);
    if (program && (c.background || daemonizes(w, argv))) w.out.background.push({ file, line: lineOf(c), program });
  }
  // No exec: this script's shell stays where it is (PID 1 when it was), and its last foreground command runs as its child.
  if (pid1) {
    w.out.shellPid1 = true;
    w.out.pid1Script = file;
  }
  if (!last) {
    w.out.foreground = false;
    return;
  }
  const argv = last.words.map((x) => x.value);
  const waitCmd = [...all].reverse().find((c) => c.name === 'wait' && !c.background && !c.context.includes('function'));
  if (last.background || last.name === 'wait') {
    // `cmd & wait`: the script waits on it, so it holds the foreground, but it runs beside PID 1.
    if (last.background && !w.out.background.some((b) => b.file === file && b.line === lineOf(last))) {
      w.out.background.push({ file, line: lineOf(last), program: startedService(last) ?? last.name });
    }
    if (pid1 && waitCmd) w.out.waits = { file, line: lineOf(waitCmd), argv: waitCmd.words.map((x) => x.value), text: written(waitCmd) };
    w.out.foreground = true;
    return;
  }
  if (pid1) w.out.lastForeground = { file, line: lineOf(last), argv, text: written(last) };
  if (ENDS_AT_ONCE.has(last.name)) {
    // `service x start; echo ready`: walking back over what returns at once, a service start (or nothing) means
    // nothing holds the script; any other command may be what kept it running until then.
    const fg = all.filter((c) => c.start < last.start && !c.background && !c.context.includes('function') && c.words.length > 0 && !ENDS_AT_ONCE.has(c.name));
    const before = fg[fg.length - 1];
    w.out.foreground = !!before && !startedService(before);
    if (!w.out.foreground && pid1) w.out.lastForeground = null;
    return;
  }
  if (daemonizes(w, argv)) {
    w.out.background.push({ file, line: lineOf(last), program: startedService(last)! });
    w.out.foreground = false;
    if (pid1) w.out.lastForeground = null;
    return;
  }
  followProgram(w, argv, null, false, depth);
}
