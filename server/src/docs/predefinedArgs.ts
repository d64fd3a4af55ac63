import type { Msg } from '../../../common/src/i18n';
import type { PredefinedArgDoc } from './types';

/** Where Docker documents these ARGs. */
export const PREDEFINED_ARGS_LINK = 'https://docs.docker.com/reference/dockerfile/#predefined-args';
export const PLATFORM_ARGS_LINK = 'https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope';
export const BUILDKIT_ARGS_LINK = 'https://docs.docker.com/reference/dockerfile/#buildkit-built-in-build-args';

const GLOBAL_NOTE: Msg = {
  ko: '전역 범위(첫 `FROM` 앞)에만 자동으로 정의되므로 `FROM` 줄에서는 바로 쓸 수 있지만, 스테이지 안의 `RUN` 등에서 쓰려면 그 스테이지에 `ARG {name}`처럼 값 없이 선언해야 합니다. BuildKit에서만 제공됩니다.',
  en: 'Defined automatically only in the global scope (before the first `FROM`): usable on `FROM` lines right away, but to use it in `RUN` and other instructions inside a stage, declare `ARG {name}` there without a value. BuildKit only.',
};

const platform = (name: string, ko: string, en: string, example: string): PredefinedArgDoc => ({
  name,
  kind: 'platform',
  globalOnly: true,
  example,
  summary: {
    ko: `${ko} ${GLOBAL_NOTE.ko.replace('{name}', name)}`,
    en: `${en} ${GLOBAL_NOTE.en.replace('{name}', name)}`,
  },
});

const proxy = (name: string, ko: string, en: string, example: string): PredefinedArgDoc => ({
  name,
  kind: 'proxy',
  example,
  summary: {
    ko: `${ko} Dockerfile에 \`ARG\`로 선언하지 않아도 \`docker build --build-arg ${name}=…\`처럼 넘기면 \`RUN\` 명령의 환경에 들어갑니다. 인증 정보가 새지 않도록 기본적으로 \`docker history\`와 빌드 캐시 키에서 빠지며, 값이 바뀌어도 캐시가 깨지지 않습니다. Dockerfile에 \`ARG ${name}\`처럼 직접 선언하면 이 예외가 사라집니다.`,
    en: `${en} Passed with \`docker build --build-arg ${name}=…\`, it reaches the environment of \`RUN\` commands without an \`ARG\` line. To avoid leaking credentials it is left out of \`docker history\` and the cache key, so changing it does not break the cache. Declaring \`ARG ${name}\` in the Dockerfile removes that exception.`,
  },
});

const buildkit = (name: string, ko: string, en: string, example: string): PredefinedArgDoc => ({
  name,
  kind: 'buildkit',
  example,
  summary: { ko, en },
});

/** ARGs Docker and BuildKit define without an `ARG` instruction. Names are case-sensitive, as in Docker. */
export const PREDEFINED_ARGS: PredefinedArgDoc[] = [
  platform(
    'TARGETPLATFORM',
    '빌드 결과 이미지의 플랫폼입니다(`docker build --platform`으로 정하며, 없으면 빌드하는 머신과 같습니다).',
    'Platform of the build result (set with `docker build --platform`; defaults to the build machine\'s).',
    'linux/amd64',
  ),
  platform('TARGETOS', '`TARGETPLATFORM`의 OS 부분입니다.', 'OS component of `TARGETPLATFORM`.', 'linux'),
  platform('TARGETARCH', '`TARGETPLATFORM`의 아키텍처 부분입니다. 아키텍처별 바이너리를 받을 때 URL에 넣어 씁니다.', 'Architecture component of `TARGETPLATFORM`; handy in download URLs for per-architecture binaries.', 'amd64'),
  platform('TARGETVARIANT', '`TARGETPLATFORM`의 변형(variant) 부분입니다. `linux/arm/v7`의 `v7`처럼 변형이 있을 때만 값이 있고, amd64에서는 보통 비어 있습니다.', 'Variant component of `TARGETPLATFORM`. Only set when there is one, like `v7` in `linux/arm/v7`; usually empty on amd64.', 'v7'),
  platform('BUILDPLATFORM', '빌드를 실행하는 노드(머신)의 플랫폼입니다. `FROM --platform=$BUILDPLATFORM`처럼 써서 크로스 컴파일 스테이지를 네이티브로 돌릴 때 씁니다.', 'Platform of the node running the build. Used as `FROM --platform=$BUILDPLATFORM` to run a cross-compiling stage natively.', 'linux/amd64'),
  platform('BUILDOS', '`BUILDPLATFORM`의 OS 부분입니다.', 'OS component of `BUILDPLATFORM`.', 'linux'),
  platform('BUILDARCH', '`BUILDPLATFORM`의 아키텍처 부분입니다.', 'Architecture component of `BUILDPLATFORM`.', 'arm64'),
  platform('BUILDVARIANT', '`BUILDPLATFORM`의 변형(variant) 부분입니다. 변형이 없으면 비어 있습니다.', 'Variant component of `BUILDPLATFORM`; empty when there is none.', 'v8'),

  proxy('HTTP_PROXY', 'HTTP 요청에 쓸 프록시 주소입니다.', 'Proxy address for HTTP requests.', 'http://proxy.example.com:3128'),
  proxy('http_proxy', 'HTTP 요청에 쓸 프록시 주소의 소문자 이름입니다. `apt-get`, `wget`, `curl`은 주로 소문자 이름을 읽습니다.', 'Lower-case name of the HTTP proxy address; `apt-get`, `wget` and `curl` mostly read the lower-case one.', 'http://proxy.example.com:3128'),
  proxy('HTTPS_PROXY', 'HTTPS 요청에 쓸 프록시 주소입니다.', 'Proxy address for HTTPS requests.', 'http://proxy.example.com:3128'),
  proxy('https_proxy', 'HTTPS 요청에 쓸 프록시 주소의 소문자 이름입니다.', 'Lower-case name of the HTTPS proxy address.', 'http://proxy.example.com:3128'),
  proxy('FTP_PROXY', 'FTP 요청에 쓸 프록시 주소입니다.', 'Proxy address for FTP requests.', 'http://proxy.example.com:3128'),
  proxy('ftp_proxy', 'FTP 요청에 쓸 프록시 주소의 소문자 이름입니다.', 'Lower-case name of the FTP proxy address.', 'http://proxy.example.com:3128'),
  proxy('NO_PROXY', '프록시를 거치지 않을 호스트와 도메인 목록(쉼표로 구분)입니다.', 'Comma-separated hosts and domains that bypass the proxy.', 'localhost,127.0.0.1,.internal'),
  proxy('no_proxy', '프록시를 거치지 않을 호스트 목록의 소문자 이름입니다.', 'Lower-case name of the proxy bypass list.', 'localhost,127.0.0.1,.internal'),
  proxy('ALL_PROXY', '프로토콜에 상관없이 쓸 기본 프록시 주소입니다(SOCKS 프록시도 가능).', 'Default proxy for any protocol (SOCKS proxies too).', 'socks5://proxy.example.com:1080'),
  proxy('all_proxy', '프로토콜에 상관없이 쓸 기본 프록시 주소의 소문자 이름입니다.', 'Lower-case name of the default proxy for any protocol.', 'socks5://proxy.example.com:1080'),

  buildkit(
    'BUILDKIT_INLINE_CACHE',
    '`1`로 두면 캐시 메타데이터를 이미지 설정 안에 함께 넣어, 레지스트리에 푸시한 이미지를 다음 빌드에서 `--cache-from` 옵션으로 재사용할 수 있게 합니다. Docker에 통합된 BuildKit과 `docker buildx build`에서 쓰는 불리언 값입니다.',
    'When `1`, embeds cache metadata in the image config so a pushed image can be reused with `--cache-from` in later builds. A boolean for Docker-integrated BuildKit and `docker buildx build`.',
    '1',
  ),
  buildkit(
    'BUILDKIT_MULTI_PLATFORM',
    '`1`로 두면 플랫폼이 하나뿐이어도 멀티 플랫폼 이미지 형식으로 결과를 만들어, 출력 형식이 플랫폼 수에 따라 달라지지 않게 합니다.',
    'When `1`, produces multi-platform output even for a single platform, so the output format does not depend on how many platforms you build.',
    '1',
  ),
  buildkit(
    'BUILDKIT_SANDBOX_HOSTNAME',
    '빌드 중 `RUN` 단계에서 보이는 호스트 이름을 정합니다. 기본값은 `buildkitsandbox`입니다.',
    'Sets the hostname seen by `RUN` steps during the build. Default `buildkitsandbox`.',
    'ft-server-build',
  ),
  buildkit(
    'BUILDKIT_SYNTAX',
    '사용할 프런트엔드 이미지를 정합니다. `# syntax=` 지시어보다 우선하며, `dockerfile.v0` 값으로 두면 지시어를 무시하고 내장 프런트엔드를 씁니다.',
    'Sets the frontend image; it takes precedence over the `# syntax=` directive. `dockerfile.v0` ignores the directive and uses the built-in frontend.',
    'docker/dockerfile:1',
  ),
  buildkit(
    'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
    '빌드 컨텍스트가 Git 저장소일 때 `.git` 디렉터리를 남깁니다. 기본적으로는 빠지므로, 빌드 중에 `git rev-parse HEAD` 같은 정보를 읽으려면 `1`로 둡니다.',
    'Keeps the `.git` directory when the build context is a Git repository. It is dropped by default; set `1` to read information such as `git rev-parse HEAD` during the build.',
    '1',
  ),
  buildkit(
    'SOURCE_DATE_EPOCH',
    '이미지와 레이어에 기록할 생성 시각을 Unix 타임스탬프로 고정해 재현 가능한 빌드를 돕습니다. dockerfile 1.5, BuildKit 0.11부터 지원합니다.',
    'Fixes the creation time recorded for the image and layers as a Unix timestamp, for reproducible builds. Supported since dockerfile 1.5 and BuildKit 0.11.',
    '1700000000',
  ),
  buildkit(
    'BUILDKIT_CACHE_MOUNT_NS',
    '`RUN --mount=type=cache`의 캐시 ID 앞에 붙는 네임스페이스를 정해, 프로젝트끼리 캐시가 섞이지 않게 합니다.',
    'Sets a namespace for `RUN --mount=type=cache` IDs so that projects do not share caches by accident.',
    'ft_server',
  ),
  buildkit(
    'BUILDKIT_BUILD_NAME',
    '`docker buildx history` 명령과 Docker Desktop의 Builds 화면에 보일 빌드 이름을 바꿉니다.',
    'Overrides the build name shown by `docker buildx history` and in Docker Desktop\'s Builds view.',
    'ft_server',
  ),
  buildkit(
    'BUILDKIT_DOCKERFILE_CHECK',
    '`# check=` 지시어와 같은 형식으로 빌드 체크 동작을 빌드 명령에서 정합니다(예: `skip=all`, `error=true`). dockerfile 1.8부터 지원합니다.',
    'Configures build checks from the build command, in the same format as the `# check=` directive (e.g. `skip=all`, `error=true`). Supported since dockerfile 1.8.',
    'error=true',
  ),
  {
    name: 'TARGETSTAGE',
    kind: 'buildkit',
    globalOnly: true,
    example: 'final',
    summary: {
      ko: `이번 빌드의 (최종) 대상 스테이지 이름입니다. dockerfile 1.11에서 추가되었습니다. ${GLOBAL_NOTE.ko.replace('{name}', 'TARGETSTAGE')}`,
      en: `Name of the (final) target stage of this build. Added in dockerfile 1.11. ${GLOBAL_NOTE.en.replace('{name}', 'TARGETSTAGE')}`,
    },
  },
];
