/**
 * DG125: `php-fpmX.Y -F` (or `-R`, or without flags) started by hand in the CMD, the ENTRYPOINT or the start script,
 * while nothing creates /run/php. Debian's pool for phpX.Y listens on /run/php/phpX.Y-fpm.sock; php-fpm binds that
 * path without creating its folder: php-src sapi/fpm/fpm/fpm_sockets.c, fpm_sockets_new_listening_socket, logs a
 * failed bind() with ZLOG_SYSERROR as `unable to bind listening socket for address '%s'`, and zlog.c's vzlog appends
 * `: <strerror> (<errno>)`, so php-fpm stops at once with `ERROR: unable to bind listening socket for address
 * '/run/php/php7.3-fpm.sock': No such file or directory (2)` (read from the source, not run here).
 * `service phpX.Y-fpm start` goes through Debian's init script, which prepares the folder; starting the binary
 * directly skips that.
 *
 * A separate rule from DG124 because it is a different failure (php-fpm itself does not start, at container start)
 * with a different fix (`mkdir -p /run/php`), and users may want to turn one off without the other.
 * Quiet unless the version is Debian's apt-installed `phpX.Y-fpm` with its pool untouched, and quiet when a
 * `mkdir`/`install -d` of /run/php (or /var/run/php) comes first: in a RUN of the final stage's chain, or earlier in
 * the same CMD or script, as is a `service phpX.Y-fpm start` there.
 */
import type { Range } from 'vscode-languageserver-types';
import { msg } from '../../../../common/src/i18n';
import type { Instr, ParsedDocument } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';
import { commandRange, instrShell } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import { baseName } from '../helpers/paths';
import { runShells } from '../helpers/shell';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';
import { effectiveCommandOrNull, ownInstr } from './mainCommand';
import { changesPhpFpmListen, finalChain, installedPhpFpm } from './phpFpm';
import { scriptLine, startScripts } from './startScript';

/** Options that make php-fpm print or test and exit without binding its socket, or read another configuration. */
const NO_BIND = new Set(['-t', '-tt', '--test', '-v', '--version', '-i', '--info', '-m', '--modules', '-h', '--help', '-y', '--fpm-config', '-p', '--prefix']);

/** `php-fpm7.3 -F`, `/usr/sbin/php-fpm8.2 --nodaemonize -R` → `7.3`; null for anything else. */
export function handStartedFpm(argv: string[]): string | null {
  if (!argv.length) return null;
  const m = /^php-fpm(\d+\.\d+)$/.exec(baseName(argv[0]));
  if (!m) return null;
  if (argv.slice(1).some((a) => NO_BIND.has(a) || /^--(fpm-config|prefix)=/.test(a))) return null;
  return m[1];
}

/** `mkdir -p /run/php`, `install -d /var/run/php`, `mkdir -p /run/php/` (relative `run/php` too, from /). */
function makesRunDir(argv: string[]): boolean {
  if (argv[0] !== 'mkdir' && !(argv[0] === 'install' && argv.includes('-d'))) return false;
  return argv.slice(1).some((a) => /^\/?(var\/)?run\/php\/?$/.test(a));
}

/** `service php7.3-fpm start|restart`, `/etc/init.d/php7.3-fpm start`: Debian's init script, which prepares /run/php. */
function initScriptStart(argv: string[]): boolean {
  const [name, a1, a2] = argv;
  if (name === 'service') return /^php(\d+\.\d+)?-fpm$/.test(a1 ?? '') && /^(start|restart|reload|force-reload)$/.test(a2 ?? '');
  return /^\/etc\/init\.d\/php(\d+\.\d+)?-fpm$/.test(name ?? '') && /^(start|restart)$/.test(a1 ?? '');
}

const words = (c: SimpleCommand) => c.words.map((w) => w.value);

/** Whether a RUN of the final stage's chain (or a WORKDIR/VOLUME there) leaves /run/php in the image. */
function builtRunDir(doc: ParsedDocument): boolean {
  const chain = new Set(finalChain(doc));
  for (const { instr, shell } of runShells(doc)) {
    if (!instr.stage || !chain.has(instr.stage)) continue;
    if (shell.all.some((c) => makesRunDir(words(c)) || initScriptStart(words(c)))) return true;
  }
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if ((ins.keyword === 'WORKDIR' || ins.keyword === 'VOLUME') && /(^|[\s"[])(\/var)?\/run\/php\/?([\s"\],]|$)/.test(doc.getText(ins.range).slice(ins.keyword.length))) return true;
    }
  }
  return false;
}

interface Start {
  version: string;
  range: Range;
  /** The script and line, when the command is in a start script. */
  at?: { path: string; line: number };
  shown: string;
}

/** The first hand start of php-fpm in `cmds` with nothing before it that prepares /run/php. */
function firstBareStart(cmds: SimpleCommand[]): SimpleCommand | null {
  for (const c of cmds) {
    const argv = words(c);
    if (makesRunDir(argv) || initScriptStart(argv)) return null;
    if (handStartedFpm(argv)) return c;
  }
  return null;
}

export const DG125: Rule = {
  id: 'DG125',
  severity: 'warning',
  title: msg('/run/php 디렉터리 없이 php-fpm을 직접 실행합니다', 'php-fpm is started by hand without /run/php'),
  why: msg(
    'Debian의 `phpX.Y-fpm` 패키지는 `/run/php/phpX.Y-fpm.sock` 소켓에서 요청을 받는데, 이미지에는 `/run/php` 디렉터리가 없습니다. `service php7.3-fpm start` 명령은 Debian의 init 스크립트를 거치면서 이 디렉터리를 준비하지만, CMD나 시작 스크립트에서 `php-fpm7.3 -F` 명령으로 직접 실행하면 그 과정을 건너뜁니다. php-fpm은 소켓의 상위 디렉터리를 만들지 않으므로 `ERROR: unable to bind listening socket for address \'/run/php/php7.3-fpm.sock\': No such file or directory (2)` 오류를 남기고 바로 종료합니다. php-fpm을 실행하기 전에 `RUN mkdir -p /run/php` 명령으로 디렉터리를 만들어 두세요.',
    "Debian's `phpX.Y-fpm` package listens on the socket `/run/php/phpX.Y-fpm.sock`, and the image has no `/run/php` folder. `service php7.3-fpm start` goes through Debian's init script, which prepares that folder; starting `php-fpm7.3 -F` directly from the CMD or a start script skips it. php-fpm does not create the socket's parent folder, so it stops at once with `ERROR: unable to bind listening socket for address '/run/php/php7.3-fpm.sock': No such file or directory (2)`. Create the folder before php-fpm runs, with `RUN mkdir -p /run/php`.",
  ),
  check(ctx) {
    const doc = ctx.doc;
    if (!doc.text.includes('php-fpm')) return [];
    const installed = installedPhpFpm(doc);
    if (!installed) return [];
    const scripts = startScripts(ctx);
    if (changesPhpFpmListen(doc, scripts.map((s) => s.text)) || builtRunDir(doc)) return [];
    const starts: Start[] = [];
    const stage = finalStage(doc);
    const ec = stage && effectiveCommandOrNull(doc, stage);
    if (ec) {
      const seen = new Set<Instr>();
      const ep = ec.entrypoint;
      const cmd = ec.cmd;
      for (const part of [ep, cmd]) {
        const instr = ownInstr(part);
        if (!part || !instr || seen.has(instr)) continue;
        // A shell-form ENTRYPOINT ignores the CMD.
        if (part === cmd && ep && ep.form === 'shell') break;
        seen.add(instr);
        const sh = instrShell(instr);
        if (sh) {
          const c = firstBareStart(sh.all);
          const v = c && handStartedFpm(words(c));
          if (c && v) starts.push({ version: v, range: commandRange(doc, c), shown: words(c).join(' ') });
        } else {
          // Exec form: php-fpm is the program itself, or the CMD's arguments to an exec-form ENTRYPOINT.
          const argv = part === cmd && ep && ep.form === 'exec' && ep.argv.length ? [] : part.argv;
          const v = handStartedFpm(argv);
          if (v) starts.push({ version: v, range: instr.argsRange() ?? instr.range, shown: argv.join(' ') });
        }
      }
    }
    for (const s of scripts) {
      const c = firstBareStart(s.commands);
      const v = c && handStartedFpm(words(c));
      if (c && v) starts.push({ version: v, range: s.range, at: { path: s.path, line: scriptLine(s, c) }, shown: words(c).join(' ') });
    }
    const out: Finding[] = [];
    // The fix's place: a line of its own above the final stage's CMD/ENTRYPOINT (the image then has /run/php).
    const first = stage?.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const insertLine = first ? first.startLine : -1;
    for (const st of starts) {
      // Another version than the one installed is a different problem (the binary is missing).
      if (st.version !== installed.version) continue;
      const sock = `/run/php/php${st.version}-fpm.sock`;
      const whereKo = st.at ? `\`${st.at.path}\` 파일 ${st.at.line}번 줄의 ` : '';
      const whereEn = st.at ? `\`${st.at.path}\` line ${st.at.line}: ` : '';
      out.push({
        range: st.range,
        message: msg(
          `${whereKo}\`${st.shown}\` 명령은 \`${sock}\` 소켓을 만들려고 하지만 \`/run/php\` 디렉터리가 없어 \`No such file or directory\` 오류로 바로 종료합니다. 그 전에 \`mkdir -p /run/php\` 명령을 실행하세요`,
          `${whereEn}\`${st.shown}\` binds \`${sock}\`, but there is no \`/run/php\` folder, so php-fpm stops at once with \`No such file or directory\`; run \`mkdir -p /run/php\` before it`,
        ),
        data: insertLine >= 0 ? { insertLine } : undefined,
      });
    }
    return out;
  },
  fix(ctx, finding) {
    const line = finding.data?.insertLine;
    const ins = typeof line === 'number' ? ctx.doc.instructionAtLine(line) : undefined;
    // The CMD/ENTRYPOINT must still start there (a fix computed from an older version gives nothing).
    if (!ins || ins.startLine !== line || (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT')) return [];
    const pos = { line, character: 0 };
    const text = 'RUN mkdir -p /run/php\n';
    return [{ title: msg(`${ins.keyword} 앞에 \`RUN mkdir -p /run/php\` 명령 추가하기`, `Add \`RUN mkdir -p /run/php\` before the ${ins.keyword}`), edits: [edit({ start: pos, end: pos }, text)], preferred: true }];
  },
};
