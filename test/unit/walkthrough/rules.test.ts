// When the walkthrough's "fix", "check" and "stop" steps count as done (client/src/walkthrough/rules.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doctorPassed, isRealFix, stoppedCleanly } from '../../../client/src/walkthrough/rules';

describe('walkthrough rules', () => {
  it('a quick fix that only adds an ignore comment is not a fix', () => {
    assert.equal(isRealFix(['# dockerfile-guide ignore DG105\n']), false);
    assert.equal(isRealFix(['LABEL maintainer="student@42.fr"']), true);
    // A fix that deletes text inserts nothing, and still fixes.
    assert.equal(isRealFix([]), true);
    assert.equal(isRealFix(['']), true);
  });

  it('a doctor run passes only when the container ran and every check is green', () => {
    const run = { running: true };
    assert.equal(doctorPassed({ run, checks: [{ ok: true }, { ok: true }] }), true);
    assert.equal(doctorPassed({ run, checks: [{ ok: true }, { ok: false }] }), false);
    assert.equal(doctorPassed({ run: { running: false }, checks: [{ ok: true }] }), false);
    assert.equal(doctorPassed({ run: null, checks: [{ ok: true }] }), false);
    assert.equal(doctorPassed({ run, checks: [] }), false);
  });

  it('a stop is clean when the container exited before the timeout, not by SIGKILL', () => {
    assert.equal(stoppedCleanly(10, { exitCode: 143, seconds: 0.4 }), true);
    assert.equal(stoppedCleanly(10, { exitCode: 0, seconds: 1.2 }), true);
    // The engine waited the whole timeout and killed it.
    assert.equal(stoppedCleanly(10, { exitCode: 137, seconds: 10.3 }), false);
    // Exited after the timeout with another code: the stop still took the whole wait.
    assert.equal(stoppedCleanly(3, { exitCode: 1, seconds: 3.1 }), false);
    // "Kill now" early is still SIGKILL.
    assert.equal(stoppedCleanly(10, { exitCode: 137, seconds: 2.5 }), false);
    // No exit code known (the stop's answer and the inspect were lost).
    assert.equal(stoppedCleanly(10, { seconds: 1 }), false);
    // A negative timeout: the engine never kills.
    assert.equal(stoppedCleanly(-1, { exitCode: 0, seconds: 42 }), true);
  });
});
