/**
 * Judging the container's main command (shared by DG101, DG102 and DG111 so they never disagree about which
 * command is the main one, and never fire twice on it).
 */
import type { Msg } from '../../../../common/src/i18n';
import { msg } from '../../../../common/src/i18n';
import type { SimpleCommand } from '../../service/shell/parser';
import { baseName } from '../helpers/paths';
import type { RuleContext } from '../types';
import { daemonTypos } from './nginxConfig';
import { nginxMainConf, type ConfPlace, type NginxMainConf } from './nginxMainConf';
import { mainCommand, type MainCommand } from './mainCommand';

export type Verdict =
  /** `noFix`: nginx's configuration is what stops it, so `nginx -g 'daemon off;'` would not help. */
  | { kind: 'exits'; what: string; reason: Msg; noFix?: true }
  | { kind: 'shell'; what: string }
  | { kind: 'keepalive'; what: string };

const INTERACTIVE_SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ash', 'ksh', 'fish']);

function isInfiniteLoop(cond: string | null | undefined): boolean {
  if (!cond) return false;
  return /^while\s+(true|:|\[\s*1\s*\]|\[\s*true\s*\]|\(\(\s*1\s*\)\))\s*$/.test(cond) || /^until\s+false\s*$/.test(cond);
}

/** The `-g` values of an nginx argv (`-g 'daemon off;'` and `-g'daemon off;'`). */
function gValues(args: string[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < args.length; k++) {
    if (args[k] === '-g' && k + 1 < args.length) out.push(args[++k]);
    else if (/^-g./.test(args[k])) out.push(args[k].slice(2));
  }
  return out;
}

/**
 * Why nginx refuses to start on a misspelt `daemon` (not a daemonize problem: it never gets that far). `file`: the
 * configuration file and line the directive is on; without it, the directive is on the command line.
 */
function daemonTypoReason(name: string, file?: { path: string; line: number }): Msg {
  const inFile = file ? msg(`nginx 설정 \`${file.path}\` 파일 ${file.line}번 줄의 `, `in \`${file.path}\` line ${file.line} `) : msg('', '');
  return msg(
    `${inFile.ko}\`${name}\` 지시어는 \`daemon\` 지시어의 오타입니다. nginx는 이 지시어를 알지 못해 시작하지 않고, \`[emerg] unknown directive "${name}"\` 오류와 함께 종료 코드 1로 끝납니다. 철자를 \`daemon\`으로 고치세요`,
    `nginx does not know the directive \`${name}\` ${inFile.en}(a typo for \`daemon\`), so it does not start: it prints \`[emerg] unknown directive "${name}"\` and exits with code 1; write \`daemon\``,
  );
}

/** nginx reads `daemon off;` from -g; the config file may say it too (passed in by DG101 as NginxMainConf). */
function nginxForeground(args: string[]): boolean {
  for (let k = 1; k < args.length; k++) {
    if (args[k] === '-g' && /\bdaemon\s+off\b/.test(args[k + 1] ?? '')) return true;
    if (/^-g.+/.test(args[k]) && /\bdaemon\s+off\b/.test(args[k])) return true;
  }
  return false;
}

/** `service nginx start|restart` or `/etc/init.d/nginx start|restart`: the init script starts nginx. */
function startsNginxService(argv: string[]): boolean {
  if (baseName(argv[0] ?? '') === 'service') return argv[1] === 'nginx' && /^(start|restart)$/.test(argv[2] ?? '');
  return argv[0] === '/etc/init.d/nginx' && /^(start|restart)$/.test(argv[1] ?? '');
}

/**
 * nginx started in a way that follows its configuration's `daemon`: through its init script, or bare (no `-g` that
 * sets `daemon`; with one, nginx.conf's own `daemon` would be a duplicate) and not just signalling or testing.
 */
function startsNginxByConfig(argv: string[]): boolean {
  if (startsNginxService(argv)) return true;
  if (baseName(argv[0] ?? '') !== 'nginx' || argv[0].startsWith('/etc/init.d/')) return false;
  return !argv.slice(1).some((a) => /^-[stTvVh?]$/.test(a)) && !gValues(argv).some((g) => /daemon/.test(g));
}

/** Why nginx.conf keeps nginx from starting, or from staying in the foreground: a misspelt or misplaced `daemon`. */
function confReason(conf: NginxMainConf): Msg | null {
  if (conf.typo) return daemonTypoReason(conf.typo.name, conf.typo.file);
  if (conf.daemonOff || !conf.misplaced) return null;
  const { inMain, dest, file } = conf.misplaced;
  const at = placeText(file);
  if (inMain) {
    return msg(
      `\`daemon off;\` 지시어(${at.ko})가 nginx.conf의 블록(\`{ … }\`) 안에 있습니다. nginx는 \`daemon\` 지시어를 설정의 최상위(main 컨텍스트)에서만 받기 때문에 \`[emerg] "daemon" directive is not allowed here\` 오류를 내고 종료 코드 1로 끝납니다. \`daemon off;\` 지시어를 모든 블록 밖으로 옮기세요`,
      `\`daemon off;\` (${at.en}) is inside a block (\`{ … }\`) of nginx.conf: nginx takes \`daemon\` only at the top level (its main context), so it stops with \`[emerg] "daemon" directive is not allowed here\` and exits with code 1; move \`daemon off;\` out of every block`,
    );
  }
  return msg(
    `\`${dest}\` 파일에 쓴 \`daemon off;\` 지시어(${at.ko})로는 nginx가 포그라운드에 남지 않습니다. nginx는 \`daemon\` 지시어를 nginx.conf의 최상위(main 컨텍스트)에서만 받습니다. \`http {}\` 안에서 include되는 파일에 있으면 \`[emerg] "daemon" directive is not allowed here\` 오류와 함께 종료 코드 1로 끝나고, 아무 곳에서도 include되지 않는 파일은 읽히지 않습니다. \`daemon off;\` 지시어는 /etc/nginx/nginx.conf의 최상위에 두세요`,
    `\`daemon off;\` in \`${dest}\` (${at.en}) does not keep nginx in the foreground: nginx takes \`daemon\` only at the top level of nginx.conf (its main context). In a file included inside \`http {}\`, nginx stops with \`[emerg] "daemon" directive is not allowed here\` and exits with code 1; a file nothing includes is never read. Put \`daemon off;\` at the top level of /etc/nginx/nginx.conf`,
  );
}

function placeText(p: ConfPlace): Msg {
  return msg(`\`${p.path}\` 파일 ${p.line}번 줄`, `\`${p.path}\` line ${p.line}`);
}

function judgeMain(m: MainCommand, nginxConf?: NginxMainConf): Verdict | null {
  const argv = m.argv;
  const shown = argv.join(' ');
  if (m.allBackground) {
    return {
      kind: 'exits',
      what: `${shown} &`,
      reason: msg('모든 명령이 `&` 기호로 백그라운드에서 실행되어 포그라운드에 남는 프로세스가 없습니다', 'every command runs in the background (`&`), so nothing stays in the foreground'),
    };
  }
  if (argv.length === 0) return null;
  const name = baseName(argv[0]);
  if (isInfiniteLoop(m.loopCondition)) return { kind: 'keepalive', what: `${m.loopCondition}; do … ${shown}; done` };
  if (startsNginxService(argv) && nginxConf) {
    // The init script runs nginx itself: with `daemon off;` in its main configuration nginx stays in the foreground
    // and `service` never returns; with a misspelt or misplaced `daemon`, nginx refuses to start.
    const why = confReason(nginxConf);
    if (why) return { kind: 'exits', what: shown, reason: why, noFix: true };
    if (nginxConf.daemonOff) return null;
    if (nginxConf.daemonOn) {
      // The generic story below holds; but `nginx -g 'daemon off;'` beside nginx.conf's `daemon on;` is a duplicate.
      return {
        kind: 'exits',
        what: shown,
        reason: msg(`\`${shown}\` 명령은 서비스를 백그라운드로 띄우고 바로 끝납니다`, `\`${shown}\` starts the service in the background and returns at once`),
        noFix: true,
      };
    }
  }
  if (name === 'service' && argv.length >= 3 && /^(start|restart|reload)$/.test(argv[2])) {
    return {
      kind: 'exits',
      what: shown,
      reason: msg(`\`${shown}\` 명령은 서비스를 백그라운드로 띄우고 바로 끝납니다`, `\`${shown}\` starts the service in the background and returns at once`),
    };
  }
  if (/^\/etc\/init\.d\//.test(argv[0]) && /^(start|restart)$/.test(argv[1] ?? '')) {
    return {
      kind: 'exits',
      what: shown,
      reason: msg(`\`${shown}\` 명령은 서비스를 백그라운드로 띄우고 바로 끝납니다`, `\`${shown}\` starts the service in the background and returns at once`),
    };
  }
  if (name === 'nginx' && !argv.slice(1).some((a) => a === '-s' || a === '-t' || a === '-T' || a === '-v' || a === '-V')) {
    // A misspelt `daemon` on the command line (`-g 'dameon off;'`, or `-g deamon off;` unquoted): nginx stops at
    // `[emerg] unknown directive` with exit code 1 before it could daemonize.
    const typo = gValues(argv).flatMap(daemonTypos)[0];
    if (typo) {
      const r = daemonTypoReason(typo.name);
      return { kind: 'exits', what: shown, reason: msg(`\`${shown}\`: ${r.ko}`, `\`${shown}\`: ${r.en}`) };
    }
    if (nginxForeground(argv)) return null;
    const why = nginxConf && confReason(nginxConf);
    if (why) return { kind: 'exits', what: shown, reason: why, noFix: true };
    if (nginxConf?.daemonOff) return null;
    if (nginxConf?.daemonOn) {
      const at = placeText(nginxConf.daemonOn);
      return {
        kind: 'exits',
        what: shown,
        reason: msg(
          `nginx.conf에 \`daemon on;\` 지시어(${at.ko})가 있어 nginx는 데몬으로 분리되고 첫 프로세스는 끝납니다. 그 줄을 \`daemon off;\` 지시어로 바꾸세요`,
          `nginx.conf sets \`daemon on;\` (${at.en}), so nginx forks into a daemon and the first process exits; change it to \`daemon off;\``,
        ),
        // `-g 'daemon off;'` beside it would be a duplicate `daemon`, which nginx refuses.
        noFix: true,
      };
    }
    return {
      kind: 'exits',
      what: shown,
      reason: msg("`daemon off;` 없이 실행한 nginx는 데몬으로 분리되고 첫 프로세스는 끝납니다", "nginx without `daemon off;` forks into a daemon and the first process exits"),
    };
  }
  if (/^php(-fpm[\d.]*|[\d.]+-fpm)$/.test(name) && !argv.slice(1).some((a) => a === '-F' || a === '--nodaemonize' || /^-[a-zA-Z]*F/.test(a))) {
    // The official php images set `daemonize = no` in their pool config; the rules skip `php:*` bases (see DG101).
    return {
      kind: 'exits',
      what: shown,
      reason: msg(`\`-F\` 옵션 없이 실행한 \`${name}\` 프로세스는 데몬으로 분리되고 바로 끝납니다`, `\`${name}\` without \`-F\` daemonizes and returns at once`),
    };
  }
  if (INTERACTIVE_SHELLS.has(name)) {
    const rest = argv.slice(1);
    // A bare shell (options such as -l/-i only): no script, no -c.
    if (rest.every((a) => /^[-+][a-zA-Z]+$/.test(a) && !/c/.test(a.slice(1)) && a !== '-s')) return { kind: 'shell', what: shown };
    return null;
  }
  if (name === 'tail' && argv.slice(1).some((a) => a === '-f' || a === '-F' || a === '--follow' || /^--follow=/.test(a) || /^-[a-zA-Z0-9]*[fF]/.test(a))) {
    return { kind: 'keepalive', what: shown };
  }
  if (name === 'sleep' && argv.slice(1).some((a) => /^(infinity|inf)$/i.test(a) || /^\d{5,}[smhd]?$/.test(a) || /^\d+d$/.test(a))) {
    return { kind: 'keepalive', what: shown };
  }
  // Not inside `if`/`case`: another branch may be the one that runs.
  if (ENDS_AT_ONCE.has(name) && !m.cmd?.context.length) {
    // `service nginx start` followed by `echo ready`: the last command is not the service, so the rules above see
    // nothing, yet it returns at once, the script ends and PID 1 with it; the services in the background do not
    // keep the container up.
    const started = servicesStartedBefore(m);
    if (started.length && onlyServicesBefore(m)) {
      const list = started.map((x) => `\`${x}\``).join(', ');
      return {
        kind: 'exits',
        what: shown,
        reason: msg(
          `마지막 명령인 \`${shown}\` 명령은 바로 끝나고, 그 앞에서 띄운 ${list} 서비스는 백그라운드에서 실행되어 컨테이너를 붙잡아 두지 못합니다`,
          `the last command, \`${shown}\`, returns at once, and ${list} started before it run${started.length === 1 ? 's' : ''} in the background, which does not keep the container up`,
        ),
      };
    }
  }
  return null;
}

/**
 * Nothing before the last command could hold the script: walking back, every command in the foreground is one that
 * returns at once, until a service start (`service x start`, a daemonizing nginx) or the top. Any other foreground
 * command (`nginx -g 'daemon off;'`, `mysqld`, a program of the project) may be what keeps the container up.
 */
function onlyServicesBefore(m: MainCommand): boolean {
  const before = m.before ?? [];
  for (let k = before.length - 1; k >= 0; k--) {
    const c = before[k];
    if (c.background || c.context.includes('function') || (c.name === '' && c.words.length === 0)) continue;
    if (ENDS_AT_ONCE.has(c.name)) continue;
    return startedService(c) !== null;
  }
  return true;
}

/** Commands that return at once: as the last command after services started in the background, the container ends. */
const ENDS_AT_ONCE = new Set(['echo', 'printf', 'true', ':', 'exit']);

/**
 * The container's main command and what becomes of it, as every rule that speaks about it must see it: with what
 * the Dockerfile writes into nginx.conf, and with the official php images' `daemonize = no` (a bare `php-fpm` stays
 * in the foreground there). null when the main command is unknown.
 */
export function mainVerdict(ctx: RuleContext): { m: MainCommand; v: Verdict | null } | null {
  // Four rules ask in the same run (one context object per run): judged once.
  if (verdicts.has(ctx)) return verdicts.get(ctx)!;
  const verdict = judgeMainOf(ctx);
  verdicts.set(ctx, verdict);
  return verdict;
}

const verdicts = new WeakMap<RuleContext, { m: MainCommand; v: Verdict | null } | null>();

function judgeMainOf(ctx: RuleContext): { m: MainCommand; v: Verdict | null } | null {
  const m = mainCommand(ctx);
  if (!m) return null;
  // Started before the main command (not in the background, not in a function that may never be called), nginx
  // with `daemon off;` in its main configuration never returns: what follows, the main command too, never runs,
  // and nginx keeps the container up. A misspelt `daemon` makes it fail and return instead.
  const before = (m.before ?? []).filter(
    (c) =>
      (c.name === 'service' || c.name === 'nginx') &&
      !c.background &&
      !c.context.includes('function') &&
      startsNginxByConfig(c.words.map((w) => w.value)),
  );
  const nginxConf = startsNginxByConfig(m.argv) || /(^|\/)nginx$/.test(m.argv[0] ?? '') || before.length ? nginxMainConf(ctx) : undefined;
  if (before.length && nginxConf?.daemonOff && !nginxConf.typo) return { m, v: null };
  const v = judgeMain(m, nginxConf);
  const img = (ctx.doc.stages[0]?.image ?? '').toLowerCase();
  if (v?.kind === 'exits' && /^php(-fpm|[\d.]+-fpm)?$/.test(m.argv[0] ?? '') && /^(docker\.io\/)?(library\/)?php[:@]/.test(img)) return { m, v: null };
  return { m, v };
}

/** Where the command is: the script line, for the message. */
export function where(m: MainCommand): Msg {
  if (m.script) return msg(` (\`${m.script.path}\` 파일 ${m.script.line}번 줄)`, ` (\`${m.script.path}\` line ${m.script.line})`);
  return msg('', '');
}

/**
 * The services the container's command starts in the background before its main command: `service X start`,
 * `/etc/init.d/X start`, a command ending in `&`, and nginx or php-fpm left to daemonize. They run beside PID 1 and
 * get no signal of their own from `docker stop`.
 */
export function servicesStartedBefore(m: MainCommand): string[] {
  const out: string[] = [];
  for (const c of m.before ?? []) {
    const name = startedService(c);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The service a command starts beside the main process (see servicesStartedBefore), or null. */
export function startedService(c: SimpleCommand): string | null {
  return startedServiceArgv(c.words.map((w) => w.value), c.background);
}

/** The same for a plain argv (the explainer's exec-form and `exec`ed commands); `background`: it ends with `&`. */
export function startedServiceArgv(argv: string[], background: boolean): string | null {
  if (argv.length === 0) return null;
  const name = baseName(argv[0]);
  if (name === 'service' && argv.length >= 3 && /^(start|restart)$/.test(argv[2])) return argv[1];
  if (/^\/etc\/init\.d\//.test(argv[0]) && /^(start|restart)$/.test(argv[1] ?? '')) return baseName(argv[0]);
  if (background) return name;
  if (name === 'nginx' && !argv.slice(1).some((a) => /^-[stTvV]$/.test(a)) && !nginxForeground(argv)) return 'nginx';
  if (/^php(-fpm[\d.]*|[\d.]+-fpm)$/.test(name) && !argv.slice(1).some((a) => a === '-F' || a === '--nodaemonize')) return name;
  return null;
}

/** A database among the services: killed with SIGKILL, it never runs its clean shutdown. */
export function isDatabase(service: string): boolean {
  return /^(mysql|mysqld|mysqld_safe|mariadb|mariadbd|postgresql|postgres|mongod|mongodb|redis|redis-server)$/.test(service);
}
