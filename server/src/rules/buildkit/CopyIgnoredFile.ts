/**
 * CopyIgnoredFile: COPY or ADD names a source that `.dockerignore` excludes, so it is not in the build context: the
 * build fails with "not found", or a directory arrives without the excluded part. Reads `<Dockerfile>.dockerignore`
 * if present, else `.dockerignore`, from the Dockerfile's folder (the build context as far as we can know it).
 *
 * Patterns follow Docker's rules: Go-style globs plus `**`, `!` re-includes, the last matching line wins, and a
 * pattern that matches a parent folder excludes what is inside. Sources with variables or glob characters, URLs,
 * heredocs and `--from` copies are skipped: we cannot say for sure what they name (DG120, which lists the context,
 * judges those). The message names the .dockerignore line that excludes the source, so the user knows what to edit.
 */
import * as path from 'node:path';
import { fill, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';
import { excludedBy, isIgnored, parseDockerignore, type Pattern } from '../../../../common/src/dockerignore';
import { readDockerignore } from '../helpers/dockerignore';

export { isIgnored, parseDockerignore };

/** The source as a clean context-relative path, or null when it cannot be decided from the text. */
function contextPath(src: string): string | null {
  if (!src || /[$*?[\]]/.test(src) || src.includes('://') || src.startsWith('git@') || src.startsWith('<<')) return null;
  const n = path.posix.normalize(src.replace(/\\/g, '/').replace(/^\/+/, ''));
  if (n === '.' || n === '' || n.startsWith('..')) return null;
  return n.replace(/\/+$/, '');
}

const MESSAGE = msg(
  '.dockerignore에서 제외한 파일을 복사하려고 합니다: {0} ({2} {3}번 줄: `{4}`)',
  'Attempting to {1} file "{0}" that is excluded by .dockerignore ({2} line {3}: `{4}`)',
);

/**
 * The .dockerignore line this rule reports a COPY/ADD source word for, or null when it does not report it (kept,
 * or a word it cannot judge). DG120 asks, so that one source is never reported by both rules.
 */
export function ignoredSource(word: string, patterns: Pattern[]): Pattern | null {
  const rel = contextPath(word);
  return rel === null ? null : excludedBy(patterns, rel);
}

export const CopyIgnoredFile: Rule = {
  id: 'CopyIgnoredFile',
  severity: 'warning',
  title: msg('.dockerignore에서 제외한 파일 복사', 'Copying a file excluded by .dockerignore'),
  why: msg(
    '`.dockerignore`에 적힌 파일과 폴더는 빌드 컨텍스트에 아예 들어가지 않습니다. 그래서 그 파일을 `COPY`하면 "not found" 오류로 빌드가 실패하고, 폴더를 복사하면 제외된 부분만 조용히 빠집니다. 이 파일이 이미지에 필요하다면 `.dockerignore`에서 빼거나 `!경로` 줄로 다시 포함하세요.',
    'Files and folders listed in `.dockerignore` never reach the build context. A `COPY` of such a file fails the build with "not found", and a folder copy silently loses the excluded part. If the image needs the file, remove it from `.dockerignore` or re-include it with a `!path` line.',
  ),
  url: docsUrl('copy-ignored-file'),
  check({ doc, readContextFile }) {
    if (!readContextFile) return [];
    const copies = doc.instructions.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flag('from'));
    if (copies.length === 0) return [];
    const ignore = readDockerignore({ doc, readContextFile });
    if (!ignore) return [];
    const out: Finding[] = [];
    for (const ins of copies) {
      if (ins.heredocs().length > 0) continue;
      const json = ins.jsonStrings();
      const args = json ?? ins.args();
      for (const a of args.slice(0, -1)) {
        const by = ignoredSource(a.value, ignore.patterns);
        if (!by) continue;
        const verb = ins.keyword === 'COPY' ? 'Copy' : 'Add';
        const where = [ignore.file, String(by.line), by.source];
        out.push({ range: a.range, message: { ko: fill(MESSAGE.ko, [a.value, verb, ...where]), en: fill(MESSAGE.en, [a.value, verb, ...where]) } });
      }
    }
    return out;
  },
};
