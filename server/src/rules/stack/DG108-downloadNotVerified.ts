/**
 * DG108: an archive fetched by wget/curl in a RUN, or by `ADD <url>`, with no checksum check in the same RUN (or no
 * `ADD --checksum`). A changed or tampered tarball goes into the image unnoticed, and `latest` URLs change. The same
 * for a program downloaded and then made executable (`chmod +x`) or put into a `bin` folder: it runs unchecked.
 *
 * URLs held in an ARG or ENV (`wget $WP_URL`) are read with the value the Dockerfile gives them (an ARG's default:
 * what is downloaded unless `--build-arg` says otherwise), so the rule looks at other instructions and is not local.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import type { Instr, ParsedDocument } from '../../service/document';
import { runShells } from '../helpers/shell';
import { checksumChecked } from '../helpers/checksum';
import { substituteKnown } from '../helpers/knownValues';
import { DOWNLOAD_URL, downloads, type Download } from '../helpers/downloads';
import { resolvePath } from '../helpers/paths';
import { wordRange, type InstrShell } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import type { Word } from '../../service/shell/lexer';

const ARCHIVE = /\.(tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|tar|zip|deb|rpm|apk|phar|jar|gz|xz|bz2)([?#].*)?$/i;
/** A folder programs are run from: any path with a `bin` or `sbin` component (`/usr/local/bin`, `~/.local/bin`). */
const BIN_FOLDER = /(^|\/)s?bin(\/|$)/;
/** A chmod mode that adds an execute bit: `+x`, `a+rx`, `u=rwx`, or octal with an odd digit (755, 0700). */
const EXEC_MODE = /^([ugoa]*[+=][rwxst]*x[rwxst]*(,|$))+|^[0-7]*[1357][0-7]{0,2}$/;

export const DG108: Rule = {
  id: 'DG108',
  severity: 'info',
  title: msg('내려받은 압축 파일이나 프로그램의 체크섬을 확인하지 않습니다', 'A downloaded archive or program is not verified'),
  why: msg(
    'wget/curl이나 `ADD <URL>` 명령으로 받은 파일은 서버 쪽에서 바뀌거나(특히 `latest`) 중간에서 변조되어도 그대로 이미지에 들어갑니다. 받아서 `chmod +x` 명령으로 실행 권한을 주거나 `bin` 디렉터리로 옮기는 프로그램은 확인 없이 그대로 실행됩니다. 같은 RUN에서 `echo "<sha256>  file.tar.gz" | sha256sum -c -`처럼 확인하거나 `ADD --checksum=sha256:<값> <URL> <경로>`처럼 받으면, 다른 파일이 오면 빌드가 실패해서 바로 알 수 있습니다. URL이 ARG나 ENV 변수에 있으면 Dockerfile이 주는 값(ARG는 기본값)으로 판단합니다.',
    'A file fetched with wget/curl or `ADD <url>` goes into the image as is, even if the server changed it (especially `latest`) or someone tampered with it on the way. A program that is then made executable with `chmod +x` or moved into a `bin` folder runs unchecked. Check it in the same RUN with `echo "<sha256>  file.tar.gz" | sha256sum -c -`, or use `ADD --checksum=sha256:<value> <url> <dest>`: a different file then fails the build. A URL held in an ARG or ENV is judged by the value the Dockerfile gives it (an ARG by its default).',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const { instr, shell } of runShells(doc)) {
      if (checksumChecked(shell)) continue;
      const value = wordValue(doc, instr, shell);
      const all = shell.all;
      for (let k = 0; k < all.length; k++) {
        for (const d of downloads(all[k], value)) {
          const shown = d.url === d.word.value ? `\`${d.url}\`` : `\`${d.word.value}\` (\`${d.url}\`)`;
          if (ARCHIVE.test(d.url)) {
            out.push({ range: wordRange(doc, d.word), message: msg(`체크섬 확인 없이 내려받습니다: ${shown}`, `${shown} is downloaded without a checksum check`) });
            continue;
          }
          const use = d.file === null ? null : runUse(d, all.slice(k + 1));
          if (!use) continue;
          out.push({
            range: wordRange(doc, d.word),
            message:
              use.kind === 'chmod'
                ? msg(
                    `체크섬 확인 없이 내려받은 \`${d.file}\` 파일에 \`${use.text}\` 명령으로 실행 권한을 줍니다: ${shown}`,
                    `${shown} is downloaded to \`${d.file}\` and made executable with \`${use.text}\` without a checksum check`,
                  )
                : msg(
                    `체크섬 확인 없이 내려받은 \`${d.file}\` 파일을 \`${use.text}\` 명령으로 \`bin\` 디렉터리에 넣습니다: ${shown}`,
                    `${shown} is downloaded to \`${d.file}\` and put into a \`bin\` folder with \`${use.text}\` without a checksum check`,
                  ),
          });
        }
      }
    }
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ADD' || ins.flag('checksum')) continue;
      const json = ins.jsonStrings();
      const args = json ?? ins.args();
      for (const a of args.slice(0, -1)) {
        const url = substituteKnown(doc, a.value, ins.startLine);
        if (!DOWNLOAD_URL.test(url) || /\.git(#.*)?$/.test(url)) continue;
        const fetches = url === a.value ? null : url;
        out.push({
          range: a.range,
          message: msg(
            `\`ADD ${a.value}\`에 \`--checksum\` 옵션이 없습니다` + (fetches ? ` (받는 URL: \`${fetches}\`)` : ''),
            `\`ADD ${a.value}\` has no \`--checksum\`` + (fetches ? ` (it fetches \`${fetches}\`)` : ''),
          ),
        });
      }
    }
    return out;
  },
};

/**
 * How the words of a RUN are read: a word with an unquoted or double-quoted `$X` gets the ARG/ENV values the
 * Dockerfile gives, unless the RUN sets that name itself (`URL=…; wget $URL`, `for URL in …`, `read URL`).
 */
function wordValue(doc: ParsedDocument, instr: Instr, shell: InstrShell): (w: Word) => string {
  const text = shell.source.text;
  const setsItself = (name: string) => new RegExp(`(^|[^\\w$])${name}=|\\bfor\\s+${name}\\b|\\bread\\b[^;&|\\n]*\\b${name}\\b`).test(text);
  return (w) => (w.dynamic ? substituteKnown(doc, w.value, instr.startLine, setsItself) : w.value);
}

/** The same file in two words of one RUN (`./wp` and `wp`; the RUN's directory is not known, only kept the same). */
function sameFile(a: string, b: string): boolean {
  const here = '/.run-directory';
  if (!b.includes('*')) return resolvePath(here, a) === resolvePath(here, b);
  const pattern = resolvePath(here, b).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`).test(resolvePath(here, a));
}

/**
 * The first later command of the RUN that makes the downloaded file a program: `chmod` with an execute bit on it, or
 * `mv`/`cp`/`install` of it into a `bin` folder. Null when none does.
 */
function runUse(d: Download, later: SimpleCommand[]): { kind: 'chmod' | 'bin'; text: string } | null {
  const file = d.file!;
  for (const c of later) {
    const args = c.words.slice(1).map((w) => w.value);
    const operands = args.filter((a) => !a.startsWith('-'));
    if (c.name === 'chmod') {
      const [mode, ...targets] = operands;
      if (mode && EXEC_MODE.test(mode) && targets.some((t) => sameFile(file, t))) return { kind: 'chmod', text: `chmod ${mode}` };
    } else if (c.name === 'mv' || c.name === 'cp' || c.name === 'install') {
      // `install -m 755 f /usr/local/bin/x`: the mode's value is not an operand.
      const ops = c.name === 'install' ? operandsOfInstall(args) : operands;
      if (ops.length < 2) continue;
      const dest = ops[ops.length - 1];
      if (BIN_FOLDER.test(dest) && ops.slice(0, -1).some((s) => sameFile(file, s))) return { kind: 'bin', text: `${c.name} … ${dest}` };
    }
  }
  return null;
}

function operandsOfInstall(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (/^-[mogtS]$/.test(args[i])) i++;
    else if (!args[i].startsWith('-')) out.push(args[i]);
  }
  return out;
}
