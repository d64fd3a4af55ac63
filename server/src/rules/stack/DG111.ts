/**
 * DG111: the main process is a keep-alive (`tail -f /dev/null`, `sleep infinity`, `while true; do sleep 1; done`).
 * The container looks healthy while nginx or MariaDB are dead, and sh/tail/sleep as PID 1 ignore SIGTERM, so
 * `docker stop` waits 10 s and kills everything.
 */
import { msg } from '../../i18n/msg';
import type { Rule } from '../types';
import { judgeMain, where } from './mainProcess';
import { guideUrl, mainCommand } from './util';

export const DG111: Rule = {
  id: 'DG111',
  severity: 'hint',
  title: msg('메인 프로세스가 컨테이너를 살려 두기만 합니다', 'The main process only keeps the container alive'),
  why: msg(
    '`tail -f /dev/null`이나 `sleep infinity`로 컨테이너를 살려 두면 nginx나 MariaDB가 죽어도 컨테이너는 계속 "실행 중"으로 보여서 장애를 알아채기 어렵습니다. 또 PID 1인 tail·sleep·셸은 SIGTERM을 처리하지 않아 `docker stop`이 10초를 기다린 뒤 강제 종료합니다. 실제 서비스(예: `nginx -g \'daemon off;\'`)를 마지막에 포그라운드로 실행하세요.',
    "Keeping the container alive with `tail -f /dev/null` or `sleep infinity` hides crashes: nginx or MariaDB can die while the container still shows as running. And tail, sleep or a shell as PID 1 ignore SIGTERM, so `docker stop` waits 10 s and then kills everything. Run the real service last, in the foreground (e.g. `nginx -g 'daemon off;'`).",
  ),
  url: guideUrl('DG111'),
  check(ctx) {
    const m = mainCommand(ctx);
    if (!m) return [];
    const v = judgeMain(m);
    if (!v || v.kind !== 'keepalive') return [];
    const w = where(m);
    return [
      {
        range: m.range,
        message: {
          ko: `\`${v.what}\` 명령은 컨테이너를 살려 두기만 합니다${w.ko}. 실제 서비스를 포그라운드로 실행하세요`,
          en: `\`${v.what}\` only keeps the container alive${w.en}; run the real service in the foreground`,
        },
      },
    ];
  },
};
