/**
 * DG126: a misspelt directive (`fastcgi_pas`, `server_nmae`, `autoindx`, `try_file`) in nginx configuration the
 * Dockerfile copies or writes under /etc/nginx/. nginx reads every file before it starts and stops at the first name
 * it does not know: `nginx: [emerg] unknown directive "fastcgi_pas" in /etc/nginx/sites-enabled/default:12`, exit
 * code 1, so the container exits at once. Known names come from nginx's own source (nginxDirectiveNames.ts); a
 * name far from all of them (a third-party module's) stays quiet, and `daemon` typos are DG104's.
 *
 * The finding sits on the Dockerfile: on the COPY/ADD source that brings the file in (naming the file and line), or
 * on the name itself when the Dockerfile holds the text (a COPY heredoc, echo/printf in a RUN).
 */
import { msg } from '../../../../common/src/i18n';
import type { FileSpan, Finding, Rule } from '../types';
import { nginxConfigs, type NginxConfig } from './nginxConfig';
import { directiveTypos } from './nginxUnknownDirective';

export const DG126: Rule = {
  id: 'DG126',
  severity: 'error',
  title: msg('nginx 설정에 철자가 틀린 지시어가 있습니다', 'nginx configuration has a misspelt directive'),
  why: msg(
    'nginx는 시작할 때 설정 파일을 모두 읽고, 모르는 지시어 이름을 하나라도 만나면 `nginx: [emerg] unknown directive "fastcgi_pas" in /etc/nginx/sites-enabled/default:12`처럼 파일과 줄을 알려 주며 종료 코드 1로 끝납니다. 지시어 이름은 정확히 일치해야 하므로 글자 하나만 틀려도 컨테이너가 바로 종료됩니다. `docker logs`에서 이 오류를 보았다면 표시된 파일의 해당 줄을 고치세요. nginx 소스에 있는 지시어와 한두 글자만 다른 이름을 알려 드리고, 전혀 다른 이름(서드파티 모듈의 지시어)은 그대로 둡니다.',
    'When nginx starts it reads every configuration file, and the first directive name it does not know stops it: `nginx: [emerg] unknown directive "fastcgi_pas" in /etc/nginx/sites-enabled/default:12`, exit code 1. Names must match exactly, so one wrong letter makes the container exit at once. If `docker logs` shows this error, fix that line of that file. Names one or two letters away from a directive in nginx\'s source are reported; names unlike any of them (third-party modules) are left alone.',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const conf of nginxConfigs(ctx)) {
      if (!looksLikeConfig(conf.dest)) continue;
      for (const t of directiveTypos(conf.text)) {
        const d = t.directive;
        const emerg = `nginx: [emerg] unknown directive "${d.name}" in ${loadedAs(conf.dest)}${conf.how === 'write' ? `:${t.line}` : ''}`;
        const where = conf.file ? conf.lineOf(d.start) : 0;
        out.push({
          range: conf.rangeOf(d.start, d.end) ?? conf.anchor,
          inFile: withReplacement(conf.fileSpan(d.start, d.end), t.meant),
          message: conf.file
            ? msg(
                `\`${conf.file}\` ${where}번 줄: \`${d.name}\` 지시어는 nginx에 없습니다(\`${t.meant}\` 지시어의 오타로 보입니다). 이 설정(\`${conf.dest}\`)을 읽는 nginx는 시작하지 못하고 \`${emerg}\` 오류와 함께 종료 코드 1로 끝납니다`,
                `\`${conf.file}\` line ${where}: nginx has no \`${d.name}\` directive (a typo for \`${t.meant}\`?); nginx reading this configuration (\`${conf.dest}\`) does not start: \`${emerg}\`, exit code 1`,
              )
            : msg(
                `\`${d.name}\` 지시어는 nginx에 없습니다(\`${t.meant}\` 지시어의 오타로 보입니다). 이 설정(\`${conf.dest}\`)을 읽는 nginx는 시작하지 못하고 \`${emerg}\` 오류와 함께 종료 코드 1로 끝납니다`,
                `nginx has no \`${d.name}\` directive (a typo for \`${t.meant}\`?); nginx reading this configuration (\`${conf.dest}\`) does not start: \`${emerg}\`, exit code 1`,
              ),
        });
      }
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  },
};

/**
 * Whether a file under /etc/nginx/ holds directives: not a certificate, key, page or password file copied there
 * (`ssl/cert.pem`, `.htpasswd`), which nginx reads as data if at all.
 */
function looksLikeConfig(dest: string): boolean {
  const base = dest.slice(dest.lastIndexOf('/') + 1);
  if (base.startsWith('.')) return false;
  const dot = base.lastIndexOf('.');
  return dot < 0 || /^(conf|template|types|params|default)$/i.test(base.slice(dot + 1));
}

/**
 * The path nginx names in its error: Debian's nginx.conf includes sites-enabled/*, where a site in sites-available
 * is linked (the package links `default`), and nginx reports the path it opened.
 */
function loadedAs(dest: NginxConfig['dest']): string {
  return dest.replace(/^\/etc\/nginx\/sites-available\//, '/etc/nginx/sites-enabled/');
}

/**
 * The span with a fix that puts `replace` in its place, for the quick fix in the config file itself. The title names
 * what is replaced (`directive`, `path`): the word before the Korean particle.
 */
export function withReplacement(span: FileSpan | null, replace: string, what: 'directive' | 'path' = 'directive'): FileSpan | undefined {
  if (!span) return undefined;
  const title =
    what === 'path' ? msg(`\`${replace}\` 경로로 고치기`, `Change the path to \`${replace}\``) : msg(`\`${replace}\` 지시어로 고치기`, `Change to \`${replace}\``);
  return { ...span, fix: { title, edits: [{ start: span.start, end: span.end, newText: replace }] } };
}
