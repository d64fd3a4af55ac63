/**
 * UndefinedVar: `$NAME` in an instruction the builder expands itself (COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER,
 * EXPOSE, VOLUME, STOPSIGNAL) with no ARG or ENV in scope. RUN, CMD and ENTRYPOINT are left alone: their `$` is for
 * the shell, at run time, where the base image's environment applies.
 *
 * Scope follows BuildKit: a stage sees its own ARG/ENV above the line and the ARG/ENV of the stage it is built FROM; a
 * global ARG (before the first FROM) and the predefined platform ARGs need `ARG NAME` inside the stage.
 *
 * We cannot see the base image's ENV (golang sets GOPATH, php sets PHP_INI_DIR, …): the local engine's answers
 * (service/baseImages.ts) carry its Entrypoint, Cmd and Shell, not its Env. So an unknown name is reported as
 * undefined, at the rule's severity, only when we can tell: the stage starts from an image known to set nothing but
 * PATH (scratch, debian, ubuntu, alpine, busybox), the name is a global or platform ARG not redeclared, or it is one
 * letter away from a name that is in scope (a typo). On any other base it is reported as "may be undefined", at most
 * at info (Finding.atMost), naming the base image: the build turns it into an empty string unless that image sets it.
 * `${NAME:-x}`-style references, names inside single quotes and heredoc bodies, and the usual environment names
 * (PATH, HOME, HOSTNAME, …) are never reported.
 *
 * `$A` in `ENV A=1 B=$A` is left to DL3044: BuildKit expands an ENV's values before it sets any of them, so A may
 * well be undefined there, but "undefined" on the line that defines A misleads, and DL3044 says why.
 */
import type { Range } from 'vscode-languageserver-types';
import { fill, msg } from '../../../../common/src/i18n';
import type { Instr, ParsedDocument, Stage, VariableRef } from '../../service/document';
import type { Finding, Rule } from '../types';
import { closestName } from './UndefinedArgInFrom';
import { editDistance, isBuiltinArg, memoByAst, PLATFORM_ARGS } from './util';
import { docsUrl } from '../helpers/urls';
import { sameEnvReferences } from '../hadolint/DL3044';

const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'ARG', 'LABEL', 'WORKDIR', 'USER', 'EXPOSE', 'VOLUME', 'STOPSIGNAL']);

/** Set by the kernel, the runtime or every shell; a base image may define them too. */
const COMMON_ENV = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'USER', 'TERM', 'PWD', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'TZ', 'TMPDIR',
  'UID', 'GID', 'LOGNAME', 'DEBIAN_FRONTEND',
]);

/** Images whose config sets no ENV except PATH. */
const BARE_IMAGES = /^(?:(?:docker\.io\/)?(?:library\/)?)?(?:scratch|debian|ubuntu|alpine|busybox)(?::[^@]*)?(?:@.*)?$/i;

const MESSAGE = msg('정의되지 않은 변수를 썼습니다: ${0}', "Usage of undefined variable '${0}'");
const MAYBE = msg(
  '정의되지 않았을 수 있는 변수입니다: ${0}. 베이스 이미지 `{1}`에서 설정했을 수 있지만, 그렇지 않다면 빈 문자열이 됩니다',
  "Variable '${0}' may be undefined: the base image `{1}` may set it; if not, it becomes an empty string",
);
const SUGGEST = msg(' ({0}의 오타인가요?)', " (did you mean ${0}?)");
const GLOBAL = msg(
  '전역 ARG는 스테이지 안으로 넘어오지 않습니다. 이 스테이지에서 `ARG {0}`처럼 다시 선언하세요: ${0}',
  "Global ARG '{0}' is not in scope in this stage; declare `ARG {0}` inside the stage",
);
const PLATFORM = msg(
  '미리 정의된 ARG도 스테이지 안에서는 `ARG {0}`처럼 선언해야 값이 들어옵니다: ${0}',
  "Predefined ARG '{0}' is empty inside a stage until you declare `ARG {0}`",
);

interface Quoted {
  /** Offsets (relative to the instruction start) of single-quoted spans: [start, end) pairs. */
  spans: number[];
}
const quotedCache = new WeakMap<object, Quoted>();

/** Single-quoted spans of an instruction: the builder takes `'…'` literally. Cached per AST (shared across versions). */
function singleQuoted(ins: Instr): Quoted {
  return memoByAst(quotedCache, ins, computeSingleQuoted);
}

function computeSingleQuoted(ins: Instr): Quoted {
  const text = ins.text();
  const esc = ins.doc.escapeChar;
  const spans: number[] = [];
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === esc) {
      i++;
      continue;
    }
    if (c === '"') inDouble = !inDouble;
    else if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      spans.push(i, end);
      i = end;
    }
  }
  return { spans };
}

function isInSingleQuotes(doc: ParsedDocument, ins: Instr, v: VariableRef): boolean {
  const { spans } = singleQuoted(ins);
  if (spans.length === 0) return false;
  const off = doc.offsetAt(v.range.start) - doc.offsetAt(ins.range.start);
  for (let i = 0; i < spans.length; i += 2) if (off > spans[i] && off < spans[i + 1]) return true;
  return false;
}

function inHeredoc(ins: Instr, v: VariableRef): boolean {
  for (const h of ins.heredocs()) {
    const r = h.contentRange;
    if (r && v.range.start.line >= r.start.line && v.range.start.line <= r.end.line) return true;
  }
  return false;
}

interface Candidate {
  name: string;
  /** Range with lines relative to the instruction's first line. */
  range: Range;
}
const candidateCache = new WeakMap<object, Candidate[]>();

/**
 * The references of an instruction that could be undefined: no `${X:-…}` modifier, not a common environment name or
 * builtin ARG, not in a heredoc body or single quotes, not a name set earlier in the same ENV (DL3044's).
 * Memoised per AST with instruction-relative lines.
 */
function candidates(ins: Instr): Candidate[] {
  return memoByAst(candidateCache, ins, computeCandidates);
}

function computeCandidates(ins: Instr): Candidate[] {
  const out: Candidate[] = [];
  const dl3044 = sameEnvReferences(ins);
  for (const v of ins.variables()) {
    const n = v.name;
    if (!n || v.modifier !== null || COMMON_ENV.has(n) || isBuiltinArg(n)) continue;
    if (inHeredoc(ins, v) || isInSingleQuotes(ins.doc, ins, v)) continue;
    if (dl3044.some((r) => samePosition(r.range.start, v.range.start))) continue;
    out.push({ name: n, range: shift(v.range, -ins.startLine) });
  }
  return out;
}

function samePosition(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

function shift(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/** The image the chain of stages starts from, as written (null when the FROM names none). */
function rootImage(stage: Stage): string | null {
  let s: Stage = stage;
  while (s.parent) s = s.parent;
  return s.image;
}

export const UndefinedVar: Rule = {
  id: 'UndefinedVar',
  severity: 'warning',
  title: msg('정의되지 않은 변수', 'Undefined variable'),
  why: msg(
    'Dockerfile의 `$변수`는 그 줄보다 위의 `ARG`나 `ENV`(또는 베이스 이미지의 `ENV`)로 정의되어 있어야 하고, 정의되지 않은 변수는 오류 없이 빈 문자열이 됩니다(`WORKDIR /a/$NOPE/b`는 `/a/b`). `COPY app $APP_DIR`에서 변수 이름에 오타가 있으면 파일이 엉뚱한 곳에 복사되어도 빌드는 성공합니다. 첫 FROM 위에 선언한 전역 ARG와 `TARGETARCH` 같은 미리 정의된 ARG도 스테이지 안에서 쓰려면 `ARG 이름`으로 다시 선언해야 합니다. 베이스 이미지의 `ENV`는 Dockerfile만 보고는 알 수 없으므로, PATH 말고는 ENV를 설정하지 않는 이미지(debian, ubuntu, alpine, busybox, scratch)에서 시작하는 스테이지에서는 모르는 이름을 정의되지 않은 변수로 알리고, 그 밖의 베이스 이미지에서는 정의되지 않았을 수 있는 변수로 info 수준에서 알립니다.',
    'A `$variable` in a Dockerfile must be defined by an `ARG` or `ENV` above the line (or by the base image\'s `ENV`); an undefined one silently becomes an empty string (`WORKDIR /a/$NOPE/b` is `/a/b`). With a typo in `COPY app $APP_DIR`, the files land somewhere else and the build still succeeds. Global ARGs (declared before the first FROM) and predefined ones such as `TARGETARCH` must be declared again with `ARG NAME` inside a stage before they can be used there. The `ENV` of the base image cannot be seen from the Dockerfile: in a stage that starts from an image known to set none but PATH (debian, ubuntu, alpine, busybox, scratch) an unknown name is reported as undefined; on any other base it is reported at info level as one that may be undefined.',
  ),
  url: docsUrl('undefined-var'),
  /** For a global or predefined ARG: declare it at the top of the stage (right after FROM), where Docker wants it. */
  fix({ doc }, finding) {
    const name = finding.data?.declare;
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return [];
    const stage = doc.stageAtLine(finding.range.start.line);
    if (!stage || !doc.getText(finding.range).includes(name)) return [];
    const at = stage.from.endLine + 1;
    const indent = /^[ \t]*/.exec(doc.lineText(stage.from.startLine))![0];
    const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
    // The reference sits in an instruction after FROM, so the line after FROM exists.
    const edit = { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${indent}ARG ${name}${eol}` };
    return [{ title: { ko: `이 스테이지에 ARG ${name} 선언하기`, en: `Declare ARG ${name} in this stage` }, edits: [edit], preferred: true }];
  },
  check({ doc }) {
    const out: Finding[] = [];
    const globals = new Set(doc.globalArgs.map((d) => d.name));
    const envAtEnd = new Map<Stage, Set<string>>();
    // BuildKit hands a stage built FROM another stage that stage's ARGs too (the legacy builder does not; our claims
    // suite shows both). The check is BuildKit's, so it follows BuildKit.
    const argsAtEnd = new Map<Stage, Set<string>>();
    const defs = doc.varDefs;
    let defIndex = 0;
    for (const stage of doc.stages) {
      const env = new Set<string>(stage.parent ? envAtEnd.get(stage.parent) ?? [] : []);
      const args = new Set<string>(stage.parent ? argsAtEnd.get(stage.parent) ?? [] : []);
      const base = rootImage(stage);
      // Whether the chain of stages starts from an image that sets no ENV but PATH.
      const bare = base !== null && BARE_IMAGES.test(base);
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'FROM' && EXPANDED.has(ins.keyword)) {
          for (const v of candidates(ins)) {
            const n = v.name;
            if (env.has(n) || args.has(n)) continue;
            let m: { ko: string; en: string } | null = null;
            let suggestion: string | null = null;
            let declare = false;
            let maybe = false;
            if (PLATFORM_ARGS.has(n)) (m = { ko: fill(PLATFORM.ko, [n]), en: fill(PLATFORM.en, [n]) }), (declare = true);
            else if (globals.has(n)) (m = { ko: fill(GLOBAL.ko, [n]), en: fill(GLOBAL.en, [n]) }), (declare = true);
            else {
              suggestion = closestName(n, [...env, ...args]);
              const typo = suggestion !== null && n.length >= 4 && editDistance(n, suggestion, 1) <= 1;
              if (bare || typo) m = { ko: fill(MESSAGE.ko, [n]), en: fill(MESSAGE.en, [n]) };
              else if (base !== null) {
                m = { ko: fill(MAYBE.ko, [n, base]), en: fill(MAYBE.en, [n, base]) };
                maybe = true;
              }
              if (m && suggestion) {
                m.ko += fill(SUGGEST.ko, [suggestion]);
                m.en += fill(SUGGEST.en, [suggestion]);
              }
            }
            if (m) {
              const data = declare ? { declare: n } : suggestion ? { suggestion } : undefined;
              out.push({ range: shift(v.range, ins.startLine), message: m, data, ...(maybe ? { atMost: 'info' as const } : {}) });
            }
          }
        }
        // Definitions take effect after their instruction (`ENV A=1 B=$A` sees the old A). doc.varDefs is in
        // document order and built with the parse, so walking it alongside costs nothing per version.
        while (defIndex < defs.length && defs[defIndex].instr.startLine < ins.startLine) defIndex++;
        while (defIndex < defs.length && defs[defIndex].instr === ins) {
          const def = defs[defIndex++];
          (def.kind === 'ARG' ? args : env).add(def.name);
        }
      }
      envAtEnd.set(stage, env);
      argsAtEnd.set(stage, args);
    }
    return out;
  },
};
