import type { Msg } from '../../../common/src/i18n';

/** The CLI's own words, in both languages. */
export const CLI = {
  usage: {
    ko: `사용법:
  dockerfile-guide check [--lang ko|en|both] [--format text|json|sarif] [--rule ID=off|hint|info|warning|error]... 파일|폴더...
    (폴더를 주면 그 아래의 Dockerfile, Dockerfile.*, *.dockerfile, Containerfile을 모두 찾아 검사합니다)
  dockerfile-guide explain 파일 [--stage 이름] [--lang ko|en|both] [--format text|json] [--no-engine]
  dockerfile-guide new-stack 폴더 [--debian bookworm|buster] [--lang ko|en] [--site 이름] [--source debian|upstream] [--no-phpmyadmin] [--force]
  dockerfile-guide doctor 폴더|Dockerfile [--tag 태그 | --image 이미지 --no-build] [--watch 초] [--lang ko|en|both] [--format text|json]
    (빌드하고 실행해서 지켜본 뒤 종료 이유와 docker stop 결과를 알려 줍니다. 0 모두 통과, 1 실패한 점검이 있음, 2 잘못된 사용법이나 엔진 없음)
  dockerfile-guide layers 이미지 [--dockerfile 파일] [--lang ko|en|both] [--format text|json]
    (레이어마다 크기, 만든 Dockerfile 줄, 큰 파일, 뒤 레이어가 지워 낭비되는 크기를 보여 줍니다)
  dockerfile-guide --version
    (버전을 출력합니다. 편집기용 언어 서버는 dockerfile-guide-server --stdio로 실행합니다)

종료 코드: 0 오류 없음, 1 오류가 하나 이상 있음, 2 잘못된 사용법이나 읽을 수 없는 파일`,
    en: `Usage:
  dockerfile-guide check [--lang ko|en|both] [--format text|json|sarif] [--rule ID=off|hint|info|warning|error]... FILE|DIR...
    (a DIR is searched recursively for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile)
  dockerfile-guide explain FILE [--stage NAME] [--lang ko|en|both] [--format text|json] [--no-engine]
  dockerfile-guide new-stack DIR [--debian bookworm|buster] [--lang ko|en] [--site NAME] [--source debian|upstream] [--no-phpmyadmin] [--force]
  dockerfile-guide doctor DIR|DOCKERFILE [--tag T | --image T --no-build] [--watch SECONDS] [--lang ko|en|both] [--format text|json]
    (builds, runs and watches the image, then says why it exited or how docker stop went; 0 all passed, 1 a check failed, 2 bad usage or no engine)
  dockerfile-guide layers IMAGE [--dockerfile FILE] [--lang ko|en|both] [--format text|json]
    (each layer's size, the Dockerfile line that made it, its biggest files, and the bytes later layers waste)
  dockerfile-guide --version
    (prints the version; the language server for editors is dockerfile-guide-server --stdio)

Exit codes: 0 no errors, 1 at least one error, 2 bad usage or an unreadable file`,
  } as Msg,
  unknownCommand: { ko: '알 수 없는 명령입니다: {0}', en: 'Unknown command: {0}' } as Msg,
  unknownOption: { ko: '알 수 없는 옵션입니다: {0}', en: 'Unknown option: {0}' } as Msg,
  missingValue: { ko: '{0} 옵션에 값이 필요합니다.', en: 'Option {0} needs a value.' } as Msg,
  badValue: { ko: '{0} 옵션의 값이 올바르지 않습니다: {1} (가능한 값: {2})', en: 'Bad value for {0}: {1} (expected one of: {2})' } as Msg,
  badRule: { ko: '--rule 값은 ID=심각도 형식이어야 합니다(예: DL3008=off): {0}', en: '--rule takes ID=severity (e.g. DL3008=off): {0}' } as Msg,
  noFiles: { ko: '검사할 파일을 하나 이상 지정해 주세요.', en: 'Give at least one file to check.' } as Msg,
  unreadable: { ko: '파일을 읽을 수 없습니다: {0} ({1})', en: 'Cannot read file: {0} ({1})' } as Msg,
  isDirectory: { ko: '폴더는 검사할 수 없습니다. 폴더 안의 Dockerfile을 지정해 주세요: {0}', en: 'Cannot check a folder; name the Dockerfile inside it: {0}' } as Msg,
  noDockerfiles: { ko: '폴더 안에 Dockerfile이 없습니다: {0}', en: 'No Dockerfile found in folder: {0}' } as Msg,
  binary: { ko: '텍스트 파일이 아니라서 검사하지 않았습니다: {0}', en: 'Not a text file, so it was not checked: {0}' } as Msg,
  summary: { ko: '파일 {0}개 검사: 오류 {1}개, 경고 {2}개, 정보 {3}개, 힌트 {4}개', en: '{0} file(s) checked: {1} error(s), {2} warning(s), {3} info, {4} hint(s)' } as Msg,
  crashed: { ko: '검사 중 예기치 않은 오류가 났습니다: {0} ({1})', en: 'Unexpected failure while checking {0} ({1})' } as Msg,
};

/** Severity words of the text format (check.ts `severityWord`). */
export const SEVERITY: Record<'error' | 'warning' | 'info' | 'hint', Msg> = {
  error: { ko: '오류', en: 'error' },
  warning: { ko: '경고', en: 'warning' },
  info: { ko: '정보', en: 'info' },
  hint: { ko: '힌트', en: 'hint' },
};
