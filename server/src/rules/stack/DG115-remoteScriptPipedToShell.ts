/**
 * DG115: a script downloaded and run in one go, `curl … | sh` or `wget -O- … | bash`. Nothing checks what came: the
 * build runs whatever the server (or anyone in between) sends that day, and a download cut off half-way still runs
 * its first half. Downloading to a file, checking it, then running it makes both visible.
 *
 * The same in PowerShell: `iex (New-Object Net.WebClient).DownloadString('…')`, `iwr … | iex`. runShells leaves
 * RUNs under `SHELL ["powershell", …]` out (they are not POSIX shell), and Windows Dockerfiles often call
 * `powershell -Command "…"` from cmd or in exec form, so these are found in the RUN's own text, whatever its shell:
 * the words are PowerShell's own (case-insensitive) and mean nothing to sh or cmd. The rule stays local.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import type { Instr } from '../../service/document';
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
  title: msg('내려받은 스크립트를 확인 없이 바로 실행합니다', 'A downloaded script is run straight away'),
  why: msg(
    '`curl … | sh`처럼 받은 스크립트를 파이프로 바로 실행하면 무엇을 받았는지 아무도 확인하지 않습니다. 빌드는 그날 서버가(또는 중간의 누군가가) 보낸 내용을 그대로 실행하고, 다운로드가 중간에 끊기면 앞부분만 실행될 수도 있습니다. 파일로 받아 체크섬을 확인한 뒤 실행하세요(`curl -fsSLo /tmp/install.sh <URL> && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`). PowerShell의 `iex (New-Object Net.WebClient).DownloadString(\'<URL>\')`, `iwr <URL> | iex` 명령도 마찬가지입니다. `Invoke-WebRequest -OutFile` 옵션으로 파일에 받고 `Get-FileHash` 명령으로 확인한 뒤 실행하세요.',
    'Piping a download straight into a shell, as in `curl … | sh`, runs it without anyone looking at what arrived: the build runs whatever the server (or someone in between) sent that day, and a download cut off half-way can run its first half. Download it to a file, check its checksum, then run it (`curl -fsSLo /tmp/install.sh <url> && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`). The same goes for PowerShell\'s `iex (New-Object Net.WebClient).DownloadString(\'<url>\')` and `iwr <url> | iex`: save the file with `Invoke-WebRequest -OutFile`, check it with `Get-FileHash`, then run it.',
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
    for (const ins of doc.instructions) if (ins.keyword === 'RUN') out.push(...powershellRemoteRuns(ins));
    return out;
  },
};

/** PowerShell runs a string as code with `Invoke-Expression` (alias `iex`). */
const INVOKE = /(?<![\w-])(iex|invoke-expression)(?![\w-])/i;
/**
 * A download whose result is the script text: WebClient's DownloadString, or Invoke-WebRequest / Invoke-RestMethod
 * (aliases iwr, irm). DownloadFile and `-OutFile` write a file instead.
 */
const DOWNLOAD_STRING = /\.downloadstring\s*\(/i;
const WEB_REQUEST = /(?<![\w-])(invoke-webrequest|iwr|invoke-restmethod|irm)(?![\w-])/i;
const TO_FILE = /(?<![\w-])-outfile(?![\w-])/i;
const PASS_THRU = /(?<![\w-])-passthru(?![\w-])/i;
const PS_URL = /(https?|ftp):\/\/[^\s'"`)]+/i;
/** `$name = <download>`: the script text kept in a variable for a later statement's `iex $name`. */
const ASSIGNED = /(?:^|["'\s])\$([A-Za-z_]\w*)\s*=(?!=)/;

/** Where a statement downloads script text, if it does: the index of the download word, and which kind it is. */
function downloadIn(statement: string): { index: number; webClient: boolean } | null {
  const ds = DOWNLOAD_STRING.exec(statement);
  if (ds) return { index: ds.index, webClient: true };
  const wr = WEB_REQUEST.exec(statement);
  if (wr && (!TO_FILE.test(statement) || PASS_THRU.test(statement))) return { index: wr.index, webClient: false };
  return null;
}

/** A RUN's text cut into PowerShell statements at `;`, `&&` and `||` (a single `|` joins a pipeline and stays). */
function statements(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let from = 0;
  for (const m of text.matchAll(/;|&&|\|\|/g)) {
    out.push({ text: text.slice(from, m.index), at: from });
    from = m.index! + m[0].length;
  }
  out.push({ text: text.slice(from), at: from });
  return out;
}

/**
 * A RUN's PowerShell statements that run downloaded text with iex: `iex (… download …)`, `… download … | iex`, or
 * `$s = … download …; iex $s`. Read from the instruction's raw text.
 */
function powershellRemoteRuns(ins: Instr): Finding[] {
  const doc = ins.doc;
  // The arguments (flags left out), continuation lines and all: positions map straight back to the document.
  const range = ins.argsRange() ?? ins.range;
  const text = doc.getText(range);
  if (!INVOKE.test(text)) return [];
  const base = doc.offsetAt(range.start);
  const out: Finding[] = [];
  /** Variables holding downloaded text, with the URL they came from when it is written out. */
  const held = new Map<string, string | null>();
  for (const { text: st, at } of statements(text)) {
    const download = downloadIn(st);
    const invoke = INVOKE.exec(st);
    const assigned = ASSIGNED.exec(st);
    if (download && assigned && assigned.index < download.index && !invoke) {
      held.set(assigned[1].toLowerCase(), PS_URL.exec(st)?.[0] ?? null);
      continue;
    }
    if (!invoke) continue;
    let url: string | null;
    let start: number;
    if (download) {
      url = PS_URL.exec(st)?.[0] ?? null;
      start = Math.min(download.index, invoke.index);
      if (download.webClient && download.index < invoke.index) {
        // `(New-Object Net.WebClient).DownloadString(…) | iex`: the match starts at the dot; take the whole
        // expression, from the statement's start or the `"` that opens the command string.
        start = st.lastIndexOf('"', download.index) + 1;
        while (/\s/.test(st[start])) start++;
      }
    } else {
      const rest = st.slice(invoke.index);
      const name = [...held.keys()].find((n) => new RegExp(`\\$${n}(?!\\w)`, 'i').test(rest));
      if (name === undefined) continue;
      url = held.get(name) ?? null;
      start = invoke.index;
    }
    const how = invoke[1];
    out.push({
      range: { start: doc.positionAt(base + at + start), end: doc.positionAt(base + at + statementEnd(st)) },
      message: url
        ? msg(`내려받은 스크립트를 확인 없이 PowerShell \`${how}\` 명령으로 실행합니다: \`${url}\``, `\`${url}\` is run by PowerShell's \`${how}\` without any check of what was downloaded`)
        : msg(`내려받은 스크립트를 확인 없이 PowerShell \`${how}\` 명령으로 실행합니다`, `A downloaded script is run by PowerShell's \`${how}\` without any check of what was downloaded`),
    });
  }
  return out;
}

/**
 * The end of a statement's own text: without trailing spaces, line continuations, and the `"` (or `"]`) that closes
 * the command string it sits in (`powershell -Command "…; iex …"`, `RUN ["powershell", "-Command", "…"]`).
 */
function statementEnd(st: string): number {
  let s = st.replace(/(\s|\\|`)+$/, '');
  if (/"\s*\]$/.test(s)) s = s.replace(/"\s*\]$/, '');
  else if ((s.match(/"/g)?.length ?? 0) % 2 === 1 && s.endsWith('"')) s = s.slice(0, -1);
  return s.length;
}
