/**
 * The real fix for an ENTRYPOINT that is shell text (shell form, or `["/bin/sh", "-c", "…"]`): move the text into a
 * start script next to the Dockerfile that ends with `exec "$@"`, COPY it into the image and make it the exec-form
 * ENTRYPOINT. Then the CMD reaches the script as `$1`, `$2`, … and `exec "$@"` runs it as PID 1 — what a CMD next
 * to a shell-text ENTRYPOINT never did (it only filled `$0`, `$1`, …; see test/claims/shellEntrypoint.test.ts).
 *
 * The script is run by the same shell that ran the text (the stage's SHELL, default /bin/sh), named in the
 * ENTRYPOINT (`["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]`), so it needs no execute bit: a file the editor
 * creates is not executable, and `COPY --chmod` needs BuildKit. `docker-entrypoint.sh` is the name the official
 * images give such a script; a name taken in the build context gets a number.
 *
 * When the text is `A && B && <a long-running program>` and that program is clearly one that stays in the
 * foreground (`nginx -g "daemon off;"`, `php-fpm -F`, `tail -f`, `sleep infinity`, mysqld), a second fix moves only
 * `A && B` into the script and makes the program the exec-form CMD, replacing a CMD that never ran: then it is PID 1
 * and gets `docker stop`'s SIGTERM. That one is preferred: with the first, a CMD would only run after the program
 * ended.
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Instr } from '../../service/document';
import { effectiveCommand } from '../../service/effectiveCommand';
import { plainSource } from '../../service/shell/lexer';
import { parseShell } from '../../service/shell/parser';
import type { Fix, RuleContext } from '../types';
import { edit } from './edits';

const IN_IMAGE_DIR = '/usr/local/bin';

/** A free file name in the build context's top folder; null when the context cannot be read. */
function freeName(ctx: RuleContext): string | null {
  if (!ctx.readContextFile && !ctx.contextEntries) return null;
  const taken = (name: string) => {
    const entries = ctx.contextEntries?.('');
    if (entries) return entries.some((e) => e.name === name);
    return ctx.readContextFile!(name) !== null;
  };
  for (let i = 1; i < 10; i++) {
    const name = i === 1 ? 'docker-entrypoint.sh' : `docker-entrypoint-${i}.sh`;
    if (!taken(name)) return name;
  }
  return null;
}

/** The script's text: the shell text as written (continuations joined by the parser), then `exec "$@"`. */
function scriptText(shell: string, text: string): Msg {
  const body = text.trim();
  const tail = '\n\nexec "$@"\n';
  return msg(
    [
      `#!${shell}`,
      '# Dockerfile의 ENTRYPOINT에서 옮겨 온 시작 명령입니다.',
      '# 마지막 줄의 exec "$@"가 CMD(또는 docker run에 준 명령)를 실행하고 PID 1을 그 프로그램에 넘겨줍니다.',
      body,
    ].join('\n') + tail,
    [
      `#!${shell}`,
      "# The start commands, moved here from the Dockerfile's ENTRYPOINT.",
      '# The last line, exec "$@", runs the CMD (or the command given to docker run) and hands PID 1 to it.',
      body,
    ].join('\n') + tail,
  );
}

/** Programs that stay in the foreground as written (nothing in a config file decides it). */
function staysInForeground(argv: string[]): boolean {
  const name = argv[0].replace(/^.*\//, '');
  const rest = argv.slice(1);
  if (name === 'nginx') return rest.some((a, i) => rest[i - 1] === '-g' && /\bdaemon\s+off\s*;/.test(a));
  if (/^php(-fpm[\d.]*|[\d.]+-fpm)$/.test(name)) return rest.includes('-F') || rest.includes('--nodaemonize');
  if (name === 'tail') return rest.some((a) => /^-[a-zA-Z]*[fF]/.test(a));
  if (name === 'sleep') return rest.length === 1 && rest[0] === 'infinity';
  if (name === 'apache2ctl') return rest.join(' ') === '-D FOREGROUND';
  return /^(mysqld|mariadbd)$/.test(name);
}

/**
 * `A && B && program args`, all plain commands, the last one staying in the foreground: the text of `A && B` and
 * the program's argv. null for anything less clear (pipes, `;`, `||`, redirections, variables, compound commands).
 */
export function splitLongRunning(text: string): { head: string; argv: string[] } | null {
  let cmds;
  try {
    cmds = parseShell(plainSource(text));
  } catch {
    return null;
  }
  if (cmds.length < 2) return null;
  for (const [i, c] of cmds.entries()) {
    if (c.context.length || c.inner || c.background || c.inPipeline || c.depth || c.assignments.length || c.words.length === 0) return null;
    if (c.after !== (i === cmds.length - 1 ? null : '&&')) return null;
  }
  const last = cmds[cmds.length - 1];
  if (last.redirects.length || last.words.some((w) => w.dynamic) || last.wrappers.some((w) => w !== 'exec')) return null;
  const argv = last.words.map((w) => w.value);
  if (!staysInForeground(argv)) return null;
  return { head: text.slice(0, cmds[cmds.length - 2].end).trim(), argv };
}

/** The ENTRYPOINT's fixes: the long-running program as the CMD when that is clear (preferred), and the script. */
export function entrypointFixes(ctx: RuleContext, ep: Instr): Fix[] {
  const script = moveEntrypointToScript(ctx, ep);
  if (!script) return [];
  const split = splitLongRunning(script.text);
  if (!split) return [script.fix];
  const asCmd = moveEntrypointToScript(ctx, ep, split);
  return asCmd ? [asCmd.fix, { ...script.fix, preferred: undefined }] : [script.fix];
}

/**
 * The fix for the ENTRYPOINT `ep` of its stage when it is shell text; null when it is not, when the text cannot be
 * moved as it stands (heredoc, the `escape=\`` of Windows files) or when there is no build context to write to.
 */
function moveEntrypointToScript(ctx: RuleContext, ep: Instr, split?: { head: string; argv: string[] }): { fix: Fix; text: string } | null {
  const stage = ep.stage;
  if (!stage || ep.keyword !== 'ENTRYPOINT' || ep.heredocs().length > 0 || ctx.doc.escapeChar !== '\\') return null;
  const ec = effectiveCommand(ctx.doc, stage);
  // Only the ENTRYPOINT in effect: a replaced one runs nothing, and moving it would make it run.
  const part = ec.entrypoint?.origin.instr === ep ? ec.entrypoint : null;
  const shell = part?.shell?.[0] ?? '/bin/sh';
  const text = part?.text;
  if (!part || part.form !== 'shell' || !text || !text.trim()) return null;
  const name = freeName(ctx);
  if (!name) return null;
  const inImage = `${IN_IMAGE_DIR}/${name}`;
  const indent = ctx.doc.lineText(ep.startLine).match(/^\s*/)![0];
  const replacement = `${indent}COPY ${name} ${inImage}\n${indent}ENTRYPOINT ${JSON.stringify([shell, inImage]).replace(/","/g, '", "')}`;
  const end = { line: ep.endLine, character: ctx.doc.lineText(ep.endLine).length };
  if (!split) {
    return {
      text,
      fix: {
        title: msg(`명령들을 ${name} 시작 스크립트로 옮기고 끝에서 exec "$@"로 CMD 실행하기`, `Move the commands into a start script, ${name}, that ends with exec "$@" (runs the CMD)`),
        edits: [edit({ start: { line: ep.startLine, character: 0 }, end }, replacement)],
        files: [{ path: name, text: scriptText(shell, text) }],
        preferred: true,
      },
    };
  }
  // The program becomes the CMD: in place of this stage's CMD in effect (which never ran), or right after.
  const cmdText = `CMD ${JSON.stringify(split.argv).replace(/","/g, '", "')}`;
  const cmd = ec.cmd?.origin.instr && ec.cmd.origin.instr.stage === stage ? ec.cmd.origin.instr : null;
  const edits = cmd
    ? [
        edit({ start: { line: ep.startLine, character: 0 }, end }, replacement),
        edit({ start: { line: cmd.startLine, character: 0 }, end: { line: cmd.endLine, character: ctx.doc.lineText(cmd.endLine).length } }, `${indent}${cmdText}`),
      ]
    : [edit({ start: { line: ep.startLine, character: 0 }, end }, `${replacement}\n${indent}${cmdText}`)];
  const program = split.argv[0].replace(/^.*\//, '');
  return {
    text,
    fix: {
      title: msg(
        `준비 명령은 ${name} 시작 스크립트로 옮기고 ${program} 프로그램을 exec 형식 CMD로 실행하기(PID 1)`,
        `Move the set-up into a start script, ${name}, and run ${program} as the exec-form CMD (PID 1)`,
      ),
      edits,
      files: [{ path: name, text: scriptText(shell, split.head) }],
      preferred: true,
    },
  };
}
