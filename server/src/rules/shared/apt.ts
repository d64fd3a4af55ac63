/** apt-get, apt and aptitude as the rules read them. */
import { type AptInvocation, type InstrShell, aptGetInvocations } from '../../service/shell';
import { memoShell } from './shell';

const aptMemo = new WeakMap<InstrShell, AptInvocation[]>();

/** apt-get/apt invocations of a RUN, computed once per parsed shell. */
export function aptOf(shell: InstrShell): AptInvocation[] {
  return memoShell(aptMemo, shell, () => aptGetInvocations(shell.all));
}
