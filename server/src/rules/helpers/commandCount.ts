/**
 * How many commands a RUN runs, counted the way hadolint counts them for DL3059 (Hadolint.Shell `presentCommands`:
 * every simple command with a literal name, wherever it sits in the script: in `&&`/`;` lists, pipelines, `if` and
 * loop bodies, subshells, and inside `$(…)` and backquotes too). The text of `sh -c '…'` is one quoted argument to
 * hadolint, so the commands in it are not counted, except in exec form, where hadolint reads the joined strings.
 */
import type { Instr } from '../../service/document';
import { instrShell } from '../../service/shell/binding';
import { plainSource, type Word } from '../../service/shell/lexer';
import { parseShell, type SimpleCommand } from '../../service/shell/parser';

/** The end of the `$(…)` whose `(` is at `open`: the index of its `)` (or the text's end when unbalanced). */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const d = s[j];
    if (d === '\\') j++;
    else if (d === "'") {
      const e = s.indexOf("'", j + 1);
      j = e < 0 ? s.length : e;
    } else if (d === '"') {
      j++;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    } else if (d === '(') depth++;
    else if (d === ')' && --depth === 0) return j;
  }
  return s.length;
}

/** The scripts of the command substitutions (`$(…)`, backquotes) in a word as written; `$((…))` is arithmetic. */
export function substitutions(raw: string): string[] {
  const out: string[] = [];
  let inDouble = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === "'" && !inDouble) {
      // Single quotes keep `$(` literal.
      const e = raw.indexOf("'", i + 1);
      i = e < 0 ? raw.length : e;
    } else if (c === '"') inDouble = !inDouble;
    else if (c === '$' && raw[i + 1] === '(' && raw[i + 2] !== '(') {
      const end = closingParen(raw, i + 1);
      out.push(raw.slice(i + 2, end));
      i = end;
    } else if (c === '`') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '`') j += raw[j] === '\\' ? 2 : 1;
      out.push(raw.slice(i + 1, j));
      i = j;
    }
  }
  return out;
}

/** Commands of a parsed list, their command substitutions included (depth guards against pathological nesting). */
function countList(cmds: SimpleCommand[], depth: number): number {
  let n = 0;
  for (const c of cmds) {
    // hadolint needs a literal name (ShellCheck's getCommandName): `$CC -o x` or assignments alone do not count.
    // ShellCheck parses `[ … ]` and `[[ … ]]` as test expressions, not commands.
    const name = c.allWords[0];
    if (name && !name.dynamic && name.value !== '[' && name.value !== '[[') n++;
    if (depth >= 8) continue;
    const words: Word[] = [...c.allWords, ...c.assignments];
    for (const r of c.redirects) if (r.target) words.push(r.target);
    for (const w of words) {
      if (!w.dynamic) continue;
      for (const script of substitutions(w.raw)) n += countList(parseShell(plainSource(script)), depth + 1);
    }
  }
  return n;
}

/** Per dockerfile-ast instruction: the count depends on the instruction's text only, so later versions reuse it. */
const counts = new WeakMap<object, number>();

/** How many commands hadolint counts in a RUN (exec form that is not `sh -c` counts as its one program). */
export function runCommandCount(instr: Instr): number {
  let n = counts.get(instr.ast);
  if (n === undefined) {
    const shell = instrShell(instr);
    n = shell ? countList(shell.commands, 0) : instr.isExecForm() ? 1 : 0;
    counts.set(instr.ast, n);
  }
  return n;
}
