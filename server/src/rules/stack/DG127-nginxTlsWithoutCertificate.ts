/**
 * DG127: TLS in nginx configuration the Dockerfile copies or writes that stops nginx at start.
 *
 * - A server block that listens with `ssl` while no `ssl_certificate` is set anywhere in the configuration: nginx's
 *   ngx_http_ssl_init refuses it with `[emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in
 *   FILE:LINE` (the line of the server block's `{`). A server with an `include` (a snippet such as
 *   snippets/self-signed.conf usually holds the certificate) or `ssl_reject_handshake on` is left alone.
 * - `ssl_certificate`/`ssl_certificate_key` naming a file nothing in the Dockerfile creates or copies: nginx loads it
 *   while reading the configuration and stops with `[emerg] cannot load certificate "…"`. Created means a COPY/ADD
 *   to it or a folder above it, or its file name in a RUN, CMD, ENTRYPOINT or a copied file (an `openssl req -out`,
 *   a `cp`, the start script). Quiet when something copied cannot be read, a destination or an openssl `-out` is a
 *   variable, mkcert/certbot/make-ssl-cert choose the names, or the base image is not a plain distribution or nginx
 *   image (another may already hold the files).
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { nginxConfigs, nginxDirectives, type NginxConfig } from './nginxConfig';
import { certificatePath, imageWrites, listensSsl, mayExist, plainBase, serverBlocks, type ImageWrites } from './nginxTls';

const CERT_NAMES = new Set(['ssl_certificate', 'ssl_certificate_key']);

export const DG127: Rule = {
  id: 'DG127',
  severity: 'error',
  title: msg('nginx의 TLS 설정에 인증서가 없습니다', "nginx's TLS configuration lacks its certificate"),
  why: msg(
    '`listen 443 ssl` 지시어가 있는 server 블록에는 `ssl_certificate` 지시어와 `ssl_certificate_key` 지시어가 있어야 합니다(http 블록에 한 번 적어도 됩니다). 없으면 nginx는 `nginx: [emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in …` 오류를 내고 시작하지 않습니다. 인증서 파일도 이미지 안에 있어야 합니다. nginx는 설정을 읽을 때 파일을 열어 보므로, 빌드나 시작 스크립트가 만들지 않은 경로를 적으면 `nginx: [emerg] cannot load certificate "…"` 오류로 종료합니다. `openssl req -x509 -nodes -newkey rsa:2048 -keyout <키 경로> -out <인증서 경로> -subj "/CN=localhost"` 명령을 RUN에서 실행하거나, 만든 파일을 COPY로 넣으세요.',
    'A server block with `listen 443 ssl` needs `ssl_certificate` and `ssl_certificate_key` (set once in the http block, they serve every server). Without them nginx refuses to start: `nginx: [emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in …`. The files must also be in the image: nginx opens them while reading its configuration, so a path that neither the build nor the start script creates stops it with `nginx: [emerg] cannot load certificate "…"`. Run `openssl req -x509 -nodes -newkey rsa:2048 -keyout <key path> -out <certificate path> -subj "/CN=localhost"` in a RUN, or COPY the files in.',
  ),
  check(ctx) {
    const out: Finding[] = [];
    const confs = nginxConfigs(ctx);
    if (!confs.length) return out;
    const all = confs.map((c) => nginxDirectives(c.text));
    // nginx reports a server without certificate only when none is set where it would be inherited, and a server on
    // the same address may be the default that has one: any certificate anywhere keeps the first check quiet.
    const anyCertificate = all.some((ds) => ds.some((d) => d.name === 'ssl_certificate' || (d.name === 'ssl_reject_handshake' && d.args[0] === 'on')));
    const writes = new Map<NginxConfig['instr']['stage'], ImageWrites>();
    confs.forEach((conf, i) => {
      if (!anyCertificate) {
        for (const b of serverBlocks(conf.text)) {
          const listen = listensSsl(b);
          if (!listen || b.children.some((c) => c.name === 'include')) continue;
          const line = lineAt(conf.text, b.brace < 0 ? b.server.start : b.brace);
          const emerg = `nginx: [emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in ${loadedAs(conf.dest)}${conf.how === 'write' ? `:${line}` : ''}`;
          const fileLine = conf.file ? `${conf.lineOf(listen.start)}` : '';
          out.push({
            range: conf.rangeOf(listen.start, listen.end) ?? conf.anchor,
            inFile: conf.fileSpan(listen.start, listen.end) ?? undefined,
            message: msg(
              `${conf.file ? `\`${conf.file}\` ${fileLine}번 줄: ` : ''}\`listen ... ssl\` 지시어가 있지만 인증서(\`ssl_certificate\`, \`ssl_certificate_key\`)가 설정에 없습니다. 이 설정(\`${conf.dest}\`)을 읽는 nginx는 시작하지 못하고 \`${emerg}\` 오류와 함께 종료 코드 1로 끝납니다`,
              `${conf.file ? `\`${conf.file}\` line ${fileLine}: ` : ''}\`listen ... ssl\` without a certificate (\`ssl_certificate\`, \`ssl_certificate_key\`) anywhere in the configuration; nginx reading it (\`${conf.dest}\`) does not start: \`${emerg}\`, exit code 1`,
            ),
          });
        }
      }
      const stage = conf.instr.stage;
      if (!stage || !plainBase(stage)) return;
      for (const d of all[i]) {
        if (!CERT_NAMES.has(d.name)) continue;
        const path = certificatePath(d.args[0] ?? '');
        if (!path) continue;
        let w = writes.get(stage);
        if (!w) writes.set(stage, (w = imageWrites(ctx, stage)));
        if (mayExist(w, path)) continue;
        const what = d.name === 'ssl_certificate' ? 'certificate' : 'certificate key';
        const emerg = `nginx: [emerg] cannot load ${what} "${path}"`;
        const fileLine = conf.file ? `${conf.lineOf(d.start)}` : '';
        out.push({
          range: conf.rangeOf(d.start, d.end) ?? conf.anchor,
          inFile: conf.fileSpan(d.start, d.end) ?? undefined,
          message: msg(
            `${conf.file ? `\`${conf.file}\` ${fileLine}번 줄: ` : ''}\`${d.name}\` 지시어가 가리키는 \`${path}\` 파일을 Dockerfile이 만들거나 복사하지 않습니다. nginx는 시작하지 못하고 \`${emerg}\` 오류로 종료합니다. \`openssl req … -out\`(또는 \`-keyout\`)으로 만들거나 COPY로 넣으세요`,
            `${conf.file ? `\`${conf.file}\` line ${fileLine}: ` : ''}nothing in the Dockerfile creates or copies \`${path}\`, named by \`${d.name}\`; nginx does not start: \`${emerg}\`. Create it with \`openssl req … -out\` (or \`-keyout\`), or COPY it in`,
          ),
        });
      }
    });
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  },
};

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The path nginx names: a site in sites-available is read through its link in sites-enabled (see DG126). */
function loadedAs(dest: string): string {
  return dest.replace(/^\/etc\/nginx\/sites-available\//, '/etc/nginx/sites-enabled/');
}
