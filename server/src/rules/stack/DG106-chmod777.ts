/**
 * DG106: `chmod 777` gives every user, including the web server's www-data and any PHP code it runs, write access.
 * On system folders (`/etc/nginx`, `/var/*`, `/usr`) it lets a compromised PHP page rewrite the server itself.
 * Judged in the RUN instructions and in the start script the CMD/ENTRYPOINT runs (startScript.ts), where the same
 * chmod runs at every container start; the script's findings sit on the line that runs it and name the script line.
 *
 * The fix, in a RUN, only where the right mode is clear: web content under /var/www gets www-data as its owner and
 * 755 for folders, 644 for files (what the working student projects we studied do); a single
 * path outside the system folders, without -R, gets 755 (a folder or a script keeps its x bit). System folders and
 * recursive modes elsewhere are left to the reader: their right owners and modes differ (/var/lib/mysql is 700 mysql).
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Finding, Fix, Rule } from '../types';
import { commandRange } from '../../service/shell/binding';
import { runShells } from '../helpers/shell';
import type { SimpleCommand } from '../../service/shell/parser';
import { scriptLine, startScripts } from './startScript';

/** Symbolic modes that give write access to everyone (`a+w`, `o+rwx`, `ugo+w`). */
function worldWritable(mode: string): boolean {
  return /^(a|o|ugo|go|og)\+[rwxX]*w[rwxX]*$/.test(mode) || /^o=[rwxX]*w/.test(mode);
}

const SYSTEM = /^\/(\*|etc|var|usr|bin|sbin|lib|lib64|root|boot|opt|srv|home|run)?(\/\*)?\/?$|^\/(etc|usr|bin|sbin|lib|lib64|boot|root)\//;

export const DG106: Rule = {
  id: 'DG106',
  severity: 'warning',
  title: msg('chmod 777은 모든 사용자에게 쓰기 권한을 줍니다', 'chmod 777 gives every user write access'),
  why: msg(
    '`chmod 777`은 www-data를 포함한 모든 사용자에게 읽기·쓰기·실행 권한을 줍니다. 웹 서버가 실행하는 PHP 코드가 뚫리면 그 파일을 마음대로 고칠 수 있고, `/etc/nginx`, `/var/*` 같은 시스템 폴더라면 서버 설정까지 바뀔 수 있습니다. `chown -R www-data:www-data`처럼 소유자를 정하고 폴더는 755, 파일은 644처럼 필요한 만큼만 주세요.',
    '`chmod 777` gives every user, www-data included, read, write and execute access. If PHP code run by the web server is compromised, it can rewrite those files, and on system folders such as `/etc/nginx` or `/var/*` the server configuration too. Set the owner with `chown -R www-data:www-data` and grant only what is needed, e.g. 755 for folders and 644 for files.',
  ),
  // Not `local`: the start script's commands are judged too, and they live outside the instruction's own text.
  check(ctx) {
    const doc = ctx.doc;
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        const said = judgeChmod(c);
        if (said) out.push({ range: commandRange(doc, c), message: said, data: { run: true } });
      }
    }
    // The start script's chmod runs at every container start, with the same effect; reported on the CMD/ENTRYPOINT
    // that runs the script, naming the script's line.
    for (const s of startScripts(ctx)) {
      for (const c of s.commands) {
        const said = judgeChmod(c);
        if (!said) continue;
        const line = scriptLine(s, c);
        out.push({
          range: s.range,
          message: msg(`\`${s.path}\` 파일 ${line}번 줄: ${said.ko}`, `\`${s.path}\` line ${line}: ${said.en}`),
        });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    if (finding.data?.run !== true) return [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        const r = commandRange(doc, c);
        if (r.start.line !== finding.range.start.line || r.start.character !== finding.range.start.character || !judgeChmod(c)) continue;
        const fix = narrowChmod(c);
        return fix ? [{ ...fix, edits: [{ range: r, newText: fix.text }] }] : [];
      }
    }
    return [];
  },
};

/** The narrower command for a chmod the fix is sure about (see the header); null otherwise. */
function narrowChmod(c: SimpleCommand): (Omit<Fix, 'edits'> & { text: string }) | null {
  const words = c.words.slice(1);
  const modeAt = words.findIndex((w) => !w.value.startsWith('-'));
  const flags = words.slice(0, modeAt).map((w) => w.value);
  const targets = words.slice(modeAt + 1);
  if (modeAt < 0 || !targets.length || targets.some((t) => t.value.startsWith('-') || t.value.includes('$') || /[*?[]/.test(t.value))) return null;
  if (flags.some((f) => !/^-[Rv]+$/.test(f) && f !== '--recursive')) return null;
  const recursive = flags.some((f) => /R/.test(f) || f === '--recursive');
  const raw = targets.map((t) => t.raw).join(' ');
  const web = targets.every((t) => /^\/var\/www\/./.test(t.value));
  if (web) {
    const text = recursive
      ? `chown -R www-data:www-data ${raw} && find ${raw} -type d -exec chmod 755 {} + && find ${raw} -type f -exec chmod 644 {} +`
      : `chown www-data:www-data ${raw} && chmod 755 ${raw}`;
    return {
      title: recursive
        ? msg('소유자를 www-data로 정하고 폴더 755, 파일 644로 바꾸기', 'Make www-data the owner, folders 755 and files 644')
        : msg('소유자를 www-data로 정하고 755로 바꾸기', 'Make www-data the owner and the mode 755'),
      text,
      preferred: true,
    };
  }
  if (!recursive && targets.length === 1 && !SYSTEM.test(targets[0].value)) {
    return { title: msg('755로 바꾸기 (소유자만 쓰기)', 'Use 755 (only the owner writes)'), text: `chmod 755 ${raw}`, preferred: true };
  }
  return null;
}

/** What is wrong with a `chmod` command, or null when it does not open files to everyone (or is not chmod). */
function judgeChmod(c: SimpleCommand): Msg | null {
  if (c.name !== 'chmod') return null;
  const args = c.words.slice(1).map((w) => w.value);
  const mode = args.find((a) => !a.startsWith('-'));
  if (!mode || !isWide(mode)) return null;
  const targets = args.slice(args.indexOf(mode) + 1).filter((a) => !a.startsWith('-'));
  // Runtime folders (sockets, PID files) and temp folders are made world-writable on purpose, as the official
  // mariadb and nginx images do so the container can run under any --user; a variable target is unknown.
  if (targets.length && targets.every((t) => /^\/(var\/)?run(\/|$)|^\/(var\/)?tmp\/?$/.test(t) || t.includes('$'))) return null;
  const recursive = args.some((a) => /^-[a-zA-Z]*R/.test(a) || a === '--recursive');
  const system = targets.find((t) => SYSTEM.test(t));
  const shown = c.words.map((w) => w.value).join(' ');
  return system
    ? msg(
        `\`${shown}\`: 시스템 폴더를 누구나 쓸 수 있게 만듭니다(\`${system}\`${recursive ? ', 하위 폴더 포함' : ''}). 소유자를 정하고 권한을 좁히세요`,
        `\`${shown}\` makes the system folder \`${system}\`${recursive ? ' and everything under it' : ''} writable by anyone; set the owner and narrow the mode`,
      )
    : msg(
        `\`${shown}\`: 모든 사용자에게 쓰기 권한을 줍니다. \`chown\` 명령으로 소유자를 정하고 755/644처럼 좁히세요`,
        `\`${shown}\` gives every user write access; set the owner with \`chown\` and use 755/644`,
      );
}

function isWide(mode: string): boolean {
  // Octal: the "others" digit has the write bit (2, 3, 6, 7) and the group digit too — 777, 0777, 666, 2777.
  const m = /^0*([0-7]?)([0-7])([0-7])([0-7])$/.exec(mode);
  if (m) return m[1] !== '1' && [2, 3, 6, 7].includes(Number(m[4])) && [2, 3, 6, 7].includes(Number(m[3]));
  return worldWritable(mode);
}
