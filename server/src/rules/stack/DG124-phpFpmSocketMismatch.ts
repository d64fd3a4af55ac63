/**
 * DG124: the nginx configuration a Dockerfile copies passes PHP requests to `unix:/run/php/phpX.Y-fpm.sock`, but the
 * image installs another php-fpm (Debian's pool for phpA.B listens on /run/php/phpA.B-fpm.sock). nginx then finds
 * no socket at that path and answers 502 Bad Gateway, logging `connect() to unix:… failed (2: No such file or
 * directory)` (nginx src/event/ngx_event_connect.c, ngx_event_connect_peer; ENOENT is logged at `crit`).
 * The finding goes on the COPY/ADD (or the Dockerfile text) that brings the configuration in, since the Problems
 * panel entry belongs to the Dockerfile; the message names the configuration file and its line.
 * Quiet when the version is not known, the address is TCP or has a variable, or the Dockerfile edits the pool.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { nginxConfigs, nginxDirectives } from './nginxConfig';
import { withReplacement } from './DG126-nginxUnknownDirective';
import { changesPhpFpmListen, finalChain, installedPhpFpm } from './phpFpm';

/** `unix:/run/php/php7.4-fpm.sock` or `unix:/var/run/php/…` (/var/run is a link to /run on Debian) → `7.4`. */
export function socketVersion(address: string): string | null {
  const m = /^unix:(?:\/var)?\/run\/php\/php(\d+\.\d+)-fpm\.sock$/.exec(address);
  return m ? m[1] : null;
}

export const DG124: Rule = {
  id: 'DG124',
  severity: 'warning',
  title: msg('nginx 설정의 php-fpm 소켓이 설치한 PHP 버전과 다릅니다', "The nginx config's php-fpm socket does not match the installed PHP version"),
  why: msg(
    'Debian의 `phpX.Y-fpm` 패키지는 `/run/php/phpX.Y-fpm.sock` 소켓에서 요청을 받습니다. 그래서 소켓 경로에 PHP 버전이 들어가고, 버전마다 경로가 다릅니다. nginx 설정의 `fastcgi_pass unix:/run/php/php7.4-fpm.sock` 지시어가 이미지에 설치한 버전(예: `debian:buster`의 `php-fpm`은 7.3)과 다르면 nginx는 그 경로에서 소켓을 찾지 못합니다. 이때 PHP 페이지는 모두 `502 Bad Gateway` 오류로 응답하고, nginx 오류 로그에는 `connect() to unix:/run/php/php7.4-fpm.sock failed (2: No such file or directory)` 메시지가 남습니다. 컨테이너는 정상적으로 뜨기 때문에 원인을 찾기 어렵습니다. 설정의 소켓 경로를 설치한 버전에 맞추거나, 그 버전의 패키지를 설치하세요. 베이스 이미지를 바꿀 때는 PHP 버전도 함께 바뀌니 설정도 같이 고치세요.',
    "Debian's `phpX.Y-fpm` package listens on the socket `/run/php/phpX.Y-fpm.sock`, so the path carries the PHP version and differs from one version to the next. When the nginx config's `fastcgi_pass unix:/run/php/php7.4-fpm.sock` names another version than the one the image installs (`php-fpm` on `debian:buster` is 7.3, for instance), nginx finds no socket at that path: every PHP page answers `502 Bad Gateway` and nginx's error log says `connect() to unix:/run/php/php7.4-fpm.sock failed (2: No such file or directory)`. The container itself starts fine, which makes the cause hard to see. Make the config's socket path match the installed version, or install the version it names; when you change the base image, the PHP version changes with it, so update the config too.",
  ),
  check(ctx) {
    const doc = ctx.doc;
    if (!doc.text.includes('php')) return [];
    const installed = installedPhpFpm(doc);
    if (!installed || changesPhpFpmListen(doc)) return [];
    const chain = new Set(finalChain(doc));
    const out: Finding[] = [];
    for (const conf of nginxConfigs(ctx)) {
      if (!conf.instr.stage || !chain.has(conf.instr.stage)) continue;
      if (conf.how === 'edit') continue;
      for (const d of nginxDirectives(conf.text)) {
        if (d.name !== 'fastcgi_pass' || d.args.length !== 1) continue;
        const v = socketVersion(d.args[0]);
        if (!v || v === installed.version) continue;
        const line = conf.lineOf(d.start);
        // The same `FILE N번 줄: ` lead as the other config rules: an editor open on the file drops it there.
        const whereKo = conf.file ? `\`${conf.file}\` ${line}번 줄: ` : '';
        const whereEn = conf.file ? `\`${conf.file}\` line ${line}: ` : '';
        const wanted = d.args[0].replace(`php${v}-fpm`, `php${installed.version}-fpm`);
        const argStart = conf.text.indexOf(d.args[0], d.end);
        const pkgKo = installed.base ? `\`${installed.pkg}\` 패키지(\`${installed.base}\` 이미지에서는 PHP ${installed.version})` : `\`${installed.pkg}\` 패키지`;
        const pkgEn = installed.base ? `\`${installed.pkg}\` (PHP ${installed.version} on \`${installed.base}\`)` : `\`${installed.pkg}\``;
        out.push({
          range: conf.rangeOf(d.start, d.end) ?? conf.anchor,
          // In the config file itself the socket path is marked, and the quick fix puts the installed version's there.
          inFile: withReplacement(conf.fileSpan(argStart, argStart + d.args[0].length), wanted, 'path'),
          message: msg(
            `${whereKo}\`fastcgi_pass ${d.args[0]}\` 지시어는 PHP ${v} 소켓을 가리키지만, 이미지에는 ${pkgKo}가 설치됩니다. nginx가 소켓을 찾지 못해 PHP 페이지가 \`502 Bad Gateway\` 오류로 응답하고, 오류 로그에는 \`connect() to ${d.args[0]} failed (2: No such file or directory)\` 메시지가 남습니다. \`${wanted}\` 경로로 바꾸세요`,
            `${whereEn}\`fastcgi_pass ${d.args[0]}\` points at the PHP ${v} socket, but the image installs ${pkgEn}; nginx finds no socket there and PHP pages answer \`502 Bad Gateway\` (error log: \`connect() to ${d.args[0]} failed (2: No such file or directory)\`). Use \`${wanted}\``,
          ),
        });
      }
    }
    return out;
  },
};
