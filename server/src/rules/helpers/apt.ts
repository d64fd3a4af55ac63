/**
 * apt-get, apt and aptitude as the rules read them: each invocation's subcommand, packages and options, and whether
 * it can run without a prompt.
 */
import type { Word } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import type { InstrShell } from '../../service/shell/binding';
import { memoShell } from './shell';

export interface AptOption {
  /** As written (`-qqy`, `--no-install-recommends`, `-o`). */
  word: Word;
  /** Its value for options that take one (`-o Acquire::x=1`, `-t buster-backports`). */
  value?: Word;
}

export interface AptInvocation {
  cmd: SimpleCommand;
  /** `apt-get`, `apt`, `aptitude`. */
  tool: string;
  /** `install`, `update`, `upgrade`, … (null when none was found). */
  subcommand: Word | null;
  /** Package arguments (after the subcommand, options excluded). */
  packages: Word[];
  options: AptOption[];
  /** Non-interactive: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q=2`, `-o APT::Get::Assume-Yes=true`, or fed by `yes |`. */
  yes: boolean;
  noInstallRecommends: boolean;
}

const APT_VALUE_OPTS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release', '-a', '--host-architecture']);

export function aptGetInvocations(cmds: SimpleCommand[]): AptInvocation[] {
  const out: AptInvocation[] = [];
  for (let idx = 0; idx < cmds.length; idx++) {
    const cmd = cmds[idx];
    if (cmd.name !== 'apt-get' && cmd.name !== 'apt' && cmd.name !== 'aptitude') continue;
    const options: AptOption[] = [];
    const packages: Word[] = [];
    let subcommand: Word | null = null;
    let quiet = 0;
    let yes = false;
    let nir = false;
    const ws = cmd.words;
    for (let k = 1; k < ws.length; k++) {
      const w = ws[k];
      const v = w.value;
      if (v.startsWith('-') && v.length > 1) {
        const opt: AptOption = { word: w };
        if (APT_VALUE_OPTS.has(v) && k + 1 < ws.length) {
          opt.value = ws[++k];
          if (/^APT::Get::Assume-Yes=(true|yes|1)$/i.test(opt.value.value)) yes = true;
          if (/^APT::Install-Recommends=(false|no|0)$/i.test(opt.value.value)) nir = true;
        } else if (v.startsWith('--')) {
          if (v === '--yes' || v === '--assume-yes' || v === '--force-yes') yes = true;
          if (v === '--no-install-recommends') nir = true;
          if (v === '--quiet') quiet++;
          const m = /^--quiet=(\d)$/.exec(v);
          if (m) quiet = Number(m[1]);
          const o = /^--option=(.*)$/.exec(v);
          if (o && /^APT::Get::Assume-Yes=(true|yes|1)$/i.test(o[1])) yes = true;
        } else {
          const m = /^-q=(\d)$/.exec(v);
          if (m) quiet = Math.max(quiet, Number(m[1]));
          else
            for (const ch of v.slice(1)) {
              if (ch === 'y') yes = true;
              if (ch === 'q') quiet++;
            }
        }
        options.push(opt);
        continue;
      }
      if (!subcommand) subcommand = w;
      else packages.push(w);
    }
    if (quiet >= 2) yes = true;
    // `yes | apt-get install …` answers the prompts too.
    const prev = cmds[idx - 1];
    if (cmd.before === '|' && prev && prev.name === 'yes') yes = true;
    out.push({ cmd, tool: cmd.name, subcommand, packages, options, yes, noInstallRecommends: nir });
  }
  return out;
}

const aptMemo = new WeakMap<InstrShell, AptInvocation[]>();

/** apt-get/apt invocations of a RUN, computed once per parsed shell. */
export function aptOf(shell: InstrShell): AptInvocation[] {
  return memoShell(aptMemo, shell, () => aptGetInvocations(shell.all));
}
