/**
 * DG115: a script downloaded and run in one go, `curl … | sh` or `wget -O- … | bash`. Nothing checks what came: the
 * build runs whatever the server (or anyone in between) sends that day, and a download cut off half-way still runs
 * its first half. Downloading to a file, checking it, then running it makes both visible.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { runShells } from '../helpers/shell';
import { commandRange } from '../../service/shell/binding';
import { SHELLS, type SimpleCommand } from '../../service/shell/parser';

const URL = /^(https?|ftp):\/\//i;
/** wget writes the download to standard output only with `-O -` (also written `-O-`, `-qO-`, `--output-document=-`). */
const WGET_TO_STDOUT = /^(-[A-Za-z]*O-|--output-document=-)$/;

/** The URL a download command fetches to its standard output; null when it writes a file instead. */
function downloadToStdout(c: SimpleCommand): string | null {
  const args = c.words.slice(1).map((w) => w.value);
  const url = args.find((a) => URL.test(a));
  if (!url) return null;
  if (c.name === 'curl') {
    // `-o file` / `--output file` / `-O` (remote name) write a file; `-o -` and `-o-` are standard output, which is
    // also where curl writes without any of them.
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-O' || a === '--remote-name' || a === '--remote-name-all' || /^-[A-Za-z]*O$/.test(a)) return null;
      if (a === '-o' || a === '--output' || /^-[A-Za-z]*o$/.test(a)) {
        if (args[i + 1] !== '-') return null;
      } else if (a.startsWith('--output=') && a !== '--output=-') return null;
    }
    return url;
  }
  if (c.name === 'wget') {
    for (let i = 0; i < args.length; i++) {
      if (WGET_TO_STDOUT.test(args[i])) return url;
      if ((args[i] === '-O' || args[i] === '--output-document' || /^-[A-Za-z]*O$/.test(args[i])) && args[i + 1] === '-') return url;
    }
  }
  return null;
}

export const DG115: Rule = {
  id: 'DG115',
  severity: 'info',
  title: msg('내려받은 스크립트를 바로 셸로 실행합니다', 'A downloaded script is piped straight into a shell'),
  why: msg(
    '`curl … | sh`처럼 받은 스크립트를 파이프로 바로 실행하면 무엇을 받았는지 아무도 확인하지 않습니다. 빌드는 그날 서버가(또는 중간의 누군가가) 보낸 내용을 그대로 실행하고, 다운로드가 중간에 끊기면 앞부분만 실행될 수도 있습니다. 파일로 받아 체크섬을 확인한 뒤 실행하세요(`curl -fsSLo /tmp/install.sh <URL> && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`).',
    'Piping a download straight into a shell, as in `curl … | sh`, runs it without anyone looking at what arrived: the build runs whatever the server (or someone in between) sent that day, and a download cut off half-way can run its first half. Download it to a file, check its checksum, then run it (`curl -fsSLo /tmp/install.sh <url> && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`).',
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      const all = shell.all;
      for (let k = 0; k < all.length; k++) {
        const c = all[k];
        if (c.after !== '|' || (c.name !== 'curl' && c.name !== 'wget')) continue;
        const url = downloadToStdout(c);
        if (!url) continue;
        // The right side of the pipe: the next command at the same `sh -c` depth (inner commands come in between).
        let r = k + 1;
        while (r < all.length && all[r].depth > c.depth) r++;
        const receiver = all[r];
        if (!receiver || receiver.before !== '|' || !SHELLS.has(receiver.name)) continue;
        out.push({
          range: { start: commandRange(doc, c).start, end: commandRange(doc, receiver).end },
          message: msg(
            `내려받은 스크립트를 확인 없이 \`${receiver.name}\` 셸로 실행합니다: \`${url}\``,
            `\`${url}\` is run by \`${receiver.name}\` without any check of what was downloaded`,
          ),
        });
      }
    }
    return out;
  },
};
