/**
 * DL3021: with several sources, the destination must be a folder ending in `/`. The classic builder refuses anything
 * else; BuildKit accepts it and copies every source to that one path, where files overwrite each other
 * (moby/buildkit#1853, #4550).
 *
 * The destination is read as the builder reads it: one pair of quotes taken off, the escape character applied
 * (dockerfile-ast's value). A trailing `\` also marks a folder: in a Windows image the builder turns `\` into `/`
 * (BuildKit util/system NormalizePath → ToSlash), and under `# escape=\`` a written `C:\app\` keeps its backslash.
 * This is the test dockerfile-utils' invalidDestination check makes, whose duplicate diagnostic the engine drops
 * (engine.ts isSupersededValidatorCode), so the two never disagree about one COPY.
 */
import { msg } from '../../../../common/src/i18n';
import { stripQuotes } from '../../service/document';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { writtenArg } from '../helpers/written';

/** Ends in a variable (`$DEST`, `${DEST}`, `${DEST:-/x/}`) that may well end in `/` once expanded. */
const ENDS_WITH_VARIABLE = /\$(\w+|\{[^}]*\})$/;

export const DL3021: Rule = {
  id: 'DL3021',
  severity: 'error',
  title: msg('여러 파일을 복사할 때 대상은 `/`로 끝나야 합니다', 'With several sources, the destination must end with /'),
  why: msg(
    '`COPY a b /dest`처럼 원본이 둘 이상이면 대상은 폴더여야 하고, Docker는 `/`로 끝나는 경로를 폴더로 봅니다. 예전 빌더는 `/`가 없으면 "When using COPY with more than one source file, the destination must be a directory and end with a /" 오류로 멈춥니다. 지금 기본 빌더인 BuildKit은 오류 없이 모든 원본을 같은 경로에 복사하므로, 파일끼리 서로 덮어써서 마지막 파일 하나만 남습니다. 대상 끝에 `/`를 붙이세요.',
    'With more than one source, as in `COPY a b /dest`, the destination must be a folder, which Docker recognises by a trailing `/`. Without it the classic builder stops with "When using COPY with more than one source file, the destination must be a directory and end with a /"; BuildKit, the default builder today, gives no error but copies every source to that same path, where files overwrite one another and only the last one is left. End the destination with `/`.',
  ),
  url: hadolintUrl('DL3021'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // Cheap filter: a first line that does not continue (heredoc bodies follow it, they are not arguments) and has
      // at most two words after the keyword and flags means one source.
      const first = doc.lineText(ins.startLine).trim();
      if (!first.endsWith(doc.escapeChar) && first.split(/\s+/).filter((t) => !t.startsWith('--')).length <= 3) continue;
      const json = ins.jsonStrings();
      const args = json ?? ins.args();
      if (args.length <= 2 || ins.heredocs().length) continue;
      const dest = args[args.length - 1];
      const path = stripQuotes(dest.value);
      if (path.endsWith('/') || path.endsWith('\\') || ENDS_WITH_VARIABLE.test(path)) continue;
      const written = writtenArg(doc, dest, json !== null);
      // Under `# escape=\`` (Windows images) a trailing `\` is the natural way to write it.
      const ends = doc.escapeChar === '`' ? { ko: '`/` 또는 `\\`', en: '`/` or `\\`' } : { ko: '`/`', en: '`/`' };
      out.push({
        range: dest.range,
        message: msg(`원본이 ${args.length - 1}개이므로 대상 경로는 ${ends.ko}로 끝나야 합니다: \`${written}\``, `With ${args.length - 1} sources, the destination \`${written}\` must end with ${ends.en}`),
      });
    }
    return out;
  },
  fix({ doc }, finding) {
    const text = doc.getText(finding.range);
    if (!text || text.includes('\n')) return [];
    // Inside a closing quote (shell-form `"/dest"`, or the JSON string when its range holds the quotes).
    const q = text[text.length - 1];
    const quoted = text.length >= 2 && (q === '"' || q === "'") && text[0] === q;
    const end = quoted ? { line: finding.range.end.line, character: finding.range.end.character - 1 } : finding.range.end;
    // A Windows path written with backslashes under `# escape=\`` gets one more; `/` everywhere else (also valid there).
    const sep = doc.escapeChar === '`' && text.includes('\\') && !text.includes('/') ? '\\' : '/';
    return [{ title: msg(`대상 끝에 \`${sep}\` 붙이기`, `End the destination with \`${sep}\``), edits: [edit({ start: end, end }, sep)], preferred: true }];
  },
};
