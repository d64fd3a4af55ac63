/**
 * DL3020: ADD of local files. ADD also downloads URLs and unpacks local archives; for plain files that magic is a
 * surprise waiting to happen, and COPY says exactly what happens.
 */
import { msg } from '../../../../common/src/i18n';
import { stripQuotes } from '../../service/document';
import type { Finding, Rule } from '../types';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|gz|bz2|xz|zst)$/i;

/**
 * A source only ADD handles: a URL, a git address, a local archive (ADD unpacks it), or a variable that may hold one.
 * The builder reads `"wp.tar.gz"` as `wp.tar.gz` (its word lexer drops the quotes), so one pair of quotes around the
 * source is taken off before looking at it, as hadolint's isArchive and isUrl do with dropQuotes.
 */
function needsAdd(written: string): boolean {
  const s = stripQuotes(written);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^git@/.test(s) || ARCHIVE.test(s) || s.includes('$');
}

export const DL3020: Rule = {
  id: 'DL3020',
  severity: 'info',
  title: msg('파일과 폴더는 ADD 대신 COPY로 복사하세요', 'Use COPY instead of ADD for files and folders'),
  why: msg(
    '`ADD`는 복사 말고도 URL을 내려받고 로컬 tar 압축 파일을 자동으로 풀어 버립니다. 평범한 파일을 복사할 때 `ADD`를 쓰면 나중에 압축 파일을 넣었을 때 뜻밖에 풀려 버리는 식의 실수가 생깁니다. 파일과 폴더는 `COPY`로 복사하고, `ADD`는 압축을 풀거나 URL을 받을 때만 쓰세요.',
    '`ADD` does more than copy: it downloads URLs and unpacks local tar archives. Using it for plain files invites surprises, e.g. an archive you meant to copy gets unpacked. Copy files and folders with `COPY`; keep `ADD` for unpacking archives and fetching URLs.',
  ),
  url: hadolintUrl('DL3020'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ADD') continue;
      const json = ins.jsonStrings();
      const args = (json ?? ins.args()).map((a) => a.value);
      if (args.length < 2) continue;
      const srcs = args.slice(0, -1);
      if (srcs.some(needsAdd)) continue;
      out.push({ range: ins.keywordRange, message: msg(`로컬 파일은 ADD 대신 COPY로 복사하세요: \`${srcs.join(' ')}\``, `Use COPY instead of ADD for the local \`${srcs.join(' ')}\``) });
    }
    return out;
  },
  fix({ doc }, finding) {
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins || ins.keyword !== 'ADD') return [];
    // Flags only ADD knows would make COPY fail.
    if (ins.flags().some((f) => ['checksum', 'keep-git-dir', 'unpack'].includes(f.name))) return [];
    const kw = doc.getText(ins.keywordRange);
    const copy = kw === kw.toLowerCase() ? 'copy' : 'COPY';
    return [{ title: msg('COPY로 바꾸기', 'Replace ADD with COPY'), edits: [edit(ins.keywordRange, copy)], preferred: true }];
  },
};
