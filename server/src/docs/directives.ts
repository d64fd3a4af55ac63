import type { DirectiveDoc } from './types';

const md = (...lines: string[]): string => lines.join('\n');
const REF = 'https://docs.docker.com/reference/dockerfile/';

/** Parser directives: `# name=value` comments at the very top of a Dockerfile. */
export const DIRECTIVES: DirectiveDoc[] = [
  {
    name: 'syntax',
    syntax: '# syntax=<frontend image>',
    summary: {
      ko: '이 Dockerfile을 해석할 Dockerfile 프런트엔드(문법 버전)를 지정합니다. 대부분은 `# syntax=docker/dockerfile:1`을 쓰면 되고, 그러면 빌드 전에 1.x의 최신 안정 버전을 받아 씁니다.',
      en: 'Selects the Dockerfile frontend (syntax version) that parses this file. Most people want `# syntax=docker/dockerfile:1`, which pulls the latest stable 1.x before the build.',
    },
    details: {
      ko: md(
        '지정하지 않으면 BuildKit(Docker Engine)에 내장된 프런트엔드를 쓰므로, 엔진이 오래되면 `COPY --parents`, `ADD --unpack` 같은 새 플래그를 모를 수 있습니다. 이 지시어를 쓰면 Docker를 업그레이드하지 않고도 새 문법을 쓸 수 있습니다.',
        '',
        '- `docker/dockerfile:1`: 1.x 최신 안정 버전',
        '- `docker/dockerfile:1.7`: 1.7.x로 고정(재현 가능한 빌드, `check=error=true` 설정과 함께 쓸 때 권장)',
        '- `docker/dockerfile:1-labs`: 아직 안정 채널에 들어가지 않은 실험 기능 포함',
        '',
        '프런트엔드 이미지를 레지스트리에서 받아야 하므로, 오프라인 환경에서는 빌드가 실패할 수 있습니다. 파서 지시어는 첫 명령어, 주석, 빈 줄보다 앞에 있어야 하며 그 뒤에 쓰면 그냥 주석으로 취급됩니다.',
      ),
      en: md(
        'Without it, the frontend built into BuildKit (Docker Engine) is used, and an old engine may not know newer flags such as `COPY --parents` or `ADD --unpack`. With it you get new syntax without upgrading Docker.',
        '',
        '- `docker/dockerfile:1`: latest stable 1.x',
        '- `docker/dockerfile:1.7`: pinned to 1.7.x (repeatable builds; recommended with `check=error=true`)',
        '- `docker/dockerfile:1-labs`: includes experimental features not yet in the stable channel',
        '',
        'The frontend image is pulled from a registry, so an offline build can fail. Parser directives must come before the first instruction, comment or blank line; written later they are plain comments.',
      ),
    },
    example: md('# syntax=docker/dockerfile:1', '', 'FROM debian:bookworm'),
    link: `${REF}#syntax`,
  },
  {
    name: 'escape',
    syntax: '# escape=<\\ or `>',
    summary: {
      ko: 'Dockerfile에서 이스케이프와 줄 이어쓰기에 쓸 문자를 정합니다. 기본값은 `\\`이고, 바꿀 수 있는 값은 `` ` ``(백틱)뿐입니다.',
      en: 'Sets the character used for escaping and line continuation in the Dockerfile. The default is `\\`; the only alternative is `` ` `` (backtick).',
    },
    details: {
      ko: md(
        '주로 `\\`가 경로 구분자인 Windows 컨테이너에서 `# escape=` `` ` ``처럼 백틱으로 바꿔 씁니다. Linux 이미지에서는 바꿀 이유가 거의 없습니다.',
        '지시어와 상관없이 `RUN` 명령 안의 이스케이프는 줄 끝을 제외하면 빌더가 처리하지 않고 셸에 그대로 넘깁니다.',
        '한 파일에 한 번만 쓸 수 있고, 다른 파서 지시어와 마찬가지로 파일 맨 위에 있어야 합니다.',
      ),
      en: md(
        'Mostly used as `# escape=` `` ` `` for Windows containers, where `\\` is the path separator. Linux images rarely need it.',
        'Regardless of this directive, escapes inside a `RUN` command are left to the shell, except at the end of a line.',
        'It may appear only once per file and, like every parser directive, must be at the very top.',
      ),
    },
    example: md('# escape=`', '', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'COPY testfile.txt c:\\', 'RUN dir c:\\'),
    link: `${REF}#escape`,
  },
  {
    name: 'check',
    syntax: '# check=skip=<checks|all>;error=<boolean>',
    summary: {
      ko: 'BuildKit의 빌드 체크(Dockerfile 모범 사례 검사)를 어떻게 적용할지 정합니다. 특정 체크를 끄거나(`skip`), 경고가 있으면 빌드를 실패시킬(`error=true`) 수 있습니다. dockerfile 1.8부터 지원합니다.',
      en: 'Configures BuildKit\'s build checks (Dockerfile best-practice rules): skip some (`skip`) or make warnings fail the build (`error=true`). Supported since dockerfile 1.8.',
    },
    details: {
      ko: md(
        '기본적으로 모든 체크가 실행되고 위반은 경고로만 표시되며 빌드는 성공합니다.',
        '',
        '- `# check=skip=JSONArgsRecommended,StageNameCasing`: 쉼표로 구분한 체크를 건너뜁니다. 체크 이름은 PascalCase 그대로 써야 합니다.',
        '- `# check=skip=all`: 모든 체크를 끕니다.',
        '- `# check=error=true`: 체크 위반이 있으면 빌드를 실패시킵니다.',
        '- `# check=skip=JSONArgsRecommended;error=true`: 두 옵션은 세미콜론으로 함께 씁니다.',
        '',
        '`error=true` 설정을 쓸 때는 `# syntax=docker/dockerfile:1.x`로 버전을 고정하는 것이 좋습니다. 그렇지 않으면 새 버전에 체크가 추가될 때 갑자기 빌드가 깨질 수 있습니다. `docker build --check .` 명령으로 빌드 없이 체크만 돌릴 수 있습니다.',
      ),
      en: md(
        'By default every check runs, violations are shown as warnings, and the build still succeeds.',
        '',
        '- `# check=skip=JSONArgsRecommended,StageNameCasing`: skip the comma-separated checks. Names must keep their PascalCase.',
        '- `# check=skip=all`: turn all checks off.',
        '- `# check=error=true`: fail the build on any check violation.',
        '- `# check=skip=JSONArgsRecommended;error=true`: combine both with a semicolon.',
        '',
        'With `error=true`, pin the syntax (`# syntax=docker/dockerfile:1.x`); otherwise checks added in a new version can suddenly break the build. `docker build --check .` runs only the checks, without building.',
      ),
    },
    example: md('# syntax=docker/dockerfile:1', '# check=skip=JSONArgsRecommended;error=true', '', 'FROM debian:bookworm'),
    link: `${REF}#check`,
  },
];
