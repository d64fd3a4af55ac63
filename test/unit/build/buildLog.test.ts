// The build log's filter and the exit-code catalogue (issue 18, item 5), on the exact text both builders
// printed for `RUN nosuchprog` on docker 20.10 (see test/docker/buildFailure.test.ts for the live builds).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildLog, stripAnsi, withoutCodeMarks } from '../../../common/src/engine/buildLog';
import { buildCause, buildExitCode } from '../../../common/src/doctor/causes';

describe('stripAnsi', () => {
  it('removes SGR colours, cursor moves and OSC titles, and leaves other text alone', () => {
    assert.equal(stripAnsi('\u001b[91m/bin/sh: x: not found\n\u001b[0m'), '/bin/sh: x: not found\n');
    assert.equal(stripAnsi('a\u001b[2K\u001b[1Ab\u001b]0;title\u0007c'), 'abc');
    assert.equal(stripAnsi('[91m stays: no ESC'), '[91m stays: no ESC');
  });
});

describe('BuildLog', () => {
  it('classic: a line of only colour codes disappears, the text keeps no escapes', () => {
    const out: string[] = [];
    const log = new BuildLog((l) => out.push(l));
    for (const l of ['Step 2/2 : RUN nosuchprog', '\u001b[91m/bin/sh: nosuchprog: not found', '\u001b[0m', "The command '/bin/sh -c nosuchprog' returned a non-zero code: 127"]) log.line(l);
    assert.deepEqual(out, ['Step 2/2 : RUN nosuchprog', '/bin/sh: nosuchprog: not found', "The command '/bin/sh -c nosuchprog' returned a non-zero code: 127"]);
    assert.equal(log.shown("The command '/bin/sh -c nosuchprog' returned a non-zero code: 127"), true);
  });
  it('BuildKit: after "#N ERROR:" the summary box and the repeated sentence are dropped', () => {
    const out: string[] = [];
    const log = new BuildLog((l) => out.push(l));
    const printed = [
      '#5 [2/2] RUN nosuchprog --x',
      '#5 0.191 /bin/sh: nosuchprog: not found',
      '#5 ERROR: executor failed running [/bin/sh -c nosuchprog --x]: exit code: 127',
      '------',
      ' > [2/2] RUN nosuchprog --x:',
      '#5 0.191 /bin/sh: nosuchprog: not found',
      '------',
      'executor failed running [/bin/sh -c nosuchprog --x]: exit code: 127',
    ];
    for (const l of printed) log.line(l);
    assert.deepEqual(out, printed.slice(0, 3));
    assert.equal(log.shown('executor failed running [/bin/sh -c nosuchprog --x]: exit code: 127'), true);
    assert.equal(log.shown('something else'), false);
  });
});

describe('exit codes in the doctor catalogue', () => {
  it('reads the code from both builders\' sentences', () => {
    assert.equal(buildExitCode("The command '/bin/sh -c x' returned a non-zero code: 126"), 126);
    assert.equal(buildExitCode('executor failed running [/bin/sh -c x]: exit code: 100'), 100);
    assert.equal(buildExitCode('process "/bin/sh -c x" did not complete successfully: exit code: 1'), 1);
    assert.equal(buildExitCode('COPY failed: file not found'), null);
  });
  it('names 127, 126, 100 and 1, and explains each in Korean and English', () => {
    const cases: Array<[string, string, RegExp, RegExp]> = [
      ['executor failed running [/bin/sh -c x]: exit code: 127', 'command-not-found', /명령을 찾을 수 없습니다/, /command not found/],
      ["The command '/bin/sh -c ./x.sh' returned a non-zero code: 126", 'not-executable', /실행할 수 없습니다/, /cannot be executed/],
      ['executor failed running [/bin/sh -c apt-get install -y nosuch]: exit code: 100', 'apt-failed', /apt가 실패했습니다/, /apt failed/],
      ["The command '/bin/sh -c false' returned a non-zero code: 1", 'exit-1', /종료 코드 1:/, /Exit code 1:/],
    ];
    for (const [text, cause, ko, en] of cases) {
      const c = buildCause(text);
      assert.equal(c.cause, cause, text);
      assert.match(c.explain.ko, ko);
      assert.match(c.explain.en, en);
    }
    // A more specific message in the log still wins over the exit code (apt's `Abort.` exits with 1).
    assert.equal(buildCause("Do you want to continue? [Y/n] Abort.\nThe command '/bin/sh -c apt-get install x' returned a non-zero code: 1").cause, 'apt-no-yes');
    // 12 and 2 are not 1 or 127.
    assert.equal(buildCause("The command '/bin/sh -c make' returned a non-zero code: 12").cause, 'failed');
  });
  it('withoutCodeMarks keeps the code, drops the marks', () => {
    assert.equal(withoutCodeMarks('`apt-get install`에 `-y`를 붙이세요.'), 'apt-get install에 -y를 붙이세요.');
  });
});
