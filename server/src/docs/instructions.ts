import type { InstructionDoc } from './types';

/** Joins markdown lines; keeps the long texts below readable. */
const md = (...lines: string[]): string => lines.join('\n');

const REF = 'https://docs.docker.com/reference/dockerfile/';

/**
 * Bilingual reference for the 18 Dockerfile instructions, keyed by upper-case keyword.
 * Written for this project; facts checked against Docker's Dockerfile reference (BuildKit, dockerfile frontend 1.x).
 */
export const INSTRUCTIONS: Record<string, InstructionDoc> = {
  FROM: {
    keyword: 'FROM',
    syntax: [
      'FROM [--platform=<platform>] <image> [AS <name>]',
      'FROM [--platform=<platform>] <image>[:<tag>] [AS <name>]',
      'FROM [--platform=<platform>] <image>[@<digest>] [AS <name>]',
    ],
    summary: {
      ko: '새 빌드 스테이지를 시작하고, 그 스테이지가 올라갈 베이스 이미지를 정합니다. 모든 Dockerfile은 `FROM`으로 시작해야 하며, 앞에는 파서 지시어, 주석, `ARG`만 올 수 있습니다.',
      en: 'Starts a new build stage and sets the base image that stage builds on. Every Dockerfile must start with `FROM`; only parser directives, comments and `ARG` may come before it.',
    },
    forms: {
      ko: md(
        '`FROM`에는 셸 형식과 exec 형식의 구분이 없습니다. 이미지 이름 뒤에 태그(`:<tag>`)나 다이제스트(`@<digest>`)를 붙일 수 있고, 둘 다 생략하면 `latest` 태그를 씁니다.',
        '',
        '- `AS <name>` 형태로 스테이지에 이름을 붙이면 뒤에서 `FROM <name>`, `COPY --from=<name>`, `RUN --mount=from=<name>`처럼 그 이름으로 참조할 수 있습니다.',
        '- 첫 `FROM`보다 앞에 선언한 `ARG`는 `FROM` 줄에서만 쓸 수 있습니다. 스테이지 안에서도 쓰려면 값 없이 `ARG NAME`을 다시 선언해야 합니다.',
        '- `FROM`이 여러 번 나오면 멀티 스테이지 빌드가 됩니다. 각 스테이지는 자기 `FROM`에 적은 이미지(또는 스테이지)에서 시작하며, 바로 앞 스테이지의 ENV, WORKDIR, USER 같은 상태를 물려받지 않습니다.',
        '- `--platform` 옵션은 멀티 플랫폼 이미지에서 어떤 플랫폼 변형을 쓸지 고릅니다(예: `linux/amd64`).',
        '- `FROM scratch`는 빈 파일시스템에서 시작한다는 뜻입니다.',
      ),
      en: md(
        '`FROM` has no shell or exec form. The image name may carry `:<tag>` or `@<digest>`; with neither, the `latest` tag is used.',
        '',
        '- `AS <name>` names the stage so that later lines can refer to it with `FROM <name>`, `COPY --from=<name>` or `RUN --mount=from=<name>`.',
        '- An `ARG` declared before the first `FROM` can only be used on `FROM` lines. To use it inside a stage, declare `ARG NAME` again without a value.',
        '- Several `FROM` lines make a multi-stage build. Each stage starts from the image (or stage) named in its own `FROM` and does not carry over the ENV, WORKDIR, USER and so on of the stage written just before it.',
        '- `--platform` picks one variant of a multi-platform image (for example `linux/amd64`).',
        '- `FROM scratch` means starting from an empty filesystem.',
      ),
    },
    layers: {
      ko: md(
        '`FROM` 자체는 레이어를 새로 만들지 않습니다. 베이스 이미지의 레이어를 그대로 출발점으로 삼고, 그 위에 이후 명령어들이 레이어를 쌓습니다.',
        'BuildKit은 태그를 다이제스트로 풀어서 캐시 키로 씁니다. 그래서 `debian:bookworm` 태그가 가리키는 이미지가 레지스트리에서 갱신된 뒤 그것을 새로 받으면, 그 스테이지의 이후 단계는 모두 캐시를 잃고 다시 빌드됩니다.',
        '로컬에 이미 있는 이미지를 쓰므로 최신 베이스가 있는지 확인하려면 `docker build --pull`처럼 빌드합니다. 빌드 결과를 고정하고 싶으면 `debian:bookworm@sha256:…`처럼 다이제스트로 고정하는 방법이 있습니다.',
      ),
      en: md(
        '`FROM` itself adds no layer. The base image\'s layers become the starting point, and the following instructions stack their layers on top.',
        'BuildKit resolves the tag to a digest and uses that as the cache key. When the image a tag such as `debian:bookworm` points to is updated and pulled again, every later step of that stage loses its cache and is rebuilt.',
        'A local copy of the image is reused, so use `docker build --pull` to check for a newer base. To make builds repeatable, pin a digest, e.g. `debian:bookworm@sha256:…`.',
      ),
    },
    example: md(
      'FROM debian:bookworm',
      '',
      '# multi-stage: fetch in one stage, copy only the result',
      'FROM debian:bookworm AS fetch',
      'RUN apt-get update && apt-get install -y wget ca-certificates \\',
      ' && wget -q https://wordpress.org/latest.tar.gz -O /tmp/wp.tar.gz',
      '',
      'FROM debian:bookworm',
      'COPY --from=fetch /tmp/wp.tar.gz /tmp/',
    ),
    link: `${REF}#from`,
  },

  RUN: {
    keyword: 'RUN',
    syntax: ['RUN [OPTIONS] <command> ...', 'RUN [OPTIONS] ["<executable>", "<param>", ...]'],
    summary: {
      ko: '빌드 중에 명령을 실행하고, 그 결과로 바뀐 파일시스템을 새 레이어로 저장합니다. 패키지 설치, 설정 파일 수정, 파일 다운로드 같은 작업을 여기서 합니다.',
      en: 'Runs a command during the build and saves the resulting filesystem changes as a new layer. Package installs, config edits and downloads happen here.',
    },
    formsBrief: {
      ko: '셸 형식은 명령 문자열을 셸(기본값 `/bin/sh -c`)로 실행하므로 `$VAR`, `&&`, 파이프를 쓸 수 있습니다. exec 형식(큰따옴표로 쓴 JSON 배열)은 셸 없이 프로그램을 바로 실행합니다.',
      en: 'Shell form runs the text with a shell (`/bin/sh -c` by default), so `$VAR`, `&&` and pipes work. Exec form (a JSON array in double quotes) runs the program directly, with no shell.',
    },
    forms: {
      ko: md(
        '**셸 형식** `RUN apt-get update && apt-get install -y nginx`: 명령 문자열을 `/bin/sh -c`로 감싸서 실행합니다(`SHELL`로 바꿀 수 있음). 그래서 `$VAR` 치환, `&&`, 파이프, 리다이렉션을 쓸 수 있고, 줄 끝의 `\\`나 heredoc(`<<EOF`)으로 여러 줄에 나눠 쓸 수 있습니다.',
        '',
        '**exec 형식** `RUN ["/bin/bash", "-c", "echo hi"]`: JSON 배열로 쓰며 셸 없이 실행 파일을 바로 실행합니다. 셸이 없으니 `$HOME` 같은 변수는 치환되지 않고 `&&`나 `|`도 동작하지 않습니다. 문자열은 반드시 큰따옴표로 감싸야 하고, 작은따옴표를 쓰면 JSON이 아니어서 셸 형식으로 처리됩니다.',
        '',
        '`--mount`, `--network`, `--security` 옵션을 붙일 수 있습니다.',
      ),
      en: md(
        '**Shell form** `RUN apt-get update && apt-get install -y nginx`: the string is wrapped in `/bin/sh -c` (changeable with `SHELL`). So `$VAR` expansion, `&&`, pipes and redirections work, and you can split it over lines with a trailing `\\` or a heredoc (`<<EOF`).',
        '',
        '**Exec form** `RUN ["/bin/bash", "-c", "echo hi"]`: a JSON array that runs the executable directly, without a shell. With no shell, variables such as `$HOME` are not expanded and `&&` or `|` do nothing. Strings need double quotes; with single quotes it is not JSON and is treated as shell form.',
        '',
        'Options: `--mount`, `--network`, `--security`.',
      ),
    },
    layers: {
      ko: md(
        '`RUN` 하나가 파일시스템 레이어 하나를 만듭니다. 앞 레이어에 들어간 파일은 뒤의 `RUN`에서 지워도 이미지 크기가 줄지 않으므로, 정리 작업(`rm -rf /var/lib/apt/lists/*`)은 설치와 같은 `RUN` 안에서 해야 합니다.',
        '',
        '캐시는 명령의 **결과가 아니라 텍스트**(그리고 그 시점의 ENV/ARG 값)로 판단합니다. 텍스트가 같고 앞 레이어가 그대로면 명령을 다시 실행하지 않습니다. 그래서 `RUN apt-get update`를 따로 두면 오래된 패키지 목록이 캐시에서 계속 재사용되므로, `apt-get update && apt-get install -y …`처럼 한 줄로 묶는 것이 좋습니다.',
        '',
        '앞 단계(예: `COPY`한 파일 내용)가 바뀌면 그 뒤의 모든 `RUN`이 다시 실행됩니다. 강제로 다시 실행하려면 `docker build --no-cache`처럼 캐시 없이 빌드합니다.',
      ),
      en: md(
        'Each `RUN` creates one filesystem layer. Files that went into an earlier layer still take space when a later `RUN` deletes them, so clean up (`rm -rf /var/lib/apt/lists/*`) in the same `RUN` that installed them.',
        '',
        'The cache is keyed on the command **text**, not its outcome (plus the ENV/ARG values at that point). If the text and the previous layer are unchanged, the command is not run again. A separate `RUN apt-get update` therefore keeps serving a stale package list from cache; chain it as `apt-get update && apt-get install -y …`.',
        '',
        'When an earlier step changes (for example a file you `COPY`), every later `RUN` runs again. To force a rerun, use `docker build --no-cache`.',
      ),
    },
    example: md(
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends nginx mariadb-server php-fpm php-mysql \\',
      ' && rm -rf /var/lib/apt/lists/*',
    ),
    link: `${REF}#run`,
  },

  CMD: {
    keyword: 'CMD',
    syntax: ['CMD ["executable", "param1", "param2"]', 'CMD ["param1", "param2"]', 'CMD command param1 param2'],
    summary: {
      ko: '컨테이너를 시작할 때 실행할 기본 명령(또는 `ENTRYPOINT`에 넘길 기본 인자)을 정합니다. 빌드 중에는 아무것도 실행하지 않으며, `docker run <image> <command>`처럼 이미지 이름 뒤에 인자를 주면 그 인자가 `CMD`를 대신합니다.',
      en: 'Sets the default command a container runs at start (or default arguments for `ENTRYPOINT`). Nothing runs at build time, and arguments given to `docker run <image> <command>` replace it.',
    },
    formsBrief: {
      ko: 'exec 형식이면 그 프로그램이 PID 1이 되어 `docker stop`의 SIGTERM을 직접 받습니다. 셸 형식은 `/bin/sh -c` 셸로 감싸 실행하므로 셸이 PID 1로 남을 수 있습니다. exec 형식의 ENTRYPOINT가 있으면 CMD는 그 인자가 됩니다.',
      en: 'In exec form the program is PID 1 and gets the SIGTERM of `docker stop` itself. Shell form wraps it in `/bin/sh -c`, so the shell may stay PID 1. With an exec-form ENTRYPOINT, CMD becomes its arguments.',
    },
    forms: {
      ko: md(
        '**exec 형식** `CMD ["nginx", "-g", "daemon off;"]`: 셸 없이 바로 실행되므로 그 프로세스가 PID 1이 되어 `docker stop`의 SIGTERM을 직접 받습니다. 변수 치환은 일어나지 않습니다.',
        '',
        '**셸 형식** `CMD service nginx start && tail -f /var/log/nginx/access.log`: `/bin/sh -c`로 감싸 실행합니다. Debian과 Ubuntu 이미지의 `/bin/sh`는 dash인데, dash는 명령이 끝날 때까지 PID 1로 남고 SIGTERM을 자식에게 전달하지 않습니다. 그래서 `docker stop`은 타임아웃(기본 10초)을 기다린 뒤 SIGKILL로 끝내고, 종료 코드는 137이 됩니다. bash와 busybox(Alpine)의 sh는 마지막 명령으로 자신을 바꾸기도(`exec`) 하므로 결과가 셸마다 다르지만, exec 형식은 셸과 상관없이 같게 동작합니다.',
        '',
        '**파라미터 형식** `CMD ["-c", "/etc/app.conf"]`: exec 형식 `ENTRYPOINT`가 있을 때 그 뒤에 붙을 기본 인자가 됩니다. 이때는 두 명령 모두 exec 형식으로 쓰는 것이 좋습니다.',
        '',
        'Dockerfile(스테이지)에 `CMD`가 여러 개 있으면 마지막 것만 적용됩니다. PID 1이 끝나면 컨테이너도 끝나므로, 서비스는 포그라운드로 실행해야 합니다.',
      ),
      en: md(
        '**Exec form** `CMD ["nginx", "-g", "daemon off;"]`: runs without a shell, so that process is PID 1 and receives the SIGTERM from `docker stop` itself. No variable expansion happens.',
        '',
        '**Shell form** `CMD service nginx start && tail -f /var/log/nginx/access.log`: wrapped in `/bin/sh -c`. On Debian and Ubuntu images `/bin/sh` is dash, which stays PID 1 until the command ends and does not pass SIGTERM on, so `docker stop` waits out the timeout (10 s by default), then sends SIGKILL: exit code 137. bash and busybox (Alpine) sh may replace themselves with the last command (`exec`), so the outcome depends on the shell; the exec form does not.',
        '',
        '**Parameter form** `CMD ["-c", "/etc/app.conf"]`: default arguments appended to an exec-form `ENTRYPOINT`. Write both in exec form in that case.',
        '',
        'With several `CMD` lines in a Dockerfile (stage), only the last one counts. The container stops when PID 1 exits, so run services in the foreground.',
      ),
    },
    layers: {
      ko: md(
        '`CMD`는 이미지 설정(config)의 메타데이터만 바꾸고 파일시스템 레이어는 만들지 않습니다.',
        '값을 바꿔도 그 뒤 단계의 캐시만 영향을 받고, 보통 `CMD`는 마지막 줄이라 다시 빌드하는 비용이 거의 없습니다.',
        '베이스 이미지의 `CMD`는 물려받지만, 현재 이미지에서 `ENTRYPOINT`를 새로 정하면 물려받은 `CMD`는 비워집니다.',
      ),
      en: md(
        '`CMD` only changes metadata in the image config; it creates no filesystem layer.',
        'Changing it affects the cache of later steps only, and since `CMD` is usually the last line, rebuilding costs almost nothing.',
        'A base image\'s `CMD` is inherited, but setting `ENTRYPOINT` in the current image clears the inherited `CMD`.',
      ),
    },
    example: md('EXPOSE 80 443', 'CMD ["nginx", "-g", "daemon off;"]'),
    link: `${REF}#cmd`,
  },

  LABEL: {
    keyword: 'LABEL',
    syntax: ['LABEL <key>=<value> [<key>=<value>...]'],
    summary: {
      ko: '이미지에 키-값 형태의 메타데이터를 붙입니다. 만든 사람, 버전, 소스 저장소 같은 정보를 남겨 `docker image inspect` 명령으로 볼 수 있게 합니다.',
      en: 'Attaches key-value metadata to the image, such as author, version or source repository, visible with `docker image inspect`.',
    },
    forms: {
      ko: md(
        '한 줄에 `key=value` 쌍을 여러 개 쓸 수 있고, 줄 끝 `\\`로 나눠 쓸 수도 있습니다. 값에 공백이 있으면 큰따옴표로 감쌉니다.',
        '작은따옴표 안의 `$VAR`는 치환되지 않으므로 변수를 넣을 때는 큰따옴표를 씁니다.',
        '키 이름은 `org.opencontainers.image.authors`, `org.opencontainers.image.source`처럼 OCI 표준 키나 역도메인 표기를 쓰는 것이 관례입니다.',
      ),
      en: md(
        'One line may hold several `key=value` pairs, and a trailing `\\` splits it over lines. Quote values that contain spaces with double quotes.',
        '`$VAR` inside single quotes is not expanded, so use double quotes when you insert a variable.',
        'By convention, keys are OCI keys such as `org.opencontainers.image.authors` and `org.opencontainers.image.source`, or reverse-DNS names.',
      ),
    },
    layers: {
      ko: md(
        '`LABEL`은 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다.',
        '베이스 이미지의 라벨을 물려받고, 같은 키를 다시 정하면 마지막 값이 적용됩니다. 멀티 스테이지 빌드에서는 최종 스테이지가 `FROM`으로 거슬러 올라가는 스테이지의 라벨만 물려받고, `COPY --from`으로만 쓴 스테이지의 라벨은 들어가지 않습니다.',
      ),
      en: md(
        '`LABEL` only changes metadata and creates no filesystem layer.',
        'Labels of the base image are inherited, and setting the same key again keeps the last value. In a multi-stage build only labels of stages the final stage descends from via `FROM` remain; labels of stages used only through `COPY --from` are not included.',
      ),
    },
    example: md(
      'LABEL org.opencontainers.image.authors="student@student.42seoul.kr" \\',
      '      org.opencontainers.image.description="nginx + MariaDB + php-fpm + WordPress on Debian bookworm"',
    ),
    link: `${REF}#label`,
  },

  MAINTAINER: {
    keyword: 'MAINTAINER',
    syntax: ['MAINTAINER <name>'],
    summary: {
      ko: '이미지의 Author 필드를 정하는 명령어인데, 폐기(deprecated)되었습니다. 대신 `LABEL org.opencontainers.image.authors="…"`처럼 라벨로 적는 것이 좋습니다.',
      en: 'Sets the image\'s Author field; deprecated. Use `LABEL org.opencontainers.image.authors="…"` instead.',
    },
    forms: {
      ko: md(
        '인자 전체가 하나의 문자열로 Author 필드에 들어갑니다. 셸 형식과 exec 형식의 구분은 없습니다.',
        '`LABEL`은 원하는 키를 얼마든지 붙일 수 있고 `docker inspect`에서 다른 라벨과 함께 보이므로 더 유연합니다.',
        '`MAINTAINER`는 `ONBUILD` 트리거로도 쓸 수 없습니다.',
      ),
      en: md(
        'The whole argument goes into the Author field as one string; there is no shell/exec distinction.',
        '`LABEL` is more flexible: any keys you like, shown together with other labels by `docker inspect`.',
        '`MAINTAINER` cannot be an `ONBUILD` trigger either.',
      ),
    },
    layers: {
      ko: '메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다. 값이 바뀌면 이후 단계의 캐시에만 영향을 줍니다.',
      en: 'Changes metadata only and creates no filesystem layer. A changed value only affects the cache of later steps.',
    },
    example: md('# deprecated:', '# MAINTAINER student <student@student.42seoul.kr>', 'LABEL org.opencontainers.image.authors="student@student.42seoul.kr"'),
    link: `${REF}#maintainer-deprecated`,
  },

  EXPOSE: {
    keyword: 'EXPOSE',
    syntax: ['EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]'],
    summary: {
      ko: '컨테이너가 실행 중에 어떤 포트에서 연결을 받는지(listen) 기록합니다. 포트를 실제로 호스트에 공개(publish)하지는 않으며, 이미지를 만드는 사람과 실행하는 사람 사이의 문서 역할을 합니다.',
      en: 'Records which ports the container listens on at runtime. It does not publish anything to the host; it documents intent between whoever builds the image and whoever runs it.',
    },
    forms: {
      ko: md(
        '프로토콜을 생략하면 `tcp`이고, `EXPOSE 53/udp`처럼 포트 뒤에 프로토콜을 붙일 수 있습니다. 같은 포트를 TCP와 UDP 둘 다 열려면 두 번 씁니다.',
        '실제로 접속하려면 실행할 때 `docker run -p 80:80 -p 443:443 …`처럼 포트를 매핑해야 합니다. `-P`를 주면 `EXPOSE`한 모든 포트가 호스트의 임의 포트에 매핑됩니다.',
        '범위(`8000-8010`)와 변수(`EXPOSE $PORT`)도 쓸 수 있습니다.',
      ),
      en: md(
        'Without a protocol the port is `tcp`; add `/udp` as in `EXPOSE 53/udp`. To open one port for both TCP and UDP, list it twice.',
        'To actually reach it, map ports at run time: `docker run -p 80:80 -p 443:443 …`. With `-P`, every exposed port is mapped to a random host port.',
        'Ranges (`8000-8010`) and variables (`EXPOSE $PORT`) are allowed.',
      ),
    },
    layers: {
      ko: '이미지 설정의 `ExposedPorts` 메타데이터만 바꾸고 파일시스템 레이어는 만들지 않습니다. 베이스 이미지에서 `EXPOSE`한 포트도 물려받습니다.',
      en: 'Only changes the `ExposedPorts` metadata in the image config; no filesystem layer. Ports exposed by the base image are inherited.',
    },
    example: md('EXPOSE 80 443', '# run with: docker run -d -p 80:80 -p 443:443 ft_server'),
    link: `${REF}#expose`,
  },

  ENV: {
    keyword: 'ENV',
    syntax: ['ENV <key>=<value> [<key>=<value>...]', 'ENV <key> <value>'],
    summary: {
      ko: '환경 변수를 정합니다. 이후의 모든 빌드 단계에서 쓸 수 있고, 이미지에 저장되어 이 이미지로 만든 컨테이너에도 그대로 남습니다.',
      en: 'Sets environment variables. They apply to every later build step and are stored in the image, so containers started from it have them too.',
    },
    forms: {
      ko: md(
        '`ENV KEY=value` 형식을 쓰는 것이 좋고, 한 줄에 여러 쌍을 쓸 수 있습니다. 공백이 들어간 값은 따옴표나 `\\`로 감쌉니다.',
        '공백으로 구분하는 옛 형식(`ENV KEY value`)은 변수 하나만 정할 수 있고, 첫 공백 뒤의 모든 내용이 값이 되어 헷갈리기 쉬우므로 권장되지 않습니다.',
        '정한 값은 `ADD`, `COPY`, `WORKDIR`, `EXPOSE`, `USER`, `VOLUME`, `LABEL` 등에서 `$KEY`/`${KEY}` 형태로 쓰면 치환되고, `RUN`에서는 셸이 환경 변수로 읽습니다. 실행할 때는 `docker run -e KEY=…`처럼 덮어쓸 수 있습니다.',
        '`ENV DEBIAN_FRONTEND=noninteractive`처럼 빌드에만 필요한 값은 최종 이미지에도 남아 사용자를 헷갈리게 하므로, `ARG`를 쓰거나 `RUN DEBIAN_FRONTEND=noninteractive apt-get …`처럼 그 명령에만 주는 편이 낫습니다.',
      ),
      en: md(
        'Prefer `ENV KEY=value`; one line may set several pairs. Quote or `\\`-escape values with spaces.',
        'The old form `ENV KEY value` sets a single variable and takes everything after the first space as the value, which is easy to get wrong; it is discouraged.',
        'Values are substituted as `$KEY`/`${KEY}` in `ADD`, `COPY`, `WORKDIR`, `EXPOSE`, `USER`, `VOLUME`, `LABEL` and others; in `RUN` the shell reads them as environment variables. At run time `docker run -e KEY=…` overrides them.',
        'Build-only values such as `ENV DEBIAN_FRONTEND=noninteractive` stay in the final image and can surprise its users; use `ARG`, or set it for one command: `RUN DEBIAN_FRONTEND=noninteractive apt-get …`.',
      ),
    },
    layers: {
      ko: md(
        '`ENV`는 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다.',
        '하지만 이후의 `RUN`은 환경 변수를 포함한 상태에서 실행되므로, `ENV` 값을 바꾸면 그 뒤의 단계가 모두 캐시를 잃고 다시 실행됩니다. 자주 바뀌는 값은 Dockerfile 아래쪽에 두는 것이 좋습니다.',
        '같은 이름의 `ARG`가 있으면 `ENV`가 우선합니다. 멀티 스테이지에서는 이 스테이지에서 `FROM <stage>`처럼 시작한 스테이지도 이 값을 물려받습니다.',
      ),
      en: md(
        '`ENV` changes metadata only and creates no filesystem layer.',
        'Later `RUN` steps run with those variables, though, so changing an `ENV` value invalidates the cache of every following step. Keep values that change often near the bottom.',
        'An `ENV` wins over an `ARG` of the same name. In multi-stage builds, stages built `FROM <stage>` inherit it.',
      ),
    },
    example: md('ENV AUTOINDEX=on', 'COPY srcs/start.sh /usr/local/bin/start.sh', '# start.sh switches nginx autoindex based on $AUTOINDEX'),
    link: `${REF}#env`,
  },

  ADD: {
    keyword: 'ADD',
    syntax: ['ADD [OPTIONS] <src> ... <dest>', 'ADD [OPTIONS] ["<src>", ... "<dest>"]'],
    summary: {
      ko: '파일이나 디렉터리를 이미지에 추가합니다. `COPY`와 비슷하지만 원격 URL, Git 저장소도 소스로 쓸 수 있고, 빌드 컨텍스트의 로컬 tar 아카이브는 자동으로 풀어 줍니다.',
      en: 'Adds files or directories to the image. Like `COPY`, but the source may also be a remote URL or a Git repository, and local tar archives from the build context are extracted automatically.',
    },
    forms: {
      ko: md(
        '두 가지 표기가 있고 의미는 같습니다. 경로에 공백이 있으면 JSON 배열 표기(`ADD ["my file", "/dest/"]`)를 씁니다. 셸을 거치지 않으므로 셸 형식과 exec 형식의 차이는 없습니다.',
        '',
        '- 로컬 tar(`gzip`, `bzip2`, `xz` 압축 또는 압축 없음)는 파일 이름이 아니라 내용으로 판별해 대상 디렉터리에 풉니다. zstd로 압축한 tar는 Dockerfile 문법 버전이 아니라 빌더에 따라 다릅니다. Docker Engine 23.0 이상(두 빌더 모두)과 BuildKit 0.10 이상은 풀어 주지만, Docker 20.10은 파일 그대로 복사합니다.',
        '- URL에서 받은 파일은 tar여도 풀지 **않습니다**(권한 600으로 저장). 풀려면 `--unpack=true`(dockerfile 1.17+)를 주거나 `RUN tar`처럼 직접 풉니다.',
        '- 소스가 여러 개면 대상은 `/`로 끝나는 디렉터리여야 합니다. 인증이 필요한 다운로드는 `ADD` 대신 `RUN curl`/`RUN wget`처럼 `RUN`에서 받습니다.',
        '',
        '단순 복사라면 동작이 명확한 `COPY`를 쓰는 것이 권장됩니다.',
      ),
      en: md(
        'Two notations with the same meaning; use the JSON array `ADD ["my file", "/dest/"]` for paths with spaces. No shell is involved, so there is no shell/exec difference.',
        '',
        '- A local tar (`gzip`, `bzip2`, `xz` or uncompressed), detected by content, not by file name, is extracted into the destination. A `zstd` tar depends on the builder, not on the Dockerfile syntax version: Docker Engine 23.0 and later (both builders) and BuildKit 0.10 and later extract it; Docker 20.10 copies it as a plain file.',
        '- A file downloaded from a URL is **not** extracted even if it is a tar (it is saved with mode 600). Use `--unpack=true` (dockerfile 1.17+) or `RUN tar`.',
        '- With several sources the destination must be a directory ending in `/`. Downloads that need authentication belong in `RUN curl`/`RUN wget`, not `ADD`.',
        '',
        'For a plain copy, prefer `COPY`: its behaviour is explicit.',
      ),
    },
    layers: {
      ko: md(
        '`ADD`는 파일시스템 레이어 하나를 만듭니다.',
        '로컬 소스는 파일 내용과 메타데이터(권한 등)의 체크섬으로 캐시를 판단하며, 수정 시각(mtime)은 보지 않습니다. 내용이 바뀌면 이 단계와 그 뒤 모든 단계가 다시 실행됩니다.',
        'URL 소스는 빌드할 때마다 원격 내용을 확인하므로, 서버의 파일이 바뀌면 캐시가 깨집니다. `--checksum=sha256:…` 옵션을 주면 받은 내용을 검증하고 결과가 재현 가능해집니다.',
        '`--link`를 주면 이전 레이어와 독립된 레이어가 되어, 앞 단계가 바뀌어도 이 레이어를 재사용할 수 있습니다.',
      ),
      en: md(
        '`ADD` creates one filesystem layer.',
        'For local sources the cache key is a checksum of the file contents and metadata (permissions and so on); the modification time is ignored. When the contents change, this step and every later one run again.',
        'URL sources are checked against the remote on each build, so a changed file on the server breaks the cache. `--checksum=sha256:…` verifies the download and makes the result reproducible.',
        'With `--link` the layer is independent of earlier layers and can be reused even when earlier steps change.',
      ),
    },
    example: md(
      '# local tarball from the build context: extracted automatically',
      'ADD srcs/phpMyAdmin-4.9.7-all-languages.tar.gz /var/www/html/',
      '# remote tarball: downloaded, not extracted (unless --unpack=true)',
      'ADD https://wordpress.org/latest.tar.gz /tmp/wordpress.tar.gz',
    ),
    link: `${REF}#add`,
  },

  COPY: {
    keyword: 'COPY',
    syntax: ['COPY [OPTIONS] <src> ... <dest>', 'COPY [OPTIONS] ["<src>", ... "<dest>"]'],
    summary: {
      ko: '빌드 컨텍스트(또는 `--from` 옵션으로 지정한 스테이지, 이미지, 이름 있는 컨텍스트)의 파일과 디렉터리를 이미지 안으로 복사합니다. 설정 파일과 스크립트를 넣을 때 가장 많이 쓰는 명령어입니다.',
      en: 'Copies files and directories from the build context (or from a stage, image or named context given with `--from`) into the image. The usual way to put config files and scripts in.',
    },
    forms: {
      ko: md(
        '두 표기의 의미는 같고, 경로에 공백이 있으면 JSON 배열 표기를 씁니다. 셸을 거치지 않으며 `$VAR`는 빌더가 ENV/ARG 값으로 치환합니다.',
        '',
        '- 소스 경로는 빌드 컨텍스트 기준입니다. BuildKit은 컨텍스트 루트 위로 올라가는 `../` 부분을 잘라 내므로 `COPY ../x .` 명령은 실패하지 않고 컨텍스트 최상위의 `x`를 복사합니다. 어느 쪽이든 컨텍스트 밖의 파일은 가져올 수 없습니다(예전 빌더는 `forbidden path outside the build context` 오류로 실패합니다). `.dockerignore`에 걸린 파일은 복사되지 않습니다.',
        '- 디렉터리를 소스로 주면 디렉터리 자체가 아니라 **그 안의 내용**이 복사됩니다.',
        '- 대상 끝의 `/`가 의미를 가집니다: `COPY a.conf /etc/nginx/conf.d/`처럼 `/`로 끝나면 그 디렉터리 안에 복사하고, `COPY a.conf /etc/nginx/site`처럼 끝나지 않으면 `site` 파일로 만듭니다. 소스가 여러 개면 대상은 `/`로 끝나야 합니다.',
        '- 상대 경로 대상은 `WORKDIR` 기준입니다. 없는 디렉터리는 자동으로 만들어지고, 소유자는 `--chown`이 없으면 root(0:0)입니다.',
        '- `<<EOF` heredoc으로 파일 내용을 Dockerfile 안에 바로 쓸 수도 있습니다.',
      ),
      en: md(
        'Both notations mean the same; use the JSON array for paths with spaces. No shell is involved; the builder substitutes `$VAR` from ENV/ARG values.',
        '',
        '- Source paths are relative to the build context. BuildKit cuts off any `../` that would climb above the context root, so `COPY ../x .` does not fail: it copies `x` from the top of the context. Either way no file outside the context can be copied (the legacy builder fails with `forbidden path outside the build context`). Files matched by `.dockerignore` are not copied.',
        '- A directory source copies **its contents**, not the directory itself.',
        '- A trailing `/` on the destination matters: `COPY a.conf /etc/nginx/conf.d/` puts it inside that directory, `COPY a.conf /etc/nginx/site` creates a file named `site`. With several sources the destination must end in `/`.',
        '- A relative destination is resolved against `WORKDIR`. Missing directories are created, and files are owned by root (0:0) unless you pass `--chown`.',
        '- A `<<EOF` heredoc can supply file contents inline.',
      ),
    },
    layers: {
      ko: md(
        '`COPY`는 파일시스템 레이어 하나를 만듭니다.',
        '캐시는 복사할 파일들의 내용과 메타데이터로 계산한 체크섬으로 판단합니다(mtime은 제외). 파일 하나만 바뀌어도 이 `COPY`와 그 뒤의 모든 단계가 다시 실행됩니다.',
        '그래서 무거운 `apt-get install`은 위에, 자주 고치는 설정 파일 `COPY`는 그 아래에 두어야 설정을 고칠 때마다 패키지를 다시 설치하지 않습니다.',
        '`--link`를 쓰면 레이어가 앞 단계와 독립적으로 만들어져, 앞 단계가 바뀌어도 재사용될 수 있습니다.',
      ),
      en: md(
        '`COPY` creates one filesystem layer.',
        'The cache key is a checksum over the copied files\' contents and metadata (mtime excluded). Changing a single file re-runs this `COPY` and every later step.',
        'So put the heavy `apt-get install` above and the `COPY` of config files you edit often below it; otherwise every config edit reinstalls the packages.',
        'With `--link` the layer is built independently of earlier steps and can be reused when they change.',
      ),
    },
    example: md(
      'COPY srcs/nginx.conf /etc/nginx/sites-available/default',
      'COPY --chown=www-data:www-data srcs/wp-config.php /var/www/html/wordpress/',
      'COPY --chmod=755 srcs/start.sh /usr/local/bin/',
    ),
    link: `${REF}#copy`,
  },

  ENTRYPOINT: {
    keyword: 'ENTRYPOINT',
    syntax: ['ENTRYPOINT ["executable", "param1", "param2"]', 'ENTRYPOINT command param1 param2'],
    summary: {
      ko: '컨테이너가 시작될 때 실행할 프로그램을 정합니다. CMD와 달리 이미지 이름 뒤에 준 인자로는 바뀌지 않으며, 바꾸려면 `docker run --entrypoint` 옵션을 씁니다.',
      en: 'Sets the program a container runs at start. Arguments after the image name replace CMD, not this; `docker run --entrypoint` replaces it.',
    },
    formsBrief: {
      ko: 'exec 형식이면 그 프로그램이 PID 1이 되고 CMD가 인자로 붙습니다. 셸 형식은 `/bin/sh -c` 셸로 실행되므로 CMD와 `docker run` 명령의 인자는 그 셸의 `$0`, `$1`… 변수가 될 뿐입니다.',
      en: 'Exec form: the program is PID 1 and CMD becomes its arguments. Shell form runs under `/bin/sh -c`; CMD and `docker run` arguments only become `$0`, `$1`, … of that shell.',
    },
    forms: {
      ko: md(
        '**exec 형식**(권장) `ENTRYPOINT ["/usr/local/bin/start.sh"]`: 셸 없이 실행되어 그 프로세스가 PID 1이 되고 `docker stop`의 SIGTERM을 직접 받습니다. `CMD`와 `docker run` 인자가 배열 뒤에 붙습니다.',
        '',
        '**셸 형식** `ENTRYPOINT /start.sh`: `/bin/sh -c`로 실행됩니다. `CMD`와 `docker run` 인자는 **무시**됩니다(그 셸의 `$0`, `$1`…이 될 뿐 명령에 쓰이지 않습니다). Debian과 Ubuntu의 `/bin/sh`(dash)는 PID 1로 남아 시그널을 전달하지 않으므로 `docker stop`이 타임아웃(기본 10초) 뒤 SIGKILL로 끝냅니다. 꼭 써야 한다면 `ENTRYPOINT exec /start.sh`처럼 `exec`을 붙입니다.',
        '',
        '시작 스크립트를 쓴다면 마지막 줄에서 `exec "$@"`, `exec nginx -g "daemon off;"`처럼 `exec`으로 실제 서비스를 실행해야 셸 대신 그 서비스가 PID 1이 됩니다. 실행할 때 `docker run --entrypoint` 옵션으로 바꿀 수 있고, 마지막 `ENTRYPOINT`만 적용됩니다.',
      ),
      en: md(
        '**Exec form** (preferred) `ENTRYPOINT ["/usr/local/bin/start.sh"]`: runs without a shell, so that process is PID 1 and gets the SIGTERM from `docker stop`. `CMD` and `docker run` arguments are appended to the array.',
        '',
        '**Shell form** `ENTRYPOINT /start.sh`: runs under `/bin/sh -c`. `CMD` and `docker run` arguments are **ignored** (they only become that shell\'s `$0`, `$1`, …). On Debian and Ubuntu, `/bin/sh` (dash) stays PID 1 and does not forward signals, so `docker stop` ends with SIGKILL after the timeout (10 s by default). If you must use it, prefix `exec`: `ENTRYPOINT exec /start.sh`.',
        '',
        'An entry script should end with `exec "$@"` or `exec nginx -g "daemon off;"` so the real service takes over PID 1. Override with `docker run --entrypoint`; only the last `ENTRYPOINT` counts.',
      ),
    },
    layers: {
      ko: md(
        '`ENTRYPOINT`는 이미지 설정의 메타데이터만 바꾸고 파일시스템 레이어를 만들지 않습니다.',
        '현재 이미지에서 `ENTRYPOINT`를 정하면 베이스 이미지에서 물려받은 `CMD`가 비워지므로, 필요하면 `CMD`도 다시 적어야 합니다.',
        '실행할 스크립트 자체는 `COPY`로 넣어야 하고, 스크립트 내용이 바뀌면 그 `COPY` 레이어부터 다시 빌드됩니다.',
      ),
      en: md(
        '`ENTRYPOINT` only changes metadata in the image config; no filesystem layer.',
        'Setting `ENTRYPOINT` in the current image clears the `CMD` inherited from the base image, so restate `CMD` if you need it.',
        'The script itself comes in through `COPY`; editing it rebuilds from that `COPY` layer on.',
      ),
    },
    example: md(
      'COPY --chmod=755 srcs/start.sh /usr/local/bin/start.sh',
      'ENTRYPOINT ["/usr/local/bin/start.sh"]',
      '# start.sh: service mysql start; service php8.2-fpm start; exec nginx -g "daemon off;"',
    ),
    link: `${REF}#entrypoint`,
  },

  VOLUME: {
    keyword: 'VOLUME',
    syntax: ['VOLUME ["/data"]', 'VOLUME /var/log /var/db'],
    summary: {
      ko: '지정한 경로를 외부 볼륨이 마운트될 자리로 표시합니다. 컨테이너를 만들 때 따로 마운트하지 않으면 익명 볼륨이 만들어지고, 이미지에 있던 그 경로의 내용으로 초기화됩니다.',
      en: 'Marks a path as a mount point for external volumes. If nothing is mounted there when a container is created, an anonymous volume is created and initialised with the image\'s contents at that path.',
    },
    forms: {
      ko: md(
        'JSON 배열(`VOLUME ["/var/lib/mysql"]`)이나 공백으로 구분한 목록(`VOLUME /var/lib/mysql /var/log/nginx`)으로 씁니다. JSON 배열에서는 큰따옴표를 써야 합니다.',
        'Dockerfile에서는 호스트 디렉터리를 지정할 수 없습니다. 호스트 경로나 이름 있는 볼륨은 실행할 때 `docker run -v dbdata:/var/lib/mysql`처럼 정합니다.',
        '컨테이너를 지워도 익명 볼륨은 남아 디스크를 차지할 수 있으니(`docker run --rm`, `docker volume prune` 명령으로 정리), 데이터베이스 디렉터리처럼 정말 보존할 경로에만 쓰는 것이 좋습니다.',
      ),
      en: md(
        'Write a JSON array (`VOLUME ["/var/lib/mysql"]`) or a space-separated list (`VOLUME /var/lib/mysql /var/log/nginx`). JSON arrays need double quotes.',
        'A Dockerfile cannot name a host directory; host paths and named volumes are chosen at run time, e.g. `docker run -v dbdata:/var/lib/mysql`.',
        'Anonymous volumes outlive the container and can fill the disk (clean with `docker run --rm` or `docker volume prune`), so declare only paths worth keeping, such as a database directory.',
      ),
    },
    layers: {
      ko: md(
        '`VOLUME`은 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다.',
        '예전 빌더는 `VOLUME` 선언 뒤에 그 경로를 바꾼 빌드 단계의 변경을 버렸지만, BuildKit은 그 변경을 유지합니다. 두 빌더에서 똑같이 동작하게 하려면 그 경로의 내용을 먼저 준비하고 `VOLUME`을 마지막에 선언하는 것이 안전합니다.',
      ),
      en: md(
        '`VOLUME` changes metadata only; no filesystem layer.',
        'The legacy builder discarded changes that later build steps made inside a declared volume path; BuildKit keeps them. To behave the same on both, prepare the contents first and declare `VOLUME` afterwards.',
      ),
    },
    example: md(
      'RUN service mysql start && mysql -e "CREATE DATABASE wordpress;"',
      'VOLUME /var/lib/mysql',
    ),
    link: `${REF}#volume`,
  },

  USER: {
    keyword: 'USER',
    syntax: ['USER <user>[:<group>]', 'USER <UID>[:<GID>]'],
    summary: {
      ko: '이후의 `RUN`과 컨테이너 실행 시의 `ENTRYPOINT`/`CMD`를 어떤 사용자(와 그룹)로 실행할지 정합니다. 스테이지가 끝날 때까지 유지됩니다.',
      en: 'Sets the user (and group) that later `RUN` steps and, at run time, `ENTRYPOINT`/`CMD` run as. It stays in effect for the rest of the stage.',
    },
    forms: {
      ko: md(
        '사용자 이름이나 UID를 쓰고, 뒤에 `:그룹`이나 `:GID` 형태로 그룹을 덧붙일 수 있습니다. 이름을 쓰면 이미지 안의 `/etc/passwd`에 그 사용자가 있어야 하므로 먼저 `RUN useradd …` 명령으로 만들어 둡니다.',
        '그룹을 지정하면 그 사용자는 **지정한 그룹에만** 속하고, 원래 속해 있던 다른 그룹은 무시됩니다. 주 그룹이 없는 사용자는 root 그룹으로 실행됩니다.',
        '`COPY`/`ADD`로 넣는 파일의 소유자는 `USER`와 상관없이 root이므로, 소유자를 바꾸려면 `--chown`을 씁니다.',
        '`USER` 뒤의 `RUN`도 그 사용자로 실행되므로, `apt-get install`이나 `/etc` 수정처럼 root가 필요한 빌드 단계는 `USER`보다 앞에 둡니다.',
        '포트는 빌드 중이 아니라 컨테이너가 실행될 때, 마지막 `USER`로 실행되는 프로세스가 엽니다. Docker 20.10부터는 엔진이 컨테이너의 네트워크 네임스페이스에 `net.ipv4.ip_unprivileged_port_start=0`을 설정하므로, 일반 사용자도 80이나 443 같은 1024 미만 포트를 열 수 있습니다(`--network=host`일 때는 호스트 설정을 따릅니다). 일반 사용자로 nginx를 실행할 때 필요한 것은 root가 아니라 PID 파일, 로그, 임시 디렉터리에 쓸 권한입니다.',
      ),
      en: md(
        'Give a user name or UID, optionally followed by `:group` or `:GID`. A name must exist in the image\'s `/etc/passwd`, so create it first with `RUN useradd …`.',
        'When a group is given, the user belongs **only** to that group; its other memberships are ignored. A user without a primary group runs with the root group.',
        'Files added by `COPY`/`ADD` are owned by root regardless of `USER`; use `--chown` to change that.',
        '`RUN` steps after `USER` run as that user too, so build steps that need root, such as `apt-get install` or editing `/etc`, go before it.',
        'Ports are opened at run time, not during the build, by the process running as the last `USER`. Since Docker 20.10 the engine sets `net.ipv4.ip_unprivileged_port_start=0` in the container\'s network namespace, so a non-root user may bind ports below 1024 such as 80 and 443 (with `--network=host`, the host\'s setting applies). What a non-root nginx needs is write access to its PID file, logs and temp directories, not root.',
      ),
    },
    layers: {
      ko: '`USER`는 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다. 다만 이후 `RUN`의 실행 조건이 바뀌므로 값을 바꾸면 그 뒤 단계의 캐시가 모두 무효가 됩니다.',
      en: '`USER` changes metadata only and creates no filesystem layer. It changes how later `RUN` steps execute, though, so changing it invalidates the cache of every following step.',
    },
    example: md(
      'RUN mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld',
      'USER mysql',
      'CMD ["mysqld"]',
    ),
    link: `${REF}#user`,
  },

  WORKDIR: {
    keyword: 'WORKDIR',
    syntax: ['WORKDIR /path/to/workdir'],
    summary: {
      ko: '이후의 `RUN`, `CMD`, `ENTRYPOINT`, `COPY`, `ADD`가 기준으로 삼을 작업 디렉터리를 정합니다. 디렉터리가 없으면 만들어 줍니다.',
      en: 'Sets the working directory for later `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD`. Creates the directory if it does not exist.',
    },
    forms: {
      ko: md(
        '여러 번 쓸 수 있고, 상대 경로를 주면 직전 `WORKDIR`에 이어 붙습니다(`WORKDIR /a`, `WORKDIR b` → `/a/b`). 혼동을 피하려면 절대 경로를 쓰는 것이 좋습니다.',
        '`ENV`나 `ARG`로 정한 변수(`WORKDIR $WP_DIR`)와 베이스 이미지의 `ENV`는 치환됩니다. 선언되지 않은 변수는 오류 없이 빈 문자열이 되어 `WORKDIR /a/$NOPE/b`는 `/a/b`가 되므로, 이름의 오타를 조심하세요(`UndefinedVar` 빌드 체크가 알려 줍니다).',
        '`RUN cd /var/www && …`의 `cd`는 그 `RUN` 안에서만 유효하므로, 여러 단계에서 같은 디렉터리를 쓰려면 `WORKDIR`를 씁니다.',
        '지정하지 않으면 기본값은 `/`이지만 베이스 이미지가 이미 정해 두었을 수 있으니 명시하는 것이 안전합니다.',
      ),
      en: md(
        'It can be used several times; a relative path is appended to the previous `WORKDIR` (`WORKDIR /a`, `WORKDIR b` → `/a/b`). Prefer absolute paths to avoid surprises.',
        'Variables set with `ENV` or `ARG` (`WORKDIR $WP_DIR`) and the base image\'s `ENV` are substituted. An undeclared variable silently becomes an empty string, so `WORKDIR /a/$NOPE/b` is `/a/b`: watch for typos in names (the `UndefinedVar` build check reports them).',
        'A `cd` in `RUN cd /var/www && …` lasts only for that `RUN`; to use one directory across steps, use `WORKDIR`.',
        'The default is `/`, but the base image may have set one already, so set it explicitly.',
      ),
    },
    layers: {
      ko: md(
        '주로 메타데이터(작업 디렉터리)를 바꾸는 명령어입니다. 디렉터리가 없으면 BuildKit이 만들기 때문에 그만큼의 작은 파일시스템 변경이 생깁니다.',
        '값을 바꾸면 이후 `RUN`/`COPY`의 기준 경로가 달라지므로 그 뒤 단계의 캐시가 무효가 됩니다.',
      ),
      en: md(
        'Mostly a metadata change (the working directory). If the directory is missing, BuildKit creates it, which is a small filesystem change.',
        'Changing it changes where later `RUN`/`COPY` steps act, so the cache of every following step is invalidated.',
      ),
    },
    example: md(
      'WORKDIR /var/www/html',
      'RUN wget -q https://wordpress.org/latest.tar.gz && tar xzf latest.tar.gz && rm latest.tar.gz',
    ),
    link: `${REF}#workdir`,
  },

  ARG: {
    keyword: 'ARG',
    syntax: ['ARG <name>[=<default value>] [<name>[=<default value>]...]'],
    summary: {
      ko: '빌드할 때 `docker build --build-arg NAME=값`으로 넘길 수 있는 빌드 변수를 선언합니다. `ENV`와 달리 최종 이미지와 컨테이너 환경에는 남지 않습니다.',
      en: 'Declares a build variable that can be passed with `docker build --build-arg NAME=value`. Unlike `ENV`, it does not stay in the final image or the container environment.',
    },
    forms: {
      ko: md(
        '`ARG NAME`처럼 쓰면 기본값 없이, `ARG NAME=default`처럼 쓰면 기본값과 함께 선언합니다. 선언한 줄부터 스테이지 끝까지 쓸 수 있고, 그 전에 참조하면 빈 문자열이 됩니다.',
        '',
        '- 첫 `FROM`보다 앞에 선언하면 전역 범위가 되어 `FROM` 줄에서만 쓸 수 있습니다. 스테이지 안에서 쓰려면 그 스테이지에서 `ARG NAME`을 값 없이 다시 선언합니다.',
        '- 스테이지 안의 `ARG`는 그 스테이지에서 `FROM`으로 시작한 스테이지도 물려받지만, 관계없는 스테이지에서는 보이지 않습니다.',
        '- 같은 이름의 `ENV`가 있으면 `ENV` 값이 우선합니다.',
        '- 값은 `docker history`와 provenance에 남으므로 비밀번호나 토큰을 넘기면 안 됩니다. 비밀 값은 `RUN --mount=type=secret` 시크릿 마운트로 넘깁니다.',
      ),
      en: md(
        '`ARG NAME` declares it without a default, `ARG NAME=default` with one. It can be used from that line to the end of the stage; before that it expands to an empty string.',
        '',
        '- Declared before the first `FROM`, it is global and usable only on `FROM` lines. To use it inside a stage, redeclare `ARG NAME` there without a value.',
        '- An `ARG` inside a stage is inherited by stages built `FROM` that stage, but unrelated stages do not see it.',
        '- An `ENV` of the same name takes precedence.',
        '- Values show up in `docker history` and provenance, so never pass passwords or tokens; use `RUN --mount=type=secret` for secrets.',
      ),
    },
    layers: {
      ko: md(
        '`ARG`는 레이어를 만들지 않고, `ENV`와 달리 이미지의 환경 변수(`Env`)에도 남지 않습니다.',
        '하지만 캐시에는 영향을 줍니다. 값이 이전 빌드와 다르면 그 변수를 **처음 사용하는 단계**에서 캐시 미스가 납니다(선언한 줄이 아닙니다). `ARG` 뒤의 `RUN`은 그 값을 환경 변수로 받기 때문에, 명령에서 변수를 직접 쓰지 않아도 다시 실행됩니다.',
        '미리 정의된 프록시 ARG(`HTTP_PROXY` 등)는 Dockerfile에서 `ARG`로 선언하지 않는 한 캐시와 `docker history`에서 제외됩니다.',
      ),
      en: md(
        '`ARG` creates no layer and, unlike `ENV`, does not end up in the image\'s environment (`Env`).',
        'It does affect the cache: when the value differs from the previous build, the cache misses at the **first step that uses** it, not at the declaration. `RUN` steps after an `ARG` receive it as an environment variable, so they rerun even if the command never mentions it.',
        'The predefined proxy ARGs (`HTTP_PROXY` and so on) are left out of the cache and `docker history` unless the Dockerfile declares them with `ARG`.',
      ),
    },
    example: md(
      'ARG DEBIAN_VERSION=bookworm',
      'FROM debian:${DEBIAN_VERSION}',
      'ARG PMA_VERSION=4.9.7',
      'RUN wget -q https://files.phpmyadmin.net/phpMyAdmin/${PMA_VERSION}/phpMyAdmin-${PMA_VERSION}-all-languages.tar.gz',
    ),
    link: `${REF}#arg`,
  },

  ONBUILD: {
    keyword: 'ONBUILD',
    syntax: ['ONBUILD <INSTRUCTION>'],
    summary: {
      ko: '지금 빌드에서는 실행하지 않고, 이 이미지를 다른 Dockerfile이 `FROM`으로 쓸 때 실행될 트리거 명령어를 등록합니다. 팀 공용 베이스 이미지를 만들 때 씁니다.',
      en: 'Registers a trigger instruction that does not run now but runs when another Dockerfile uses this image in `FROM`. Useful for shared base images.',
    },
    forms: {
      ko: md(
        '`ONBUILD` 뒤에 다른 명령어를 그대로 씁니다(예: `ONBUILD COPY srcs/ /var/www/html/`). 트리거는 하위 빌드의 `FROM` 바로 뒤에 끼워 넣은 것처럼, 등록한 순서대로 하위 빌드의 컨텍스트에서 실행됩니다.',
        '트리거 중 하나라도 실패하면 하위 빌드의 `FROM`이 실패합니다. 트리거는 한 번 실행되면 손자 이미지로는 넘어가지 않습니다.',
        '`ONBUILD ONBUILD`처럼 연달아 쓸 수 없고, `FROM`과 `MAINTAINER`는 트리거로 쓸 수 없습니다. dockerfile 1.11부터는 `COPY --from`이나 `RUN --mount=from=…`도 트리거로 쓸 수 있습니다.',
      ),
      en: md(
        'Write another instruction after `ONBUILD` (e.g. `ONBUILD COPY srcs/ /var/www/html/`). Triggers run in the downstream build\'s context, in registration order, as if inserted right after its `FROM`.',
        'If any trigger fails, the downstream `FROM` fails. Once run, triggers are not passed on to grandchild images.',
        '`ONBUILD ONBUILD` is not allowed, and `FROM` and `MAINTAINER` cannot be triggers. Since dockerfile 1.11, triggers may use `COPY --from` and `RUN --mount=from=…`.',
      ),
    },
    layers: {
      ko: '`ONBUILD` 명령어는 현재 이미지에 트리거 목록(메타데이터)만 추가하며 레이어를 만들지 않습니다. 트리거가 실제로 실행되는 하위 빌드에서는 각 트리거가 보통의 명령어처럼 레이어와 캐시를 만듭니다.',
      en: '`ONBUILD` only adds the trigger list (metadata) to the current image; no layer. In the downstream build where the triggers run, each one creates layers and cache entries like an ordinary instruction.',
    },
    example: md(
      '# in a shared "wp-base" image:',
      'ONBUILD COPY srcs/wp-config.php /var/www/html/wordpress/wp-config.php',
      'ONBUILD RUN chown -R www-data:www-data /var/www/html/wordpress',
    ),
    link: `${REF}#onbuild`,
  },

  STOPSIGNAL: {
    keyword: 'STOPSIGNAL',
    syntax: ['STOPSIGNAL <signal>'],
    summary: {
      ko: '`docker stop`이 컨테이너를 멈출 때 PID 1에 보낼 시그널을 정합니다. 정하지 않으면 `SIGTERM`입니다.',
      en: 'Sets the signal `docker stop` sends to PID 1 to stop the container. The default is `SIGTERM`.',
    },
    forms: {
      ko: md(
        '`SIGQUIT`처럼 `SIG<이름>` 형식의 이름이나 `3` 같은 숫자로 씁니다.',
        'nginx와 php-fpm은 `SIGQUIT` 시그널을 받으면 처리 중인 요청을 마치고 정상 종료(graceful shutdown)하므로, 공식 nginx 이미지에도 `STOPSIGNAL SIGQUIT` 줄이 있습니다.',
        '시그널을 보낸 뒤 타임아웃(기본 10초) 안에 끝나지 않으면 Docker가 `SIGKILL`을 보냅니다. 키보드의 Ctrl+C(`SIGINT`)에는 영향을 주지 않고, 실행할 때 `docker run --stop-signal` 옵션으로 바꿀 수 있습니다.',
        'PID 1이 시그널을 전달하지 않는 셸이면(Debian과 Ubuntu에서 셸 형식 `CMD`/`ENTRYPOINT`를 쓸 때의 dash) 시그널이 서비스까지 가지 않으므로, exec 형식과 함께 써야 의미가 있습니다.',
      ),
      en: md(
        'Give a name in `SIG<NAME>` form such as `SIGQUIT`, or a number such as `3`.',
        'nginx and php-fpm finish in-flight requests and shut down gracefully on `SIGQUIT`, which is why the official nginx image uses `STOPSIGNAL SIGQUIT`.',
        'If the process has not exited within the timeout (10 s by default), Docker sends `SIGKILL`. Ctrl+C (`SIGINT`) is not affected, and `docker run --stop-signal` overrides it.',
        'If PID 1 is a shell that does not forward signals (dash, with a shell-form `CMD`/`ENTRYPOINT` on Debian and Ubuntu), the signal never reaches the service, so pair it with the exec form.',
      ),
    },
    layers: {
      ko: '메타데이터(`StopSignal`)만 바꾸며 파일시스템 레이어를 만들지 않습니다. 값을 바꿔도 이후 단계의 캐시에만 영향을 줍니다.',
      en: 'Changes metadata (`StopSignal`) only; no filesystem layer. A changed value only affects the cache of later steps.',
    },
    example: md('STOPSIGNAL SIGQUIT', 'CMD ["nginx", "-g", "daemon off;"]'),
    link: `${REF}#stopsignal`,
  },

  HEALTHCHECK: {
    keyword: 'HEALTHCHECK',
    syntax: ['HEALTHCHECK [OPTIONS] CMD <command>', 'HEALTHCHECK [OPTIONS] CMD ["executable", "param1"]', 'HEALTHCHECK NONE'],
    summary: {
      ko: '컨테이너 안에서 주기적으로 명령을 실행해 서비스가 실제로 응답하는지 검사합니다. 결과에 따라 컨테이너 상태가 `starting`, `healthy`, `unhealthy`로 표시됩니다.',
      en: 'Periodically runs a command inside the container to check that the service really responds. The container\'s status then shows `starting`, `healthy` or `unhealthy`.',
    },
    forms: {
      ko: md(
        '`HEALTHCHECK [옵션] CMD …`의 `CMD` 뒤에는 셸 형식(`/bin/sh -c`로 실행)이나 exec 형식(JSON 배열, 셸 없음)을 쓸 수 있습니다. 종료 코드 0은 성공, 1은 실패이고 2는 예약되어 있어 쓰면 안 됩니다.',
        '`HEALTHCHECK NONE`처럼 쓰면 베이스 이미지에서 물려받은 헬스체크를 끕니다.',
        '옵션: `--interval`(기본 30s), `--timeout`(30s), `--start-period`(0s), `--start-interval`(5s, Docker Engine 25.0+), `--retries`(3). `retries`번 연속 실패하면 `unhealthy`가 되고, 타임아웃을 넘긴 검사는 실패로 칩니다.',
        '검사 명령의 출력 앞부분(4096바이트)은 `docker inspect`에서 볼 수 있습니다. `curl`처럼 검사에 쓰는 도구는 이미지에 설치되어 있어야 합니다.',
      ),
      en: md(
        'After `CMD` in `HEALTHCHECK [OPTIONS] CMD …` you can use the shell form (run by `/bin/sh -c`) or the exec form (JSON array, no shell). Exit code 0 means healthy, 1 unhealthy; 2 is reserved and must not be used.',
        '`HEALTHCHECK NONE` disables a health check inherited from the base image.',
        'Options: `--interval` (default 30s), `--timeout` (30s), `--start-period` (0s), `--start-interval` (5s, Docker Engine 25.0+), `--retries` (3). After `retries` consecutive failures the container is `unhealthy`; a check running past the timeout counts as failed.',
        'The start of the check\'s output (4096 bytes) is kept and shown by `docker inspect`. Tools the check uses, such as `curl`, must be installed in the image.',
      ),
    },
    layers: {
      ko: '이미지 설정의 `Healthcheck` 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다. 한 Dockerfile(스테이지)에 여러 개 있으면 마지막 것만 적용됩니다.',
      en: 'Only changes the `Healthcheck` metadata in the image config; no filesystem layer. With several in one Dockerfile (stage), only the last one applies.',
    },
    example: md(
      'HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\',
      '  CMD curl -fsk https://localhost/ || exit 1',
    ),
    link: `${REF}#healthcheck`,
  },

  SHELL: {
    keyword: 'SHELL',
    syntax: ['SHELL ["executable", "parameters"]'],
    summary: {
      ko: '셸 형식 명령어(`RUN`, `CMD`, `ENTRYPOINT`)를 감쌀 셸을 바꿉니다. Linux의 기본값은 `["/bin/sh", "-c"]`입니다.',
      en: 'Changes the shell that wraps shell-form commands (`RUN`, `CMD`, `ENTRYPOINT`). The Linux default is `["/bin/sh", "-c"]`.',
    },
    forms: {
      ko: md(
        '반드시 JSON 배열 형식으로 써야 합니다(`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`). 셸 형식으로 쓰면 오류입니다.',
        'Debian의 `/bin/sh`는 `dash` 셸이라서 `source`, `[[ ]]`, 배열 같은 bash 문법이 동작하지 않습니다. 이런 문법이 필요하거나, `wget -O- … | tar xz`처럼 파이프 중간의 실패도 잡고 싶다면 bash와 `-o pipefail` 옵션을 지정합니다.',
        '여러 번 쓸 수 있고, 각 `SHELL`은 그 뒤의 명령어에만 적용됩니다. exec 형식 명령어에는 영향을 주지 않습니다.',
        '셸 형식 `CMD`/`ENTRYPOINT`에서 누가 PID 1이 되는지도 이 셸이 정합니다. dash(Debian의 `/bin/sh`)는 PID 1로 남고, bash는 마지막 명령으로 자신을 바꾸기도 합니다(`exec`). 어느 셸에서든 같게 동작하게 하려면 exec 형식을 쓰세요.',
      ),
      en: md(
        'It must be written as a JSON array (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`); the shell form is an error.',
        'Debian\'s `/bin/sh` is `dash`, so bash syntax such as `source`, `[[ ]]` or arrays fails. When you need it, or want a failure in the middle of a pipe like `wget -O- … | tar xz` to fail the step, set bash with `-o pipefail`.',
        'It can appear several times; each `SHELL` applies to the instructions after it. Exec-form instructions are unaffected.',
        'This shell also decides what becomes PID 1 for a shell-form `CMD`/`ENTRYPOINT`: dash (Debian\'s `/bin/sh`) stays PID 1, while bash may replace itself with the last command (`exec`). For the same behaviour under every shell, use the exec form.',
      ),
    },
    layers: {
      ko: md(
        '`SHELL`은 메타데이터만 바꾸며 파일시스템 레이어를 만들지 않습니다.',
        '이후 셸 형식 `RUN`의 실제 실행 명령이 달라지므로 그 뒤 단계의 캐시가 무효가 됩니다. 셸 형식 `CMD`/`ENTRYPOINT`도 빌드할 때 그 시점의 셸로 감싸져 이미지에 저장됩니다.',
      ),
      en: md(
        '`SHELL` changes metadata only; no filesystem layer.',
        'Later shell-form `RUN` steps become different commands, so the cache of every following step is invalidated. Shell-form `CMD`/`ENTRYPOINT` are also wrapped with the shell in effect at build time and stored that way in the image.',
      ),
    },
    example: md(
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN wget -qO- https://wordpress.org/latest.tar.gz | tar xz -C /var/www/html',
    ),
    link: `${REF}#shell`,
  },
};
