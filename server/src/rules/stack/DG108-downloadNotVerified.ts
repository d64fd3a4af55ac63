/**
 * DG108: an archive fetched by wget/curl in a RUN, or by `ADD <url>`, with no checksum check in the same RUN (or no
 * `ADD --checksum`). A changed or tampered tarball goes into the image unnoticed, and `latest` URLs change.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { runShells } from '../helpers/shell';
import { checksumChecked } from '../helpers/checksum';
import { wordRange } from '../../service/shell/binding';

const ARCHIVE = /\.(tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|tar|zip|deb|rpm|apk|phar|jar|gz|xz|bz2)([?#].*)?$/i;
const URL = /^(https?|ftp):\/\//i;

export const DG108: Rule = {
  id: 'DG108',
  severity: 'info',
  title: msg('내려받은 압축 파일의 체크섬을 확인하지 않습니다', 'A downloaded archive is not verified'),
  why: msg(
    'wget/curl이나 `ADD <URL>` 명령으로 받은 파일은 서버 쪽에서 바뀌거나(특히 `latest`) 중간에서 변조되어도 그대로 이미지에 들어갑니다. 같은 RUN에서 `echo "<sha256>  file.tar.gz" | sha256sum -c -`처럼 확인하거나 `ADD --checksum=sha256:<값> <URL> <경로>`처럼 받으면, 다른 파일이 오면 빌드가 실패해서 바로 알 수 있습니다.',
    'A file fetched with wget/curl or `ADD <url>` goes into the image as is, even if the server changed it (especially `latest`) or someone tampered with it on the way. Check it in the same RUN with `echo "<sha256>  file.tar.gz" | sha256sum -c -`, or use `ADD --checksum=sha256:<value> <url> <dest>`: a different file then fails the build.',
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      if (checksumChecked(shell)) continue;
      for (const c of shell.all) {
        if (c.name !== 'wget' && c.name !== 'curl') continue;
        for (const w of c.words.slice(1)) {
          if (!URL.test(w.value) || !ARCHIVE.test(w.value)) continue;
          out.push({
            range: wordRange(doc, w),
            message: msg(`체크섬 확인 없이 내려받습니다: \`${w.value}\``, `\`${w.value}\` is downloaded without a checksum check`),
          });
        }
      }
    }
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ADD' || ins.flag('checksum')) continue;
      const json = ins.jsonStrings();
      const args = json ?? ins.args();
      for (const a of args.slice(0, -1)) {
        if (!URL.test(a.value) || /\.git(#.*)?$/.test(a.value)) continue;
        out.push({
          range: a.range,
          message: msg(`\`ADD ${a.value}\`에 \`--checksum\` 옵션이 없습니다`, `\`ADD ${a.value}\` has no \`--checksum\``),
        });
      }
    }
    return out;
  },
};
