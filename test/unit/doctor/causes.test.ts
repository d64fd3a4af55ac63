/**
 * The doctor's catalogue and parsers, on the words real programs print (quoted from real runs: docker 20.10's classic
 * builder and runc, busybox sh, OpenSSL 3.0 with stdin closed). Each cause: a firing case and a near miss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCause, configLineInLogs, exitCause, scriptLineInLogs, type ExitFacts } from '../../../common/src/doctor/causes';
import { copiedFrom, scanFinalStage } from '../../../common/src/doctor/dockerfileScan';
import { parseTop, programNames } from '../../../common/src/doctor/processes';
import { demux } from '../../../common/src/doctor/run';

test('build causes from the engine\'s words', () => {
  const cases: [string, string][] = [
    ['Do you want to continue? [Y/n] Abort.', 'apt-no-yes'],
    ['Err:5 http://deb.debian.org/debian stretch/main amd64 Packages\n  404  Not Found [IP: 151.101.2.132 80]', 'release-retired'],
    ["E: The repository 'http://deb.debian.org/debian buster Release' does not have a Release file.", 'release-retired'],
    ["You are about to be asked to enter information that will be incorporated\nCountry Name (2 letter code) [AU]:Error making certificate request", 'openssl-no-subj'],
    ['COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist', 'copy-source-missing'],
    ['/bin/sh: nosuchprog: not found\nThe command \'/bin/sh -c nosuchprog --x\' returned a non-zero code: 127', 'command-not-found'],
    ['failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/nosuch": stat /bin/nosuch: no such file or directory: unknown', 'command-not-found'],
  ];
  for (const [text, cause] of cases) assert.equal(buildCause(text).cause, cause, text);
  // Near misses: a 404 page in a curl's output is not "404 Not Found" from apt; exit code 1 is not 127.
  assert.equal(buildCause("The command '/bin/sh -c make' returned a non-zero code: 2").cause, 'failed');
  assert.equal(buildCause('curl: (22) The requested URL returned error: 404').cause, 'failed');
  assert.equal(buildCause('Reading package lists... Abort is not a word here').cause, 'failed');
  // The line that shows it is quoted.
  assert.equal(buildCause('Step 3/4 : COPY x /x\nCOPY failed: file not found in build context or excluded by .dockerignore: stat x: file does not exist\n').evidence?.startsWith('COPY failed'), true);
});

const facts = (f: Partial<ExitFacts>): ExitFacts => ({ exitCode: 0, oomKilled: false, stateError: '', logs: [], command: ['/bin/sh', '-c', 'service nginx start'], ...f });

test('exit causes', () => {
  assert.equal(exitCause(facts({})).cause, 'no-foreground-process');
  assert.match(exitCause(facts({})).explain.en, /background/, 'a shell as PID 1 gets the service/exec advice');
  assert.doesNotMatch(exitCause(facts({ command: ['echo', 'hi'] })).explain.en, /background/);
  assert.equal(exitCause(facts({ exitCode: 127, stateError: 'exec: "nosuchprog": executable file not found in $PATH: unknown' })).cause, 'command-not-found');
  assert.equal(exitCause(facts({ exitCode: 127, logs: ['/start.sh: line 3: foo: not found'] })).cause, 'command-not-found');
  assert.equal(exitCause(facts({ exitCode: 126, stateError: 'exec: "/etc/passwd": permission denied: unknown' })).cause, 'permission-denied');
  assert.equal(exitCause(facts({ exitCode: 1, logs: ['nginx: [emerg] unknown directive "deamon" in /etc/nginx/nginx.conf:1'] })).cause, 'config-error');
  assert.equal(exitCause(facts({ exitCode: 78, logs: ['ERROR: unable to bind listening socket for address \'/run/php/php8.2-fpm.sock\': No such file or directory (2)'] })).cause, 'config-error');
  // Near miss: an [emerg] line from an earlier attempt does not make a clean exit a config error.
  assert.equal(exitCause(facts({ exitCode: 0, logs: ['nginx: [emerg] old'] })).cause, 'no-foreground-process');
  assert.equal(exitCause(facts({ exitCode: 137 })).cause, 'killed');
  assert.equal(exitCause(facts({ exitCode: 137, oomKilled: true })).explain.en.includes('OOMKilled'), true);
  assert.equal(exitCause(facts({ exitCode: 3 })).cause, 'crashed');
});

test('a script line in the logs: bash and busybox/dash forms, the last one wins', () => {
  assert.deepEqual(scriptLineInLogs(['/app/start.sh: line 3: nosuchprog: not found']), { path: '/app/start.sh', line: 3 });
  assert.deepEqual(scriptLineInLogs(['/start.sh: 7: exec: foo: not found', 'other']), { path: '/start.sh', line: 7 });
  assert.equal(scriptLineInLogs(['2024/01/01 12:00:00 [emerg] 1#1: something']), null);
});

test('top: PID 1 is the process whose parent is outside the container', () => {
  const top = {
    Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
    Processes: [
      ['root', '12079', '12052', '0', '15:48', '?', '00:00:00', 'sleep 1000'],
      ['root', '12052', '12031', '1', '15:48', '?', '00:00:00', 'sh -c sleep 1000; true'],
    ],
  };
  const t = parseTop(top, ['sh', '-c', 'sleep 1000; true']);
  assert.deepEqual(t.pid1, ['sh', '-c', 'sleep 1000; true']);
  assert.deepEqual(t.processes[1], ['sleep', '1000']);
  assert.deepEqual(programNames(parseTop({ Titles: ['PID', 'PPID', 'CMD'], Processes: [['5', '1', 'php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)'], ['6', '5', '/usr/sbin/nginx -g daemon off;']] })), ['php-fpm', 'nginx']);
});

test('the final stage: CMD/ENTRYPOINT lines, and which COPY put a file where', () => {
  const text = 'FROM a AS build\nCMD ["x"]\nFROM b\nCOPY --chown=1:1 start.sh /usr/local/bin/\nCOPY conf/ /etc/app/\nCOPY --from=build /out /out\n# run\nCMD ["/usr/local/bin/start.sh"]\n';
  const s = scanFinalStage(text);
  assert.equal(s.cmd, 8);
  assert.equal(s.entrypoint, null);
  assert.deepEqual(copiedFrom(s, '/usr/local/bin/start.sh'), { source: 'start.sh', line: 4 });
  assert.deepEqual(copiedFrom(s, '/etc/app/nginx.conf', (p) => p === 'conf/'), { source: 'conf/nginx.conf', line: 5 });
  assert.equal(copiedFrom(s, '/out/bin'), null, 'COPY --from is not from the context');
  assert.equal(copiedFrom(s, '/usr/bin/start.sh'), null);
});

test('demux: the engine\'s 8-byte frames, stdout and stderr in order; a TTY stream as it is', () => {
  const frame = (kind: number, text: string) => Buffer.concat([Buffer.from([kind, 0, 0, 0, 0, 0, 0, Buffer.byteLength(text)]), Buffer.from(text)]);
  assert.equal(demux(Buffer.concat([frame(1, 'out\n'), frame(2, 'err 한글\n')])), 'out\nerr 한글\n');
  assert.equal(demux(Buffer.from('plain tty output\n')), 'plain tty output\n');
});

test('configLineInLogs: the file and line of nginx\'s [emerg], with the sites-available twin of a sites-enabled link', () => {
  assert.deepEqual(configLineInLogs(['2026/12/02 10:00:00 [emerg] 7#7: unknown directive "dameon" in /etc/nginx/sites-enabled/localhost:3']), {
    paths: ['/etc/nginx/sites-enabled/localhost', '/etc/nginx/sites-available/localhost'],
    line: 3,
  });
  assert.deepEqual(configLineInLogs(['nginx: [emerg] unknown directive "dameon" in /etc/nginx/nginx.conf:12']), { paths: ['/etc/nginx/nginx.conf'], line: 12 });
  // `in command line` (a -g value) names no file.
  assert.equal(configLineInLogs(['nginx: [emerg] unknown directive "dameon" in command line']), null);
});
