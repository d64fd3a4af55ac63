/**
 * DG111: the main process is a keep-alive (`tail -f /dev/null`, `sleep infinity`, `while true; do sleep 1; done`).
 * The container looks healthy while nginx or MariaDB are dead, and sh/tail/sleep as PID 1 ignore SIGTERM, so
 * `docker stop` waits 10 s and kills everything.
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Rule } from '../types';
import { isDatabase, mainVerdict, servicesStartedBefore, where } from './mainProcess';

export const DG111: Rule = {
  id: 'DG111',
  // What the container does when it is stopped, not a matter of style: shown in the Problems panel (hints are not).
  severity: 'info',
  title: msg('메인 프로세스가 컨테이너를 살려 두기만 합니다', 'The main process only keeps the container alive'),
  why: msg(
    '`tail -f /dev/null`이나 `sleep infinity` 같은 명령으로 컨테이너를 살려 두면 nginx나 MariaDB가 죽어도 컨테이너는 계속 "실행 중"으로 보여서 장애를 알아채기 어렵습니다. 또 PID 1인 tail·sleep·셸은 SIGTERM을 처리하지 않아서, `docker stop`은 10초를 기다린 뒤 컨테이너 안의 프로세스를 모두 강제 종료합니다(종료 코드 137). 백그라운드의 MariaDB도 종료 처리를 하지 못하고 끝납니다. 실제 서비스(예: `nginx -g \'daemon off;\'`)를 마지막에 포그라운드로 실행하세요.',
    "Keeping the container alive with `tail -f /dev/null` or `sleep infinity` hides crashes: nginx or MariaDB can die while the container still shows as running. And tail, sleep or a shell as PID 1 do not act on SIGTERM, so `docker stop` waits 10 s and then kills every process in the container (exit code 137); a MariaDB running in the background never gets to shut down cleanly. Run the real service last, in the foreground (e.g. `nginx -g 'daemon off;'`).",
  ),
  check(ctx) {
    const main = mainVerdict(ctx);
    const v = main?.v;
    if (!main || !v || v.kind !== 'keepalive') return [];
    const m = main.m;
    return [{ range: m.range, message: keepAliveMessage(v.what, where(m), servicesStartedBefore(m)) }];
  },
};

/**
 * What the keep-alive means when the container is stopped: PID 1 (the keep-alive, or the shell running it) ignores
 * SIGTERM, so the grace period runs out and everything is killed; a database among the services is killed mid-flight.
 */
function keepAliveMessage(what: string, at: Msg, services: string[]): Msg {
  const list = services.map((s) => `\`${s}\``);
  const running = services.length
    ? msg(` ${list.join(', ')} 서비스는 백그라운드에서 실행되고,`, ` ${list.join(', ')} run${services.length === 1 ? 's' : ''} in the background, and`)
    : msg('', '');
  const db = services.find(isDatabase);
  const unclean = db
    ? msg(` \`${db}\` 서비스는 데이터베이스를 정상 종료하지 못합니다.`, ` \`${db}\` never shuts the database down cleanly.`)
    : msg('', '');
  return {
    ko: `\`${what}\` 명령은 컨테이너를 살려 두기만 합니다${at.ko}.${running.ko} PID 1은 SIGTERM을 처리하지 않으므로 \`docker stop\` 명령은 10초를 기다린 뒤 모두 강제 종료합니다(종료 코드 137).${unclean.ko} 마지막 서비스를 포그라운드로 실행하세요`,
    en: `\`${what}\` only keeps the container alive${at.en}:${running.en} PID 1 does not act on SIGTERM, so \`docker stop\` waits 10 s and then kills everything (exit code 137).${unclean.en} Run the last service in the foreground`,
  };
}
