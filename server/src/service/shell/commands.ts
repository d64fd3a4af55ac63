/** Questions asked of parsed commands: every command in order, the one that decides how long a script runs. */
import { plainSource } from './lexer';
import { parseShell, type SimpleCommand } from './parser';

/** Every simple command, depth first: `sh -c` inner commands follow their outer command. */
export function flatten(cmds: SimpleCommand[]): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const walk = (list: SimpleCommand[]) => {
    for (const c of list) {
      out.push(c);
      if (c.inner) walk(c.inner);
    }
  };
  walk(cmds);
  return out;
}

/** Parses plain text (a script file or a test string) and flattens it. */
export function simpleCommands(text: string): SimpleCommand[] {
  return flatten(parseShell(plainSource(text)));
}

/**
 * The command that decides how long the script runs: the last command that is not in the background and not
 * inside a function body. `sh -c '…'` is followed inside. When the script ends with a bare `wait`, the waited-for
 * background list is what keeps it alive, so its last command is returned.
 */
export function lastForegroundCommand(cmds: SimpleCommand[]): SimpleCommand | null {
  const top = cmds.filter((c) => !c.context.includes('function'));
  for (let k = top.length - 1; k >= 0; k--) {
    const c = top[k];
    if (c.background) continue;
    if (c.name === 'wait' && c.words.length === 1) {
      for (let j = k - 1; j >= 0; j--) if (top[j].background) return deepest(top[j]);
      return c;
    }
    if (c.name === '' && c.words.length === 0) continue; // only assignments / redirections
    return deepest(c);
  }
  return null;
}

function deepest(c: SimpleCommand): SimpleCommand {
  if (c.inner && c.inner.length) {
    const inner = lastForegroundCommand(c.inner);
    if (inner) return inner;
  }
  return c;
}

/** The words of a command as plain strings. */
export function argv(c: SimpleCommand): string[] {
  return c.words.map((w) => w.value);
}
