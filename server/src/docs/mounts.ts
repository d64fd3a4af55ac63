import type { MountOptionDoc, MountTypeDoc } from './types';

const REF = 'https://docs.docker.com/reference/dockerfile/';

const target = (what: { ko: string; en: string }, required = true): MountOptionDoc => ({
  key: 'target',
  aliases: ['dst', 'destination'],
  syntax: 'target=<path>',
  doc: {
    ko: `${what.ko}${required ? ' 반드시 지정해야 합니다.' : ''} \`dst\`, \`destination\`도 같은 뜻입니다.`,
    en: `${what.en}${required ? ' Required.' : ''} \`dst\` and \`destination\` mean the same.`,
  },
});

const fileInfo = (
  mode: string,
  what: { ko: string; en: string },
): MountOptionDoc[] => [
  {
    key: 'mode',
    syntax: `mode=<octal>`,
    doc: {
      ko: `${what.ko}의 권한을 8진수로 정합니다. 기본값은 \`${mode}\`입니다.`,
      en: `File mode of the ${what.en}, in octal. Default \`${mode}\`.`,
    },
  },
  {
    key: 'uid',
    syntax: 'uid=<number>',
    doc: {
      ko: `${what.ko}의 소유자 UID입니다. 기본값은 \`0\`(root)이며 이름이 아닌 숫자만 받습니다.`,
      en: `Owner UID of the ${what.en}. Default \`0\` (root); numbers only, not names.`,
    },
  },
  {
    key: 'gid',
    syntax: 'gid=<number>',
    doc: {
      ko: `${what.ko}의 소유 그룹 GID입니다. 기본값은 \`0\`이며 숫자만 받습니다.`,
      en: `Owner GID of the ${what.en}. Default \`0\`; numbers only.`,
    },
  },
];

/** `RUN --mount=type=…` kinds and every key BuildKit's Dockerfile frontend accepts for each. */
export const MOUNT_TYPES: MountTypeDoc[] = [
  {
    type: 'bind',
    summary: {
      ko: '빌드 컨텍스트나 다른 스테이지, 이미지의 파일을 이 `RUN` 동안만 읽기 전용으로 연결합니다. `COPY`와 달리 파일이 레이어에 남지 않아, 설치 스크립트나 큰 아카이브를 한 번만 쓰고 버릴 때 좋습니다. `type` 값을 생략하면 이 종류가 됩니다.',
      en: 'Binds files from the build context, another stage or an image, read-only, for the duration of this `RUN`. Unlike `COPY`, nothing stays in a layer, which suits install scripts or big archives used once. This is the type when `type` is omitted.',
    },
    example: 'RUN --mount=type=bind,source=srcs/setup.sh,target=/tmp/setup.sh bash /tmp/setup.sh',
    options: [
      target({ ko: '컨테이너 안에서 마운트할 경로입니다.', en: 'Mount path inside the build container.' }),
      {
        key: 'source',
        aliases: ['src'],
        syntax: 'source=<path>',
        doc: {
          ko: '`from` 안에서 가져올 경로입니다. 기본값은 `from`의 루트(빌드 컨텍스트라면 컨텍스트 최상위)입니다. 키 이름은 `src`처럼 줄여 써도 됩니다.',
          en: 'Path inside `from` to mount. Defaults to the root of `from` (the top of the build context by default). `src` also works.',
        },
      },
      {
        key: 'from',
        syntax: 'from=<stage|image|context>',
        doc: {
          ko: '소스의 루트로 쓸 빌드 스테이지 이름, 이미지, 이름 있는 컨텍스트입니다. 기본값은 빌드 컨텍스트입니다. 이 값에는 변수 치환이 되지 않습니다.',
          en: 'Build stage, image or named context used as the root of the source. Defaults to the build context. This value is not variable-expanded.',
        },
      },
      {
        key: 'rw',
        aliases: ['readwrite'],
        syntax: 'rw[=true]',
        doc: {
          ko: '마운트에 쓰기를 허용합니다. 쓴 내용은 `RUN`이 끝나면 버려지며 이미지 레이어에도, 원본 컨텍스트에도 반영되지 않습니다. `readwrite`도 같은 뜻입니다.',
          en: 'Allows writes to the mount. What is written is discarded when the `RUN` finishes; it reaches neither the image layer nor the original context. `readwrite` is the same.',
        },
      },
    ],
    link: `${REF}#run---mounttypebind`,
  },
  {
    type: 'cache',
    summary: {
      ko: '패키지 관리자나 컴파일러의 캐시 디렉터리를 빌드와 빌드 사이에 유지합니다. 내용이 바뀌어도 명령어 캐시는 깨지지 않고, 결과 레이어에도 들어가지 않습니다. 성능을 위한 것일 뿐이므로, 캐시가 비어 있거나 다른 빌드가 덮어써도 빌드가 되도록 작성해야 합니다.',
      en: 'Keeps a cache directory of a package manager or compiler between builds. Its contents neither invalidate the instruction cache nor go into the layer. It is purely for speed: the build must work with an empty cache or one another build overwrote.',
    },
    example: [
      'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
      '    apt-get update && apt-get install -y --no-install-recommends nginx',
    ].join('\n'),
    options: [
      {
        key: 'id',
        syntax: 'id=<name>',
        doc: {
          ko: '캐시를 구분하는 이름입니다. 기본값은 `target` 값이라서, 같은 경로를 마운트하는 단계끼리는 같은 캐시를 나눠 씁니다.',
          en: 'Name that identifies the cache. Defaults to the `target` value, so steps mounting the same path share one cache.',
        },
      },
      target({ ko: '캐시를 마운트할 경로입니다.', en: 'Path to mount the cache at.' }),
      {
        key: 'ro',
        aliases: ['readonly'],
        syntax: 'ro[=true]',
        doc: {
          ko: '지정하면 읽기 전용으로 마운트합니다. 기본은 읽기/쓰기입니다. `readonly`도 같은 뜻입니다.',
          en: 'Mounts read-only when set; the default is read-write. `readonly` is the same.',
        },
      },
      {
        key: 'sharing',
        syntax: 'sharing=<shared|private|locked>',
        doc: {
          ko: '여러 빌드가 동시에 같은 캐시를 쓸 때의 동작입니다. 기본값인 `shared`에서는 여러 빌드가 같은 캐시를 함께 씁니다. `private`에서는 이미 쓰는 빌드가 있으면 새 캐시를 만들고, `locked`에서는 앞서 쓰는 빌드가 끝날 때까지 기다립니다. apt는 캐시를 혼자 써야 하므로 `locked` 모드가 맞습니다.',
          en: 'Behaviour when several builds use the cache at once. `shared` (default) lets them write concurrently; `private` creates a new cache if it is in use; `locked` waits until the first user releases it. apt needs exclusive access, so use `locked` for it.',
        },
      },
      {
        key: 'from',
        syntax: 'from=<stage|image|context>',
        doc: {
          ko: '캐시의 초기 내용으로 쓸 빌드 스테이지, 이미지, 컨텍스트입니다. 기본값은 빈 디렉터리입니다.',
          en: 'Build stage, image or context used as the cache\'s initial content. Defaults to an empty directory.',
        },
      },
      {
        key: 'source',
        aliases: ['src'],
        syntax: 'source=<path>',
        doc: {
          ko: '`from` 안에서 마운트할 하위 경로입니다. 기본값은 `from`의 루트입니다.',
          en: 'Subpath of `from` to mount. Defaults to the root of `from`.',
        },
      },
      ...fileInfo('0755', { ko: '새로 만드는 캐시 디렉터리', en: 'new cache directory' }),
    ],
    link: `${REF}#run---mounttypecache`,
  },
  {
    type: 'tmpfs',
    summary: {
      ko: '이 `RUN` 동안만 존재하는 메모리 기반 파일시스템(tmpfs)을 마운트합니다. 임시 파일이 레이어에 남지 않고 디스크에도 쓰이지 않습니다.',
      en: 'Mounts an in-memory filesystem (tmpfs) that exists only during this `RUN`. Scratch files neither stay in a layer nor touch the disk.',
    },
    example: 'RUN --mount=type=tmpfs,target=/tmp,size=256m cd /tmp && wget -q https://wordpress.org/latest.tar.gz && tar xzf latest.tar.gz -C /var/www/html',
    options: [
      target({ ko: 'tmpfs를 마운트할 경로입니다.', en: 'Path to mount the tmpfs at.' }),
      {
        key: 'size',
        syntax: 'size=<bytes>',
        doc: {
          ko: '파일시스템 크기의 상한입니다. `64m`, `1g`처럼 단위를 붙여 쓸 수 있습니다.',
          en: 'Upper limit on the filesystem size. Units such as `64m` or `1g` are accepted.',
        },
      },
    ],
    link: `${REF}#run---mounttypetmpfs`,
  },
  {
    type: 'secret',
    summary: {
      ko: '`docker build --secret`으로 넘긴 비밀 값(토큰, 비밀번호, 키)을 이미지나 빌드 캐시에 남기지 않고 이 `RUN`에서만 읽게 합니다. 기본적으로 `/run/secrets/<id>` 파일로 마운트되며, dockerfile 1.10부터는 환경 변수로도 줄 수 있습니다. `ARG`나 `ENV`로 비밀을 넘기면 `docker history`에 남으므로 이 방법을 써야 합니다.',
      en: 'Lets this `RUN` read a secret (token, password, key) passed with `docker build --secret` without leaving it in the image or build cache. By default it is a file at `/run/secrets/<id>`; since dockerfile 1.10 it can also be an environment variable. Secrets passed through `ARG` or `ENV` end up in `docker history`, so use this instead.',
    },
    example: [
      '# docker build --secret id=db_password,src=./secrets/db_password.txt .',
      'RUN --mount=type=secret,id=db_password \\',
      '    service mysql start && mysql -e "CREATE USER \'wp\'@\'localhost\' IDENTIFIED BY \'$(cat /run/secrets/db_password)\';"',
    ].join('\n'),
    options: [
      {
        key: 'id',
        syntax: 'id=<name>',
        doc: {
          ko: '비밀의 ID로, `docker build --secret id=…`에 준 이름과 같아야 합니다. 생략하면 `target` 경로의 파일 이름을 씁니다.',
          en: 'ID of the secret; must match the name given to `docker build --secret id=…`. Defaults to the base name of the `target` path.',
        },
      },
      target(
        {
          ko: '비밀을 파일로 마운트할 경로입니다. `target`, `env` 옵션을 모두 생략하면 `/run/secrets/<id>` 경로에 마운트됩니다.',
          en: 'Path to mount the secret file at. If both `target` and `env` are omitted, it is `/run/secrets/<id>`.',
        },
        false,
      ),
      {
        key: 'env',
        syntax: 'env=<VARIABLE>',
        doc: {
          ko: '비밀을 파일 대신(또는 `target` 경로와 함께) 이 이름의 환경 변수로 넘깁니다. dockerfile 1.10 이상이 필요합니다.',
          en: 'Exposes the secret as this environment variable instead of a file (or in addition to `target`). Needs dockerfile 1.10 or later.',
        },
      },
      {
        key: 'required',
        syntax: 'required[=true]',
        doc: {
          ko: '`true`로 두면 비밀이 주어지지 않았을 때 이 명령이 오류로 끝납니다. 기본값은 `false`이므로, 비밀이 없으면 조용히 빈 채로 진행합니다.',
          en: 'When `true`, the instruction fails if the secret is not provided. Defaults to `false`, which carries on silently without it.',
        },
      },
      ...fileInfo('0400', { ko: '비밀 파일', en: 'secret file' }),
    ],
    link: `${REF}#run---mounttypesecret`,
  },
  {
    type: 'ssh',
    summary: {
      ko: '호스트의 SSH 에이전트 소켓을 이 `RUN`에 연결해, 개인 키를 이미지에 넣지 않고 비공개 Git 저장소 등에 접속하게 합니다. 빌드할 때 `docker build --ssh default`처럼 에이전트를 넘겨야 합니다.',
      en: 'Connects the host\'s SSH agent socket to this `RUN`, so it can reach private Git repositories and the like without putting a private key in the image. Pass the agent with `docker build --ssh default`.',
    },
    example: [
      'RUN apt-get update && apt-get install -y openssh-client git \\',
      ' && mkdir -p -m 0700 ~/.ssh && ssh-keyscan github.com >> ~/.ssh/known_hosts',
      'RUN --mount=type=ssh git clone git@github.com:student/ft_server-theme.git /var/www/html/wordpress/wp-content/themes/custom',
    ].join('\n'),
    options: [
      {
        key: 'id',
        syntax: 'id=<name>',
        doc: {
          ko: 'SSH 에이전트 소켓이나 키의 ID입니다. 기본값은 `default`이고, `docker build --ssh default`에 대응합니다.',
          en: 'ID of the SSH agent socket or key. Defaults to `default`, matching `docker build --ssh default`.',
        },
      },
      target(
        {
          ko: 'SSH 에이전트 소켓을 둘 경로입니다. 기본값은 `/run/buildkit/ssh_agent.${N}`이며, 환경 변수 `SSH_AUTH_SOCK`에 이 경로가 설정됩니다.',
          en: 'Path of the SSH agent socket. Defaults to `/run/buildkit/ssh_agent.${N}`, and `SSH_AUTH_SOCK` is set to point at it.',
        },
        false,
      ),
      {
        key: 'required',
        syntax: 'required[=true]',
        doc: {
          ko: '`true`로 두면 키(에이전트)가 없을 때 이 명령이 오류로 끝납니다. 기본값은 `false`입니다.',
          en: 'When `true`, the instruction fails if the key (agent) is not available. Defaults to `false`.',
        },
      },
      ...fileInfo('0600', { ko: '소켓', en: 'socket' }),
    ],
    link: `${REF}#run---mounttypessh`,
  },
];
