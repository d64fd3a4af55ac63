/**
 * dnf, yum and microdnf (the RPM package managers of Fedora, RHEL, CentOS, Rocky, Amazon Linux and UBI images) as
 * the rules read them: each invocation's subcommand and the words after it.
 *
 * Global options may come before the subcommand (`dnf --enablerepo=crb -y upgrade`); the ones that take a value in
 * the next word are listed, so that value is not read as the subcommand (`dnf --enablerepo crb upgrade`). The lists
 * follow dnf's option parser (dnf/cli/option_parser.py, OptionParser._add_general_options), yum 3's
 * (cli.py, YumOptionParser.setupOptions) and microdnf's global options (dnf/dnf-main.c, global_opts); `--name=value`
 * needs no list.
 */
import type { Word } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import type { InstrShell } from '../../service/shell/binding';
import { memoShell } from './shell';

export interface RpmInvocation {
  cmd: SimpleCommand;
  /** `dnf`, `dnf5`, `yum`, `microdnf`. */
  tool: string;
  /** `install`, `upgrade`, `update`, … (null when none was found). */
  subcommand: Word | null;
  /** The words after the subcommand that are not options (packages, groups). */
  operands: Word[];
  /** Every option word, before and after the subcommand, as written. */
  options: string[];
}

const TOOLS = new Set(['dnf', 'dnf5', 'yum', 'microdnf']);

/** Long and short options that take their value in the next word. */
const VALUE_OPTS = new Set([
  '-c', '--config', '--installroot', '--releasever', '--releasever-major', '--releasever-minor', '--setopt',
  '--enableplugin', '--disableplugin', '-R', '--randomwait', '-d', '--debuglevel', '-e', '--errorlevel',
  '--rpmverbosity', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--excludepkgs',
  '--disableexcludes', '--disableexcludepkgs', '--disableincludes', '--repofrompath', '--color', '--destdir', '--downloaddir', '--comment',
  '--advisory', '--advisories', '--bz', '--bzs', '--cve', '--cves', '--sec-severity', '--secseverity', '--forcearch',
]);

export function rpmInvocations(cmds: SimpleCommand[]): RpmInvocation[] {
  const out: RpmInvocation[] = [];
  for (const cmd of cmds) {
    if (!TOOLS.has(cmd.name)) continue;
    const ws = cmd.words;
    const options: string[] = [];
    const operands: Word[] = [];
    let subcommand: Word | null = null;
    for (let k = 1; k < ws.length; k++) {
      const v = ws[k].value;
      if (v.startsWith('-') && v.length > 1) {
        options.push(v);
        if (VALUE_OPTS.has(v)) k++;
        continue;
      }
      if (!subcommand) subcommand = ws[k];
      else operands.push(ws[k]);
    }
    out.push({ cmd, tool: cmd.name, subcommand, operands, options });
  }
  return out;
}

const memo = new WeakMap<InstrShell, RpmInvocation[]>();

/** dnf/yum/microdnf invocations of a RUN, computed once per parsed shell. */
export function rpmOf(shell: InstrShell): RpmInvocation[] {
  return memoShell(memo, shell, () => rpmInvocations(shell.all));
}

/**
 * The subcommands that bring installed packages up to newer versions, aliases included: dnf's upgrade command
 * (dnf/cli/commands/upgrade.py: upgrade, update, upgrade-to, update-to, up; `localupdate` is left out, it installs
 * local RPM files), upgrade-minimal (upgrademinimal.py) and distro-sync (distrosync.py); yum 3's update, upgrade,
 * update-minimal and distro-sync commands with their names (yumcommands.py, getNames); microdnf's upgrade with the
 * alias update, and distro-sync with dsync (dnf/plugins/upgrade/upgrade.plugin, distrosync/distrosync.plugin).
 */
const UPGRADES = new Set([
  'upgrade', 'update', 'up', 'upgrade-to', 'update-to',
  'upgrade-minimal', 'update-minimal', 'up-min', 'minimal-update', 'minimal-upgrade',
  'distro-sync', 'distrosync', 'distribution-synchronization', 'dsync', 'distupgrade',
]);

export function isRpmUpgrade(inv: RpmInvocation): boolean {
  return inv.subcommand !== null && UPGRADES.has(inv.subcommand.value);
}
