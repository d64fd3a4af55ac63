/**
 * The "new web stack" scaffold: one container with Debian + nginx + MariaDB + php-fpm + WordPress (+ phpMyAdmin),
 * a self-signed certificate and an autoindex switch. Pure functions of the options: no file system, no vscode.
 * Both the CLI (`dockerfile-guide new-stack`) and the VS Code command write what this returns.
 */
import { randomBytes } from 'node:crypto';
import { pick, type OneLang } from '../i18n';
import { RELEASES, UPSTREAM, type DebianRelease, type ReleaseInfo } from './releases';

export type AppSource = 'debian' | 'upstream';
export type CommentLang = OneLang;

export interface StackOptions {
  debian: DebianRelease;
  /** server_name, certificate CN and the nginx site file name. */
  siteName: string;
  phpMyAdmin: boolean;
  /** Where WordPress and phpMyAdmin come from: Debian packages, or upstream tarballs with a checksum check. */
  source: AppSource;
  /** Language of the comments in the generated files. */
  lang: CommentLang;
  /** Randomness for the WordPress salts (tests pass a seeded one). */
  random?: (bytes: number) => Buffer;
}

export interface GeneratedFile {
  /** Relative to the project folder, always with `/`. */
  path: string;
  content: string;
  /** 0o755 for scripts. */
  mode: number;
}

export const STACK_FILES = [
  'Dockerfile',
  'srcs/nginx.conf',
  'srcs/start.sh',
  'srcs/init.sql',
  'srcs/autoindex.sh',
  'srcs/wp-config.php',
] as const;

/** Where the generated files end up inside the image (tests and docs use the same table). */
export const IN_IMAGE = {
  startScript: '/usr/local/bin/start.sh',
  autoindexScript: '/usr/local/bin/autoindex.sh',
  initSql: '/usr/local/share/web-stack/init.sql',
  passwordFile: '/var/lib/mysql/.wordpress-db-password',
  webRoot: '/var/www/html',
};

export function defaultSource(debian: DebianRelease): AppSource {
  // buster has no phpmyadmin package and its archive is frozen: the assignment's way (upstream tarballs) fits it.
  return debian === 'buster' ? 'upstream' : 'debian';
}

const SITE_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A site name must be a DNS host name: it becomes server_name, the certificate CN and a file name. */
export function isValidSiteName(name: string): boolean {
  return SITE_RE.test(name);
}

export function certPaths(site: string): { crt: string; key: string } {
  return { crt: `/etc/ssl/certs/${site}.crt`, key: `/etc/ssl/private/${site}.key` };
}

export function siteConfPath(site: string): string {
  return `/etc/nginx/sites-available/${site}`;
}

interface Ctx {
  o: StackOptions;
  r: ReleaseInfo;
  t: (ko: string, en: string) => string;
  wpFromDebian: boolean;
  pmaFromDebian: boolean;
  wpDir: string;
  pmaDir: string;
}

function context(o: StackOptions): Ctx {
  if (!isValidSiteName(o.siteName)) throw new Error(`invalid site name: ${JSON.stringify(o.siteName)}`);
  const r = RELEASES[o.debian];
  const wpFromDebian = o.source === 'debian' && r.hasWordPressPackage;
  const pmaFromDebian = o.source === 'debian' && r.hasPhpMyAdminPackage;
  return {
    o,
    r,
    t: (ko, en) => pick({ ko, en }, o.lang),
    wpFromDebian,
    pmaFromDebian,
    wpDir: wpFromDebian ? '/usr/share/wordpress' : `${IN_IMAGE.webRoot}/wordpress`,
    pmaDir: pmaFromDebian ? '/usr/share/phpmyadmin' : `${IN_IMAGE.webRoot}/phpmyadmin`,
  };
}

export function generateStack(options: StackOptions): GeneratedFile[] {
  const c = context(options);
  return [
    { path: 'Dockerfile', content: dockerfile(c), mode: 0o644 },
    { path: 'srcs/nginx.conf', content: nginxConf(c), mode: 0o644 },
    { path: 'srcs/start.sh', content: startSh(c), mode: 0o755 },
    { path: 'srcs/init.sql', content: initSql(c), mode: 0o644 },
    { path: 'srcs/autoindex.sh', content: autoindexSh(c), mode: 0o755 },
    { path: 'srcs/wp-config.php', content: wpConfig(c), mode: 0o644 },
  ];
}

// ---------------------------------------------------------------------------------------------- Dockerfile

function packages(c: Ctx): string[] {
  const v = c.r.php;
  const php = [`php${v}-fpm`, `php${v}-mysql`, `php${v}-mbstring`, `php${v}-xml`, `php${v}-gd`, `php${v}-curl`, `php${v}-zip`, `php${v}-intl`];
  // Before PHP 8.0, JSON was its own extension package (WordPress and phpMyAdmin both need it).
  if (Number(v) < 8) php.push(`php${v}-json`);
  const lines = ['ca-certificates curl openssl', 'nginx', 'mariadb-server', php.join(' ')];
  // The wordpress package depends on "libapache2-mod-php | php"; naming `php` next to php-fpm keeps Apache out.
  if (c.wpFromDebian) lines.push(`php${v} wordpress wordpress-theme-twentytwentythree`);
  if (c.o.phpMyAdmin && c.pmaFromDebian) lines.push('phpmyadmin dbconfig-no-thanks');
  return lines;
}

function downloadStage(c: Ctx): string[] {
  const { t } = c;
  const needWp = !c.wpFromDebian;
  const needPma = c.o.phpMyAdmin && !c.pmaFromDebian;
  if (!needWp && !needPma) return [];
  const out: string[] = [
    t(
      '# 1단계: 내려받기 전용 스테이지입니다. 체크섬이 맞지 않으면 빌드가 바로 실패하고, curl 같은 도구는 최종 이미지에 남지 않습니다.',
      '# Stage 1: downloads only. A checksum mismatch fails the build at once, and tools such as curl stay out of the final image.',
    ),
    `FROM ${c.r.image} AS downloads`,
    ...archiveComments(c),
    ...aptHead(c),
    ' && apt-get install -y --no-install-recommends ca-certificates curl xz-utils \\',
    ' && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /downloads',
  ];
  if (needWp) {
    out.push(
      '',
      t(
        `# 버전을 바꾸면 https://wordpress.org/wordpress-<버전>.tar.gz.sha1 에 있는 값으로 WORDPRESS_SHA1도 바꾸세요.`,
        `# When you change the version, take WORDPRESS_SHA1 from https://wordpress.org/wordpress-<version>.tar.gz.sha1`,
      ),
      `ARG WORDPRESS_VERSION=${UPSTREAM.wordpressVersion}`,
      'ARG WORDPRESS_SHA1',
      `RUN test -n "$WORDPRESS_SHA1" || { echo "${t('WORDPRESS_SHA1이 비어 있습니다: --build-arg WORDPRESS_SHA1=... 옵션으로 넘기세요', 'WORDPRESS_SHA1 is empty: pass --build-arg WORDPRESS_SHA1=...')}" >&2; exit 1; } \\`,
      ' && curl -fsSL -o wordpress.tar.gz "https://wordpress.org/wordpress-${WORDPRESS_VERSION}.tar.gz" \\',
      ' && echo "${WORDPRESS_SHA1}  wordpress.tar.gz" | sha1sum -c - \\',
      ' && tar -xzf wordpress.tar.gz \\',
      ' && rm wordpress.tar.gz',
    );
  }
  if (needPma) {
    out.push(
      '',
      t(
        '# 체크섬은 https://files.phpmyadmin.net/phpMyAdmin/<버전>/phpMyAdmin-<버전>-all-languages.tar.xz.sha256 에 있습니다.',
        '# The checksum is published at https://files.phpmyadmin.net/phpMyAdmin/<version>/phpMyAdmin-<version>-all-languages.tar.xz.sha256',
      ),
      `ARG PHPMYADMIN_VERSION=${UPSTREAM.phpMyAdminVersion}`,
      'ARG PHPMYADMIN_SHA256',
      `RUN test -n "$PHPMYADMIN_SHA256" || { echo "${t('PHPMYADMIN_SHA256이 비어 있습니다: --build-arg PHPMYADMIN_SHA256=... 옵션으로 넘기세요', 'PHPMYADMIN_SHA256 is empty: pass --build-arg PHPMYADMIN_SHA256=...')}" >&2; exit 1; } \\`,
      ' && curl -fsSL -o phpmyadmin.tar.xz "https://files.phpmyadmin.net/phpMyAdmin/${PHPMYADMIN_VERSION}/phpMyAdmin-${PHPMYADMIN_VERSION}-all-languages.tar.xz" \\',
      ' && echo "${PHPMYADMIN_SHA256}  phpmyadmin.tar.xz" | sha256sum -c - \\',
      ' && mkdir phpmyadmin \\',
      ' && tar -xJf phpmyadmin.tar.xz -C phpmyadmin --strip-components=1 \\',
      ' && rm phpmyadmin.tar.xz',
    );
  }
  out.push('');
  return out;
}

/** Comment lines that explain the apt RUN's head on an archived release. */
function archiveComments(c: Ctx): string[] {
  if (!c.r.archiveSources) return [];
  return [
    c.t(
      `# ${c.r.release}는 지원이 끝나 archive.debian.org로 옮겨졌습니다. 패키지 목록을 그쪽에서 받고,`,
      `# ${c.r.release} is out of support and moved to archive.debian.org: the package lists come from there, and`,
    ),
    c.t(
      '# 더 이상 갱신되지 않는 Release 파일의 유효 기간 검사는 끕니다(서명 검사는 그대로 합니다).',
      '# the expiry check of its no-longer-refreshed Release files is off (signatures are still checked).',
    ),
  ];
}

/** The first lines of an apt RUN: `apt-get update`, preceded on archived releases by the archive sources. */
function aptHead(c: Ctx): string[] {
  if (!c.r.archiveSources) return ['RUN apt-get update \\'];
  return [
    `RUN printf '%s\\n' ${c.r.archiveSources.map((l) => `'${l}'`).join(' ')} > /etc/apt/sources.list \\`,
    ' && apt-get -o Acquire::Check-Valid-Until=false update \\',
  ];
}

function dockerfile(c: Ctx): string {
  const { o, r, t } = c;
  const site = o.siteName;
  const cert = certPaths(site);
  const multi = downloadStage(c);
  const lines: string[] = [
    t(
      `# 웹 스택 이미지: nginx + MariaDB + php-fpm ${r.php} + WordPress${o.phpMyAdmin ? ' + phpMyAdmin' : ''} (Debian ${r.number} ${r.release})`,
      `# Web stack image: nginx + MariaDB + php-fpm ${r.php} + WordPress${o.phpMyAdmin ? ' + phpMyAdmin' : ''} (Debian ${r.number} ${r.release})`,
    ),
    t('# 빌드:  docker build -t web-stack .', '# Build: docker build -t web-stack .'),
    t(
      '# 실행:  docker run -d --name web-stack -p 80:80 -p 443:443 -e WORDPRESS_DB_PASSWORD=<비밀번호> web-stack',
      '# Run:   docker run -d --name web-stack -p 80:80 -p 443:443 -e WORDPRESS_DB_PASSWORD=<password> web-stack',
    ),
    t(
      '# autoindex 끄기/켜기:  docker exec web-stack autoindex.sh off   (on, toggle, status)',
      '# autoindex off/on:     docker exec web-stack autoindex.sh off   (on, toggle, status)',
    ),
    '',
    ...multi,
    ...(multi.length ? [t('# 2단계: 실제로 실행할 이미지입니다.', '# Stage 2: the image that runs.')] : []),
    `FROM ${r.image}`,
    '',
    ...archiveComments(c),
    t(
      '# 패키지 목록 갱신, 설치, 목록 삭제를 한 RUN에서 합니다. 나누면 오래된 목록이 캐시된 레이어에 남습니다.',
      '# Update, install and list cleanup in one RUN: split across RUNs, a stale cached list layer would be reused.',
    ),
    t(
      '# DEBIAN_FRONTEND는 이 명령에만 줍니다. ENV로 두면 실행 중인 컨테이너에도 남습니다.',
      '# DEBIAN_FRONTEND is given to this command only; as ENV it would stay in the running container.',
    ),
  ];
  if (c.o.phpMyAdmin && c.pmaFromDebian) {
    lines.push(
      t(
        '# dbconfig-no-thanks: phpmyadmin 패키지가 설치 중에 데이터베이스를 만들려고 하지 않게 합니다.',
        '# dbconfig-no-thanks keeps the phpmyadmin package from setting up a database while it installs.',
      ),
    );
  }
  const pk = packages(c);
  lines.push(
    ...aptHead(c),
    ' && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\',
    ...pk.map((p) => `      ${p} \\`),
    ' && rm -rf /var/lib/apt/lists/*',
    '',
  );
  if (multi.length) {
    if (!c.wpFromDebian) lines.push(`COPY --from=downloads /downloads/wordpress ${c.wpDir}`);
    if (o.phpMyAdmin && !c.pmaFromDebian) lines.push(`COPY --from=downloads /downloads/phpmyadmin ${c.pmaDir}`);
  }
  lines.push(
    `COPY srcs/nginx.conf ${siteConfPath(site)}`,
    `COPY srcs/wp-config.php ${c.wpDir}/wp-config.php`,
    `COPY srcs/init.sql ${IN_IMAGE.initSql}`,
    `COPY srcs/start.sh srcs/autoindex.sh /usr/local/bin/`,
    '',
  );
  const wire: string[] = [
    t(
      '# 개발용 자체 서명 인증서를 만들고(키는 이미지 안에서만 만들고 저장소에는 올리지 않습니다),',
      '# Make a self-signed certificate for development (the key is made in the image, never committed),',
    ),
    t(
      '# 사이트를 켜고 Debian 기본 사이트는 끈 뒤, 마지막에 nginx -t로 설정 전체를 검사합니다.',
      '# enable the site, disable Debian’s default one, and finally check the whole configuration with nginx -t.',
    ),
    'RUN openssl req -x509 -nodes -newkey rsa:2048 -sha256 -days 365 \\',
    `      -subj "/CN=${site}" -addext "subjectAltName=DNS:${site}" \\`,
    `      -keyout ${cert.key} -out ${cert.crt} \\`,
    ` && chmod 600 ${cert.key} \\`,
    ` && ln -sf ${siteConfPath(site)} /etc/nginx/sites-enabled/${site} \\`,
    ' && rm -f /etc/nginx/sites-enabled/default /var/www/html/index.nginx-debian.html \\',
  ];
  if (c.wpFromDebian) wire.push(` && ln -s ${c.wpDir} ${IN_IMAGE.webRoot}/wordpress \\`);
  else wire.push(` && chown -R www-data:www-data ${c.wpDir}/wp-content \\`);
  if (o.phpMyAdmin) {
    if (c.pmaFromDebian) wire.push(` && ln -s ${c.pmaDir} ${IN_IMAGE.webRoot}/phpmyadmin \\`);
    else
      wire.push(
        ' && install -d -o www-data -g www-data -m 750 /var/lib/phpmyadmin/tmp \\',
        ` && printf '<?php\\n$cfg["blowfish_secret"] = "%s";\\n$cfg["TempDir"] = "/var/lib/phpmyadmin/tmp";\\n$cfg["Servers"][1]["host"] = "localhost";\\n' "$(openssl rand -hex 16)" > ${c.pmaDir}/config.inc.php \\`,
      );
  }
  wire.push(
    ' && chmod 755 /usr/local/bin/start.sh /usr/local/bin/autoindex.sh \\',
    // php-fpm clears the environment of its workers; pass exactly the DB settings wp-config.php reads.
    ` && printf '[www]\\nenv[WORDPRESS_DB_NAME] = $WORDPRESS_DB_NAME\\nenv[WORDPRESS_DB_USER] = $WORDPRESS_DB_USER\\nenv[WORDPRESS_DB_PASSWORD] = $WORDPRESS_DB_PASSWORD\\nenv[WORDPRESS_DB_HOST] = $WORDPRESS_DB_HOST\\n' > /etc/php/${r.php}/fpm/pool.d/zz-wordpress-env.conf \\`,
    ' && nginx -t',
  );
  lines.push(
    ...wire,
    '',
    t(
      '# autoindex 기본값과 데이터베이스 이름입니다. 비밀번호는 여기 두지 않습니다: docker run -e WORDPRESS_DB_PASSWORD=... 옵션으로 넘기고,',
      '# The autoindex default and the database names. The password is not kept here: pass docker run -e WORDPRESS_DB_PASSWORD=...;',
    ),
    t(
      `# 넘기지 않으면 start.sh가 처음 시작할 때 개발용 비밀번호를 만들어 ${IN_IMAGE.passwordFile}에 둡니다.`,
      `# without it, start.sh makes a development password on first start and keeps it in ${IN_IMAGE.passwordFile}.`,
    ),
    'ENV AUTOINDEX=on \\',
    '    WORDPRESS_DB_NAME=wordpress \\',
    '    WORDPRESS_DB_USER=wordpress \\',
    '    WORDPRESS_DB_HOST=localhost',
    '',
    'EXPOSE 80 443',
    '',
    t(
      '# nginx, php-fpm, MariaDB를 모두 거치는 요청으로 상태를 확인합니다.',
      '# The health check sends one request through nginx, php-fpm and MariaDB.',
    ),
    'HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\',
    `  CMD curl -fsk -o /dev/null https://localhost/wordpress/wp-login.php || exit 1`,
    '',
    t(
      '# USER를 따로 두지 않습니다: 시작 스크립트는 root로 서비스를 띄우고, 각 서비스가 스스로 권한을 낮춥니다',
      '# No USER here: the start script launches the services as root and each one drops privileges itself',
    ),
    t(
      '# (nginx와 php-fpm 워커는 www-data, MariaDB는 mysql).',
      '# (nginx and php-fpm workers run as www-data, MariaDB as mysql).',
    ),
    t(
      '# exec 형식이라 /bin/sh -c를 거치지 않고 start.sh가 PID 1이 됩니다. start.sh의 trap이 docker stop의 SIGTERM을 세 서비스에 넘깁니다.',
      '# Exec form, no /bin/sh -c in between: start.sh is PID 1, and its trap passes docker stop’s SIGTERM on to the three services.',
    ),
    `CMD ["${IN_IMAGE.startScript}"]`,
  );
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- nginx

function nginxConf(c: Ctx): string {
  const { o, r, t } = c;
  const cert = certPaths(o.siteName);
  const sock = `unix:/run/php/php${r.php}-fpm.sock`;
  const L = [
    t(
      `# ${o.siteName} 사이트 설정입니다. Dockerfile이 이 파일을 ${siteConfPath(o.siteName)}에 복사합니다.`,
      `# Site configuration for ${o.siteName}. The Dockerfile copies it to ${siteConfPath(o.siteName)}.`,
    ),
    '',
    t('# HTTP로 온 요청은 같은 주소의 HTTPS로 보냅니다.', '# Requests over HTTP go to the same address over HTTPS.'),
    'server {',
    '    listen 80;',
    '    listen [::]:80;',
    `    server_name ${o.siteName};`,
    '    return 301 https://$host$request_uri;',
    '}',
    '',
    'server {',
    '    listen 443 ssl;',
    '    listen [::]:443 ssl;',
    `    server_name ${o.siteName};`,
    '',
    `    ssl_certificate     ${cert.crt};`,
    `    ssl_certificate_key ${cert.key};`,
    '    ssl_protocols       TLSv1.2 TLSv1.3;',
    '',
    `    root ${IN_IMAGE.webRoot};`,
    '    index index.php index.html index.htm;',
    '',
    '    add_header X-Content-Type-Options "nosniff" always;',
    '    add_header X-Frame-Options "SAMEORIGIN" always;',
    '    add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
    '',
    t(
      '    # autoindex.sh가 아래 줄의 on/off를 바꿉니다. 이 줄의 모양을 바꾸지 마세요.',
      '    # autoindex.sh flips on/off on the line below. Keep its shape.',
    ),
    '    location / {',
    '        autoindex on;',
    '        try_files $uri $uri/ =404;',
    '    }',
    '',
    t('    # WordPress의 고유 주소(permalink)를 index.php로 넘깁니다.', '    # WordPress permalinks go to its index.php.'),
    '    location /wordpress/ {',
    '        try_files $uri $uri/ /wordpress/index.php?$args;',
    '    }',
    '',
  ];
  if (c.wpFromDebian) {
    L.push(
      t(
        '    # Debian의 wordpress 패키지는 테마, 플러그인, 업로드를 /var/lib/wordpress/wp-content에 둡니다.',
        "    # Debian's wordpress package keeps themes, plugins and uploads in /var/lib/wordpress/wp-content.",
      ),
      '    location /wordpress/wp-content/ {',
      '        alias /var/lib/wordpress/wp-content/;',
      '        location ~ \\.php$ {',
      '            deny all;',
      '        }',
      '    }',
      '',
    );
  }
  if (o.phpMyAdmin) {
    L.push(
      t(
        '    # phpMyAdmin의 설정과 임시 파일 디렉터리는 웹으로 내보내지 않습니다.',
        '    # phpMyAdmin’s setup, library and temp directories are not served.',
      ),
      '    location ~ ^/phpmyadmin/(libraries|setup|templates|tmp|vendor)/ {',
      '        deny all;',
      '    }',
      '',
    );
  }
  L.push(
    t(
      `    # PHP는 유닉스 소켓으로 php-fpm ${r.php}에 넘깁니다. snippets/fastcgi-php.conf는 Debian nginx에 들어 있습니다.`,
      `    # PHP goes to php-fpm ${r.php} over its unix socket. snippets/fastcgi-php.conf ships with Debian’s nginx.`,
    ),
    '    location ~ \\.php$ {',
    '        include snippets/fastcgi-php.conf;',
    `        fastcgi_pass ${sock};`,
    '    }',
    '',
    t('    # .htaccess, .git 같은 숨은 파일은 막습니다.', '    # Hidden files such as .htaccess and .git are refused.'),
    '    location ~ /\\.(?!well-known) {',
    '        deny all;',
    '    }',
    '}',
  );
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- start.sh

function startSh(c: Ctx): string {
  const { r, t } = c;
  return [
    '#!/bin/bash',
    t(
      '# 컨테이너 시작 스크립트: MariaDB와 php-fpm을 띄우고, DB를 준비하고, 마지막에 nginx를 띄운 뒤 기다립니다.',
      '# Container start script: starts MariaDB and php-fpm, prepares the database, then starts nginx and waits.',
    ),
    t(
      '# 이 스크립트가 PID 1입니다. docker stop의 SIGTERM은 PID 1에만 오므로, 맨 아래의 trap이 세 서비스에 SIGTERM을 나눠 보냅니다.',
      '# This script is PID 1. docker stop’s SIGTERM reaches PID 1 only, so the trap at the end hands it to all three services.',
    ),
    'set -euo pipefail',
    '',
    ': "${WORDPRESS_DB_NAME:=wordpress}"',
    ': "${WORDPRESS_DB_USER:=wordpress}"',
    ': "${WORDPRESS_DB_HOST:=localhost}"',
    ': "${AUTOINDEX:=on}"',
    `PASSWORD_FILE=${IN_IMAGE.passwordFile}`,
    '',
    'log() { printf \'start.sh: %s\\n\' "$*" >&2; }',
    '',
    t(
      '# 1. 비밀번호: docker run -e WORDPRESS_DB_PASSWORD=... 옵션으로 준 값이 우선입니다. 없으면 개발용 비밀번호를 한 번 만들어 재사용합니다.',
      '# 1. Password: docker run -e WORDPRESS_DB_PASSWORD=... wins. Without it, a development password is made once and reused.',
    ),
    'if [ -z "${WORDPRESS_DB_PASSWORD:-}" ]; then',
    '  if [ ! -s "$PASSWORD_FILE" ]; then',
    '    (umask 077 && head -c 18 /dev/urandom | base64 > "$PASSWORD_FILE")',
    `    log "${t('WORDPRESS_DB_PASSWORD가 없어 개발용 비밀번호를 만들었습니다', 'WORDPRESS_DB_PASSWORD is not set; generated a development password in')}: $PASSWORD_FILE"`,
    '  fi',
    '  WORDPRESS_DB_PASSWORD="$(cat "$PASSWORD_FILE")"',
    'fi',
    'export WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD WORDPRESS_DB_HOST',
    '',
    t('# 2. MariaDB를 백그라운드로 띄우고 응답할 때까지 기다립니다.', '# 2. Start MariaDB in the background and wait until it answers.'),
    'install -d -o mysql -g mysql -m 755 /run/mysqld',
    `${r.mariadbd} --user=mysql &`,
    'db_pid=$!',
    'for _ in $(seq 1 60); do',
    `  if ${r.mariadbAdmin} --silent ping >/dev/null 2>&1; then break; fi`,
    '  sleep 0.5',
    'done',
    `${r.mariadbAdmin} --silent ping >/dev/null 2>&1 || { log "${t('MariaDB가 30초 안에 시작하지 않았습니다', 'MariaDB did not start within 30 s')}"; exit 1; }`,
    '',
    t(
      '# 3. DB와 사용자를 만듭니다. init.sql은 여러 번 실행해도 같은 결과입니다. 값은 SQL 변수로 넘기고 따옴표는 이스케이프합니다.',
      '# 3. Create the database and the user. init.sql is idempotent. Values go in as SQL variables, quotes escaped.',
    ),
    'sql_string() {',
    '  local s=${1//\\\\/\\\\\\\\}',
    '  s=${s//\\\'/\\\\\\\'}',
    '  printf "\'%s\'" "$s"',
    '}',
    '{',
    '  printf \'SET @db_name = %s, @db_user = %s, @db_password = %s;\\n\' \\',
    '    "$(sql_string "$WORDPRESS_DB_NAME")" "$(sql_string "$WORDPRESS_DB_USER")" "$(sql_string "$WORDPRESS_DB_PASSWORD")"',
    `  cat ${IN_IMAGE.initSql}`,
    `} | ${r.mariadb} --user=root`,
    '',
    t(
      '# 4. php-fpm을 백그라운드로 띄웁니다. -F 옵션으로 데몬 분리를 막아 두면 $! 값이 php-fpm의 PID라서 종료할 때 쓸 수 있습니다.',
      '# 4. Start php-fpm in the background. -F keeps it from daemonizing, so $! is php-fpm’s PID, used to stop it.',
    ),
    'install -d -m 755 /run/php',
    `php-fpm${r.php} -F &`,
    'fpm_pid=$!',
    '',
    t(
      '# 5. AUTOINDEX 값(on/off)을 사이트 설정에 반영합니다. 다시 시작한 컨테이너에 남은 옛 nginx.pid는 지웁니다.',
      '# 5. Apply AUTOINDEX (on/off) to the site configuration. A restarted container still has the old nginx.pid: drop it.',
    ),
    'rm -f /run/nginx.pid',
    `${IN_IMAGE.autoindexScript} "$AUTOINDEX"`,
    '',
    t(
      '# 6. nginx를 띄우고 기다립니다. exec nginx로 이 셸을 바꾸면 SIGTERM은 nginx만 받고, nginx가 끝나는 순간',
      '# 6. Start nginx and wait. With exec nginx, SIGTERM would reach nginx alone, and when nginx ends the kernel',
    ),
    t(
      '#    커널이 남은 MariaDB와 php-fpm을 SIGKILL로 끝내 MariaDB가 정상 종료하지 못합니다.',
      '#    kills the MariaDB and php-fpm left behind with SIGKILL: MariaDB would never shut down cleanly.',
    ),
    t(
      '#    그래서 셸이 PID 1로 남아 SIGTERM을 받으면 세 서비스에 넘기고, 모두 끝날 때까지 기다린 뒤 종료합니다.',
      '#    So the shell stays PID 1: on SIGTERM it passes the signal to all three services and exits once they have.',
    ),
    'stop_services() {',
    `  log "${t('SIGTERM을 받아 nginx, php-fpm, MariaDB를 종료합니다', 'SIGTERM: stopping nginx, php-fpm and MariaDB')}"`,
    '  kill -TERM "$nginx_pid" "$fpm_pid" "$db_pid" 2>/dev/null || true',
    t(
      '  wait  # MariaDB는 SIGTERM을 받으면 데이터를 디스크에 쓰고 정상 종료합니다.',
      '  wait  # On SIGTERM MariaDB writes its data to disk and shuts down cleanly.',
    ),
    '  exit 0',
    '}',
    "nginx -g 'daemon off;' &",
    'nginx_pid=$!',
    'trap stop_services TERM INT',
    t(
      '# wait는 SIGTERM이 오면 바로 돌아와 trap을 실행합니다. nginx가 혼자 끝나도 돌아오고, 그러면 컨테이너도 멈춥니다.',
      '# wait returns as soon as SIGTERM arrives and runs the trap; it also returns when nginx ends on its own, and the container stops.',
    ),
    'wait "$nginx_pid"',
  ].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- autoindex.sh

function autoindexSh(c: Ctx): string {
  const { t } = c;
  return [
    '#!/bin/bash',
    t(
      '# 사이트 설정의 autoindex를 켜고 끕니다. 사용법: autoindex.sh on|off|toggle|status',
      '# Switches autoindex in the site configuration. Usage: autoindex.sh on|off|toggle|status',
    ),
    t(
      '# nginx가 돌고 있으면 설정을 검사한 뒤 reload합니다. 실행 중인 컨테이너에서는 docker exec <이름> autoindex.sh off',
      '# When nginx runs, the config is tested and reloaded. In a running container: docker exec <name> autoindex.sh off',
    ),
    'set -euo pipefail',
    '',
    t(
      '# 다른 파일로 시험할 때는 AUTOINDEX_CONF와 NGINX_PID_FILE로 경로를 바꿀 수 있습니다.',
      '# AUTOINDEX_CONF and NGINX_PID_FILE override the paths, for trying it on other files.',
    ),
    `CONF=\${AUTOINDEX_CONF:-${siteConfPath(c.o.siteName)}}`,
    'PID_FILE=${NGINX_PID_FILE:-/run/nginx.pid}',
    '',
    'current() {',
    "  sed -nE '/^[[:space:]]*autoindex[[:space:]]+(on|off);/{s/^[[:space:]]*autoindex[[:space:]]+(on|off);.*/\\1/p;q;}' \"$CONF\"",
    '}',
    '',
    'state="$(current)"',
    `[ -n "$state" ] || { echo "${t('autoindex 줄을 찾지 못했습니다', 'no autoindex line found in')}: $CONF" >&2; exit 1; }`,
    '',
    'case "${1:-toggle}" in',
    '  on | off) want="$1" ;;',
    '  toggle) if [ "$state" = on ]; then want=off; else want=on; fi ;;',
    '  status) echo "autoindex $state"; exit 0 ;;',
    `  *) echo "${t('사용법', 'usage')}: $0 on|off|toggle|status" >&2; exit 2 ;;`,
    'esac',
    '',
    'sed -i -E "s/^([[:space:]]*autoindex[[:space:]]+)(on|off);/\\1${want};/" "$CONF"',
    'echo "autoindex $want"',
    '',
    t('# nginx가 실행 중일 때만 reload합니다(시작 전에는 start.sh가 부릅니다).', '# Reload only when nginx is running (before that, start.sh calls this).'),
    'pid="$(cat "$PID_FILE" 2>/dev/null || true)"',
    'if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = nginx ]; then',
    '  nginx -t -q',
    '  nginx -s reload',
    'fi',
  ].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- init.sql

function initSql(c: Ctx): string {
  const { t } = c;
  const run = ['PREPARE stmt FROM @sql;', 'EXECUTE stmt;', 'DEALLOCATE PREPARE stmt;'];
  return [
    t(
      '-- WordPress 데이터베이스와 사용자를 만듭니다. 몇 번을 실행해도 결과가 같습니다(IF NOT EXISTS).',
      '-- Creates the WordPress database and user. Running it again changes nothing (IF NOT EXISTS).',
    ),
    t(
      '-- start.sh가 이 파일 앞에 SET @db_name, @db_user, @db_password 문을 붙여 root로 실행합니다.',
      '-- start.sh prepends SET @db_name, @db_user, @db_password and runs it as root.',
    ),
    t(
      '-- 비밀번호를 파일에 적지 않으려고 문장을 문자열로 만들어 PREPARE/EXECUTE합니다. 권한은 이 DB에만 줍니다(ON *.* 아님).',
      '-- To keep the password out of the file, statements are built as strings and run with PREPARE/EXECUTE.',
    ),
    t('', '-- Privileges cover this database only (not ON *.*).'),
    '',
    "SET @db_name = COALESCE(@db_name, 'wordpress');",
    "SET @db_user = COALESCE(@db_user, 'wordpress');",
    t(
      '-- @db_password는 기본값이 없습니다. 없으면 아래 CONCAT이 NULL이 되어 실행이 실패합니다.',
      '-- @db_password has no default: without it the CONCATs below give NULL and the run fails.',
    ),
    "SET @db_ident = CONCAT('`', REPLACE(@db_name, '`', '``'), '`');",
    "SET @account = CONCAT(QUOTE(@db_user), '@', QUOTE('localhost'));",
    '',
    "SET @sql = CONCAT('CREATE DATABASE IF NOT EXISTS ', @db_ident, ' CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');",
    ...run,
    '',
    "SET @sql = CONCAT('CREATE USER IF NOT EXISTS ', @account, ' IDENTIFIED BY ', QUOTE(@db_password));",
    ...run,
    '',
    t(
      '-- 사용자가 이미 있었다면 비밀번호를 지금 값으로 맞춥니다.',
      '-- If the user already existed, bring its password in line with the current one.',
    ),
    "SET @sql = CONCAT('ALTER USER ', @account, ' IDENTIFIED BY ', QUOTE(@db_password));",
    ...run,
    '',
    "SET @sql = CONCAT('GRANT ALL PRIVILEGES ON ', @db_ident, '.* TO ', @account);",
    ...run,
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- wp-config.php

const SALT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_=+[]{}<>~,.;:|/?';

/** A 64-character salt from an alphabet with no quote, backslash or `$` (safe inside a PHP single-quoted string). */
export function makeSalt(random: (n: number) => Buffer = randomBytes): string {
  let s = '';
  while (s.length < 64) {
    for (const b of random(96)) {
      // Rejection sampling keeps the characters uniform.
      if (b < 256 - (256 % SALT_CHARS.length)) s += SALT_CHARS[b % SALT_CHARS.length];
      if (s.length === 64) break;
    }
  }
  return s;
}

export const SALT_NAMES = [
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
] as const;

function wpConfig(c: Ctx): string {
  const { t } = c;
  const rnd = c.o.random ?? randomBytes;
  const pad = (n: string) => `'${n}',`.padEnd(20);
  const L = [
    '<?php',
    t(
      '// WordPress 설정입니다. DB 설정은 컨테이너의 환경 변수에서 읽습니다(php-fpm 풀 설정이 넘겨 줍니다).',
      '// WordPress configuration. Database settings come from the container environment (passed on by the php-fpm pool).',
    ),
    t(
      '// 아래 키와 솔트는 이 프로젝트를 만들 때 무작위로 만들었습니다. 공개 저장소에 올렸다면 새로 만드세요.',
      '// The keys and salts below were generated at random for this project. Regenerate them if the repository is public.',
    ),
    '',
    "define('DB_NAME', getenv('WORDPRESS_DB_NAME') ?: 'wordpress');",
    "define('DB_USER', getenv('WORDPRESS_DB_USER') ?: 'wordpress');",
    "define('DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') ?: '');",
    "define('DB_HOST', getenv('WORDPRESS_DB_HOST') ?: 'localhost');",
    "define('DB_CHARSET', 'utf8mb4');",
    "define('DB_COLLATE', '');",
    '',
    ...SALT_NAMES.map((n) => `define(${pad(n)} '${makeSalt(rnd)}');`),
    '',
    "$table_prefix = 'wp_';",
    '',
    "define('WP_DEBUG', false);",
  ];
  if (c.wpFromDebian) {
    L.push(
      '',
      t(
        "// Debian의 wordpress 패키지는 테마와 플러그인을 /var/lib/wordpress/wp-content에 둡니다.",
        "// Debian's wordpress package keeps themes and plugins in /var/lib/wordpress/wp-content.",
      ),
      "define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');",
      "define('WP_AUTO_UPDATE_CORE', false);",
    );
  }
  L.push(
    '',
    "if (!defined('ABSPATH')) {",
    "    define('ABSPATH', __DIR__ . '/');",
    '}',
    "require_once ABSPATH . 'wp-settings.php';",
  );
  return L.join('\n') + '\n';
}
