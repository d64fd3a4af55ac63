import type { ValidatorMessageDoc } from './types';

/**
 * Every message template of dockerfile-utils 0.16.3 (`Validator.dockerProblems` in lib/dockerValidator.js), in table order.
 * `en` is the template exactly as dockerfile-utils writes it (used to recognise and re-render its diagnostics);
 * `ko` keeps the same `${0}`/`${1}` placeholders. dockerValidator.js builds every diagnostic from this table
 * (its only `message:` is the generic one in createDiagnostic), so there are no messages outside it.
 * Note: `invalidDestination` gets "ADD" or "COPY" as `${0}`; `instructionRequiresAtLeastTwoArguments` "ADD"/"COPY";
 * `instructionRequiresAtLeastOneArgument` "HEALTHCHECK"; `instructionRequiresTwoArguments` "ENV";
 * `instructionUnnecessaryArgument` "HEALTHCHECK NONE".
 */
export const VALIDATOR_MESSAGES: ValidatorMessageDoc[] = [
  {
    key: "baseNameEmpty",
    en: "base name (${0}) should not be blank",
    ko: "베이스 이미지 이름(${0})이 비어 있으면 안 됩니다",
  },
  {
    key: "directiveCasing",
    en: "Parser directives should be written in lowercase letters",
    ko: "파서 지시어는 소문자로 써야 합니다",
  },
  {
    key: "directiveEscapeDuplicated",
    en: "only one escape parser directive can be used",
    ko: "escape 파서 지시어는 한 번만 쓸 수 있습니다",
  },
  {
    key: "directiveEscapeInvalid",
    en: "invalid ESCAPE '${0}'. Must be ` or \\",
    ko: "'${0}' 문자는 escape 문자로 쓸 수 없습니다. ` 또는 \\만 쓸 수 있습니다",
  },
  {
    key: "noSourceImage",
    en: "No source image provided with `FROM`",
    ko: "`FROM`에 베이스 이미지가 지정되지 않았습니다",
  },
  {
    key: "emptyContinuationLine",
    en: "Empty continuation line",
    ko: "줄 이어쓰기 중간에 빈 줄이 있습니다",
  },
  {
    key: "fromRequiresOneOrThreeArguments",
    en: "FROM requires either one or three arguments",
    ko: "FROM에는 인자가 한 개(이미지) 또는 세 개(이미지 AS 이름)여야 합니다",
  },
  {
    key: "invalidAs",
    en: "Second argument should be AS",
    ko: "두 번째 인자는 AS여야 합니다",
  },
  {
    key: "invalidPort",
    en: "Invalid containerPort: ${0}",
    ko: "잘못된 컨테이너 포트입니다: ${0}",
  },
  {
    key: "invalidProtocol",
    en: "Invalid proto: ${0}",
    ko: "잘못된 프로토콜입니다: ${0}",
  },
  {
    key: "invalidReferenceFormat",
    en: "invalid reference format",
    ko: "이미지 참조 형식이 올바르지 않습니다",
  },
  {
    key: "invalidStopSignal",
    en: "Invalid signal: ${0}",
    ko: "잘못된 시그널입니다: ${0}",
  },
  {
    key: "invalidSyntax",
    en: "parsing \"${0}\": invalid syntax",
    ko: "\"${0}\" 값을 해석할 수 없습니다: 문법이 올바르지 않습니다",
  },
  {
    key: "invalidDestination",
    en: "When using ${0} with more than one source file, the destination must be a directory and end with a / or a \\",
    ko: "${0}에 소스 파일을 여러 개 지정하면 대상은 디렉터리여야 하고 / 또는 \\로 끝나야 합니다",
  },
  {
    key: "syntaxMissingEquals",
    en: "Syntax error - can't find = in \"${0}\". Must be of the form: name=value",
    ko: "문법 오류: \"${0}\"에 =가 없습니다. name=value 형식으로 써야 합니다",
  },
  {
    key: "syntaxMissingNames",
    en: "${0} names cannot be blank",
    ko: "${0}의 변수 이름이 비어 있습니다",
  },
  {
    key: "syntaxMissingSingleQuote",
    en: "failed to process \"${0}\": unexpected end of statement while looking for matching single-quote",
    ko: "닫는 작은따옴표가 없습니다: ${0}",
  },
  {
    key: "syntaxMissingDoubleQuote",
    en: "failed to process \"${0}\": unexpected end of statement while looking for matching double-quote",
    ko: "닫는 큰따옴표가 없습니다: ${0}",
  },
  {
    key: "duplicateBuildStageName",
    en: "duplicate name ${0}",
    ko: "스테이지 이름이 중복되었습니다: ${0}",
  },
  {
    key: "invalidBuildStageName",
    en: "invalid name for build stage: \"${0}\", name can't start with a number or contain symbols",
    ko: "빌드 스테이지 이름이 올바르지 않습니다: \"${0}\". 이름은 숫자로 시작할 수 없고 기호를 넣을 수 없습니다",
  },
  {
    key: "flagAtLeastOne",
    en: "${0} must be at least 1 (not ${1})",
    ko: "${0} 값은 1 이상이어야 합니다(현재 값: ${1})",
  },
  {
    key: "flagDuplicate",
    en: "Duplicate flag specified: ${0}",
    ko: "같은 플래그가 두 번 지정되었습니다: ${0}",
  },
  {
    key: "flagInvalidDuration",
    en: "time: invalid duration ${0}",
    ko: "시간 값이 올바르지 않습니다: ${0}",
  },
  {
    key: "flagInvalidFrom",
    en: "invalid from flag value ${0}: invalid reference format",
    ko: "from 플래그 값이 올바른 이미지 참조가 아닙니다: ${0}",
  },
  {
    key: "flagExpectedBooleanValue",
    en: "expecting boolean value for flag ${0}, not: ${1}",
    ko: "플래그 ${0}에는 불리언 값(true/false)이 와야 합니다. 현재 값: ${1}",
  },
  {
    key: "flagLessThan1ms",
    en: "Interval \"${0}\" cannot be less than 1ms",
    ko: "--${0} 값은 1ms보다 짧을 수 없습니다",
  },
  {
    key: "flagMissingDuration",
    en: "time: missing unit in duration ${0}",
    ko: "시간 값 ${0}에 단위가 없습니다(예: 30s, 5m)",
  },
  {
    key: "flagMissingValue",
    en: "Missing a value on flag: ${0}",
    ko: "플래그에 값이 없습니다: ${0}",
  },
  {
    key: "flagUnknown",
    en: "Unknown flag: ${0}",
    ko: "알 수 없는 플래그입니다: ${0}",
  },
  {
    key: "flagUnknownUnit",
    en: "time: unknown unit ${0} in duration ${1}",
    ko: "시간 값 ${1}에 알 수 없는 단위가 있습니다: ${0}",
  },
  {
    key: "instructionExtraArgument",
    en: "Instruction has an extra argument",
    ko: "명령어에 불필요한 인자가 있습니다",
  },
  {
    key: "instructionMissingArgument",
    en: "Instruction has no arguments",
    ko: "명령어에 인자가 없습니다",
  },
  {
    key: "instructionMultiple",
    en: "There can only be one ${0} instruction in a Dockerfile or build stage. Only the last one will have an effect.",
    ko: "Dockerfile이나 빌드 스테이지에 ${0} 명령어가 여러 개 있으면 마지막 것만 적용됩니다.",
  },
  {
    key: "instructionRequiresOneArgument",
    en: "${0} requires exactly one argument",
    ko: "${0}에는 인자가 정확히 하나 있어야 합니다",
  },
  {
    key: "instructionRequiresAtLeastOneArgument",
    en: "${0} requires at least one argument",
    ko: "${0}에는 인자가 하나 이상 있어야 합니다",
  },
  {
    key: "instructionRequiresAtLeastTwoArguments",
    en: "${0} requires at least two arguments",
    ko: "${0}에는 인자가 두 개 이상 있어야 합니다",
  },
  {
    key: "instructionRequiresTwoArguments",
    en: "${0} must have two arguments",
    ko: "${0}에는 인자가 두 개 있어야 합니다",
  },
  {
    key: "instructionUnnecessaryArgument",
    en: "${0} takes no arguments",
    ko: "${0}에는 인자를 쓰지 않습니다",
  },
  {
    key: "instructionUnknown",
    en: "Unknown instruction: ${0}",
    ko: "알 수 없는 명령어입니다: ${0}",
  },
  {
    key: "instructionCasing",
    en: "Instructions should be written in uppercase letters",
    ko: "명령어는 대문자로 써야 합니다",
  },
  {
    key: "instructionJSONInSingleQuotes",
    en: "Instruction written as a JSON array but is using single quotes instead of double quotes",
    ko: "JSON 배열에 큰따옴표 대신 작은따옴표를 썼습니다. 이대로는 exec 형식이 아니라 셸 형식으로 처리됩니다",
  },
  {
    key: "variableModifierUnsupported",
    en: "failed to process \"${0}\": unsupported modifier (${1}) in substitution",
    ko: "\"${0}\"의 변수 치환에 지원하지 않는 수식어(${1})가 있습니다",
  },
  {
    key: "onbuildChainingDisallowed",
    en: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
    ko: "`ONBUILD ONBUILD`처럼 ONBUILD를 연달아 쓸 수 없습니다",
  },
  {
    key: "onbuildTriggerDisallowed",
    en: "${0} isn't allowed as an ONBUILD trigger",
    ko: "${0} 명령어는 ONBUILD 트리거로 쓸 수 없습니다",
  },
  {
    key: "shellJsonForm",
    en: "SHELL requires the arguments to be in JSON form",
    ko: "SHELL의 인자는 JSON 배열 형식이어야 합니다",
  },
  {
    key: "shellRequiresOne",
    en: "SHELL requires at least one argument",
    ko: "SHELL에는 인자가 하나 이상 있어야 합니다",
  },
  {
    key: "deprecatedMaintainer",
    en: "MAINTAINER has been deprecated",
    ko: "MAINTAINER는 폐기(deprecated)되었습니다. 대신 LABEL을 쓰는 것이 좋습니다",
  },
  {
    key: "healthcheckCmdArgumentMissing",
    en: "Missing command after HEALTHCHECK CMD",
    ko: "HEALTHCHECK CMD 뒤에 실행할 명령이 없습니다",
  },
  {
    key: "healthcheckTypeUnknown",
    en: "Unknown type\"${0}\" in HEALTHCHECK (try CMD)",
    ko: "HEALTHCHECK에 알 수 없는 종류가 있습니다: \"${0}\" (CMD를 쓰세요)",
  },
  {
    key: "workdirPathNotAbsolute",
    en: "WORKDIR paths should be absolute",
    ko: "WORKDIR 경로는 절대 경로로 써야 합니다",
  },
];
