// The words of a slow Stop (client/src/sidebar/stopNotice.ts): what the notice claims follows the container's own
// stop signal and timeout, and the "killed" line appears only when the engine really had to SIGKILL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { killedNotice, progressTitle, slowNotice } from '../../client/src/sidebar/stopNotice';
import type { StopPlan } from '../../client/src/docker/stopping';

const plan: StopPlan = { timeoutS: 10, signal: 'SIGTERM', pid1: 'sh -c while :; do sleep 1; done', startedAt: 'x' };

describe('slow stop notices', () => {
  it('progress titles name the container, or count several', () => {
    assert.equal(progressTitle('stop', ['web'], 'ko'), 'web 컨테이너를 멈추는 중…');
    assert.equal(progressTitle('restart', ['web'], 'en'), 'Restarting web…');
    assert.equal(progressTitle('stop', ['a', 'b'], 'en'), 'Stopping 2 containers…');
  });

  it('the slow notice names PID 1, the signal and the container’s own timeout', () => {
    const ko = slowNotice('web', plan, 'ko');
    assert.match(ko, /PID 1\(sh -c while :; do sleep 1; done\)이 SIGTERM을 처리하지 않으면/);
    assert.match(ko, /10초를 기다린 뒤 SIGKILL/);
    assert.match(slowNotice('web', { ...plan, timeoutS: 3, signal: 'SIGQUIT' }, 'en'), /does not handle SIGQUIT .* waits 3 s and then kills it with SIGKILL/);
    assert.match(slowNotice('web', { ...plan, timeoutS: -1 }, 'en'), /does not kill it and keeps waiting/);
  });

  it('"killed" only after exit 137 that took the whole timeout (not after Kill now, not for a clean exit)', () => {
    assert.match(killedNotice('web', plan, 137, 10.2, 'ko') ?? '', /^web: SIGTERM에 10초 안에 끝나지 않아 SIGKILL로 강제 종료됨\(종료 코드 137\)$/);
    assert.equal(killedNotice('web', plan, 137, 0.8, 'en'), undefined, 'Kill now after 0.8 s');
    assert.equal(killedNotice('web', plan, 0, 10.1, 'en'), undefined);
    assert.equal(killedNotice('web', { ...plan, signal: 'SIGKILL' }, 137, 10.1, 'en'), undefined);
  });
});
