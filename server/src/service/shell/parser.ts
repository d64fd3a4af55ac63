/**
 * A small POSIX-shell model for RUN/CMD/ENTRYPOINT text and for start scripts: the parser, from the lexer's tokens
 * (lexer.ts) to simple commands.
 *
 * It only answers the questions rules ask ("which commands run, in what order, joined by what, with which words,
 * where in the document"); commands.ts asks them of the result, binding.ts parses the shell of a Dockerfile
 * instruction with document offsets.
 */
import { type ShellSource, type Token, type Word, tokenize, wordMap } from './lexer';

export type Connector = '&&' | '||' | ';' | '|' | '&' | '\n' | null;

export interface SimpleCommand {
  /** The command name after wrappers (`exec`, `sudo`, `env X=1`, `nohup`, …) were removed; '' when none. */
  name: string;
  /** The name word and its arguments (wrappers removed). */
  words: Word[];
  /** All words as written, wrappers included (assignments and redirections excluded). */
  allWords: Word[];
  /** `X=1` words in front of the command. */
  assignments: Word[];
  /** Wrapper commands stripped from the front (`exec`, `sudo`, `env`, `nohup`, `time`, `command`, `nice`). */
  wrappers: string[];
  /** Redirection operators with their target word (`>` `/dev/null`, `2>&1`, `<<` `EOF`). */
  redirects: { op: string; target: Word | null }[];
  /** The operator written before this command (null at the start of a list). */
  before: Connector;
  /** The operator written after it (null at the end). */
  after: Connector;
  /** Runs in the background: its and-or list ends with `&`. */
  background: boolean;
  /** Part of a pipeline `a | b` (either side). */
  inPipeline: boolean;
  /** Compound commands around it, outermost first: 'if', 'while', 'until', 'for', 'case', '(', '{', 'function'. */
  context: string[];
  /** The condition words of the innermost `while`/`until` loop around it, when any (for keep-alive loops). */
  loopCondition: string | null;
  /** Nesting through `sh -c '…'` (0 at top level). */
  depth: number;
  /** Source offsets of the whole command. */
  start: number;
  end: number;
  /** For `sh -c '…'`: the commands of the inner script. */
  inner?: SimpleCommand[];
}

export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
const RESERVED_OPEN = new Set(['if', 'while', 'until', 'for', 'case', '{', '(', 'select']);
const RESERVED_SKIP = new Set(['then', 'else', 'elif', 'do', '!']);
const RESERVED_CLOSE = new Set(['fi', 'done', 'esac', '}', ')']);

// ---------------------------------------------------------------------------------------------------------------
// Commands

const WRAPPERS = new Set(['exec', 'sudo', 'env', 'nohup', 'time', 'command', 'nice', 'stdbuf', 'chroot', 'gosu', 'su-exec', 'tini', 'dumb-init']);
/** Options of wrappers that take a value (`sudo -u www-data`, `nice -n 10`). */
const WRAPPER_VALUE_OPTS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  exec: new Set(['-a']),
  stdbuf: new Set(['-i', '-o', '-e']),
};

function isAssignment(w: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.value) && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.raw);
}

/** Parses a shell text into simple commands, in source order, recursing into `sh -c '…'`. */
export function parseShell(src: ShellSource, depth = 0): SimpleCommand[] {
  const tokens = tokenize(src);
  const out: SimpleCommand[] = [];
  const context: { kind: string; cond: string | null }[] = [];
  let current: Token[] = [];
  let before: Connector = null;
  /** Index in `out` where the current and-or list started (for a trailing `&`). */
  let listStart = 0;
  let pipeFromPrev = false;
  /** For `case`: are we reading patterns (until `)`)? */
  const caseState: boolean[] = [];

  const flush = (after: Connector) => {
    const cmd = buildCommand(current, context, before, after, depth);
    current = [];
    if (cmd) {
      cmd.inPipeline = pipeFromPrev || after === '|';
      out.push(cmd);
    }
    pipeFromPrev = after === '|';
    if (after === '&') for (let k = listStart; k < out.length; k++) out[k].background = true;
    if (after === '&' || after === ';' || after === '\n') listStart = out.length;
    before = after;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.kind === 'op') {
      const o = tok.text;
      if (o === '(' && current.length === 0) {
        context.push({ kind: '(', cond: null });
        continue;
      }
      if (o === '(' && current.length === 1 && tokens[t + 1]?.text === ')') {
        // `name() { …; }`: a function definition; its body does not run here.
        current = [];
        t++;
        context.push({ kind: 'function', cond: null });
        // The body's `{` may sit on the next line (`name()\n{`).
        let k = t + 1;
        while (tokens[k]?.text === '\n') k++;
        if (tokens[k]?.text === '{') t = k;
        continue;
      }
      if (o === ')') {
        if (caseState.length && caseState[caseState.length - 1]) {
          // End of a case pattern list.
          current = [];
          caseState[caseState.length - 1] = false;
          continue;
        }
        flush(null);
        popContext(context, '(');
        continue;
      }
      if (o === ';;') {
        flush(';');
        if (caseState.length) caseState[caseState.length - 1] = true;
        continue;
      }
      if (o === '&&' || o === '||' || o === ';' || o === '|' || o === '&' || o === '\n' || o === '|&') {
        if (caseState.length && caseState[caseState.length - 1] && o === '\n') continue;
        if (current.length === 0 && (o === '\n' || o === ';')) continue;
        flush(o === '|&' ? '|' : (o as Connector));
        continue;
      }
      // Redirection operators stay with the command.
      current.push(tok);
      continue;
    }
    // A word.
    if (current.length === 0) {
      const v = tok.text;
      const rawPlain = tok.word && !tok.word.quoted;
      if (rawPlain && caseState.length && caseState[caseState.length - 1]) {
        if (v === 'esac') {
          caseState.pop();
          popContext(context, 'case');
        }
        continue; // a pattern word
      }
      if (rawPlain && RESERVED_OPEN.has(v)) {
        if (v === 'case') {
          // `case WORD in`: skip to `in`, then read patterns.
          while (t + 1 < tokens.length && tokens[t + 1].text !== 'in') t++;
          t++;
          context.push({ kind: 'case', cond: null });
          caseState.push(true);
          continue;
        }
        if (v === 'for' || v === 'select') {
          // `for x in a b c; do`: the loop header is not a command.
          while (t + 1 < tokens.length && tokens[t + 1].text !== ';' && tokens[t + 1].text !== '\n' && tokens[t + 1].text !== 'do') t++;
          context.push({ kind: 'for', cond: null });
          continue;
        }
        if (v === 'while' || v === 'until') {
          // Remember the condition (up to `;`/newline/`do`) for keep-alive loops.
          const parts: string[] = [];
          let k = t + 1;
          while (k < tokens.length && tokens[k].text !== ';' && tokens[k].text !== '\n' && tokens[k].text !== 'do') {
            parts.push(tokens[k].text);
            k++;
          }
          context.push({ kind: v, cond: parts.join(' ') });
          continue;
        }
        context.push({ kind: v === '{' ? '{' : v, cond: null });
        continue;
      }
      if (rawPlain && RESERVED_SKIP.has(v)) continue;
      if (rawPlain && RESERVED_CLOSE.has(v)) {
        popContext(context, v === 'fi' ? 'if' : v === 'done' ? 'loop' : v === 'esac' ? 'case' : '{');
        continue;
      }
      if (rawPlain && v === 'function') {
        // `function name { … }` / `function name() { … }`
        t++;
        if (tokens[t + 1]?.text === '(') t += 2;
        let k = t + 1;
        while (tokens[k]?.text === '\n') k++;
        if (tokens[k]?.text === '{') t = k;
        context.push({ kind: 'function', cond: null });
        continue;
      }
    }
    current.push(tok);
  }
  flush(null);
  // Recurse into `sh -c '…'`.
  for (const cmd of out) {
    const script = shellCArgument(cmd);
    // `sh -c "$(curl …)"` / `sh -c "$CMD"`: the script is only known at run time.
    const unknown = script !== null && script.dynamic && /^(\$\(.*\)|\$\{?[A-Za-z_@*][A-Za-z0-9_]*\}?|`.*`)$/s.test(script.value);
    if (script && depth < 4 && !unknown) {
      const inner = parseShell({ text: script.value, map: wordMap(script) }, depth + 1);
      for (const c of inner) {
        c.context = [...cmd.context, ...c.context];
        if (cmd.background) c.background = true;
      }
      cmd.inner = inner;
    }
  }
  return out;
}

function popContext(context: { kind: string }[], kind: string): void {
  for (let k = context.length - 1; k >= 0; k--) {
    const c = context[k].kind;
    const match =
      kind === 'loop' ? c === 'while' || c === 'until' || c === 'for' : kind === '{' ? c === '{' || c === 'function' : c === kind;
    if (match) {
      context.length = k;
      return;
    }
  }
}

function buildCommand(
  tokens: Token[],
  context: { kind: string; cond: string | null }[],
  before: Connector,
  after: Connector,
  depth: number,
): SimpleCommand | null {
  if (tokens.length === 0) return null;
  const assignments: Word[] = [];
  const allWords: Word[] = [];
  const redirects: { op: string; target: Word | null }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'op') {
      const next = tokens[k + 1];
      const target = next && next.kind === 'word' ? next.word! : null;
      redirects.push({ op: t.text, target });
      if (target) k++;
      continue;
    }
    const w = t.word!;
    // An IO number (`2>`) directly before a redirection is part of it.
    const next = tokens[k + 1];
    if (/^\d+$/.test(w.raw) && next && next.kind === 'op' && next.start === w.end && /[<>]/.test(next.text)) continue;
    if (allWords.length === 0 && isAssignment(w)) {
      assignments.push(w);
      continue;
    }
    allWords.push(w);
  }
  const { words, wrappers } = stripWrappers(allWords, assignments);
  const loop = [...context].reverse().find((c) => c.kind === 'while' || c.kind === 'until');
  // Commands live as long as the parse is cached (every RUN of every open document): the lists that are nearly
  // always empty share one frozen empty array instead of holding one each.
  return {
    // An expansion (`$CMD`, `$(…)`) is not a path: keep it whole rather than cutting it at a `/` inside.
    name: words[0] ? (words[0].value.startsWith('$') || words[0].value.startsWith('`') ? words[0].value : basename(words[0].value)) : '',
    words,
    allWords,
    assignments: orEmpty(assignments),
    wrappers: orEmpty(wrappers),
    redirects: orEmpty(redirects),
    before,
    after,
    background: false,
    inPipeline: false,
    context: context.length ? context.map((c) => c.kind) : orEmpty<string>([]),
    loopCondition: loop ? `${loop.kind} ${loop.cond ?? ''}`.trim() : null,
    depth,
    start: tokens[0].start,
    end: tokens[tokens.length - 1].end,
    inner: undefined,
  };
}

const EMPTY: readonly never[] = Object.freeze([]);

function orEmpty<T>(list: T[]): T[] {
  return list.length ? list : (EMPTY as unknown as T[]);
}

export function basename(v: string): string {
  const k = v.lastIndexOf('/');
  return k >= 0 && k < v.length - 1 ? v.slice(k + 1) : v;
}

/** Removes `exec`, `sudo -u x`, `env -i X=1`, `nohup`, … from the front of a command. */
function stripWrappers(words: Word[], assignments: Word[]): { words: Word[]; wrappers: string[] } {
  const wrappers: string[] = [];
  let k = 0;
  while (k < words.length) {
    const name = basename(words[k].value);
    if (!WRAPPERS.has(name)) break;
    if ((name === 'chroot' || name === 'gosu' || name === 'su-exec') && k + 1 < words.length) {
      wrappers.push(name);
      k += 2; // the new root / the user
      continue;
    }
    wrappers.push(name);
    k++;
    const valueOpts = WRAPPER_VALUE_OPTS[name];
    while (k < words.length) {
      const v = words[k].value;
      if (v === '--') {
        k++;
        break;
      }
      if (name === 'env' && isAssignment(words[k])) {
        assignments.push(words[k]);
        k++;
        continue;
      }
      if (name === 'time' || name === 'nohup' || name === 'tini' || name === 'dumb-init') {
        if (v.startsWith('-')) {
          k++;
          continue;
        }
        break;
      }
      if (v.startsWith('-') && v.length > 1) {
        k += valueOpts && valueOpts.has(v) ? 2 : 1;
        continue;
      }
      if (name === 'nice' && /^-?\d+$/.test(v)) {
        k++;
        continue;
      }
      break;
    }
  }
  // Most commands have no wrapper: their words are all their words, and one array serves both.
  return { words: k === 0 ? words : words.slice(k), wrappers };
}

/** For `sh -c 'script'` / `bash -ec "script"`: the script word. */
function shellCArgument(cmd: SimpleCommand): Word | null {
  if (!SHELLS.has(cmd.name)) return null;
  const ws = cmd.words;
  for (let k = 1; k < ws.length; k++) {
    const v = ws[k].value;
    if (v === '--') return null;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v) && v !== '-') return ws[k + 1] ?? null;
    if (!v.startsWith('-') && !v.startsWith('+')) return null; // a script file
    if (v === '-o' || v === '+o') k++; // `bash -o pipefail -c …`
  }
  return null;
}
