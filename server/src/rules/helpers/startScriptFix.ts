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
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Instr } from '../../service/document';
import { effectiveCommand } from '../../service/effectiveCommand';
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

/**
 * The fix for the ENTRYPOINT `ep` of its stage when it is shell text; null when it is not, when the text cannot be
 * moved as it stands (heredoc, the `escape=\`` of Windows files) or when there is no build context to write to.
 */
export function moveEntrypointToScript(ctx: RuleContext, ep: Instr): Fix | null {
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
  return {
    title: msg(`명령들을 ${name} 시작 스크립트로 옮기고 끝에서 exec "$@"로 CMD 실행하기`, `Move the commands into a start script, ${name}, that ends with exec "$@" (runs the CMD)`),
    edits: [edit({ start: { line: ep.startLine, character: 0 }, end }, replacement)],
    files: [{ path: name, text: scriptText(shell, text) }],
    preferred: true,
  };
}
