/**
 * What a container of a stage runs: the effective ENTRYPOINT and CMD as argv arrays, and where each came from.
 *
 * The rules, as the builder applies them (checked against a real engine in test/docker/explain.test.ts):
 *  - exec form (a valid JSON array of strings) is stored as written and never goes through a shell;
 *  - anything else is shell form and is stored as SHELL + [text] (default SHELL `["/bin/sh", "-c"]`), the text
 *    with line continuations joined and no variable substitution (that happens in the shell at run time);
 *  - SHELL, ENTRYPOINT and CMD are image config, so `FROM <stage>` and `FROM <image>` inherit them;
 *  - ENTRYPOINT clears the CMD inherited from the base (image or stage) unless a CMD came earlier in the same stage;
 *    a CMD after it in the same stage is kept as usual;
 *  - the last CMD and the last ENTRYPOINT of a stage win;
 *  - `ENTRYPOINT []` / `CMD []` store nothing to run (the engine reports `null` or `[]`).
 * At run time the process is ENTRYPOINT + CMD; `docker run IMAGE a b` replaces CMD with [a, b];
 * `docker run --entrypoint X IMAGE` replaces ENTRYPOINT with [X] and drops the image's CMD.
 */
import { lookupBaseImage, type BaseImageConfig, engineBaseImagesGeneration } from './baseImages';
import { type Instr, type ParsedDocument, type Stage, stripQuotes } from './document';

export type { BaseImageConfig } from './baseImages';

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export type OriginKind = 'line' | 'parent' | 'base' | 'unknown';

export interface Origin {
  /**
   * `line`: an instruction of this stage; `parent`: an instruction of an earlier stage this one is built FROM
   * (`instr` and `stage` say which); `base`: the base image's config (`image`, `source`); `unknown`: the base image
   * is not known (not inspected locally, not in the table), so its value cannot be told.
   */
  kind: OriginKind;
  instr?: Instr;
  stage?: Stage;
  /** The base image as written in FROM (variables substituted when their default is known). */
  image?: string;
  /** For `base`: where the base image's config came from. */
  source?: 'engine' | 'table';
}

export interface Part {
  /** The stored argv; empty when the origin is unknown. */
  argv: string[];
  form: 'exec' | 'shell';
  origin: Origin;
  /** Shell form: the command text as written (continuations joined) and the SHELL that wraps it. */
  text?: string;
  shell?: string[];
  /**
   * Written in exec form as `["/bin/sh", "-c", "<text>"]`: stored exactly as shell form stores its text, so it runs
   * exactly like shell form (the shell is PID 1, a CMD only fills `$0`, `$1`, …) and is read as shell form here.
   */
  execWritten?: true;
}

export interface ArgOrigin {
  part: 'entrypoint' | 'cmd';
  kind: OriginKind;
  /** The SHELL wrapper of a shell-form part (`/bin/sh`, `-c`) rather than the text itself. */
  shellWrapper?: boolean;
  line?: number;
  stage?: string;
  image?: string;
  source?: 'engine' | 'table';
}

export interface EffectiveCommand {
  stage: Stage;
  /** null: no ENTRYPOINT. A Part with origin `unknown`: there may be one, but the base image is unknown. */
  entrypoint: Part | null;
  /** null: no CMD (never set, cleared by ENTRYPOINT, or `CMD []`). */
  cmd: Part | null;
  /** What `docker run IMAGE` executes (ENTRYPOINT + CMD); `[]` when there is nothing to run; null when unknown. */
  argv: string[] | null;
  /** The argv starts with a shell wrapper that came from shell form (the shell is PID 1). */
  shellForm: boolean;
  /** One entry per element of argv (empty when argv is null). */
  origins: ArgOrigin[];
  /** The SHELL in force at the end of the stage. */
  shell: { argv: string[]; origin: Origin };
  /** The base image config that the stage chain starts from; undefined when unknown. */
  base: BaseImageConfig | undefined;
  /** The image named by the first FROM of the stage chain (the root stage's image). */
  baseImage: string | null;
  /** The inherited CMD that an ENTRYPOINT of this stage cleared. */
  cmdReset?: { by: Instr; cleared: Part };
  /** CMD/ENTRYPOINT instructions of this stage that a later one of the same kind replaced. */
  overridden: Instr[];
  /** The CMD/ENTRYPOINT instructions of this stage that are in effect. */
  effectiveInstrs: Instr[];
}

interface State {
  shell: { argv: string[]; origin: Origin };
  entrypoint: Part | null;
  cmd: Part | null;
  base: BaseImageConfig | undefined;
  baseImage: string | null;
}

interface Memo {
  gen: number;
  byKey: Map<string, { ec: EffectiveCommand; state: State }>;
}

const memo = new WeakMap<ParsedDocument, Memo>();

/**
 * The effective ENTRYPOINT/CMD of a stage. `base` overrides the config of the image the stage chain starts from
 * (otherwise: the local engine's answer, then the built-in table, else unknown). Memoised per document object,
 * stage and base.
 */
export function effectiveCommand(doc: ParsedDocument, stage: Stage, base?: BaseImageConfig): EffectiveCommand {
  return compute(doc, stage, base, 0).ec;
}

/** The final stage (what `docker build` without --target produces). */
export function finalStage(doc: ParsedDocument): Stage | undefined {
  return doc.stages[doc.stages.length - 1];
}

function compute(doc: ParsedDocument, stage: Stage, base: BaseImageConfig | undefined, depth: number): { ec: EffectiveCommand; state: State } {
  const gen = engineBaseImagesGeneration();
  let m = memo.get(doc);
  if (!m || m.gen !== gen) {
    m = { gen, byKey: new Map() };
    memo.set(doc, m);
  }
  const key = `${stage.index}|${base ? JSON.stringify(base) : ''}`;
  const hit = m.byKey.get(key);
  if (hit) return hit;

  // Start state: the parent stage's end state, or the base image's config.
  let start: State;
  const parent = stage.parent && stage.parent.index < stage.index && depth < 64 ? stage.parent : null;
  if (parent) {
    const ps = compute(doc, parent, base, depth + 1).state;
    start = {
      shell: { argv: ps.shell.argv, origin: inherit(ps.shell.origin, parent) },
      entrypoint: ps.entrypoint ? { ...ps.entrypoint, origin: inherit(ps.entrypoint.origin, parent) } : null,
      cmd: ps.cmd ? { ...ps.cmd, origin: inherit(ps.cmd.origin, parent) } : null,
      base: ps.base,
      baseImage: ps.baseImage,
    };
  } else {
    const image = resolveImage(doc, stage);
    const cfg = base ?? (image !== null ? lookupBaseImage(image) : undefined);
    const imageName = image ?? stage.image ?? undefined;
    if (cfg) {
      const origin: Origin = { kind: 'base', image: imageName, source: cfg.source };
      start = {
        shell: cfg.shell && cfg.shell.length ? { argv: [...cfg.shell], origin } : { argv: [...DEFAULT_SHELL], origin },
        entrypoint: cfg.entrypoint && cfg.entrypoint.length ? basePart(cfg.entrypoint, origin) : null,
        cmd: cfg.cmd && cfg.cmd.length ? basePart(cfg.cmd, origin) : null,
        base: cfg,
        baseImage: imageName ?? null,
      };
    } else {
      const origin: Origin = { kind: 'unknown', image: imageName };
      start = {
        // Linux images almost never set SHELL; assume the default but keep the origin honest.
        shell: { argv: [...DEFAULT_SHELL], origin },
        entrypoint: { argv: [], form: 'exec', origin },
        cmd: { argv: [], form: 'exec', origin },
        base: undefined,
        baseImage: imageName ?? null,
      };
    }
  }

  // Walk the stage.
  const st: State = { ...start };
  let cmdSet = false;
  let cmdReset: EffectiveCommand['cmdReset'];
  let lastCmd: Instr | undefined;
  let lastEp: Instr | undefined;
  const overridden: Instr[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword === 'SHELL') {
      const j = ins.jsonStrings();
      // SHELL accepts only the JSON form; the builder rejects anything else, so it changes nothing here.
      if (j && j.length > 0) st.shell = { argv: j.map((s) => s.value), origin: { kind: 'line', instr: ins, stage } };
    } else if (ins.keyword === 'CMD') {
      if (lastCmd) overridden.push(lastCmd);
      lastCmd = ins;
      st.cmd = partOf(ins, stage, st.shell.argv);
      cmdSet = true;
      cmdReset = undefined;
    } else if (ins.keyword === 'ENTRYPOINT') {
      if (lastEp) overridden.push(lastEp);
      lastEp = ins;
      st.entrypoint = partOf(ins, stage, st.shell.argv);
      if (!cmdSet) {
        if (st.cmd) cmdReset = { by: ins, cleared: st.cmd };
        st.cmd = null;
      }
    }
  }

  const ec = build(stage, st, overridden, cmdReset, [lastEp, lastCmd].filter((x): x is Instr => !!x));
  const result = { ec, state: st };
  m.byKey.set(key, result);
  return result;
}

function build(stage: Stage, st: State, overridden: Instr[], cmdReset: EffectiveCommand['cmdReset'], lastInstrs: Instr[]): EffectiveCommand {
  const entrypoint = st.entrypoint;
  const cmd = st.cmd;
  let argv: string[] | null;
  const origins: ArgOrigin[] = [];
  const unknownEp = entrypoint?.origin.kind === 'unknown';
  const unknownCmd = cmd?.origin.kind === 'unknown';
  if (unknownEp || unknownCmd) {
    argv = null;
  } else {
    argv = [];
    if (entrypoint) {
      argv.push(...entrypoint.argv);
      origins.push(...argOrigins(entrypoint, 'entrypoint'));
    }
    if (cmd) {
      argv.push(...cmd.argv);
      origins.push(...argOrigins(cmd, 'cmd'));
    }
  }
  const first = entrypoint ?? cmd;
  const shellForm = !!first && first.form === 'shell' && first.origin.kind !== 'unknown';
  const effectiveInstrs = lastInstrs.filter((i) => (i.keyword === 'CMD' ? cmd?.origin.instr === i : entrypoint?.origin.instr === i));
  return {
    stage,
    entrypoint,
    cmd,
    argv,
    shellForm,
    origins,
    shell: st.shell,
    base: st.base,
    baseImage: st.baseImage,
    cmdReset,
    overridden,
    effectiveInstrs,
  };
}

function argOrigins(p: Part, part: 'entrypoint' | 'cmd'): ArgOrigin[] {
  const base: ArgOrigin = { part, kind: p.origin.kind };
  if (p.origin.instr) base.line = p.origin.instr.startLine;
  if (p.origin.stage) base.stage = p.origin.stage.name ?? String(p.origin.stage.index);
  if (p.origin.image) base.image = p.origin.image;
  if (p.origin.source) base.source = p.origin.source;
  const wrapper = p.form === 'shell' && p.shell ? p.shell.length : 0;
  return p.argv.map((_, i) => (i < wrapper ? { ...base, shellWrapper: true } : { ...base }));
}

/**
 * A value from a base image's config. The config does not say which form was written, but `[<shell>, "-c", text]`
 * is what shell form stores, so it is read as shell form (and its shell as PID 1).
 */
function basePart(argv: readonly string[], origin: Origin): Part {
  if (isShellScriptArgv(argv)) return { argv: [...argv], form: 'shell', origin, text: argv[2], shell: argv.slice(0, 2) };
  return { argv: [...argv], form: 'exec', origin };
}

/**
 * `[<shell>, "-c", text]`: exactly what shell form stores. POSIX `sh -c text a b c` runs `text` with `$0` = a and
 * `$1`… = b c, so anything appended (the CMD, `docker run` arguments) only fills the script's `$0`, `$1`, … (checked
 * on the engine in test/claims/shellEntrypoint.test.ts). Options may come with `c` (`-ec`); a fourth element would be
 * `$0` itself, and then the CMD starts at `$1`: that is the working pattern, not this one.
 */
export function isShellScriptArgv(argv: readonly string[]): boolean {
  return argv.length === 3 && /^-[a-z]*c[a-z]*$/.test(argv[1]) && /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh|ksh|mksh)$/.test(argv[0]);
}

function inherit(o: Origin, parent: Stage): Origin {
  if (o.kind === 'line') return { ...o, kind: 'parent', stage: o.stage ?? parent };
  return o;
}

/** The Part an instruction stores. */
export function partOf(ins: Instr, stage: Stage, shell: readonly string[]): Part | null {
  const origin: Origin = { kind: 'line', instr: ins, stage };
  const j = ins.jsonStrings();
  if (j) {
    // `ENTRYPOINT []` / `CMD []`: nothing to run.
    if (j.length === 0) return null;
    const argv = j.map((s) => s.value);
    // `["/bin/sh", "-c", "…"]` stores what shell form stores and runs the same way: read it as shell form.
    if (isShellScriptArgv(argv)) return { argv, form: 'shell', origin, text: argv[2], shell: argv.slice(0, 2), execWritten: true };
    return { argv, form: 'exec', origin };
  }
  const text = ins.argsContent();
  // The classic builder stores SHELL alone for an empty shell-form instruction; BuildKit rejects it.
  const argv = text === '' ? [...shell] : [...shell, text];
  return { argv, form: 'shell', origin, text, shell: [...shell] };
}

/**
 * The FROM image with global ARG defaults substituted (`FROM debian:${DEBIAN_VERSION}`); null when a variable has
 * no known default.
 */
export function resolveImage(doc: ParsedDocument, stage: Stage): string | null {
  const image = stage.image;
  if (!image) return null;
  if (!image.includes('$')) return image;
  let ok = true;
  const value = (name: string): string | null => {
    const g = [...doc.globalArgs].reverse().find((d) => d.name === name);
    return g && g.value !== null ? stripQuotes(g.value) : null;
  };
  const out = image.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, n1: string, op: string, word: string, n2: string) => {
    const v = value(n1 ?? n2);
    if (op === ':-' || op === '-') return v !== null && (op === '-' || v !== '') ? v : word;
    if (op === ':+' || op === '+') return v !== null && (op === '+' || v !== '') ? word : '';
    if (v === null) ok = false;
    return v ?? '';
  });
  return ok ? out : null;
}

/**
 * The images a document's FROMs pull, as the engine must be asked about them (`dockerfileGuide/baseImages`): each
 * stage's reference after global ARG substitution, in order, without duplicates. Left out: stages built FROM an
 * earlier stage (also when an ARG names it), `scratch`, and references with a variable that has no value here.
 */
export function documentBaseImages(doc: ParsedDocument): string[] {
  const out: string[] = [];
  const earlier = new Set<string>();
  for (const stage of doc.stages) {
    const image = stage.parent ? null : resolveImage(doc, stage);
    if (image && !earlier.has(image.toLowerCase()) && image.toLowerCase() !== 'scratch' && !out.includes(image)) out.push(image);
    if (stage.name) earlier.add(stage.name.toLowerCase());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Run-time views.

/** What `docker run IMAGE arg…` executes: run arguments replace CMD. null when the ENTRYPOINT is unknown. */
export function argvWithRunArgs(ec: EffectiveCommand, args: readonly string[]): string[] | null {
  if (ec.entrypoint?.origin.kind === 'unknown') return null;
  if (args.length === 0) return ec.argv;
  return [...(ec.entrypoint?.argv ?? []), ...args];
}

/** What `docker run --entrypoint X IMAGE arg…` executes: the image's CMD is dropped. */
export function argvWithEntrypoint(entrypoint: string, args: readonly string[] = []): string[] {
  return [entrypoint, ...args];
}

/**
 * The Docker table's cell: which CMD form meets which ENTRYPOINT form. `unknown` when the base image leaves it open.
 */
export type FormCell = 'none' | 'exec' | 'shell' | 'unknown';
export function tableCell(ec: EffectiveCommand): { entrypoint: FormCell; cmd: FormCell } {
  const cell = (p: Part | null): FormCell => (!p ? 'none' : p.origin.kind === 'unknown' ? 'unknown' : p.form);
  return { entrypoint: cell(ec.entrypoint), cmd: cell(ec.cmd) };
}

/**
 * For shell form: does the shell stay PID 1? False when the text starts with `exec` (the shell replaces itself).
 * Some shells also exec a lone simple command, but with `&&`, `;`, `|` or `&` the shell stays.
 */
export function shellStaysPid1(ec: EffectiveCommand): boolean {
  if (!ec.shellForm) return false;
  const first = ec.entrypoint ?? ec.cmd;
  const text = (first?.text ?? '').trim();
  return !/^exec(\s|$)/.test(text);
}

/** The image config the builder stores for the stage (for comparing with `docker image inspect`). */
export function imageConfig(ec: EffectiveCommand): { Entrypoint: string[] | null; Cmd: string[] | null } | null {
  if (ec.entrypoint?.origin.kind === 'unknown' || ec.cmd?.origin.kind === 'unknown') return null;
  return { Entrypoint: ec.entrypoint ? [...ec.entrypoint.argv] : null, Cmd: ec.cmd ? [...ec.cmd.argv] : null };
}
