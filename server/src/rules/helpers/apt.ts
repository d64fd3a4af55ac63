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
  /**
   * `-U`, `--update` or `-o APT::Update=true` on apt-get/apt: since apt 2.7 (Debian 13 ships apt 3) the command runs
   * `update` before it does its own work, so it reads fresh package lists. Set only for commands that take the option.
   */
  updatesFirst: boolean;
}

const APT_VALUE_OPTS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release', '-a', '--host-architecture']);
/** Short options that take a value: in a group (`-yqo X=1`, `-oX=1`) the rest of the word, or the next word, is it. */
const APT_VALUE_SHORT = new Set(['o', 'c', 't', 'a']);
/**
 * The commands apt-get and apt accept `-U`/`--update` on (apt's apt-private/private-cmndline.cc registers it in
 * addArgumentsAPTGet for these only; apt-get rejects it elsewhere).
 */
const UPDATE_FIRST_COMMANDS = new Set(['install', 'reinstall', 'remove', 'purge', 'upgrade', 'dist-upgrade', 'dselect-upgrade', 'autoremove', 'autopurge', 'full-upgrade']);
/** `-o` settings the rules read; the words are those apt's StringToBool takes for true and false. */
const ASSUME_YES_ON = /^APT::Get::Assume-Yes=(1|yes|true|with|on|enable)$/i;
const INSTALL_RECOMMENDS_OFF = /^APT::Install-Recommends=(0|no|false|without|off|disable)$/i;
const UPDATE_ON = /^APT::Update=(1|yes|true|with|on|enable)$/i;

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
    let updateOpt = false;
    const config = (setting: string) => {
      if (ASSUME_YES_ON.test(setting)) yes = true;
      if (INSTALL_RECOMMENDS_OFF.test(setting)) nir = true;
      if (UPDATE_ON.test(setting)) updateOpt = true;
    };
    const ws = cmd.words;
    for (let k = 1; k < ws.length; k++) {
      const w = ws[k];
      const v = w.value;
      if (v.startsWith('-') && v.length > 1) {
        const opt: AptOption = { word: w };
        if (APT_VALUE_OPTS.has(v) && k + 1 < ws.length) {
          opt.value = ws[++k];
          config(opt.value.value);
        } else if (v.startsWith('--')) {
          if (v === '--yes' || v === '--assume-yes' || v === '--force-yes') yes = true;
          if (v === '--no-install-recommends') nir = true;
          if (v === '--update') updateOpt = true;
          if (v === '--quiet') quiet++;
          const m = /^--quiet=(\d)$/.exec(v);
          if (m) quiet = Number(m[1]);
          const o = /^--option=(.*)$/.exec(v);
          if (o) config(o[1]);
        } else {
          const m = /^-q=(\d)$/.exec(v);
          if (m) quiet = Math.max(quiet, Number(m[1]));
          else
            for (let c = 1; c < v.length; c++) {
              const ch = v[c];
              if (ch === 'y') yes = true;
              if (ch === 'q') quiet++;
              if (ch === 'U') updateOpt = true;
              if (APT_VALUE_SHORT.has(ch)) {
                // apt's CommandLine::Parse hands the rest of the word (or the next word) to the option as its value,
                // so `-oDpkg::Use-Pty=0` is not a group of -D, -p, -U, …
                if (c + 1 < v.length) {
                  if (ch === 'o') config(v.slice(c + 1));
                } else if (k + 1 < ws.length) {
                  opt.value = ws[++k];
                  if (ch === 'o') config(opt.value.value);
                }
                break;
              }
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
    const updatesFirst = updateOpt && cmd.name !== 'aptitude' && !!subcommand && UPDATE_FIRST_COMMANDS.has(subcommand.value);
    out.push({ cmd, tool: cmd.name, subcommand, packages, options, yes, noInstallRecommends: nir, updatesFirst });
  }
  return out;
}

/** The invocation refreshes the package lists: `apt-get update`, or a command run with `--update`. */
export function refreshesLists(inv: AptInvocation): boolean {
  return inv.subcommand?.value === 'update' || inv.updatesFirst;
}

const aptMemo = new WeakMap<InstrShell, AptInvocation[]>();

/** apt-get/apt invocations of a RUN, computed once per parsed shell. */
export function aptOf(shell: InstrShell): AptInvocation[] {
  return memoShell(aptMemo, shell, () => aptGetInvocations(shell.all));
}
