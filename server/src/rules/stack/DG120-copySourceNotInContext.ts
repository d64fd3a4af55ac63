/**
 * DG120: a COPY/ADD source that reaches nothing in the build context. The context is the Dockerfile's folder as far
 * as we can know it, minus what `.dockerignore` excludes; the host lists its folders (RuleContext.contextEntries).
 *
 * What the builders do, checked on the local engine (Docker 20.10 with its BuildKit, and the classic builder):
 *  - a named file or folder that is absent, or excluded by .dockerignore, stops the build: BuildKit with
 *    `failed to compute cache key: … not found`, the classic builder with `COPY failed: file not found in build
 *    context or excluded by .dockerignore` (`ADD failed: …` for ADD);
 *  - a glob that matches nothing is not an error under BuildKit (its dockerfile frontend copies with
 *    AllowEmptyWildcard, convert_copy.go): nothing is copied and the build goes on; the classic builder stops with
 *    `COPY failed: no source files were specified` when no source of the instruction matches anything.
 *
 * A source that CopyIgnoredFile already reports (a plain path excluded by .dockerignore) is left to it; this rule
 * says when such a path is absent, and judges what that rule skips: globs and ENV values. Skipped, as unknowable
 * from here: `--from` (another stage or image), heredocs, URLs and git addresses, ARG values (--build-arg replaces
 * them), `..`, backslashes, `--parents`/`--exclude`, ONBUILD. A name that differs from one in the folder only in
 * case is left alone: on a case-insensitive disk (macOS, Windows) we cannot tell what the engine receives.
 *
 * The folder may not be the build context (`docker build -f sub/Dockerfile .`, a compose `context:`): the rule
 * only speaks when at least one other source of the Dockerfile is found in the folder, and not about a path that
 * starts with the folder's own name (`COPY docker/entrypoint.sh /` beside `docker/Dockerfile`), which names the
 * folder from a context above it.
 */
import { fill, msg } from '../../../../common/src/i18n';
import { excludedBy, type Pattern } from '../../../../common/src/dockerignore';
import type { Instr, Span } from '../../service/document';
import { ignoredSource } from '../buildkit/CopyIgnoredFile';
import { contextView, hasGlob, sourcePath, type ContextView } from '../helpers/contextPaths';
import { readDockerignore } from '../helpers/dockerignore';
import { edit } from '../helpers/edits';
import type { Finding, Rule } from '../types';
import { osaDistance } from '../helpers/names';

const MISSING = msg(
  '`{0}`: 빌드 컨텍스트(Dockerfile이 있는 폴더)에 이런 파일이나 폴더가 없습니다. 빌드가 이 줄에서 멈춥니다. BuildKit은 `failed to compute cache key: … not found`, 예전 빌더는 `{1} failed: file not found in build context or excluded by .dockerignore` 오류를 냅니다.',
  '`{0}` is not in the build context (the Dockerfile\'s folder has no such file or folder): the build stops at this line, with `failed to compute cache key: … not found` under BuildKit or `{1} failed: file not found in build context or excluded by .dockerignore` under the classic builder.',
);
const SUGGEST = msg(' 비슷한 이름의 경로가 있습니다: `{0}`', ' Did you mean `{0}`?');
const EXCLUDED = msg(
  '`{0}`(`{1}`): {2} {3}번 줄(`{4}`)이 제외하므로 빌드 컨텍스트에 들어가지 않습니다. 빌드가 이 줄에서 멈춥니다. BuildKit은 `failed to compute cache key: … not found`, 예전 빌더는 `{5} failed: file not found in build context or excluded by .dockerignore` 오류를 냅니다.',
  '`{0}` (`{1}`) is excluded by {2} line {3} (`{4}`), so it is not in the build context: the build stops at this line, with `failed to compute cache key: … not found` under BuildKit or `{5} failed: file not found in build context or excluded by .dockerignore` under the classic builder.',
);
const NO_MATCH = msg(
  '`{0}`: 빌드 컨텍스트에서 이 패턴과 일치하는 파일이 하나도 없습니다. BuildKit은 오류 없이 아무것도 복사하지 않고 넘어가므로 이미지에 파일이 빠집니다. 예전 빌더는 이 명령의 원본이 모두 비어 있으면 `{1} failed: no source files were specified` 오류로 멈춥니다.',
  '`{0}` matches nothing in the build context: BuildKit copies nothing here and goes on without an error, so the files are missing from the image; the classic builder stops with `{1} failed: no source files were specified` when no source of the instruction matches.',
);
const GLOB_EXCLUDED = msg(
  '`{0}`: 이 패턴과 일치하는 경로(`{1}` 등)를 {2} {3}번 줄(`{4}`)이 모두 제외하므로 빌드 컨텍스트에는 하나도 없습니다. BuildKit은 오류 없이 아무것도 복사하지 않고 넘어가므로 이미지에 파일이 빠집니다. 예전 빌더는 이 명령의 원본이 모두 비어 있으면 `{5} failed: no source files were specified` 오류로 멈춥니다.',
  '`{0}`: every path it matches (`{1}`, …) is excluded by .dockerignore ({2} line {3}: `{4}`), so none is in the build context: BuildKit copies nothing here and goes on without an error, so the files are missing from the image; the classic builder stops with `{5} failed: no source files were specified` when no source of the instruction matches.',
);

interface Problem {
  word: Span;
  message: { ko: string; en: string };
  /** A unique near name in the folder, for the quick fix. */
  suggestion?: string;
}

export const DG120: Rule = {
  id: 'DG120',
  severity: 'warning',
  title: msg('COPY/ADD 원본이 빌드 컨텍스트에 없습니다', 'COPY/ADD source is not in the build context'),
  why: msg(
    '`COPY`와 `ADD`는 빌드 컨텍스트, 곧 `docker build`에 넘긴 폴더(보통 Dockerfile이 있는 폴더)에서 `.dockerignore` 파일로 제외한 것을 뺀 나머지에서만 파일을 가져옵니다. 적은 경로가 그 안에 없으면 빌드가 그 줄에서 실패합니다. 글롭(`*.conf`)이 아무것과도 일치하지 않으면 BuildKit은 오류 없이 아무것도 복사하지 않으므로, 이미지에 파일이 빠진 것을 실행할 때에야 알게 됩니다. 경로의 오타, 대소문자, 폴더 이름(`srcs/`)을 확인하세요. 이 검사는 Dockerfile이 있는 폴더를 빌드 컨텍스트로 보며, 다른 원본이 하나라도 그 폴더에서 발견될 때만 알려 줍니다.',
    '`COPY` and `ADD` take files only from the build context: the folder given to `docker build` (usually the Dockerfile\'s folder), minus what `.dockerignore` excludes. A path that is not there fails the build at that line. A glob (`*.conf`) that matches nothing is no error under BuildKit: nothing is copied, and the missing files only show when the container runs. Check the path for typos, letter case and the folder name (`srcs/`). This check takes the Dockerfile\'s folder as the build context, and speaks only when some other source of the Dockerfile is found there.',
  ),
  check(ctx) {
    const view = contextView(ctx);
    if (!view) return [];
    const ignore = readDockerignore(ctx);
    const folder = folderNames(ctx.doc.uri);
    const problems: Problem[] = [];
    // Whether any source is found in the folder: without one, the folder is probably not the build context.
    let found = false;
    for (const ins of ctx.doc.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.flag('from') || ins.flag('parents') || ins.flag('exclude') || ins.heredocs().length > 0) continue;
      const args = ins.jsonStrings() ?? ins.args();
      if (args.length < 2) continue;
      for (const word of args.slice(0, -1)) {
        const rel = sourcePath(ins, word.value);
        // The context's root (`.`, `./`, `/`) is always there, and says nothing about which folder is the context.
        if (rel === null || rel === '') continue;
        const judged = judge(view, ins, word, rel, ignore?.file ?? '.dockerignore', ignore?.patterns ?? []);
        if (judged.found) found = true;
        if (judged.problem && !namesFolderFromAbove(rel, folder)) problems.push(judged.problem);
      }
    }
    if (!found) return [];
    return problems.map((p) => ({
      range: p.word.range,
      message: p.suggestion ? { ko: p.message.ko + fill(SUGGEST.ko, [p.suggestion]), en: p.message.en + fill(SUGGEST.en, [p.suggestion]) } : p.message,
      data: p.suggestion ? { suggestion: p.suggestion } : undefined,
    }));
  },
  fix(ctx, finding: Finding) {
    const s = finding.data?.suggestion;
    if (typeof s !== 'string') return [];
    const written = ctx.doc.getText(finding.range);
    // Keep how the word was written around the path: `./`, a leading `/`, a trailing `/`.
    const lead = /^(\.\/|\/)*/.exec(written)?.[0] ?? '';
    const trail = written.endsWith('/') && !s.endsWith('/') ? '/' : '';
    const text = lead + s + trail;
    return [{ title: msg(`\`${text}\` 경로로 바꾸기`, `Change to \`${text}\``), edits: [edit(finding.range, text)], preferred: true }];
  },
};

/** One source word: found in the folder or not, and the problem to report. */
function judge(view: ContextView, ins: Instr, word: Span, rel: string, ignoreFile: string, patterns: Pattern[]): { found: boolean; problem?: Problem } {
  const shown = word.value;
  const kw = ins.keyword;
  if (hasGlob(rel)) {
    const matches = view.glob(rel);
    if (matches === null) return { found: false };
    if (matches.length === 0) return { found: false, problem: { word, message: fillBoth(NO_MATCH, [shown, kw]) } };
    // A folder that .dockerignore excludes can still bring a re-included file (`!dir/keep`): count it as kept.
    const reincludes = patterns.some((p) => p.negate);
    const kept = matches.filter((m) => !excludedBy(patterns, m) || (reincludes && view.kind(m) === 'dir'));
    if (kept.length > 0) return { found: true };
    const by = excludedBy(patterns, matches[0])!;
    return { found: true, problem: { word, message: fillBoth(GLOB_EXCLUDED, [shown, matches[0], ignoreFile, String(by.line), by.source, kw]) } };
  }
  const kind = view.kind(rel);
  if (kind !== null) {
    // A plain path that .dockerignore excludes is CopyIgnoredFile's; one it cannot judge (an ENV value) is ours.
    const by = excludedBy(patterns, rel);
    if (!by || ignoredSource(word.value, patterns) || (kind === 'dir' && patterns.some((p) => p.negate))) return { found: true };
    return { found: true, problem: { word, message: fillBoth(EXCLUDED, [shown, rel, ignoreFile, String(by.line), by.source, kw]) } };
  }
  if (differsInCaseOnly(view, rel)) return { found: true };
  // A plain path that CopyIgnoredFile reports is left to it even when absent: one finding per word.
  if (ignoredSource(word.value, patterns)) return { found: false };
  const near = nearPath(view, rel, patterns);
  return { found: false, problem: { word, message: fillBoth(MISSING, [shown, kw]), suggestion: near && writable(ins, word, near) ? near : undefined } };
}

/** The names of the folders from the root down to the Dockerfile's folder. */
function folderNames(uri: string): string[] {
  const parts = uri.replace(/[?#].*$/, '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return parts.slice(3, -1).filter((p) => p !== '');
}

/** `rel` starts with the last folders of the Dockerfile's path (`docker/…` in …/docker/Dockerfile). */
function namesFolderFromAbove(rel: string, folder: string[]): boolean {
  const parts = rel.split('/');
  for (let k = 1; k <= Math.min(parts.length - 1, folder.length); k++) {
    if (parts.slice(0, k).join('/') === folder.slice(folder.length - k).join('/')) return true;
  }
  return false;
}

function fillBoth(m: { ko: string; en: string }, args: string[]): { ko: string; en: string } {
  return { ko: fill(m.ko, args), en: fill(m.en, args) };
}

/** Some path of the folder spells `rel` with other letter case. */
function differsInCaseOnly(view: ContextView, rel: string): boolean {
  let dirs = [''];
  for (const part of rel.split('/')) {
    const next: string[] = [];
    for (const d of dirs) {
      for (const e of view.list(d) ?? []) if (e.name.toLowerCase() === part.toLowerCase()) next.push(d === '' ? e.name : `${d}/${e.name}`);
    }
    if (next.length === 0) return false;
    dirs = next.slice(0, 20);
  }
  return true;
}

/**
 * The path of the folder that `rel` most likely meant: each missing component replaced by the one name of its
 * folder within a small edit distance (a typo: `ngnix.conf`, `src/` for `srcs/`). Null when there is none or more
 * than one, or when the result is excluded by .dockerignore.
 */
function nearPath(view: ContextView, rel: string, patterns: Pattern[]): string | null {
  const parts = rel.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const entries = view.list(out.join('/'));
    if (!entries) return null;
    let pick = entries.find((e) => e.name === parts[i]);
    if (!pick) {
      const near = entries.filter((e) => (last || e.dir) && isTypo(parts[i], e.name));
      if (near.length !== 1) return null;
      pick = near[0];
    }
    if (!last && !pick.dir) return null;
    out.push(pick.name);
  }
  const path = out.join('/');
  return path !== rel && !excludedBy(patterns, path) ? path : null;
}

/** A small edit (one for short names, two from ten characters on; none under three), letter case aside. */
function isTypo(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x.length < 3 || x === y) return false;
  const limit = x.length >= 10 ? 2 : 1;
  if (Math.abs(x.length - y.length) > limit) return false;
  return osaDistance(x, y) <= limit;
}

/** The quick fix rewrites the word: only a plain one (no quotes, no variable), and JSON-safe in exec form. */
function writable(ins: Instr, word: Span, near: string): boolean {
  const written = ins.doc.getText(word.range);
  if (/["'$\\\s]/.test(written) || /["\\\s]/.test(near)) return false;
  return written.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '') === word.value.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}
