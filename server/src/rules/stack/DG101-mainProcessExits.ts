/**
 * DG101: the container's main process ends or daemonizes at once (`service nginx start` last, nginx without
 * `daemon off;`, php-fpm without -F, everything in the background). Docker stops the container when PID 1 exits,
 * so it "starts" and is gone a second later. `daemon off;` in nginx's main configuration (as the Dockerfile writes
 * it, see nginxMainConf.ts) keeps nginx, and `service nginx start` with it, in the foreground. nginx with a
 * misspelt `daemon` (`-g 'dameon off;'`) is reported with what really happens: it refuses the unknown directive and
 * exits with code 1 before it could daemonize; a `daemon off;` inside a block of nginx.conf likewise.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Fix, Rule } from '../types';
import { mainVerdict, where } from './mainProcess';
import { edit } from '../helpers/edits';

export const DG101: Rule = {
  id: 'DG101',
  severity: 'warning',
  title: msg('컨테이너의 메인 프로세스가 바로 끝납니다', "The container's main process exits at once"),
  why: msg(
    '컨테이너는 메인 프로세스(PID 1)가 살아 있는 동안만 실행됩니다. `service nginx start`나 `/etc/init.d/mysql start` 같은 명령은 서비스를 백그라운드로 띄우고 곧바로 끝나고, `daemon off;` 없는 nginx와 `-F` 없는 php-fpm도 데몬으로 분리된 뒤 첫 프로세스가 종료됩니다. nginx는 `daemon off;` 지시어를 `-g` 인자나 nginx.conf의 최상위(main 컨텍스트)에서 읽고, 그렇게 설정하면 `service nginx start`도 포그라운드에 남습니다. 마지막 명령이 끝나면 Docker는 컨테이너를 멈춥니다. 마지막 서비스는 `nginx -g \'daemon off;\'`처럼 포그라운드로 실행하고, 스크립트라면 `exec` 명령으로 넘겨 주세요.',
    "A container lives as long as its main process (PID 1). `service nginx start` and `/etc/init.d/mysql start` start the service in the background and return at once; nginx without `daemon off;` and php-fpm without `-F` fork into daemons and the first process exits. nginx reads `daemon off;` from `-g` or from the top level of nginx.conf (its main context); set there, it keeps `service nginx start` in the foreground too. When the last command ends, Docker stops the container. Run the last service in the foreground, e.g. `nginx -g 'daemon off;'`, and hand over to it with `exec` in a start script.",
  ),
  check(ctx) {
    const main = mainVerdict(ctx);
    const v = main?.v;
    if (!main || !v || v.kind !== 'exits') return [];
    const m = main.m;
    const w = where(m);
    const f: Finding = {
      range: m.range,
      message: { ko: `컨테이너가 바로 종료됩니다: ${v.reason.ko}${w.ko}`, en: `The container exits at once: ${v.reason.en}${w.en}` },
      // No `-g 'daemon off;'` fix when nginx.conf is what stops nginx (a misspelt or misplaced `daemon`).
      data: { nginx: !m.script && !v.noFix && isNginxStart(m.argv), whole: !!m.whole },
    };
    return [f];
  },
  fix(ctx, finding) {
    if (!finding.data?.nginx) return [];
    const doc = ctx.doc;
    const instr = doc.instructionAtLine(finding.range.start.line);
    if (!instr || (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT')) return [];
    const fixes: Fix[] = [];
    if (finding.data.whole && instr.keyword === 'CMD') {
      // The whole CMD is that one command: write the exec form, so nginx itself is PID 1 and gets SIGTERM.
      const kw = doc.getText(instr.keywordRange);
      fixes.push({
        title: msg('CMD ["nginx", "-g", "daemon off;"]로 바꾸기', 'Replace with CMD ["nginx", "-g", "daemon off;"]'),
        edits: [edit(instr.range, `${kw} ["nginx", "-g", "daemon off;"]`)],
        preferred: true,
      });
    } else if (!instr.isExecForm()) {
      fixes.push({
        title: msg("nginx를 포그라운드로 실행하기 (nginx -g 'daemon off;')", "Run nginx in the foreground (nginx -g 'daemon off;')"),
        edits: [edit(finding.range, "nginx -g 'daemon off;'")],
        preferred: true,
      });
    }
    return fixes;
  },
};

function isNginxStart(argv: string[]): boolean {
  if (argv[0] === 'service' && argv[1] === 'nginx') return true;
  if (argv[0] === '/etc/init.d/nginx') return true;
  return /(^|\/)nginx$/.test(argv[0] ?? '') && argv.length === 1;
}
