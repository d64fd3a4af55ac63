/** pip invocations (`pip install`, `pip3 install`, `python -m pip install`) with their package words. */
import type { InstrShell } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import type { Word } from '../../service/shell/lexer';
import { memoShell } from '../helpers/shell';
import { splitOperands } from './operands';

export interface PipInstall {
  cmd: SimpleCommand;
  /** The `install` word. */
  install: Word;
  packages: Word[];
  options: string[];
}

/** pip options that take a value (so the value is not a package). */
const VALUE_OPTS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--trusted-host', '--log', '--proxy', '--timeout', '--retries', '--no-binary', '--only-binary']);

function pipInstalls(cmds: SimpleCommand[]): PipInstall[] {
  const out: PipInstall[] = [];
  for (const c of cmds) {
    let ws = c.words;
    if (/^python[\d.]*$/.test(c.name) && ws[1]?.value === '-m' && /^pip[\d.]*$/.test(ws[2]?.value ?? '')) ws = ws.slice(2);
    else if (!/^pip[\d.]*$/.test(c.name)) continue;
    let k = 1;
    while (k < ws.length && ws[k].value.startsWith('-')) k++;
    if (ws[k]?.value !== 'install') continue;
    const { operands, options } = splitOperands(ws, k + 1, VALUE_OPTS);
    out.push({ cmd: c, install: ws[k], packages: operands, options });
  }
  return out;
}

const memo = new WeakMap<InstrShell, PipInstall[]>();
/** pipInstalls of a RUN's parsed shell, computed once. */
export function pipOf(shell: InstrShell): PipInstall[] {
  return memoShell(memo, shell, () => pipInstalls(shell.all));
}
