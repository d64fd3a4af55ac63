import type { FlagDoc } from './types';

const md = (...lines: string[]): string => lines.join('\n');
const REF = 'https://docs.docker.com/reference/dockerfile/';

/* Shared by COPY and ADD: the same flag behaves the same way in both. */

const chown = (kw: 'COPY' | 'ADD'): FlagDoc => ({
  name: 'chown',
  syntax: '--chown=<user>:<group>',
  summary: {
    ko: '복사한 파일과 디렉터리의 소유자(사용자:그룹)를 정합니다. 이 플래그가 없으면 `USER`와 상관없이 UID 0, GID 0(root)으로 만들어집니다.',
    en: 'Sets the owner (user:group) of the copied files and directories. Without it they are created as UID 0 and GID 0 (root), whatever `USER` says.',
  },
  details: {
    ko: md(
      '사용자 이름, 그룹 이름, UID, GID를 자유롭게 섞어 쓸 수 있습니다. 사용자만 쓰면 GID는 UID와 같은 숫자가 됩니다.',
      '이름은 이미지 안의 `/etc/passwd`, `/etc/group` 파일에서 찾으므로, 그 사용자와 그룹이 이미 있어야 합니다(예: `www-data`는 nginx나 php-fpm 패키지를 설치하기 전에도 Debian 베이스에 있습니다).',
      '`--link`와 함께 쓰면 빈 파일시스템에 복사하기 때문에 이름을 찾을 수 없어 숫자 ID를 써야 합니다(Debian의 `www-data`는 33).',
      '',
      `\`${kw} --chown=www-data:www-data srcs/wp-config.php /var/www/html/wordpress/\``,
    ),
    en: md(
      'User names, group names, UIDs and GIDs can be mixed. With only a user, the GID is the same number as the UID.',
      'Names are looked up in the image\'s `/etc/passwd` and `/etc/group`, so they must already exist (on Debian, `www-data` is in the base image even before nginx or php-fpm is installed).',
      'Combined with `--link` the copy goes into an empty filesystem where names cannot be resolved, so use numeric IDs (Debian\'s `www-data` is 33).',
      '',
      `\`${kw} --chown=www-data:www-data srcs/wp-config.php /var/www/html/wordpress/\``,
    ),
  },
  link: `${REF}#${kw.toLowerCase()}---chown`,
});

const chmod = (kw: 'COPY' | 'ADD'): FlagDoc => ({
  name: 'chmod',
  syntax: '--chmod=<perms>',
  summary: {
    ko: '복사한 파일의 권한을 정합니다. 스크립트에 실행 권한을 주려고 `RUN chmod` 단계를 따로 두면 레이어가 하나 더 생기지만, 이 플래그는 같은 레이어 안에서 처리합니다.',
    en: 'Sets the permissions of the copied files. A separate `RUN chmod` for an entry script adds another layer; this flag does it within the same layer.',
  },
  details: {
    ko: md(
      '8진수(`755`, `644`)를 쓰며, dockerfile 1.14부터는 `+x`, `u=rwX,go=rX` 같은 기호 표기도 쓸 수 있습니다. dockerfile 1.10부터는 `--chmod=$MODE`처럼 ARG 값도 치환됩니다.',
      '디렉터리를 복사하면 그 안의 파일과 디렉터리에 모두 적용되므로, 디렉터리에는 실행 비트가 필요하다는 점에 주의합니다(`u=rwX,go=rX`처럼 쓰면 편리합니다). Windows 컨테이너에서는 지원되지 않습니다.',
      '',
      `\`${kw} --chmod=755 srcs/start.sh /usr/local/bin/\``,
    ),
    en: md(
      'Octal (`755`, `644`); since dockerfile 1.14 also symbolic notation such as `+x` or `u=rwX,go=rX`. Since dockerfile 1.10 ARG values are expanded, as in `--chmod=$MODE`.',
      'When copying a directory it applies to everything inside, and directories need the execute bit (`u=rwX,go=rX` handles that). Not supported for Windows containers.',
      '',
      `\`${kw} --chmod=755 srcs/start.sh /usr/local/bin/\``,
    ),
  },
  since: '1.2',
  link: `${REF}#${kw.toLowerCase()}---chmod`,
});

const link = (kw: 'COPY' | 'ADD'): FlagDoc => ({
  name: 'link',
  syntax: '--link[=<boolean>]',
  summary: {
    ko: '파일을 빈 디렉터리에 복사해 독립된 레이어로 만든 뒤 이전 상태 위에 연결합니다. 앞 단계가 바뀌어도 이 레이어의 캐시를 재사용할 수 있습니다.',
    en: 'Copies into an empty directory, making an independent layer that is linked on top of the previous state. Its cache survives changes to earlier steps.',
  },
  details: {
    ko: md(
      '앞 레이어에 의존하지 않으므로 `--cache-from` 옵션과 함께 쓸 때 특히 효과가 크고, 베이스 이미지가 갱신되어도 다시 빌드하지 않고 레이어만 다시 얹을(rebase) 수 있습니다.',
      '대신 이전 상태의 파일을 읽을 수 없습니다. 대상 경로 중간에 심볼릭 링크가 있으면 따라가지 않고, `--chown`에는 이름 대신 숫자 ID를 써야 합니다.',
      '이미 있는 디렉터리 위로 디렉터리를 복사하면 그 디렉터리의 권한이 복사한 쪽 권한으로 바뀔 수 있습니다.',
      '',
      `\`${kw} --link srcs/nginx.conf /etc/nginx/sites-available/default\``,
    ),
    en: md(
      'Because it does not depend on earlier layers it pays off with `--cache-from`, and when the base image is updated the layer can be rebased instead of rebuilt.',
      'In exchange it cannot read files from the previous state: symlinks along the destination path are not followed, and `--chown` needs numeric IDs instead of names.',
      'Copying a directory over an existing one may replace that directory\'s mode with the copied one\'s.',
      '',
      `\`${kw} --link srcs/nginx.conf /etc/nginx/sites-available/default\``,
    ),
  },
  since: '1.4',
  link: `${REF}#copy---link`,
});

const exclude = (kw: 'COPY' | 'ADD'): FlagDoc => ({
  name: 'exclude',
  syntax: '--exclude=<path>',
  summary: {
    ko: '소스에 맞는 파일 중 이 패턴에 맞는 것은 복사하지 않습니다. 여러 번 써서 패턴을 여러 개 줄 수 있습니다.',
    en: 'Leaves out files that match this pattern even though they match the source. Repeat it for several patterns.',
  },
  details: {
    ko: md(
      '패턴은 소스 경로와 같은 규칙(Go의 `filepath.Match` 와일드카드)을 따릅니다. `.dockerignore` 파일과 달리 이 명령어 하나에만 적용됩니다.',
      'dockerfile 1.19에서 안정 채널로 올라왔고, 그 전에는 labs 채널(`1.7-labs` 이상)에서만 쓸 수 있었습니다. 엔진에 내장된 프런트엔드가 오래됐다면 파일 맨 위에 `# syntax=docker/dockerfile:1`을 적어야 합니다.',
      '',
      `\`${kw} --exclude=*.md --exclude=*.sh srcs/ /var/www/html/\``,
    ),
    en: md(
      'Patterns follow the same rules as sources (Go `filepath.Match` wildcards). Unlike `.dockerignore`, it applies to this one instruction only.',
      'Stable since dockerfile 1.19; before that it was labs-only (`1.7-labs` and later). If your engine\'s built-in frontend is older, start the file with `# syntax=docker/dockerfile:1`.',
      '',
      `\`${kw} --exclude=*.md --exclude=*.sh srcs/ /var/www/html/\``,
    ),
  },
  labs: true,
  since: '1.19',
  link: `${REF}#copy---exclude`,
});

/** Flags per instruction keyword (upper case), for every flag the BuildKit Dockerfile frontend 1.x accepts. */
/** The apt cache mount that really keeps packages on Debian and Ubuntu images (docker-clean removed, lists cached). */
const APT_CACHE_EXAMPLE = [
  '```dockerfile',
  'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
  'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
  '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
  '    apt-get update && apt-get install -y --no-install-recommends nginx',
  '```',
];

export const FLAGS: Record<string, FlagDoc[]> = {
  FROM: [
    {
      name: 'platform',
      syntax: '--platform=<platform>',
      summary: {
        ko: '멀티 플랫폼 이미지에서 어떤 플랫폼의 이미지를 쓸지 고릅니다(예: `linux/amd64`, `linux/arm64`). 생략하면 빌드 대상 플랫폼을 씁니다.',
        en: 'Picks which platform of a multi-platform image to use (e.g. `linux/amd64`, `linux/arm64`). Defaults to the build\'s target platform.',
      },
      details: {
        ko: md(
          '전역 ARG를 값으로 쓸 수 있어서 `FROM --platform=$BUILDPLATFORM debian:bookworm AS build`처럼 빌드하는 머신의 네이티브 플랫폼에서 크로스 컴파일 스테이지를 돌릴 때 많이 씁니다.',
          '`--platform=linux/amd64`처럼 상수로 고정하면 빌드 체크(`FromPlatformFlagConstDisallowed`)가 경고합니다. 특정 플랫폼이 꼭 필요하면 `docker build --platform`으로 지정하는 편이 낫습니다.',
          'Apple Silicon(arm64) Mac에서 amd64 이미지를 만들어야 하는 과제라면 이 옵션을 쓰거나 `docker build --platform linux/amd64`처럼 빌드합니다.',
        ),
        en: md(
          'Global ARGs are allowed, so `FROM --platform=$BUILDPLATFORM debian:bookworm AS build` is the usual way to run a cross-compiling stage natively on the build machine.',
          'A constant value such as `--platform=linux/amd64` triggers the `FromPlatformFlagConstDisallowed` build check; prefer `docker build --platform` when you really need one platform.',
          'On an Apple Silicon (arm64) Mac that must produce amd64 images, use this flag or `docker build --platform linux/amd64`.',
        ),
      },
      link: `${REF}#from`,
    },
  ],

  RUN: [
    {
      name: 'mount',
      syntax: '--mount=[type=<bind|cache|tmpfs|secret|ssh>][,<option>=<value>...]',
      summary: {
        ko: '이 `RUN`이 실행되는 동안에만 보이는 마운트를 붙입니다. 마운트한 내용은 결과 레이어에 들어가지 않습니다. `type` 값을 생략하면 `bind`입니다.',
        en: 'Attaches a mount that exists only while this `RUN` executes; its contents do not go into the resulting layer. `type` defaults to `bind`.',
      },
      details: {
        ko: md(
          '- `bind`: 빌드 컨텍스트나 다른 스테이지의 파일을 복사 없이 읽습니다(기본 읽기 전용).',
          '- `cache`: apt, npm, composer 같은 도구의 캐시 디렉터리를 빌드 사이에 유지합니다.',
          '- `tmpfs`: 메모리 기반 임시 디렉터리입니다.',
          '- `secret`: `docker build --secret`으로 넘긴 비밀 값을 이미지에 남기지 않고 읽습니다.',
          '- `ssh`: 호스트의 SSH 에이전트를 빌려 비공개 저장소에 접근합니다.',
          '',
          '`--mount` 옵션은 여러 번 쓸 수 있고, `from` 항목을 뺀 나머지 값에서는 변수가 치환됩니다. dockerfile 1.2 이상이 필요합니다.',
          '',
          '공식 Debian과 Ubuntu 이미지에는 내려받은 .deb를 지우는 `/etc/apt/apt.conf.d/docker-clean` 파일이 있어서, `/var/cache/apt`만 캐시로 마운트하면 그 캐시는 늘 비어 있습니다. 이 파일을 지우고(`apt` 명령을 쓴다면 `Binary::apt::APT::Keep-Downloaded-Packages "true";`도 설정하고) `/var/lib/apt`도 함께 `sharing=locked` 옵션으로 마운트하세요.',
          '',
          ...APT_CACHE_EXAMPLE,
        ),
        en: md(
          '- `bind`: read files from the build context or another stage without copying them (read-only by default).',
          '- `cache`: keep the cache directory of apt, npm, composer and the like between builds.',
          '- `tmpfs`: an in-memory scratch directory.',
          '- `secret`: read a secret passed with `docker build --secret` without leaving it in the image.',
          '- `ssh`: borrow the host\'s SSH agent to reach private repositories.',
          '',
          '`--mount` may be repeated; values other than `from` support variable expansion. Needs dockerfile 1.2 or later.',
          '',
          'The official Debian and Ubuntu images ship `/etc/apt/apt.conf.d/docker-clean`, which deletes downloaded .debs, so a cache mounted on `/var/cache/apt` alone always stays empty. Remove that file (with the `apt` command, also set `Binary::apt::APT::Keep-Downloaded-Packages "true";`) and mount `/var/lib/apt` as well, both with `sharing=locked`.',
          '',
          ...APT_CACHE_EXAMPLE,
        ),
      },
      since: '1.2',
      link: `${REF}#run---mount`,
    },
    {
      name: 'network',
      syntax: '--network=<default|none|host>',
      summary: {
        ko: '이 `RUN` 명령이 어떤 네트워크 환경에서 실행될지 정합니다.',
        en: 'Chooses the network environment this `RUN` command runs in.',
      },
      details: {
        ko: md(
          '명령 단위로 네트워크를 끊거나 호스트 네트워크를 쓰게 합니다. 예를 들어 미리 받아 둔 파일만으로 설치되는지 확인하려면 `--network=none` 옵션을 씁니다. dockerfile 1.3부터 안정 채널에 있습니다.',
          '',
          '`RUN --network=none dpkg -i /tmp/debs/*.deb`',
        ),
        en: md(
          'Cuts the network, or uses the host\'s, for one command. For example, `--network=none` proves that an install works from files fetched earlier. Stable since dockerfile 1.3.',
          '',
          '`RUN --network=none dpkg -i /tmp/debs/*.deb`',
        ),
      },
      values: [
        {
          value: 'default',
          doc: {
            ko: '플래그를 주지 않은 것과 같습니다. 빌드의 기본 네트워크에서 실행합니다.',
            en: 'Same as leaving the flag out: runs in the build\'s default network.',
          },
        },
        {
          value: 'none',
          doc: {
            ko: '네트워크 없이 실행합니다. 루프백(`lo`)만 있고 그것도 이 프로세스에만 격리됩니다.',
            en: 'Runs with no network access; only loopback (`lo`) is there, isolated to this process.',
          },
        },
        {
          value: 'host',
          doc: {
            ko: '호스트의 네트워크 환경에서 실행합니다. `network.host` 권한(entitlement)이 필요해서 빌더와 빌드 요청 양쪽에서 허용해야 합니다(`docker buildx build --allow network.host`).',
            en: 'Runs in the host\'s network environment. Needs the `network.host` entitlement, allowed on both the builder and the build request (`docker buildx build --allow network.host`).',
          },
        },
      ],
      since: '1.3',
      link: `${REF}#run---network`,
    },
    {
      name: 'security',
      syntax: '--security=<sandbox|insecure>',
      summary: {
        ko: '이 `RUN`을 기본 샌드박스에서 실행할지, `docker run --privileged`처럼 권한을 풀고 실행할지 정합니다.',
        en: 'Chooses whether this `RUN` runs in the default sandbox or with elevated privileges like `docker run --privileged`.',
      },
      details: {
        ko: md(
          '`insecure` 모드는 커널 모듈, 마운트, 중첩 컨테이너처럼 높은 권한이 필요한 작업을 위한 것이고, 보통의 이미지 빌드에는 필요하지 않습니다.',
          '오랫동안 labs 채널 전용이었고 Docker 문서는 안정 채널 최소 버전을 dockerfile 1.20으로 적고 있습니다. 빌더와 빌드 요청 모두에서 `security.insecure` 권한을 허용해야 합니다.',
          '',
          '`RUN --security=insecure mount -t tmpfs none /mnt`',
        ),
        en: md(
          '`insecure` is for work that needs privileges, such as kernel modules, mounts or nested containers; ordinary image builds do not need it.',
          'It was labs-only for a long time; Docker\'s reference lists dockerfile 1.20 as the minimum stable version. The `security.insecure` entitlement must be allowed on both the builder and the build request.',
          '',
          '`RUN --security=insecure mount -t tmpfs none /mnt`',
        ),
      },
      values: [
        {
          value: 'sandbox',
          doc: {
            ko: '기본값입니다. 일반 샌드박스에서 실행하므로 이 값을 직접 주는 것은 아무 효과가 없습니다.',
            en: 'The default: runs in the normal sandbox, so passing it explicitly changes nothing.',
          },
        },
        {
          value: 'insecure',
          doc: {
            ko: '샌드박스 없이 `--privileged`에 해당하는 권한으로 실행합니다. `security.insecure` 권한(entitlement)을 허용해야 합니다.',
            en: 'Runs without the sandbox, with privileges equivalent to `--privileged`. Requires the `security.insecure` entitlement.',
          },
        },
      ],
      labs: true,
      since: '1.20',
      link: `${REF}#run---security`,
    },
    {
      name: 'device',
      syntax: '--device=<name>[,required]',
      summary: {
        ko: 'CDI(Container Device Interface)로 등록된 장치(예: GPU)를 이 빌드 단계에서 쓸 수 있게 요청합니다.',
        en: 'Requests a device registered through CDI (Container Device Interface), such as a GPU, for this build step.',
      },
      details: {
        ko: md(
          'labs 채널에만 있는 플래그입니다. `# syntax=docker/dockerfile:1-labs`(1.14.0-labs 이상)와 BuildKit 0.20 이상이 필요하고, 안정 채널 프런트엔드(dockerfile 1.26까지 확인)는 `device feature is only supported in Dockerfile frontend 1.14.0-labs or later` 오류를 냅니다. `device` 권한(entitlement)도 빌더와 빌드 요청에서 허용해야 합니다.',
          '이름은 `vendor.com/device`(그 벤더의 첫 장치), `vendor.com/device=foo`(특정 장치), `vendor.com/device=*`(모든 장치) 또는 장치 클래스 이름으로 씁니다.',
          '',
          '`RUN --device=nvidia.com/gpu=all nvidia-smi`',
        ),
        en: md(
          'Labs-only: it needs `# syntax=docker/dockerfile:1-labs` (1.14.0-labs or later) and BuildKit 0.20 or later; the stable frontend (checked up to dockerfile 1.26) fails with `device feature is only supported in Dockerfile frontend 1.14.0-labs or later`. The `device` entitlement must also be allowed on the builder and the build request.',
          'Names look like `vendor.com/device` (first device of that vendor), `vendor.com/device=foo` (one device), `vendor.com/device=*` (all of them) or a device class name.',
          '',
          '`RUN --device=nvidia.com/gpu=all nvidia-smi`',
        ),
      },
      labs: true,
      link: `${REF}#run---device`,
    },
  ],

  COPY: [
    {
      name: 'from',
      syntax: '--from=<image|stage|context>',
      summary: {
        ko: '빌드 컨텍스트 대신 다른 빌드 스테이지, 이미지, 또는 이름 있는 빌드 컨텍스트에서 파일을 복사합니다.',
        en: 'Copies from another build stage, an image, or a named build context instead of the build context.',
      },
      details: {
        ko: md(
          '`FROM … AS <name>` 형태로 붙인 스테이지 이름이나 스테이지 번호(0부터), `nginx:1.25` 같은 이미지 참조, `--build-context` 옵션으로 넘긴 이름을 쓸 수 있습니다.',
          '소스 경로는 항상 그 이미지나 스테이지의 루트(`/`)를 기준으로 합니다. 멀티 스테이지 빌드에서 결과물만 최종 이미지로 옮길 때 씁니다.',
          '이 값에는 변수 치환이 되지 않으므로, 바꿔 가며 쓰고 싶다면 `FROM ${IMAGE} AS src`처럼 별칭 스테이지를 만든 뒤 `--from=src` 형태로 그 스테이지를 가리킵니다.',
          '',
          '`COPY --from=fetch /tmp/wordpress /var/www/html/wordpress`',
        ),
        en: md(
          'Accepts a stage name set with `FROM … AS <name>`, a stage index (from 0), an image reference such as `nginx:1.25`, or a name passed with `--build-context`.',
          'Source paths are always resolved from the root (`/`) of that image or stage. This is how a multi-stage build moves only the results into the final image.',
          'The value is not variable-expanded; to vary it, create an alias stage `FROM ${IMAGE} AS src` and use `--from=src`.',
          '',
          '`COPY --from=fetch /tmp/wordpress /var/www/html/wordpress`',
        ),
      },
      link: `${REF}#copy---from`,
    },
    chown('COPY'),
    chmod('COPY'),
    link('COPY'),
    {
      name: 'parents',
      syntax: '--parents[=<boolean>]',
      summary: {
        ko: '소스 경로의 상위 디렉터리 구조를 대상 아래에 그대로 유지하며 복사합니다. 기본값은 `false`입니다.',
        en: 'Keeps the parent directories of each source path under the destination. Defaults to `false`.',
      },
      details: {
        ko: md(
          '`COPY --parents srcs/nginx/a.conf srcs/php/b.ini /conf/`처럼 쓰면 `/conf/srcs/nginx/a.conf`, `/conf/srcs/php/b.ini` 두 파일이 생깁니다. 플래그가 없으면 둘 다 `/conf/` 바로 아래에 놓이고, 이름이 같으면 말없이 덮어씁니다.',
          '경로 중간에 `./` 구분자를 넣으면 그 뒤의 디렉터리만 유지합니다(`srcs/./nginx/a.conf` → `/conf/nginx/a.conf`). `**` 패턴은 여러 단계의 디렉터리와 일치합니다.',
          'labs 채널(1.7-labs)에서 시작해 dockerfile 1.20에서 안정 채널에 들어왔습니다. `# syntax=docker/dockerfile:1`이 없으면 엔진 내장 프런트엔드가 이 플래그를 모를 수 있습니다.',
        ),
        en: md(
          '`COPY --parents srcs/nginx/a.conf srcs/php/b.ini /conf/` creates `/conf/srcs/nginx/a.conf` and `/conf/srcs/php/b.ini`. Without the flag both land directly in `/conf/`, and equal names silently overwrite each other.',
          'A `./` inside the path keeps only the directories after it (`srcs/./nginx/a.conf` → `/conf/nginx/a.conf`). `**` matches any number of directory levels.',
          'It started in labs (1.7-labs) and became stable in dockerfile 1.20. Without `# syntax=docker/dockerfile:1`, an engine\'s built-in frontend may not know it.',
        ),
      },
      labs: true,
      since: '1.20',
      link: `${REF}#copy---parents`,
    },
    exclude('COPY'),
  ],

  ADD: [
    {
      name: 'checksum',
      syntax: '--checksum=<hash>',
      summary: {
        ko: '원격 소스의 내용을 검증합니다. HTTP 소스는 `sha256:<해시>`, Git 소스는 커밋 SHA(앞부분만 써도 됨)를 적습니다.',
        en: 'Verifies a remote source. For HTTP use `sha256:<hash>`; for Git, the commit SHA (a prefix is enough).',
      },
      details: {
        ko: md(
          '받은 내용이 다르면 빌드가 실패하므로, 누군가 서버의 파일을 바꿔치기해도 그대로 이미지에 들어가지 않습니다. HTTP에서 지원하는 알고리즘은 SHA-256뿐입니다.',
          '해시는 `sha256sum 파일`로 구할 수 있습니다. dockerfile 1.6부터 안정 채널에 있습니다.',
          '',
          '`ADD --checksum=sha256:<hash> https://files.phpmyadmin.net/phpMyAdmin/4.9.7/phpMyAdmin-4.9.7-all-languages.tar.gz /tmp/`',
        ),
        en: md(
          'If the downloaded content differs the build fails, so a file swapped on the server does not slip into the image. SHA-256 is the only algorithm for HTTP.',
          'Get the hash with `sha256sum file`. Stable since dockerfile 1.6.',
          '',
          '`ADD --checksum=sha256:<hash> https://files.phpmyadmin.net/phpMyAdmin/4.9.7/phpMyAdmin-4.9.7-all-languages.tar.gz /tmp/`',
        ),
      },
      since: '1.6',
      link: `${REF}#add---checksum`,
    },
    chown('ADD'),
    chmod('ADD'),
    link('ADD'),
    {
      name: 'keep-git-dir',
      syntax: '--keep-git-dir[=<boolean>]',
      summary: {
        ko: '소스가 Git 저장소일 때 `.git` 디렉터리를 남깁니다. 기본적으로는 저장소 내용만 넣고 `.git`은 빼 버립니다.',
        en: 'Keeps the `.git` directory when the source is a Git repository. By default only the working tree is added, without `.git`.',
      },
      details: {
        ko: md(
          '빌드 중에 `git describe`, `git rev-parse` 같은 명령으로 버전 정보를 읽어야 할 때 씁니다. `.git`이 들어가면 이미지가 커지고 히스토리가 노출되므로 필요할 때만 켭니다.',
          '',
          '`ADD --keep-git-dir=true https://github.com/WordPress/WordPress.git#6.4.2 /src/wordpress`',
        ),
        en: md(
          'Use it when the build reads version info with `git describe` or `git rev-parse`. `.git` makes the image bigger and exposes history, so enable it only when needed.',
          '',
          '`ADD --keep-git-dir=true https://github.com/WordPress/WordPress.git#6.4.2 /src/wordpress`',
        ),
      },
      since: '1.1',
      link: `${REF}#add---keep-git-dir`,
    },
    exclude('ADD'),
    {
      name: 'unpack',
      syntax: '--unpack[=<boolean>]',
      summary: {
        ko: 'tar 아카이브(gzip, bzip2, xz 압축 포함)를 자동으로 풀지 정합니다. 로컬 tar는 기본으로 풀리고, URL에서 받은 tar는 기본으로 풀리지 않습니다. zstd 압축 tar는 BuildKit 0.10 이상이나 Docker Engine 23.0 이상에서만 풀립니다.',
        en: 'Controls automatic extraction of tar archives (including gzip, bzip2, xz). Local tars are extracted by default; tars downloaded from a URL are not. A zstd tar is extracted only by BuildKit 0.10 or later or Docker Engine 23.0 or later.',
      },
      details: {
        ko: md(
          '`--unpack=true`처럼 켜면 URL에서 받은 아카이브도 대상 디렉터리에 풀고, `--unpack=false`처럼 끄면 로컬 tar도 파일 그대로 복사합니다. dockerfile 1.17 이상이 필요합니다.',
          '',
          '`ADD --unpack=true https://wordpress.org/latest.tar.gz /var/www/html/`',
        ),
        en: md(
          '`--unpack=true` extracts a downloaded archive into the destination; `--unpack=false` copies even a local tar as a plain file. Needs dockerfile 1.17 or later.',
          '',
          '`ADD --unpack=true https://wordpress.org/latest.tar.gz /var/www/html/`',
        ),
      },
      labs: true,
      since: '1.17',
      link: `${REF}#add---unpack`,
    },
  ],

  HEALTHCHECK: [
    {
      name: 'interval',
      syntax: '--interval=<duration>',
      summary: {
        ko: '헬스체크 사이의 간격입니다. 기본값은 `30s`입니다.',
        en: 'Time between health checks. Default `30s`.',
      },
      details: {
        ko: '컨테이너가 시작되고 이 시간이 지난 뒤 첫 검사를 하고, 이후 매 검사가 끝난 뒤 이 시간만큼 기다립니다. `30s`, `1m30s`처럼 단위를 붙여 쓰며 1ms보다 짧을 수 없습니다.',
        en: 'The first check runs this long after the container starts, and each later one this long after the previous check finishes. Write it with units, like `30s` or `1m30s`; it cannot be below 1ms.',
      },
      link: `${REF}#healthcheck`,
    },
    {
      name: 'timeout',
      syntax: '--timeout=<duration>',
      summary: {
        ko: '검사 한 번이 이 시간보다 오래 걸리면 실패로 칩니다. 기본값은 `30s`입니다.',
        en: 'A single check that takes longer than this counts as failed. Default `30s`.',
      },
      details: {
        ko: '시간을 넘긴 검사 프로세스는 `SIGKILL`로 강제 종료됩니다. 웹 서버 검사라면 `--timeout=5s`처럼 짧게 잡는 편이 상태를 빨리 반영합니다.',
        en: 'A check that overruns is killed with `SIGKILL`. For a web server, a short value such as `--timeout=5s` reports problems sooner.',
      },
      link: `${REF}#healthcheck`,
    },
    {
      name: 'start-period',
      syntax: '--start-period=<duration>',
      summary: {
        ko: '컨테이너가 초기화할 시간을 줍니다. 이 기간의 실패는 `--retries` 횟수에 세지 않습니다. 기본값은 `0s`입니다.',
        en: 'Gives the container time to initialise; failures during it do not count toward `--retries`. Default `0s`.',
      },
      details: {
        ko: 'MariaDB 초기화처럼 시작이 느린 서비스에 씁니다. 이 기간 안에 검사가 한 번이라도 성공하면 시작이 끝난 것으로 보고, 그 뒤의 실패부터는 횟수에 셉니다.',
        en: 'Useful for slow starters such as MariaDB initialisation. Once a check succeeds within the period, the container counts as started and later failures count.',
      },
      link: `${REF}#healthcheck`,
    },
    {
      name: 'start-interval',
      syntax: '--start-interval=<duration>',
      summary: {
        ko: '`--start-period` 동안 사용할 검사 간격입니다. 기본값은 `5s`입니다.',
        en: 'Time between checks during `--start-period`. Default `5s`.',
      },
      details: {
        ko: '시작 기간에는 더 자주 검사해서 준비되자마자 `healthy` 상태가 되게 합니다. dockerfile 1.6에서 추가되었고, 실제로 적용하려면 Docker Engine 25.0 이상이 필요합니다.',
        en: 'Checking more often during start-up marks the container `healthy` as soon as it is ready. Added in dockerfile 1.6; Docker Engine 25.0 or later is needed for it to take effect.',
      },
      since: '1.6',
      link: `${REF}#healthcheck`,
    },
    {
      name: 'retries',
      syntax: '--retries=<N>',
      summary: {
        ko: '몇 번 연속으로 실패하면 `unhealthy`로 볼지 정합니다. 기본값은 `3`입니다.',
        en: 'How many consecutive failures make the container `unhealthy`. Default `3`.',
      },
      details: {
        ko: '0 이상의 정수입니다. `0`은 기본값(3)을 쓰라는 뜻이고, 음수만 빌드 오류입니다. 단, `0`을 받아들이는 것은 dockerfile 1.5(BuildKit 0.11)와 Docker Engine 24.0부터이고, Docker 20.10과 23.0에 내장된 프런트엔드와 예전 빌더는 `--retries must be at least 1` 오류를 냅니다. `unhealthy`가 되어도 Docker가 컨테이너를 자동으로 다시 시작하지는 않으며, Swarm이나 오케스트레이터, 모니터링 도구가 이 상태를 보고 조치합니다.',
        en: 'A non-negative integer: `0` means the default (3), and only a negative value is a build error. `0` is accepted since dockerfile 1.5 (BuildKit 0.11) and Docker Engine 24.0; the frontends built into Docker 20.10 and 23.0, and their legacy builder, reject it with `--retries must be at least 1`. Docker itself does not restart an `unhealthy` container; Swarm, orchestrators or monitoring act on the status.',
      },
      link: `${REF}#healthcheck`,
    },
  ],
};
