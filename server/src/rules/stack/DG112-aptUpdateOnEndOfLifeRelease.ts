/**
 * DG112: a Debian (or Ubuntu interim) release past its end of life, with `apt-get update` in that stage.
 * Facts (checked 2026-11): Debian 10 "buster" LTS ended on 2024-06-30 and its suites were moved off the mirrors to
 * archive.debian.org, so `apt-get update` against deb.debian.org / security.debian.org fails with 404 / "does not
 * have a Release file"; the same happened earlier to stretch (LTS end 2022-06-30) and jessie (2020-06-30).
 * Debian 11 "bullseye" LTS ended on 2026-08-31. Ubuntu interim releases move to old-releases.ubuntu.com after
 * their end of life (LTS releases stay on archive.ubuntu.com during ESM, so they are not listed here).
 *
 * The fix, for buster: FROM debian:bookworm, and the package names that release changes in the stages built on it
 * (common/src/scaffold/releases.ts: PHP 7.3 → 8.2, so `php7.3-fpm` → `php8.2-fpm`, `/etc/php/7.3/` →
 * `/etc/php/8.2/`, the socket `/run/php/php7.3-fpm.sock` → `php8.2-fpm.sock`). `default-mysql-server` is not renamed:
 * bookworm still ships that metapackage (it pulls in mariadb-server). A site config in the build context that names
 * the old socket is DG124's to fix, in that file.
 */
import { msg } from '../../../../common/src/i18n';
import type { TextEdit } from 'vscode-languageserver-types';
import { RELEASES } from '../../../../common/src/scaffold/releases';
import type { ParsedDocument, Stage } from '../../service/document';
import type { Finding, Fix, Rule } from '../types';
import { resolveImage } from '../../service/effectiveCommand';
import { aptOf } from '../helpers/apt';
import { runShells } from '../helpers/shell';

interface Eol {
  release: string;
  ended: string;
  archive: string;
}

const DEBIAN: Record<string, Eol> = {
  buster: { release: 'Debian 10 (buster)', ended: '2024-06-30', archive: 'archive.debian.org' },
  '10': { release: 'Debian 10 (buster)', ended: '2024-06-30', archive: 'archive.debian.org' },
  stretch: { release: 'Debian 9 (stretch)', ended: '2022-06-30', archive: 'archive.debian.org' },
  '9': { release: 'Debian 9 (stretch)', ended: '2022-06-30', archive: 'archive.debian.org' },
  jessie: { release: 'Debian 8 (jessie)', ended: '2020-06-30', archive: 'archive.debian.org' },
  '8': { release: 'Debian 8 (jessie)', ended: '2020-06-30', archive: 'archive.debian.org' },
  wheezy: { release: 'Debian 7 (wheezy)', ended: '2018-05-31', archive: 'archive.debian.org' },
  '7': { release: 'Debian 7 (wheezy)', ended: '2018-05-31', archive: 'archive.debian.org' },
};
const UBUNTU_INTERIM: Record<string, string> = {
  cosmic: 'Ubuntu 18.10', '18.10': 'Ubuntu 18.10',
  disco: 'Ubuntu 19.04', '19.04': 'Ubuntu 19.04',
  eoan: 'Ubuntu 19.10', '19.10': 'Ubuntu 19.10',
  groovy: 'Ubuntu 20.10', '20.10': 'Ubuntu 20.10',
  hirsute: 'Ubuntu 21.04', '21.04': 'Ubuntu 21.04',
  impish: 'Ubuntu 21.10', '21.10': 'Ubuntu 21.10',
  kinetic: 'Ubuntu 22.10', '22.10': 'Ubuntu 22.10',
  lunar: 'Ubuntu 23.04', '23.04': 'Ubuntu 23.04',
  mantic: 'Ubuntu 23.10', '23.10': 'Ubuntu 23.10',
};

/** `debian:buster-slim`, `docker.io/library/debian:10.13`, `debian:buster-20240612` → the release key. */
function releaseOf(image: string): { distro: 'debian' | 'ubuntu'; key: string } | null {
  const m = /^(?:docker\.io\/)?(?:library\/)?(debian|ubuntu):([^@]+)/i.exec(image.trim());
  if (!m) return null;
  const distro = m[1].toLowerCase() as 'debian' | 'ubuntu';
  const tag = m[2].toLowerCase();
  if (distro === 'debian') {
    const name = /^([a-z]+)/.exec(tag)?.[1];
    if (name && DEBIAN[name]) return { distro, key: name };
    const num = /^(\d+)(\.\d+)*(-slim)?$/.exec(tag)?.[1];
    if (num && DEBIAN[num]) return { distro, key: num };
    return null;
  }
  const name = /^([a-z]+)/.exec(tag)?.[1];
  if (name && UBUNTU_INTERIM[name]) return { distro, key: name };
  const num = /^(\d+\.\d+)/.exec(tag)?.[1];
  if (num && UBUNTU_INTERIM[num]) return { distro, key: num };
  return null;
}

export const DG112: Rule = {
  id: 'DG112',
  severity: 'warning',
  title: msg('지원이 끝난 배포판에서 apt-get update를 실행합니다', 'apt-get update on an end-of-life release'),
  why: msg(
    'Debian 10 buster는 2024년 6월 30일에 LTS 지원이 끝났고, 패키지 저장소가 일반 미러(deb.debian.org, security.debian.org)에서 archive.debian.org로 옮겨졌습니다. 그래서 `debian:buster` 위에서 `apt-get update`를 하면 "Release 파일이 없다"는 404 오류로 빌드가 실패하고, 성공하더라도 보안 업데이트는 더 이상 나오지 않습니다. stretch·jessie도 마찬가지입니다. `debian:bookworm` 이미지로 옮기는 것이 가장 좋고, 과제 때문에 buster를 꼭 써야 한다면 `/etc/apt/sources.list` 파일의 저장소 주소를 archive.debian.org로 바꾼 뒤 `apt-get update`를 실행하세요(PHP 버전과 `php7.3-*` 패키지 이름도 바뀌니 함께 확인하세요).',
    "Debian 10 buster's LTS support ended on 2024-06-30 and its repositories moved from the regular mirrors (deb.debian.org, security.debian.org) to archive.debian.org. `apt-get update` on `debian:buster` now fails with 404 / \"does not have a Release file\", and even where it works there are no more security updates. stretch and jessie are in the same state. Move to `debian:bookworm` (and check the PHP package names, `php7.3-*` become `php8.2-*`); if an assignment requires buster, point `/etc/apt/sources.list` at archive.debian.org before the update.",
  ),
  check({ doc }) {
    const out: Finding[] = [];
    // The first RUN of each stage that runs `apt-get update` against the regular mirrors, in one pass.
    const firstUpdate = new Map<unknown, number>();
    const archived = new Set<unknown>();
    for (const { instr, shell } of runShells(doc)) {
      if (/archive\.debian\.org|old-releases\.ubuntu\.com/.test(shell.source.text)) archived.add(instr.stage);
    }
    for (const { instr, shell } of runShells(doc)) {
      if (firstUpdate.has(instr.stage)) continue;
      if (aptOf(shell).some((a) => a.subcommand?.value === 'update')) firstUpdate.set(instr.stage, instr.startLine);
    }
    for (const stage of doc.stages) {
      const updateLine = firstUpdate.get(stage);
      if (updateLine === undefined || archived.has(stage)) continue;
      // Follow `FROM <stage>` back to the image.
      let root = stage;
      for (let n = 0; root.parent && n < 64; n++) root = root.parent;
      const image = resolveImage(doc, root);
      if (!image) continue;
      const rel = releaseOf(image);
      if (!rel) continue;
      const range = stage === root ? stage.imageRange ?? stage.from.range : stage.from.range;
      const line = updateLine + 1;
      if (rel.distro === 'debian') {
        const e = DEBIAN[rel.key];
        out.push({
          range,
          message: msg(
            `${e.release}는 ${e.ended}에 지원이 끝나 저장소가 ${e.archive}로 옮겨졌습니다. ${line}번 줄의 \`apt-get update\` 명령이 실패합니다. \`debian:bookworm\` 이미지로 옮기거나 sources.list를 ${e.archive}로 바꾸세요`,
            `${e.release} reached end of life on ${e.ended} and its packages moved to ${e.archive}: \`apt-get update\` on line ${line} fails. Move to \`debian:bookworm\` or point sources.list at ${e.archive}`,
          ),
          ...(stage === root && (rel.key === 'buster' || rel.key === '10') ? { data: { root: root.index } } : {}),
        });
      } else {
        const r = UBUNTU_INTERIM[rel.key];
        out.push({
          range,
          message: msg(
            `${r} 릴리스는 지원이 끝나 저장소가 old-releases.ubuntu.com으로 옮겨졌습니다. ${line}번 줄의 \`apt-get update\` 명령이 실패합니다. LTS 릴리스(예: \`ubuntu:24.04\`)로 옮기세요`,
            `${r} reached end of life and its packages moved to old-releases.ubuntu.com: \`apt-get update\` on line ${line} fails. Move to an LTS release (e.g. \`ubuntu:24.04\`)`,
          ),
        });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const index = finding.data?.root;
    const root = typeof index === 'number' ? doc.stages[index] : undefined;
    if (!root || root.parent || !root.imageRange || root.imageRange.start.line !== root.imageRange.end.line) return [];
    const r = root.imageRange;
    const written = doc.lineText(r.start.line).slice(r.start.character, r.end.character);
    const image = bookwormImage(written);
    if (!image) return [];
    const from = RELEASES.buster.php;
    const to = RELEASES.bookworm.php;
    const { edits: renames, dropped } = phpRenames(doc, root, from, to);
    const gone = dropped.length ? { ko: `, PHP ${to}에 없는 ${dropped.join(', ')} 패키지 빼기`, en: `, drop ${dropped.join(', ')}, which PHP ${to} has no package for` } : { ko: '', en: '' };
    return [
      {
        title: renames.length
          ? msg(`${image} 이미지로 옮기고 PHP 패키지 이름 바꾸기 (php${from} → php${to}${gone.ko})`, `Move to ${image} and rename the PHP packages (php${from} → php${to}${gone.en})`)
          : msg(`${image} 이미지로 옮기기`, `Move to ${image}`),
        edits: [{ range: r, newText: image }, ...renames],
      } satisfies Fix,
    ];
  },
};

/** `debian:buster-slim` → `debian:bookworm-slim`, `debian:10.13` → `debian:12`; null for a digest or a variable. */
function bookwormImage(written: string): string | null {
  if (written.includes('@') || written.includes('$')) return null;
  const colon = written.lastIndexOf(':');
  if (colon < 0) return null;
  const tag = written.slice(colon + 1).toLowerCase();
  const slim = /-slim\b/.test(tag) ? '-slim' : '';
  // Named, numbered or dated (`buster-20240612`: bookworm has no image of that date): the release's own tag.
  const next = /^10(\.|-|$)/.test(tag) ? `12${slim}` : `bookworm${slim}`;
  return `${written.slice(0, colon + 1)}${next}`;
}

/**
 * PHP 7.3 extension packages bookworm has no PHP 8.2 package for, so renaming them would make `apt-get install` fail
 * ("has no installation candidate", checked with apt-cache on Debian 12): JSON is part of PHP itself since 8.0
 * (php8.2-json is only a virtual package the SAPIs provide), and recode left PHP's core in 7.4.
 */
const GONE_IN_BOOKWORM = ['json', 'recode'];

/**
 * Every `php7.3` and `/etc/php/7.3` in the stages built on `root` (package names, service names, paths); a package of
 * GONE_IN_BOOKWORM is taken out of its list instead (its whole line when it stood alone on a continuation line).
 */
function phpRenames(doc: ParsedDocument, root: Stage, from: string, to: string): { edits: TextEdit[]; dropped: string[] } {
  const onRoot = (s: Stage): boolean => {
    let x: Stage = s;
    for (let n = 0; x.parent && n < 64; n++) x = x.parent;
    return x === root;
  };
  const esc = from.replace('.', '\\.');
  const re = new RegExp(`\\bphp${esc}\\b|/etc/php/${esc}\\b`, 'g');
  const gone = new RegExp(`(^|\\s)php${esc}-(${GONE_IN_BOOKWORM.join('|')})(?=\\s|$)`, 'g');
  const edits: TextEdit[] = [];
  const dropped: string[] = [];
  for (const stage of doc.stages) {
    if (!onRoot(stage)) continue;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'FROM') continue;
      for (let line = ins.startLine; line <= ins.endLine; line++) {
        const text = doc.lineText(line);
        const skip = new Set<number>();
        for (const m of text.matchAll(gone)) {
          const start = m.index! + m[1].length;
          const word = m[0].slice(m[1].length);
          dropped.push(word);
          skip.add(start);
          const rest = text.slice(0, start) + text.slice(start + word.length);
          if (/^\s*\\?\s*$/.test(rest) && line > ins.startLine) {
            // Alone on a continuation line: the line goes, so no line of only a backslash is left.
            edits.push({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' });
          } else {
            // The word and the space before it (or after it, at the start of the line).
            const before = m[1].length;
            const after = before ? 0 : /^\s/.test(text.slice(start + word.length)) ? 1 : 0;
            edits.push({ range: { start: { line, character: start - before }, end: { line, character: start + word.length + after } }, newText: '' });
          }
        }
        for (const m of text.matchAll(re)) {
          if (skip.has(m.index!)) continue;
          const newText = m[0].startsWith('/') ? `/etc/php/${to}` : `php${to}`;
          edits.push({ range: { start: { line, character: m.index! }, end: { line, character: m.index! + m[0].length } }, newText });
        }
      }
    }
  }
  return { edits, dropped: [...new Set(dropped)] };
}
