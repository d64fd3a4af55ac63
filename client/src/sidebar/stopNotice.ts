// The words around a slow Stop or Restart, as plain data (tested without VS Code): the progress title, the notice
// shown when the engine is still waiting for PID 1 after a couple of seconds, and the line after a stop that ended
// with SIGKILL. What they claim is the engine's documented behaviour: the stop signal (SIGTERM unless STOPSIGNAL or
// --stop-signal say otherwise) goes to PID 1, and after the container's stop timeout (10 s by default) SIGKILL follows.
import { fillMsg, line, msg, type Lang } from '../../../common/src/i18n';
import type { StopPlan, SlowVerb } from '../docker/stopping';

/** The doctor's command ("Run and Check"), offered in the notice: it runs the image and explains how it stops. */
export const RUN_AND_CHECK_COMMAND = 'dockerfileGuide.doctor.run';

/** After this long without an answer, the notice explains the wait and offers Kill now. */
export const SLOW_NOTICE_MS = 2000;

export const NOTICE = {
  stopping: msg('{0} 컨테이너를 멈추는 중…', 'Stopping {0}…'),
  restarting: msg('{0} 컨테이너를 다시 시작하는 중…', 'Restarting {0}…'),
  many: msg('{0}개', '{0} containers'),
  slow: msg(
    '{0} 컨테이너가 {1}을 받고도 아직 끝나지 않았습니다. PID 1({2})이 {1}을 처리하지 않으면(셸이 PID 1일 때 흔합니다) Docker는 {3}초를 기다린 뒤 SIGKILL로 강제 종료합니다.',
    '{0} has not ended on {1} yet. When PID 1 ({2}) does not handle {1} (common when a shell is PID 1), Docker waits {3} s and then kills it with SIGKILL.',
  ),
  slowNoKill: msg(
    '{0} 컨테이너가 {1}을 받고도 아직 끝나지 않았습니다. 이 컨테이너는 stop timeout이 음수라 Docker가 강제 종료하지 않고 계속 기다립니다.',
    '{0} has not ended on {1} yet. Its stop timeout is negative, so Docker does not kill it and keeps waiting.',
  ),
  // A status-bar line: short enough to be read whole there.
  killed: msg('{0}: {1}에 {2}초 안에 끝나지 않아 SIGKILL로 강제 종료됨(종료 코드 137)', '{0}: did not end within {2} s of {1}; killed with SIGKILL (exit code 137)'),
  alreadyDone: msg('{0} 컨테이너는 요청한 작업이 이미 끝나서 강제 종료하지 않았습니다', '{0}: the request had already finished, so nothing was killed'),
  couldNotKill: msg('{0} 컨테이너를 강제 종료하지 못했습니다', 'Could not kill {0}'),
  killNow: msg('지금 강제 종료', 'Kill now'),
  runAndCheck: msg('실행해서 점검', 'Run and Check'),
};

export function progressTitle(verb: SlowVerb, names: readonly string[], lang: Lang): string {
  const who = names.length === 1 ? names[0] : line(fillMsg(NOTICE.many, names.length), lang);
  return line(fillMsg(verb === 'stop' ? NOTICE.stopping : NOTICE.restarting, who), lang);
}

export function slowNotice(name: string, plan: StopPlan, lang: Lang): string {
  if (plan.timeoutS < 0) return line(fillMsg(NOTICE.slowNoKill, name, plan.signal), lang);
  return line(fillMsg(NOTICE.slow, name, plan.signal, plan.pid1, plan.timeoutS), lang);
}

/**
 * After a stop: the sentence that says the engine had to SIGKILL, or undefined. Only when the exit code is 137 and the
 * stop took the whole timeout (a Kill now from the user also gives 137, but sooner) and the signal was not SIGKILL.
 */
export function killedNotice(name: string, plan: StopPlan, exitCode: number | undefined, seconds: number, lang: Lang): string | undefined {
  if (exitCode !== 137 || plan.timeoutS < 0 || seconds < plan.timeoutS || /^(SIG)?KILL$|^9$/i.test(plan.signal)) return undefined;
  return line(fillMsg(NOTICE.killed, name, plan.signal, plan.timeoutS), lang);
}
