/**
 * The doctor's catalogue of causes: how a failed build or an exited container is named from the engine's (or the
 * program's) own words, and what we say about it in both languages. The patterns quote what was seen on a real
 * engine (docker 20.10, classic builder, runc) and real programs; the comments say where each came from.
 */
import { fillMsg, msg, type Msg } from '../i18n';
import type { BuildCause, ExitCause } from './types';

interface BuildPattern {
  cause: Exclude<BuildCause, 'failed'>;
  /** Any of these in the build output names the cause. */
  patterns: RegExp[];
  explain: Msg;
}

/** Checked in order: the first that matches names the cause. */
export const BUILD_PATTERNS: BuildPattern[] = [
  {
    // apt-get without -y and with no terminal: it prints the question "Do you want to continue? [Y/n]", reads
    // end of input and answers itself with "Abort.".
    cause: 'apt-no-yes',
    patterns: [/^Abort\.\s*$/m, /Do you want to continue\? \[Y\/n\] Abort\./],
    explain: msg(
      'apt가 계속할지 물었지만 빌드에는 답할 사람이 없어 `Abort.` 메시지를 내고 멈췄습니다. `apt-get install`에 `-y`를 붙이세요.',
      'apt asked whether to continue, nobody can answer during a build, so it stopped with `Abort.`. Add `-y` to `apt-get install`.',
    ),
  },
  {
    // A release moved to archive.debian.org: the mirror answers "404  Not Found" for its package lists (apt prints
    // two spaces), then "does not have a Release file".
    cause: 'release-retired',
    patterns: [/\b404\s+Not Found\b/, /does not have a Release file/],
    explain: msg(
      '저장소가 `404  Not Found` 응답을 보냈습니다. 지원이 끝난 Debian 릴리스는 archive.debian.org로 옮겨집니다. 지원되는 릴리스(예: bookworm)를 쓰거나 sources.list를 archive.debian.org로 바꾸세요.',
      'The repository answered `404  Not Found`. A Debian release past its support moves to archive.debian.org. Use a supported release (e.g. bookworm) or point sources.list at archive.debian.org.',
    ),
  },
  {
    // `openssl req` without -subj asks for the Distinguished Name on stdin; a build's stdin is closed, so OpenSSL
    // 3.0 prints the prompt then "Error making certificate request" (1.1.1: "problems making Certificate Request").
    cause: 'openssl-no-subj',
    patterns: [/You are about to be asked to enter information/, /Country Name \(2 letter code\)/, /Error making certificate request/, /problems making Certificate Request/],
    explain: msg(
      '`openssl req` 명령은 `-subj` 옵션이 없으면 인증서의 주체를 물어보는데, 빌드에는 입력이 없어 실패합니다. `-subj "/CN=localhost"`처럼 주체를 인자로 주세요.',
      '`openssl req` asks for the certificate subject when `-subj` is missing, and a build has no input, so it fails. Give the subject as an argument, e.g. `-subj "/CN=localhost"`.',
    ),
  },
  {
    // Classic builder: "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt:
    // file does not exist"; BuildKit: "failed to compute cache key: …: not found".
    cause: 'copy-source-missing',
    patterns: [/COPY failed: file not found in build context/, /(?:COPY|ADD) failed: stat .*no such file or directory/, /failed to compute cache key: .*not found/],
    explain: msg(
      'COPY/ADD 원본이 빌드 컨텍스트에 없습니다(.dockerignore로 빠졌을 수도 있습니다). 경로가 빌드 컨텍스트 기준인지 확인하세요.',
      'A COPY/ADD source is not in the build context (or .dockerignore excludes it). Check that the path is relative to the build context.',
    ),
  },
  {
    // A Dockerfile that checks the nginx configuration it copies (`RUN … && nginx -t`, as the scaffold does): nginx
    // prints `nginx: [emerg] … in FILE:LINE` and `configuration file … test failed`, and the RUN ends with code 1.
    cause: 'config-error',
    patterns: [/\[emerg\]/],
    explain: msg(
      '빌드 중에 실행한 `nginx -t` 명령이 nginx 설정을 거부했습니다. 아래 nginx 메시지가 가리키는 설정 파일의 줄을 고치세요.',
      'The `nginx -t` the build runs refused the nginx configuration. Fix the line of the configuration file that nginx names below.',
    ),
  },
  {
    // exec form: runc's "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory" or "executable file
    // not found in $PATH"; shell form: "/bin/sh: nosuchprog: not found" and "returned a non-zero code: 127".
    cause: 'command-not-found',
    // BuildKit (20.10's embedded one) words the same exit as "executor failed running [/bin/sh -c …]: exit code: 127".
    patterns: [
      /executable file not found/,
      /exec: "[^"]*": stat [^:]*: no such file or directory/,
      /returned a non-zero code: 127\b/,
      /\bexit code: 127\b/,
      /: not found\s*$/m,
      /command not found/,
    ],
    explain: msg(
      '종료 코드 127: 명령을 찾을 수 없습니다. RUN이 실행한 프로그램이 이미지에 없습니다. 프로그램을 설치하는 패키지를 먼저 설치하거나 경로를 확인하세요.',
      'Exit code 127: command not found. The program RUN starts is not in the image. Install the package that provides it first, or check its path.',
    ),
  },
  {
    // Exit 126 is the shell's "found but cannot execute" (POSIX, Shell Command Language 2.8.2): a script without the
    // execute bit ("/bin/sh: ./x.sh: Permission denied", seen here on busybox and dash) or a directory.
    cause: 'not-executable',
    patterns: [/returned a non-zero code: 126\b/, /\bexit code: 126\b/],
    explain: msg(
      '종료 코드 126: 파일은 있지만 실행할 수 없습니다. 실행 권한이 없는 스크립트이거나 디렉터리입니다. 스크립트라면 실행하기 전에 `chmod +x` 명령으로 실행 권한을 주세요(BuildKit이면 `COPY --chmod=755`도 됩니다).',
      'Exit code 126: the file exists but cannot be executed: a script without the execute bit, or a directory. For a script, give it the execute bit with `chmod +x` before running it (with BuildKit, `COPY --chmod=755` does too).',
    ),
  },
  {
    // apt-get exits with 100 on any error ("E: Unable to locate package …", "E: Package '…' has no installation
    // candidate", a failed download); its "E: " line above says which.
    cause: 'apt-failed',
    patterns: [/returned a non-zero code: 100\b/, /\bexit code: 100\b/],
    explain: msg(
      '종료 코드 100: apt가 실패했습니다. 로그에서 `E:` 표시로 시작하는 줄이 이유입니다. 패키지 이름이 이 Debian 릴리스에 있는지, 같은 RUN에서 `apt-get update`를 먼저 실행했는지 확인하세요.',
      'Exit code 100: apt failed. The line starting with `E:` in the log says why. Check that the package name exists in this Debian release and that `apt-get update` runs first in the same RUN.',
    ),
  },
  {
    // Exit 1 is a program's generic "failed": only its own message, just above in the log, says why.
    cause: 'exit-1',
    patterns: [/returned a non-zero code: 1\b/, /\bexit code: 1\b/],
    explain: msg(
      '종료 코드 1: RUN이 실행한 명령이 실패했다고 알렸습니다. 바로 위 로그에 그 명령이 남긴 메시지가 이유입니다. `&&`로 이은 명령이라면 그중 하나라도 실패하면 RUN 전체가 실패합니다.',
      'Exit code 1: a command the RUN ran reported failure. Its own message, just above in the log, says why. With commands joined by `&&`, any one of them failing fails the whole RUN.',
    ),
  },
];

/**
 * The exit code in the engine's sentence about a failed RUN: classic "returned a non-zero code: N",
 * BuildKit "exit code: N" (20.10) or "did not complete successfully: exit code: N" (newer).
 */
export function buildExitCode(text: string): number | null {
  const m = /returned a non-zero code: (\d+)|\bexit code: (\d+)/.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

export const BUILD_FAILED_MSG = msg('빌드가 실패했습니다. 엔진의 메시지를 확인하세요.', 'The build failed; see the engine\'s message.');

/** The known cause in `text` (the build's error and its last lines), and the line that shows it. */
export function buildCause(text: string): { cause: BuildCause; explain: Msg; evidence: string | null } {
  for (const p of BUILD_PATTERNS) {
    for (const re of p.patterns) {
      const m = re.exec(text);
      if (m) {
        const start = text.lastIndexOf('\n', m.index) + 1;
        const end = text.indexOf('\n', m.index + m[0].length);
        return { cause: p.cause, explain: p.explain, evidence: text.slice(start, end < 0 ? undefined : end).trim() };
      }
    }
  }
  return { cause: 'failed', explain: BUILD_FAILED_MSG, evidence: null };
}

/** What the engine and the logs say about an exited container. */
export interface ExitFacts {
  exitCode: number | null;
  oomKilled: boolean;
  /** State.Error: the runtime's words when the command could not start. */
  stateError: string;
  /** The last log lines (stdout and stderr, in order). */
  logs: string[];
  /** PID 1's argv as configured (Entrypoint + Cmd). */
  command: string[];
}

/**
 * Program words that mean "my configuration is wrong" (the config-error cause). nginx logs `[emerg]` for a
 * configuration it refuses; php-fpm `ERROR: unable to bind listening socket`; MariaDB/MySQL `[ERROR]` lines.
 */
const CONFIG_ERROR_PATTERNS: RegExp[] = [/\[emerg\]/, /unable to bind listening socket/, /\[ERROR\].*(mysqld|mariadbd|Aborting)/i, /^.*\[ERROR\] Aborting/m];

/** Shells and service wrappers that return as soon as they have started something in the background. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export interface ExitVerdict {
  cause: ExitCause;
  explain: Msg;
  /** The log or engine lines that show it. */
  evidence: string[];
}

export const EXIT_MSG = {
  noForegroundShell: msg(
    'PID 1({0})이 종료 코드 0으로 끝났습니다. 셸이나 `service … start` 명령은 백그라운드에 서비스를 띄우고 바로 돌아오므로 컨테이너도 함께 끝납니다. 마지막 프로그램을 포그라운드로 `exec` 하세요(예: `exec nginx -g "daemon off;"`).',
    'PID 1 ({0}) exited with code 0. A shell or `service … start` starts services in the background and returns at once, so the container ends with it. `exec` the last program in the foreground (e.g. `exec nginx -g "daemon off;"`).',
  ),
  noForeground: msg(
    'PID 1({0})이 종료 코드 0으로 끝났습니다. 컨테이너는 PID 1이 끝나면 멈춥니다. 포그라운드에 계속 남는 프로그램을 CMD로 실행하세요.',
    'PID 1 ({0}) exited with code 0. A container stops when PID 1 ends. Run a program that stays in the foreground as CMD.',
  ),
  commandNotFound: msg(
    '실행할 프로그램을 찾지 못했습니다. 경로와 이름을 확인하고, 이미지에 설치되어 있는지 확인하세요.',
    'The program to run was not found. Check its path and name, and that the image installs it.',
  ),
  permissionDenied: msg(
    '프로그램을 찾았지만 실행할 수 없습니다. 스크립트라면 `COPY --chmod=755`나 `RUN chmod +x`로 실행 권한을 주세요.',
    'The program was found but cannot be executed. For a script, give it the execute bit with `COPY --chmod=755` or `RUN chmod +x`.',
  ),
  configError: msg(
    '프로그램이 설정을 거부하고 끝났습니다. 로그의 오류 줄이 가리키는 설정을 고치세요.',
    'A program refused its configuration and exited. Fix the setting the error line in the log names.',
  ),
  killed: msg(
    'SIGKILL로 강제 종료되었습니다(종료 코드 137){0}.',
    'It was killed with SIGKILL (exit code 137){0}.',
  ),
  oom: msg(': 메모리가 부족해 커널이 종료했습니다(OOMKilled)', ': the kernel killed it for lack of memory (OOMKilled)'),
  crashed: msg(
    'PID 1이 0이 아닌 종료 코드로 끝났습니다. 마지막 로그 줄에서 이유를 확인하세요.',
    'PID 1 exited with a non-zero code. The last log lines say why.',
  ),
} satisfies Record<string, Msg>;

/** Names why a container exited, from the exit code, the runtime's start error, OOM, and the last log lines. */
export function exitCause(f: ExitFacts): ExitVerdict {
  const err = f.stateError.trim();
  const pid1 = f.command.length ? f.command.join(' ') : '?';
  if (f.oomKilled) return { cause: 'killed', explain: fillMsg(EXIT_MSG.killed, EXIT_MSG.oom), evidence: ['OOMKilled'] };
  // The runtime's words come first: they are exact ("executable file not found in $PATH", "permission denied").
  if (/executable file not found|no such file or directory/.test(err) || f.exitCode === 127) {
    const ev = err ? [err] : f.logs.filter((l) => /not found|No such file/i.test(l)).slice(-3);
    return { cause: 'command-not-found', explain: EXIT_MSG.commandNotFound, evidence: ev };
  }
  if (/permission denied/.test(err) || f.exitCode === 126) {
    const ev = err ? [err] : f.logs.filter((l) => /[Pp]ermission denied/.test(l)).slice(-3);
    return { cause: 'permission-denied', explain: EXIT_MSG.permissionDenied, evidence: ev };
  }
  const configLines = f.logs.filter((l) => CONFIG_ERROR_PATTERNS.some((re) => re.test(l)));
  if (configLines.length && f.exitCode !== 0) {
    return { cause: 'config-error', explain: EXIT_MSG.configError, evidence: configLines.slice(-5) };
  }
  if (f.exitCode === 0) {
    const first = base(f.command[0] ?? '');
    const shellish = SHELLS.has(first) || f.command.includes('service') || /\.sh$/.test(first);
    return { cause: 'no-foreground-process', explain: fillMsg(shellish ? EXIT_MSG.noForegroundShell : EXIT_MSG.noForeground, pid1), evidence: f.logs.slice(-5) };
  }
  if (f.exitCode === 137) return { cause: 'killed', explain: fillMsg(EXIT_MSG.killed, ''), evidence: f.logs.slice(-5) };
  return { cause: 'crashed', explain: EXIT_MSG.crashed, evidence: f.logs.slice(-5) };
}

/**
 * A script line the logs name: `/usr/local/bin/start.sh: line 3: foo: not found` (bash) or
 * `/start.sh: 3: foo: not found` (dash, busybox sh). Gives the script path inside the image and the 1-based line.
 */
export function scriptLineInLogs(logs: string[]): { path: string; line: number } | null {
  for (let i = logs.length - 1; i >= 0; i--) {
    const m = /^(\/[^\s:]+): (?:line )?(\d+): /.exec(logs[i]);
    if (m) return { path: m[1], line: Number(m[2]) };
  }
  return null;
}

/**
 * The configuration line a program's refusal names: nginx ends each `[emerg]` with ` in /etc/nginx/…:12`
 * (ngx_conf_log_error appends the file and line). A site is named by the path nginx opened, its link in
 * sites-enabled; the file a Dockerfile copies is usually the one in sites-available, so both are given.
 */
export function configLineInLogs(logs: string[]): { paths: string[]; line: number } | null {
  for (let i = logs.length - 1; i >= 0; i--) {
    // The classic builder colours a RUN's stderr (`\x1b[91m…\x1b[0m`).
    const m = /\[emerg\].* in (\/[^\s:]+):(\d+)\s*$/.exec(logs[i].replace(/\x1b\[[0-9;]*m/g, ''));
    if (!m) continue;
    const paths = [m[1]];
    if (m[1].startsWith('/etc/nginx/sites-enabled/')) paths.push(m[1].replace('/sites-enabled/', '/sites-available/'));
    return { paths, line: Number(m[2]) };
  }
  return null;
}
