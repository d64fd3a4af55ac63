/**
 * Helpers shared by the stack rules (DG1xx) and the hadolint rules: the shell of RUN instructions, ranges of
 * shell words, the program a container runs and the start scripts it follows.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { effectiveCommand, type Part } from '../../service/effectiveCommand';
import {
  type AptInvocation,
  type InstrShell,
  aptGetInvocations,
  type SimpleCommand,
  type Word,
  flatten,
  instrShell,
  lastForegroundCommand,
  lineOfOffset,
  offsetRange,
  parseShell,
  plainSource,
} from '../../service/shell';
import type { RuleContext } from '../types';
import { drain } from '../../service/steps';

/**
 * Where our own rules are documented. The lead may point this at the published README section.
 */
export function guideUrl(id: string): string {
  return `https://github.com/dockerfile-guide/dockerfile-guide/blob/main/docs/rules.md#${id.toLowerCase()}`;
}

export function hadolintUrl(id: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${id}`;
}

export interface RunShell {
  instr: Instr;
  shell: InstrShell;
}

const runShellsMemo = new WeakMap<ParsedDocument, RunShell[]>();

/**
 * Every shell-form RUN (and `RUN ["sh", "-c", …]`) with its parsed shell, in document order. Memoised per document
 * version: a dozen rules read it, and each RUN's parse is itself cached per AST (instrShell).
 */
export function runShells(doc: ParsedDocument): RunShell[] {
  return runShellsMemo.get(doc) ?? drain(runShellsSteps(doc));
}

/** Builds runShells' memo, pausing after each RUN it parses (see service/slices.ts). */
export function* runShellsSteps(doc: ParsedDocument): Generator<void, RunShell[]> {
  const known = runShellsMemo.get(doc);
  if (known) return known;
  const out: RunShell[] = [];
  // RUNs under `SHELL ["powershell", …]` / `["cmd", "/S", "/C"]` are not POSIX shell: leave them out. SHELL is
  // inherited through `FROM <stage>`.
  const nonPosix = new Map<Stage, boolean>();
  let current: Stage | undefined;
  let foreign = false;
  for (const instr of doc.instructions) {
    if (instr.stage !== current) {
      if (current) nonPosix.set(current, foreign);
      current = instr.stage;
      foreign = current?.parent ? (nonPosix.get(current.parent) ?? false) : false;
    }
    if (instr.keyword === 'SHELL') {
      const first = instr.jsonStrings()?.[0]?.value ?? '';
      foreign = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i.test(first);
      continue;
    }
    if (instr.keyword !== 'RUN' || foreign) continue;
    const shell = instrShell(instr);
    if (shell) out.push({ instr, shell });
    yield;
  }
  runShellsMemo.set(doc, out);
  return out;
}

const aptMemo = new WeakMap<InstrShell, AptInvocation[]>();

/** apt-get/apt invocations of a RUN, computed once per parsed shell. */
export function aptOf(shell: InstrShell): AptInvocation[] {
  let v = aptMemo.get(shell);
  if (!v) {
    v = aptGetInvocations(shell.all);
    aptMemo.set(shell, v);
  }
  return v;
}

/** A per-shell memo for other derived views (pip, apk). */
export function memoShell<T>(cache: WeakMap<InstrShell, T>, shell: InstrShell, compute: () => T): T {
  let v = cache.get(shell);
  if (v === undefined) {
    v = compute();
    cache.set(shell, v);
  }
  return v;
}

export function wordRange(doc: ParsedDocument, w: Word): Range {
  return offsetRange(doc, w.start, w.end);
}

export function cmdRange(doc: ParsedDocument, c: SimpleCommand): Range {
  return offsetRange(doc, c.start, c.end);
}

export function edit(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Range covering the whole lines of an instruction, line break included (for deleting it). */
export function wholeLines(doc: ParsedDocument, instr: Instr): Range {
  const end = instr.endLine + 1 < doc.lineCount ? { line: instr.endLine + 1, character: 0 } : { line: instr.endLine, character: doc.lineText(instr.endLine).length };
  return { start: { line: instr.startLine, character: 0 }, end };
}

// ---------------------------------------------------------------------------------------------------------------
// What the container runs

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

function findMainCommand(ctx: RuleContext): MainCommand | null {
  const doc = ctx.doc;
  const stage = doc.stages[doc.stages.length - 1];
  if (!stage) return null;
  let ec;
  try {
    ec = effectiveCommand(doc, stage);
  } catch {
    return null;
  }
  const ep = ec.entrypoint;
  const cmd = ec.cmd;
  const own = (p: Part | null): Instr | null => (p && (p.origin.kind === 'line' || p.origin.kind === 'parent') && p.origin.instr ? p.origin.instr : null);
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
  const shellInstr = firstInstr;
  if (SHELL_NAMES.has(base(argv[0])) && /^-[a-z]*c[a-z]*$/.test(argv[1] ?? '')) {
    return fromShellInstr(ctx, stage, shellInstr);
  }
  const range = shellInstr.argsRange() ?? shellInstr.range;
  const followed = followScript(ctx, stage, argv, shellInstr, range, cmd && ep ? cmdArgv : null);
  if (followed) return followed;
  return { argv: stripExecWrappers(argv), cmd: null, instr: shellInstr, range, whole: true };
}

function base(p: string): string {
  const k = p.lastIndexOf('/');
  return k >= 0 ? p.slice(k + 1) : p;
}

/** `exec`, `gosu user`, `tini --` in front of an exec-form argv. */
function stripExecWrappers(argv: string[]): string[] {
  const parsed = parseShell(plainSource(argv.map(shQuote).join(' ')));
  const c = parsed[0];
  return c && c.words.length ? c.words.map((w) => w.value) : argv;
}

export function shQuote(s: string): string {
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
      return { argv: lastCmd.words.map((w) => w.value), cmd: lastCmd, instr, range: cmdRange(doc, lastCmd), allBackground: true };
    }
    return null;
  }
  const argv = last.words.map((w) => w.value);
  const range = cmdRange(doc, last);
  const followed = followScript(ctx, stage, argv, instr, instr.argsRange() ?? instr.range, null);
  if (followed) return followed;
  const whole = sh.commands.length === 1 && !sh.commands[0].inner;
  return { argv, cmd: last, instr, range, whole, loopCondition: last.loopCondition, before: commandsBefore(sh.all, last) };
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
  let path: string | undefined;
  if (SHELL_NAMES.has(base(argv[0]))) {
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
  if (!path || path.includes('$')) return null;
  const found = findContextSource(ctx, stage, instr, path);
  if (!found) return null;
  const cmds = parseShell(plainSource(found.text));
  const last = lastForegroundCommand(cmds);
  const scriptRange = range;
  if (!last) {
    const all = flatten(cmds);
    if (all.some((c) => c.background && !c.context.includes('function'))) {
      const lastCmd = all[all.length - 1];
      return {
        argv: lastCmd.words.map((w) => w.value),
        cmd: null,
        instr,
        range: scriptRange,
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
  return { argv: lastArgv, cmd: last, instr, range: scriptRange, script, loopCondition: last.loopCondition, before: commandsBefore(flatten(cmds), last) };
}

/** Joins POSIX paths and normalises `.`/`..`. */
export function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

function stripQuotes(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** WORKDIR in force just before a line of a stage (following the parent stages). */
export function workdirAt(stage: Stage, line: number): string {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && chain.length < 64; s = s.parent) chain.unshift(s);
  let cwd = '/';
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (s === stage && ins.startLine >= line) break;
      cwd = afterWorkdir(cwd, ins);
    }
  }
  return cwd;
}

/** The working directory after `ins`: changed by a WORKDIR with a literal path, else `cwd`. */
function afterWorkdir(cwd: string, ins: Instr): string {
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
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && chain.length < 64; s = s.parent) chain.unshift(s);
  const candidates: string[] = [];
  for (const s of chain) {
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
        const srcBase = base(src.replace(/\/$/, ''));
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

/** The stage chain of the final stage, or every stage. */
export function finalStage(doc: ParsedDocument): Stage | undefined {
  return doc.stages[doc.stages.length - 1];
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

// ---------------------------------------------------------------------------------------------------------------
// nginx configuration and its `daemon` directive

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function osaDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * A directive name that is not `daemon` but one or two edits away from it (a swapped pair counts as one):
 * `deamon`, `dameon`, `daemno`, `demon`, `daemonn`, `Daemon`. nginx matches directive names exactly, so it stops
 * with `[emerg] unknown directive "…"` and exit code 1. No directive of nginx 1.x is within three edits of
 * `daemon` (checked against every `ngx_string` command name in nginx's src/), so this never hits a real one.
 */
export function isDaemonTypo(name: string): boolean {
  if (name === 'daemon' || name.length < 4 || name.length > 8 || !/^[A-Za-z_]+$/.test(name)) return false;
  return osaDistance(name.toLowerCase(), 'daemon') <= 2;
}

export interface NginxDirective {
  name: string;
  /** Offsets of the name in the text. */
  start: number;
  end: number;
  /** The words after the name, up to its `;` or `{`. */
  args: string[];
}

/** The directives of nginx configuration text or of a `-g` value: each statement's first word, with its offsets. */
export function nginxDirectives(text: string): NginxDirective[] {
  const out: NginxDirective[] = [];
  let current: NginxDirective | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      current = null;
      i++;
    } else {
      const start = i;
      let value = '';
      if (c === '"' || c === "'") {
        i++;
        while (i < text.length && text[i] !== c) {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i++];
        }
        i++;
      } else {
        while (i < text.length && !/[\s;{}]/.test(text[i])) value += text[i++];
      }
      if (current) current.args.push(value);
      else if (c !== '"' && c !== "'") out.push((current = { name: value, start, end: i, args: [] }));
      else current = { name: '', start, end: i, args: [] };
    }
  }
  return out;
}

/** The directives of `text` that misspell `daemon`. */
export function daemonTypos(text: string): NginxDirective[] {
  return nginxDirectives(text).filter((d) => isDaemonTypo(d.name));
}

/** `daemon off;` is set in `text`. */
export function setsDaemonOff(text: string): boolean {
  return nginxDirectives(text).some((d) => d.name === 'daemon' && d.args[0] === 'off');
}

/** Whether the instruction's text contains `word`, read from the document text without copying it. */
function mentions(doc: ParsedDocument, ins: Instr, word: string): boolean {
  const at = doc.text.indexOf(word, doc.offsetAt({ line: ins.startLine, character: 0 }));
  return at >= 0 && at < doc.offsetAt({ line: ins.endLine + 1, character: 0 });
}

/** nginx configuration the Dockerfile writes under /etc/nginx/, with a way back to where to report in it. */
export interface NginxConfig {
  /** Where the text lands in the image. */
  dest: string;
  text: string;
  instr: Instr;
  /** The build-context file the text comes from (COPY/ADD), for messages; undefined when it is in the Dockerfile. */
  file?: string;
  /** The Dockerfile range of text[start, end), when the text is written in the Dockerfile; else null. */
  rangeOf(start: number, end: number): Range | null;
  /** Where to report otherwise: the COPY/ADD source argument. */
  anchor: Range;
}

const NGINX_DIR = /^\/etc\/nginx\//;
const nginxConfigMemo = new WeakMap<ParsedDocument, { reader: RuleContext['readContextFile']; value: NginxConfig[] }>();

/**
 * nginx configuration written by the Dockerfile: `echo`/`printf … > /etc/nginx/…` (or `| tee`) in a RUN, a
 * `COPY <<EOF /etc/nginx/…` heredoc, and build-context files that COPY/ADD put under /etc/nginx/ (read when the
 * context can be read). In document order.
 */
export function nginxConfigs(ctx: RuleContext): NginxConfig[] {
  const known = nginxConfigMemo.get(ctx.doc);
  if (known && known.reader === ctx.readContextFile) return known.value;
  const value = findNginxConfigs(ctx);
  nginxConfigMemo.set(ctx.doc, { reader: ctx.readContextFile, value });
  return value;
}

function findNginxConfigs(ctx: RuleContext): NginxConfig[] {
  const doc = ctx.doc;
  const out: NginxConfig[] = [];
  // This runs for every version of every document: most never mention nginx, and one scan of the text says so
  // without building a single argument (a 10,000-line file's COPYs made the server's peak memory grow by MiBs).
  if (!doc.text.includes('nginx')) return out;
  for (const { instr, shell } of runShells(doc)) {
    if (!instr.stage || !shell.source.text.includes('/etc/nginx')) continue;
    const cwd = workdirAt(instr.stage, instr.startLine);
    const all = shell.all;
    for (let k = 0; k < all.length; k++) {
      const c = all[k];
      let writer: SimpleCommand | null = null;
      let target: string | undefined;
      if (c.name === 'echo' || c.name === 'printf') {
        writer = c;
        target = c.redirects.find((r) => (r.op === '>' || r.op === '>>') && r.target)?.target?.value;
      } else if (c.name === 'tee' && k > 0 && all[k - 1].after === '|' && (all[k - 1].name === 'echo' || all[k - 1].name === 'printf')) {
        writer = all[k - 1];
        target = c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
      }
      if (!writer || !target || target.includes('$')) continue;
      const dest = resolvePath(cwd, target);
      if (!NGINX_DIR.test(dest)) continue;
      const words = writer.words.slice(1).filter((w, j) => !(writer!.name === 'echo' && j === 0 && /^-[neE]+$/.test(w.value)));
      // The words joined by one space, each remembered by where it starts in the joined text.
      const starts: number[] = [];
      let text = '';
      for (const w of words) {
        if (text) text += ' ';
        starts.push(text.length);
        // `\n` in printf formats and `echo -e` is a line break for nginx too.
        text += w.value.replace(/\\[nt]/g, '  ');
      }
      out.push({
        dest,
        text,
        instr,
        rangeOf: (start) => {
          let j = starts.length - 1;
          while (j > 0 && starts[j] > start) j--;
          const w = words[j];
          return w ? wordRange(doc, w) : null;
        },
        anchor: cmdRange(doc, writer),
      });
    }
  }
  for (const stage of doc.stages) {
    let cwd = workdirAt(stage, stage.startLine);
    for (const ins of stage.instructions) {
      cwd = afterWorkdir(cwd, ins);
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // Only a COPY that names nginx, or runs in a WORKDIR under /etc/nginx, can land there: decided on the text.
      if (!NGINX_DIR.test(`${cwd}/`) && !mentions(doc, ins, 'nginx')) continue;
      if (ins.flag('from')) continue;
      const heredocs = ins.heredocs();
      const json = ins.jsonStrings();
      // With a heredoc, dockerfile-ast's arguments run on into its body: keep those of the instruction line.
      const args = json ?? (heredocs.length ? ins.args().filter((a) => a.range.start.line === heredocs[0].startRange.start.line) : ins.args());
      if (args.length < 2) continue;
      const destRaw = args[args.length - 1].value;
      if (destRaw.includes('$')) continue;
      const dest = resolvePath(cwd, destRaw);
      const destIsDir = destRaw.endsWith('/') || args.length > 2;
      if (heredocs.length > 0) {
        const h = heredocs[0];
        if (!h.contentRange || destIsDir || !NGINX_DIR.test(dest)) continue;
        const bodyStart = doc.offsetAt(h.contentRange.start);
        out.push({
          dest,
          text: doc.getText(h.contentRange),
          instr: ins,
          rangeOf: (start, end) => ({ start: doc.positionAt(bodyStart + start), end: doc.positionAt(bodyStart + end) }),
          anchor: h.nameRange,
        });
        continue;
      }
      if (!ctx.readContextFile) continue;
      for (const src of args.slice(0, -1)) {
        if (/^[a-z]+:\/\//i.test(src.value) || /[*?[]/.test(src.value) || src.value.includes('$')) continue;
        // BuildKit cuts a leading `../` off at the context root, so `../x` is the context's `x`.
        const path = resolvePath('/', src.value).slice(1);
        const lands = destIsDir ? resolvePath(dest, base(path)) : dest;
        if (!path || !NGINX_DIR.test(lands)) continue;
        const text = ctx.readContextFile(path);
        if (text === null) continue;
        out.push({ dest: lands, text, instr: ins, file: path, rangeOf: () => null, anchor: src.range });
      }
    }
  }
  return out;
}
