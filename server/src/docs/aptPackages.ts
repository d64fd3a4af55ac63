import type { AptPackageDoc } from './types';

/**
 * Debian packages the Debian + nginx + MariaDB + php-fpm + WordPress + phpMyAdmin stack usually installs,
 * offered after `apt-get install `. Versions named are those of Debian 10 (buster), which the ft_server subject uses.
 */
export const APT_PACKAGES: AptPackageDoc[] = [
  {
    name: 'nginx',
    doc: {
      ko: '웹 서버이자 리버스 프록시입니다(buster에서는 1.14, 실제 바이너리는 `nginx-core`). 기본 사이트 설정은 `/etc/nginx/sites-available/default`에 있고 `sites-enabled/`의 심볼릭 링크로 켜집니다. 워커는 `www-data`로 실행되며, 컨테이너의 PID 1로 쓰려면 `nginx -g "daemon off;"`처럼 포그라운드로 실행해야 합니다.',
      en: 'Web server and reverse proxy (1.14 on buster; the binary comes from `nginx-core`). The default site lives in `/etc/nginx/sites-available/default` and is enabled by a symlink in `sites-enabled/`. Workers run as `www-data`; as a container\'s PID 1 it must run in the foreground, e.g. `nginx -g "daemon off;"`.',
    },
  },
  {
    name: 'mariadb-server',
    doc: {
      ko: 'MariaDB 데이터베이스 서버입니다(buster에서는 10.3). 데이터는 `/var/lib/mysql`에 저장되고 `service mysql start` 명령으로 시작합니다. root 계정은 unix_socket 인증이라 컨테이너 안의 root는 비밀번호 없이 `mysql` 클라이언트로 접속할 수 있으며, WordPress용 DB와 사용자는 빌드나 시작 스크립트에서 따로 만들어야 합니다. `mariadb-client`도 함께 설치됩니다.',
      en: 'MariaDB database server (10.3 on buster). Data lives in `/var/lib/mysql`; start it with `service mysql start`. The root account uses unix_socket authentication, so root inside the container can run `mysql` without a password; the WordPress database and user have to be created by a build or start script. Pulls in `mariadb-client`.',
    },
  },
  {
    name: 'mariadb-client',
    doc: {
      ko: '`mysql`(`mariadb`) 명령줄 클라이언트와 `mysqldump` 같은 도구입니다. 서버 없이 다른 컨테이너의 DB에 접속하거나 SQL 파일을 넣을 때 씁니다. `mariadb-server`를 설치하면 자동으로 따라옵니다.',
      en: 'The `mysql` (`mariadb`) command-line client plus tools such as `mysqldump`. Use it to reach a database in another container or to load SQL files. Installed automatically with `mariadb-server`.',
    },
  },
  {
    name: 'default-mysql-server',
    doc: {
      ko: 'Debian이 "기본 MySQL 서버"로 정한 패키지를 가리키는 메타패키지입니다. Debian에서는 MySQL이 아니라 MariaDB(`mariadb-server`)가 설치됩니다. 무엇이 설치되는지 분명히 하려면 `mariadb-server`를 직접 적는 편이 낫습니다.',
      en: 'Metapackage pointing to whatever Debian picks as "the default MySQL server"; on Debian that is MariaDB (`mariadb-server`), not MySQL. Naming `mariadb-server` directly makes it clear what you get.',
    },
  },
  {
    name: 'php-fpm',
    doc: {
      ko: 'PHP FastCGI 프로세스 관리자의 메타패키지로, buster에서는 `php7.3-fpm`을 설치합니다. nginx는 PHP를 직접 실행하지 못하므로 `fastcgi_pass unix:/run/php/php7.3-fpm.sock;` 지시어로 요청을 이 서비스에 넘깁니다. 다른 PHP 패키지보다 **먼저**(또는 같은 명령에서) 설치해 두면 `php` 메타패키지가 Apache 모듈을 끌고 오는 것을 막을 수 있습니다.',
      en: 'Metapackage for the PHP FastCGI Process Manager; on buster it installs `php7.3-fpm`. nginx cannot run PHP itself and hands requests over with `fastcgi_pass unix:/run/php/php7.3-fpm.sock;`. Installing it **before** (or together with) other PHP packages keeps the `php` metapackage from dragging in the Apache module.',
    },
  },
  {
    name: 'php7.3-fpm',
    doc: {
      ko: 'buster의 PHP 7.3 FPM입니다. 서비스 이름은 `php7.3-fpm`(`service php7.3-fpm start`), 소켓은 `/run/php/php7.3-fpm.sock`, 풀 설정은 `/etc/php/7.3/fpm/pool.d/www.conf`입니다. 포그라운드로 실행하려면 `php-fpm7.3 -F`를 씁니다. bullseye 이후에는 버전 번호가 다르므로(7.4, 8.2 …) 버전 없는 `php-fpm`이 이식성이 좋습니다.',
      en: 'PHP 7.3 FPM on buster. Service `php7.3-fpm` (`service php7.3-fpm start`), socket `/run/php/php7.3-fpm.sock`, pool config `/etc/php/7.3/fpm/pool.d/www.conf`. Run it in the foreground with `php-fpm7.3 -F`. Later releases use other versions (7.4, 8.2, …), so the unversioned `php-fpm` is more portable.',
    },
  },
  {
    name: 'php',
    doc: {
      ko: '기본 PHP 버전을 가리키는 메타패키지입니다(buster에서는 `php7.3`). `php7.3` 패키지는 `libapache2-mod-php7.3 | php7.3-fpm | php7.3-cgi` 중 하나를 요구하는데, FPM이 아직 없으면 첫 번째 후보인 Apache 모듈을 골라 **apache2까지 설치**합니다. nginx와 80번 포트를 두고 충돌할 수 있으니, nginx 스택에서는 이 패키지 대신 `php-fpm`과 필요한 확장만 설치하는 것이 좋습니다.',
      en: 'Metapackage for the default PHP version (`php7.3` on buster). `php7.3` requires one of `libapache2-mod-php7.3 | php7.3-fpm | php7.3-cgi`; with no FPM installed yet, apt picks the first, the Apache module, and **installs apache2** too, which can fight nginx for port 80. In an nginx stack install `php-fpm` and the extensions you need instead.',
    },
  },
  {
    name: 'php7.3',
    doc: {
      ko: 'buster의 PHP 7.3 메타패키지입니다. `php` 메타패키지와 마찬가지로 FPM이나 CGI가 먼저 설치되어 있지 않으면 Apache 모듈(`libapache2-mod-php7.3`)과 apache2를 함께 설치합니다. nginx를 쓴다면 `php7.3-fpm`을 먼저 설치하거나, 이 패키지를 빼고 `php7.3-fpm`과 확장만 적습니다.',
      en: 'PHP 7.3 metapackage on buster. Like `php`, it installs `libapache2-mod-php7.3` and apache2 unless FPM or CGI is already installed. With nginx, install `php7.3-fpm` first, or leave this out and list `php7.3-fpm` plus the extensions.',
    },
  },
  {
    name: 'php-mysql',
    doc: {
      ko: 'PHP의 MySQL/MariaDB 확장(`mysqli`, `pdo_mysql`)입니다(buster에서는 `php7.3-mysql`). WordPress와 phpMyAdmin이 DB에 접속하려면 반드시 필요하며, 없으면 WordPress가 "Your PHP installation appears to be missing the MySQL extension" 오류를 냅니다.',
      en: 'PHP\'s MySQL/MariaDB extensions (`mysqli`, `pdo_mysql`); `php7.3-mysql` on buster. WordPress and phpMyAdmin need it to reach the database; without it WordPress reports "Your PHP installation appears to be missing the MySQL extension".',
    },
  },
  {
    name: 'php7.3-mysql',
    doc: {
      ko: 'buster의 PHP 7.3용 MySQL/MariaDB 확장(`mysqli`, `pdo_mysql`)입니다. 설치한 뒤에는 php-fpm을 다시 시작해야 확장이 로드됩니다.',
      en: 'MySQL/MariaDB extensions (`mysqli`, `pdo_mysql`) for PHP 7.3 on buster. Restart php-fpm after installing so the extension is loaded.',
    },
  },
  {
    name: 'php-mbstring',
    doc: {
      ko: '멀티바이트 문자열 확장입니다. phpMyAdmin은 이 확장이 없으면 경고를 띄우고, 한글처럼 UTF-8 다중 바이트 문자를 다룰 때 필요합니다.',
      en: 'Multibyte string extension. phpMyAdmin warns when it is missing, and it is needed to handle multi-byte UTF-8 text such as Korean.',
    },
  },
  {
    name: 'php-xml',
    doc: {
      ko: 'DOM, SimpleXML, XMLReader/XMLWriter 같은 XML 확장입니다. WordPress의 가져오기/RSS 기능과 여러 플러그인, phpMyAdmin의 일부 가져오기/내보내기 형식이 씁니다.',
      en: 'XML extensions such as DOM, SimpleXML and XMLReader/XMLWriter. Used by WordPress import/RSS features, many plugins, and some phpMyAdmin import/export formats.',
    },
  },
  {
    name: 'php-gd',
    doc: {
      ko: 'GD 이미지 처리 확장입니다. WordPress가 업로드한 이미지의 썸네일을 만들거나 자르고 회전할 때 씁니다(Imagick이 없을 때의 기본 엔진).',
      en: 'GD image extension. WordPress uses it to create thumbnails and to crop or rotate uploaded images (the default engine when Imagick is absent).',
    },
  },
  {
    name: 'php-curl',
    doc: {
      ko: 'PHP의 cURL 확장입니다. WordPress의 HTTP 요청(업데이트 확인, 플러그인 설치)에 쓰이며, 사이트 상태(Site Health) 화면에서 설치를 권장합니다.',
      en: 'PHP\'s cURL extension. WordPress uses it for HTTP requests (update checks, plugin installs), and Site Health recommends it.',
    },
  },
  {
    name: 'php-zip',
    doc: {
      ko: 'ZIP 아카이브 확장입니다. WordPress 플러그인/테마 업로드와 phpMyAdmin의 ZIP 가져오기/내보내기에 씁니다.',
      en: 'ZIP archive extension. Used for WordPress plugin/theme uploads and phpMyAdmin\'s ZIP import/export.',
    },
  },
  {
    name: 'php-intl',
    doc: {
      ko: '국제화(ICU) 확장입니다. 로케일별 날짜, 숫자 형식과 문자열 정규화를 제공하며, WordPress 사이트 상태 화면이 권장합니다.',
      en: 'Internationalisation (ICU) extension: locale-aware dates, numbers and string normalisation. WordPress Site Health recommends it.',
    },
  },
  {
    name: 'php-cli',
    doc: {
      ko: '명령줄에서 실행하는 `php` 명령입니다. wp-cli, composer, `php -m`(확장 목록 확인)처럼 터미널에서 PHP를 돌릴 때 필요합니다. 웹 요청은 php-fpm이 처리하므로 웹 서비스와는 별개입니다. `php` 메타패키지와 달리 Apache를 끌고 오지 않습니다.',
      en: 'The command-line `php` binary, needed to run PHP from a terminal: wp-cli, composer, `php -m` to list extensions. Web requests are php-fpm\'s job, so it is separate from serving. Unlike the `php` metapackage, it does not pull in Apache.',
    },
  },
  {
    name: 'openssl',
    doc: {
      ko: 'OpenSSL 명령줄 도구입니다. HTTPS용 자체 서명 인증서를 만들 때 씁니다: `openssl req -x509 -nodes -days 365 -newkey rsa:2048 -subj "/CN=localhost" -keyout /etc/ssl/private/localhost.key -out /etc/ssl/certs/localhost.crt`. `-subj` 옵션을 빼면 openssl이 인증서 정보를 묻는 첫 질문(`Country Name`)을 출력하지만, 빌드의 `RUN`에는 입력(stdin)이 없어 답을 받지 못하고 종료 코드 1로 끝납니다. 빌드는 기다리지 않고 그 자리에서 실패합니다.',
      en: 'The OpenSSL command-line tool, used to make a self-signed HTTPS certificate: `openssl req -x509 -nodes -days 365 -newkey rsa:2048 -subj "/CN=localhost" -keyout /etc/ssl/private/localhost.key -out /etc/ssl/certs/localhost.crt`. Without `-subj`, openssl prints its first question (`Country Name`), but a `RUN` step has no input (stdin): it gets no answer and exits with code 1, so the build fails at once instead of waiting.',
    },
  },
  {
    name: 'wget',
    doc: {
      ko: '파일을 내려받는 도구입니다. WordPress(`https://wordpress.org/latest.tar.gz`)와 phpMyAdmin 릴리스 tar를 받을 때 씁니다. `debian:buster` 이미지에는 기본으로 없고, HTTPS 인증서를 검증하려면 `ca-certificates`도 필요합니다(`--no-install-recommends` 옵션을 쓰면 함께 설치되지 않습니다).',
      en: 'Download tool, used to fetch WordPress (`https://wordpress.org/latest.tar.gz`) and phpMyAdmin release tarballs. Not in the `debian:buster` image, and it needs `ca-certificates` to verify HTTPS (not installed with `--no-install-recommends`).',
    },
  },
  {
    name: 'curl',
    doc: {
      ko: 'HTTP 클라이언트입니다. 파일 다운로드와 `HEALTHCHECK CMD curl -f http://localhost/ || exit 1` 같은 헬스체크에 씁니다. 기본 이미지에는 없으며, HTTPS를 쓰려면 `ca-certificates` 패키지도 필요합니다.',
      en: 'HTTP client, used for downloads and health checks such as `HEALTHCHECK CMD curl -f http://localhost/ || exit 1`. Not in the base image; HTTPS needs `ca-certificates`.',
    },
  },
  {
    name: 'ca-certificates',
    doc: {
      ko: '공인 CA 인증서 묶음입니다. 이 패키지가 없으면 `wget`/`curl`이 HTTPS 서버의 인증서를 검증하지 못해 다운로드가 실패합니다. `--no-install-recommends` 옵션으로 설치할 때는 직접 적어 주어야 합니다.',
      en: 'Bundle of public CA certificates. Without it `wget`/`curl` cannot verify HTTPS servers and downloads fail. List it explicitly when installing with `--no-install-recommends`.',
    },
  },
  {
    name: 'unzip',
    doc: {
      ko: 'ZIP 파일을 푸는 도구입니다. WordPress나 phpMyAdmin을 `.zip` 파일로 받았을 때 필요합니다. `.tar.gz` 파일이라면 기본 이미지에 있는 `tar` 명령으로 충분합니다.',
      en: 'Extracts ZIP files; needed when WordPress or phpMyAdmin is downloaded as `.zip`. For `.tar.gz`, the `tar` already in the base image is enough.',
    },
  },
  {
    name: 'gnupg',
    doc: {
      ko: 'GnuPG 서명 도구입니다. 외부 APT 저장소의 키를 등록하거나(`apt-key` 명령은 gnupg가 없으면 동작하지 않습니다) 내려받은 파일의 서명을 검증할 때 필요합니다. 기본 이미지에는 없습니다.',
      en: 'GnuPG signing tools, needed to add keys for third-party APT repositories (`apt-key` does not work without it) or to verify downloaded files\' signatures. Not in the base image.',
    },
  },
  {
    name: 'procps',
    doc: {
      ko: '`ps`, `top`, `pgrep`, `pkill`, `free` 같은 프로세스 도구입니다. 공식 `debian` 이미지에는 slim이 아닌 `debian:bookworm`, `debian:buster`에도 들어 있지 않습니다. 이 이미지들은 debootstrap의 minbase 구성으로 만들어지는데, procps는 그 구성에 포함되지 않기 때문입니다. 컨테이너 안에서 서비스가 떠 있는지 확인하거나 시작 스크립트에서 프로세스를 찾으려면 설치하세요.',
      en: 'Process tools such as `ps`, `top`, `pgrep`, `pkill` and `free`. Missing from the official `debian` images, and not only the slim ones: `debian:bookworm` and `debian:buster` lack it too, because they are built with debootstrap\'s minbase variant, which leaves procps out. Install it to check that services are up inside the container or to find processes in a start script.',
    },
  },
  {
    name: 'wordpress',
    doc: {
      ko: 'Debian이 패키징한 WordPress입니다. `/usr/share/wordpress`에 설치되고 설정은 `/etc/wordpress/config-<호스트>.php`에서 읽는 Debian 방식이라 일반 설치 안내와 구조가 다르고, 버전도 wordpress.org 최신보다 늦습니다. 의존성으로 `php` 메타패키지를 끌고 오므로 php-fpm이 먼저 없으면 Apache가 따라옵니다. 그래서 대부분의 ft_server는 wordpress.org에서 tar를 받아 씁니다.',
      en: 'Debian\'s packaged WordPress. It installs into `/usr/share/wordpress` and reads `/etc/wordpress/config-<host>.php`, a Debian layout that differs from the usual install guides, and it lags behind wordpress.org. It depends on the `php` metapackage, so without php-fpm already there Apache comes along. Most ft_server projects download the tarball from wordpress.org instead.',
    },
  },
  {
    name: 'phpmyadmin',
    doc: {
      ko: 'MariaDB/MySQL 웹 관리 도구입니다. Debian 10(buster)의 main 저장소에는 이 패키지가 없고 buster-backports에만 있어서, buster 기반 ft_server는 보통 phpmyadmin.net에서 릴리스 tar를 받아 `/var/www/html/phpmyadmin`에 풀고 `config.inc.php`(`blowfish_secret` 포함)를 직접 둡니다. bullseye부터는 다시 main에 있지만 설치 중에 웹 서버와 dbconfig-common 설정을 물어보므로 `DEBIAN_FRONTEND=noninteractive` 설정이 필요합니다.',
      en: 'Web admin tool for MariaDB/MySQL. Debian 10 (buster) has no such package in main, only in buster-backports, so buster-based ft_server projects usually download the release tarball from phpmyadmin.net, unpack it into `/var/www/html/phpmyadmin`, and provide `config.inc.php` (with `blowfish_secret`) themselves. From bullseye it is back in main, but its install asks about the web server and dbconfig-common, so `DEBIAN_FRONTEND=noninteractive` is needed.',
    },
  },
];
