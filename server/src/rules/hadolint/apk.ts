/** `apk add` invocations with their package words and options. */
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

function apkAdds(cmds: SimpleCommand[]): ApkAdd[] {
  const out: ApkAdd[] = [];
  for (const c of cmds) {
    if (c.name !== 'apk') continue;
    const ws = c.words;
    const options: string[] = [];
    let k = 1;
    for (; k < ws.length && ws[k].value.startsWith('-'); k++) {
      options.push(ws[k].value);
      if (VALUE_OPTS.has(ws[k].value)) k++;
    }
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
