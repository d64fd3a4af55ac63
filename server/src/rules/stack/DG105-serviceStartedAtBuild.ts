/**
 * DG105: `RUN service nginx start` at build time. The process lives only while that RUN runs; the image keeps
 * files, not processes, so nothing of it runs in the container, nor in the next RUN (a fresh container). A database
 * started to be seeded by commands after it in the same RUN (`service mysql start && mysql -e …`) is correct and is
 * not flagged; a database started alone is, with a word on where its set-up commands must go.
 *
 * The fix moves the start to where it runs at container start: into the start script the container runs (after its
 * opening comments and `set` lines), or in front of a shell-form CMD (`service nginx start && …`); where the script
 * or the CMD already starts that service, it only removes the RUN's copy. Nothing else in the RUN changes: the
 * command goes with its `&&`, and a RUN of nothing but service starts goes as a whole.
 */
import { msg } from '../../../../common/src/i18n';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Finding, Fix, Rule, RuleContext } from '../types';
import { effectiveCommand, finalStage } from '../../service/effectiveCommand';
import { parseShell, type SimpleCommand } from '../../service/shell/parser';
import type { Instr } from '../../service/document';
import { plainSource } from '../../service/shell/lexer';
import { wholeLines } from '../helpers/edits';
import { startScripts } from './startScript';
import { commandRange } from '../../service/shell/binding';
import { runShells } from '../helpers/shell';

/** Services that are only useful running (nothing to seed): starting them in RUN is always pointless. */
const WEB = /^(nginx|apache2|httpd|php[\d.]*-fpm[\d.]*|php-fpm[\d.]*|lighttpd|cron|ssh|sshd)$/;
const DB = /^(mysql|mariadb|postgresql|redis-server|mongodb|mongod)$/;

function startedService(argv: string[]): string | null {
  if (argv[0] === 'service' && argv.length >= 3 && /^(start|restart)$/.test(argv[2])) return argv[1];
  const m = /^\/etc\/init\.d\/(.+)$/.exec(argv[0] ?? '');
  if (m && /^(start|restart)$/.test(argv[1] ?? '')) return m[1];
  if (argv[0] === 'systemctl' && /^(start|restart)$/.test(argv[1] ?? '') && argv[2]) return argv[2].replace(/\.service$/, '');
  return null;
}

export const DG105: Rule = {
  id: 'DG105',
  severity: 'info',
  title: msg('빌드 중에 띄운 서비스는 컨테이너에 남지 않습니다', 'A service started at build time does not survive into the container'),
  why: msg(
    'RUN에서 실행한 프로세스는 그 RUN이 끝나면 함께 사라집니다. 이미지에는 파일만 저장되고 실행 중인 프로세스는 저장되지 않습니다. 그래서 `RUN service nginx start` 명령이나 `RUN service mysql start` 명령처럼 서비스를 띄우기만 하는 RUN은 컨테이너에 실행 중인 서비스를 남기지 않고, 새 컨테이너에서 실행되는 다음 RUN도 그 서비스에 접속할 수 없습니다. 서비스는 CMD나 시작 스크립트에서 띄우세요. 반면 `service mysql start && mysql -e "CREATE DATABASE …"`처럼 같은 RUN 안에서 데이터베이스를 띄우고 바로 이어지는 명령으로 초기화하는 것은 올바른 방법입니다. 이어지는 명령이 실행되는 동안에는 데이터베이스가 살아 있기 때문입니다.',
    'A process started by RUN dies when that RUN ends. The image stores files, not running processes, so a RUN that only starts services (`RUN service nginx start`, `RUN service mysql start`) leaves nothing running in the container, and the next RUN, which runs in a fresh container, cannot reach the service either. Start services from CMD or the start script. Starting a database to set it up with the commands that follow it in the same RUN (`service mysql start && mysql -e "CREATE DATABASE …"`) is correct, though: the database is up while those commands run.',
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      const all = shell.all;
      for (let k = 0; k < all.length; k++) {
        const c = all[k];
        // Cheap filter before building the argv: only service/systemctl/init.d scripts start services.
        if (c.name !== 'service' && c.name !== 'systemctl' && !(c.words[0]?.value.startsWith('/etc/init.d/') ?? false)) continue;
        const svc = startedService(c.words.map((w) => w.value));
        if (!svc) continue;
        const name = svc.replace(/^.*\//, '');
        // A database started and then used later in the same RUN is the seeding pattern: fine.
        const usedLater = all.slice(k + 1).some((d) => d.name !== '' && (d.name !== 'service' && d.name !== 'systemctl' && !d.words[0]?.value.startsWith('/etc/init.d/') || startedService(d.words.map((w) => w.value)) === null));
        if (DB.test(name) && usedLater) continue;
        if (!WEB.test(name) && !DB.test(name)) continue;
        if (!WEB.test(name) && usedLater) continue;
        const shown = c.words.map((w) => w.value).join(' ');
        // A database started alone: the usual intent is to set it up, which only works in this same RUN.
        const setUp = DB.test(name)
          ? msg('. 데이터베이스를 빌드 중에 초기화하려면 그 명령을 이 RUN 안에서 이 명령 뒤에 이어 쓰세요', '. To set the database up at build time, put its commands after this one in the same RUN')
          : msg('', '');
        out.push({
          range: commandRange(doc, c),
          message: msg(
            `빌드 중에 띄운 서비스는 이 RUN이 끝나면 멈춥니다: \`${shown}\`. CMD나 시작 스크립트에서 실행하세요${setUp.ko}`,
            `\`${shown}\` at build time stops when this RUN ends; start it from CMD or the start script${setUp.en}`,
          ),
        });
      }
    }
    return out;
  },
  fix(ctx, finding) {
    const { doc } = ctx;
    const at = finding.range.start;
    for (const { instr, shell } of runShells(doc)) {
      if (at.line < instr.startLine || at.line > instr.endLine) continue;
      const top = shell.all.filter((c) => c.depth === 0 && c.context.length === 0);
      const k = top.findIndex((c) => {
        const r = commandRange(doc, c);
        return r.start.line === at.line && r.start.character === at.character;
      });
      if (k < 0) return [];
      const c = top[k];
      const argv = c.words.map((w) => w.value);
      const svc = startedService(argv);
      if (!svc) return [];
      const removal = removeFromRun(ctx, instr, top, k);
      if (!removal) return [];
      const shown = c.allWords.map((w) => w.raw).join(' ');
      const place = startPlace(ctx, svc.replace(/^.*\//, ''), shown);
      if (!place) return [];
      return [{ ...place, edits: [removal, ...place.edits] }];
    }
    return [];
  },
};

/** The edit that takes command `k` out of its RUN: with its `&&`, or the whole RUN when it only starts services. */
function removeFromRun(ctx: RuleContext, instr: Instr, top: SimpleCommand[], k: number): TextEdit | null {
  const doc = ctx.doc;
  const onlyThis = top.length === 1;
  if (onlyThis) return { range: wholeLines(doc, instr), newText: '' };
  const c = top[k];
  const r = commandRange(doc, c);
  if (c.before === '&&' && k > 0) return { range: { start: commandRange(doc, top[k - 1]).end, end: r.end }, newText: '' };
  if (c.after === '&&' && k + 1 < top.length) return { range: { start: r.start, end: commandRange(doc, top[k + 1]).start }, newText: '' };
  return null;
}

/** Where the service start goes at container start, and the fix's title; null when that is not clear. */
function startPlace(ctx: RuleContext, name: string, shown: string): Fix | null {
  const doc = ctx.doc;
  const startsIt = (cmds: SimpleCommand[]) =>
    cmds.some((c) => (startedService(c.words.map((w) => w.value)) ?? '').replace(/^.*\//, '') === name);
  const script = startScripts(ctx)[0];
  if (script && ctx.readContextFile) {
    const file = script.path;
    if (startsIt(script.commands)) {
      return { title: msg(`이 RUN에서 ${shown} 명령 지우기 (${file} 스크립트가 이미 시작함)`, `Remove ${shown} from this RUN (${file} already starts it)`), edits: [] };
    }
    // After the shebang, the opening comments and `set` lines: the services start before the rest of the script.
    const lines = script.text.split('\n');
    let line = 0;
    while (line < lines.length && /^\s*(#.*|set\s.*|)$/.test(lines[line])) line++;
    const pos = { line, character: 0 };
    return {
      title: msg(`${shown} 명령을 ${file} 시작 스크립트로 옮기기`, `Move ${shown} into the start script ${file}`),
      edits: [],
      fileEdits: [{ path: file, edits: [{ range: { start: pos, end: pos }, newText: `${shown}\n` }] }],
      preferred: true,
    };
  }
  const stage = finalStage(doc);
  if (!stage) return null;
  const ec = effectiveCommand(doc, stage);
  const cmd = ec.cmd;
  const instr = cmd?.origin.kind === 'line' ? cmd.origin.instr : undefined;
  if (ec.entrypoint || !cmd || cmd.form !== 'shell' || cmd.execWritten || !instr || !cmd.text) return null;
  const args = instr.argsRange();
  if (!args) return null;
  if (startsIt(parseShell(plainSource(cmd.text)))) {
    return { title: msg(`이 RUN에서 ${shown} 명령 지우기 (CMD가 이미 시작함)`, `Remove ${shown} from this RUN (the CMD already starts it)`), edits: [] };
  }
  return {
    title: msg(`${shown} 명령을 CMD 앞부분으로 옮기기`, `Move ${shown} to the front of the CMD`),
    edits: [{ range: { start: args.start, end: args.start }, newText: `${shown} && ` }],
    preferred: true,
  };
}
