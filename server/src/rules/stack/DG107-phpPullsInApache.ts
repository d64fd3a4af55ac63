/**
 * DG107: on Debian, `php7.3` depends on `libapache2-mod-php7.3 | php7.3-fpm | php7.3-cgi`. apt first marks every
 * package named on the command line, then resolves dependencies; an alternative already marked or installed wins,
 * otherwise the first one does. So `apt-get install php` with no FPM/CGI package in the same command, and none
 * installed by an earlier command, brings Apache and its PHP module next to nginx, fighting over port 80.
 * (This matches the research count: 4 of 41 ft_server projects, each installing `php` in its own command.)
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

const META = /^php(\d+(\.\d+)?)?$/;
const SAPI = /^(php(\d+(\.\d+)?)?-(fpm|cgi)|libapache2-mod-php.*)$/;

export const DG107: Rule = {
  id: 'DG107',
  severity: 'warning',
  title: msg('php 메타패키지가 Apache를 함께 설치합니다', 'The php metapackage pulls in Apache'),
  why: msg(
    'Debian의 `php7.3` 패키지는 `libapache2-mod-php7.3 | php7.3-fpm | php7.3-cgi` 중 하나에 의존합니다. 같은 명령에 FPM 패키지가 없고 이전에 설치된 것도 없으면 apt는 첫 번째 후보를 골라 Apache 모듈과 apache2를 함께 설치합니다. 그러면 nginx와 같은 80번 포트를 두고 다투게 됩니다. `php-fpm`(또는 `php7.3-fpm`)을 같은 `apt-get install`에 넣거나 메타패키지를 빼세요.',
    "Debian's `php7.3` package depends on `libapache2-mod-php7.3 | php7.3-fpm | php7.3-cgi`. When the same command names no FPM package and none was installed before, apt takes the first choice and installs apache2 with its PHP module, which competes with nginx for port 80. Put `php-fpm` (or `php7.3-fpm`) in the same `apt-get install`, or drop the metapackage.",
  ),
  check({ doc }) {
    const out: Finding[] = [];
    // One pass over the RUNs; a SAPI package installed earlier in the same stage satisfies the dependency.
    const sapiInStage = new Set<unknown>();
    for (const { instr, shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.subcommand?.value !== 'install') continue;
        const sapiHere = sapiInStage.has(instr.stage) || inv.packages.some((p) => SAPI.test(p.value.replace(/[=:].*$/, '')));
        for (const p of inv.packages) {
          const name = p.value.replace(/[=:].*$/, '');
          if (META.test(name) && !sapiHere) {
            out.push({
              range: wordRange(doc, p),
              message: msg(
                `\`${p.value}\` 패키지를 FPM 패키지 없이 설치하면 apache2가 함께 설치됩니다. 같은 명령에 \`${fpmFor(name)}\` 패키지를 넣으세요`,
                `\`${p.value}\` without an FPM package in the same command installs apache2 too; add \`${fpmFor(name)}\` to it`,
              ),
              data: { fpm: fpmFor(name) },
            });
          }
        }
        if (sapiHere) sapiInStage.add(instr.stage);
      }
    }
    return out;
  },
};

function fpmFor(meta: string): string {
  return `${meta}-fpm`;
}
