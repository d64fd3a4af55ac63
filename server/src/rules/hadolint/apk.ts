/** apk as the rules read it: `apk add` invocations with their package words and options, and `apk upgrade`. */
import type { InstrShell } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import type { Word } from '../../service/shell/lexer';
import { memoShell } from '../helpers/shell';
import { splitOperands } from './operands';

export interface ApkAdd {
  cmd: SimpleCommand;
  add: Word;
  packages: Word[];
  options: string[];
}

const VALUE_OPTS = new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);

/** The index of an apk command's applet word (`add`, `upgrade`, …) past the global options, and those options. */
function applet(c: SimpleCommand): { k: number; options: string[] } {
  const ws = c.words;
  const options: string[] = [];
  let k = 1;
  for (; k < ws.length && ws[k].value.startsWith('-'); k++) {
    options.push(ws[k].value);
    if (VALUE_OPTS.has(ws[k].value)) k++;
  }
  return { k, options };
}

/** The `apk add` invocations among `cmds` (a RUN's commands, or a script's). */
export function apkAdds(cmds: SimpleCommand[]): ApkAdd[] {
  const out: ApkAdd[] = [];
  for (const c of cmds) {
    if (c.name !== 'apk') continue;
    const ws = c.words;
    const { k, options } = applet(c);
    if (ws[k]?.value !== 'add') continue;
    const after = splitOperands(ws, k + 1, VALUE_OPTS);
    out.push({ cmd: c, add: ws[k], packages: after.operands, options: [...options, ...after.options] });
  }
  return out;
}

const memo = new WeakMap<InstrShell, ApkAdd[]>();
/** apkAdds of a RUN's parsed shell, computed once. */
export function apkOf(shell: InstrShell): ApkAdd[] {
  return memoShell(memo, shell, () => apkAdds(shell.all));
}

/** An `apk upgrade`: it upgrades every installed package (or the ones named after it). */
export interface ApkUpgrade {
  cmd: SimpleCommand;
  upgrade: Word;
}

const upgradeMemo = new WeakMap<InstrShell, ApkUpgrade[]>();
/**
 * `apk upgrade` invocations of a RUN's parsed shell, computed once. `apk add --upgrade x` (`-u`) installs or upgrades
 * x and its dependencies only, and `apk -U` (`--update-cache`) refreshes the indexes: neither is this applet.
 */
export function apkUpgradesOf(shell: InstrShell): ApkUpgrade[] {
  return memoShell(upgradeMemo, shell, () => {
    const out: ApkUpgrade[] = [];
    for (const c of shell.all) {
      if (c.name !== 'apk') continue;
      const w = c.words[applet(c).k];
      if (w?.value === 'upgrade') out.push({ cmd: c, upgrade: w });
    }
    return out;
  });
}
