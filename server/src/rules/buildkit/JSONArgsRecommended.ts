/**
 * JSONArgsRecommended: CMD or ENTRYPOINT in shell form runs under `/bin/sh -c`, and sh does not pass SIGTERM on to
 * the program, so `docker stop` waits its 10 seconds and kills it. A stage (or its parent stage) that sets SHELL has
 * chosen its shell on purpose, so BuildKit stays quiet there and so do we.
 *
 * The fix writes the exec form. A plain command (words, simple quotes) becomes one JSON string per word; anything
 * that needs a shell (`&&`, `|`, `$VAR`, redirects, globs, `VAR=x cmd`) becomes `["/bin/sh", "-c", "<command>"]`, which
 * keeps the meaning exactly (the shell stays PID 1: that fix is offered but not preferred) — for CMD only: an ENTRYPOINT
 * of shell text gets the start-script fix instead (helpers/startScriptFix.ts). An array written with
 * single quotes, which Docker reads as shell form, gets its own message and is re-quoted.
 */
import { fill, msg } from '../../../../common/src/i18n';
import type { Instr, Stage } from '../../service/document';
import type { Finding, Rule, RuleContext } from '../types';
import { effectiveCommand, finalStage } from '../../service/effectiveCommand';
import { rootImage, shellPid1 } from '../../service/pid1Shell';
import { mainVerdict } from '../stack/mainProcess';
import { memoByAst } from './util';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';
import { entrypointFixes } from '../helpers/startScriptFix';

const SHELL_FORM = msg(
  '{0}를 JSON 배열(exec 형식)로 쓰세요. 셸 형식은 종료 시그널(SIGTERM) 처리에서 뜻하지 않은 동작을 일으킬 수 있습니다',
  'JSON arguments recommended for {0} to prevent unintended behavior related to OS signals',
);
/** The container's own command, on a base whose /bin/sh is dash: what `docker stop` will do, said plainly. */
const SHELL_STAYS_PID1 = msg(
  '{0}가 셸 형식이라 이 Debian 계열 이미지에서는 /bin/sh(dash)가 PID 1로 남고 SIGTERM을 {1} 넘겨주지 않습니다. 그래서 `docker stop` 명령은 10초를 기다린 뒤 모두 강제 종료합니다(종료 코드 137). JSON 배열(exec 형식)로 쓰세요',
  '{0} in shell form: on this Debian-based image /bin/sh (dash) stays PID 1 and does not pass SIGTERM on to {1}, so `docker stop` waits 10 s and then kills everything (exit code 137). Write it as a JSON array (exec form)',
);
const SINGLE_QUOTES = msg(
  '{0}의 배열에 작은따옴표를 썼습니다. JSON은 큰따옴표만 인정하므로 Docker는 이 줄을 셸 형식으로 실행합니다',
  '{0} uses single quotes in its array; JSON needs double quotes, so Docker runs this line in shell form',
);

/** Characters that make a shell-form command depend on the shell. */
const SHELL_SYNTAX = /[$`\\|&;<>()*?[\]{}~!#]/;

/**
 * Splits a shell-form command into argv when no shell feature is involved; null when the shell matters.
 * Handles whitespace, '…' and "…" (without `$`, backquote or backslash inside).
 */
export function splitPlainCommand(command: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = command.indexOf(c, i + 1);
      if (close < 0) return null;
      const inner = command.slice(i + 1, close);
      if (c === '"' && /[$`\\]/.test(inner)) return null;
      cur += inner;
      inWord = true;
      i = close;
      continue;
    }
    if (SHELL_SYNTAX.test(c)) return null;
    cur += c;
    inWord = true;
  }
  if (inWord) words.push(cur);
  if (words.length === 0) return null;
  // `VAR=value cmd` sets an environment variable for cmd: only a shell does that.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return null;
  return words;
}

/** `['a', 'b']` (single-quoted strings only) → the strings; null for anything else. */
function singleQuotedArray(content: string): string[] | null {
  const t = content.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const body = t.slice(1, -1).trim();
  if (body === '') return null;
  const out: string[] = [];
  const re = /\s*'([^']*)'\s*(,|$)/y;
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) return null;
    out.push(m[1]);
    pos = re.lastIndex;
    if (m[2] === '' && pos < body.length) return null;
  }
  return out;
}

/** Exec form text, e.g. `["nginx", "-g", "daemon off;"]`, escaped by JSON rules. */
function execForm(strings: string[]): string {
  return '[' + strings.map((s) => JSON.stringify(s)).join(', ') + ']';
}

/**
 * This shell-form line is what the container runs (the final stage's effective ENTRYPOINT, or its CMD when there is
 * none, written in that stage or one it is built FROM), its base is known to have dash as /bin/sh (pid1Shell.ts), and no main-process rule (DG101, DG102, DG111)
 * already tells the run-time story of this command: then the shell staying PID 1 is a fact about `docker stop`, not
 * a matter of style.
 */
function shellStaysPid1(ctx: RuleContext, ins: Instr): boolean {
  const doc = ctx.doc;
  const final = finalStage(doc);
  if (!final) return false;
  // The final stage's command, written here or in a stage it is built FROM.
  const ec = effectiveCommand(doc, final);
  const first = ec.entrypoint ?? ec.cmd;
  if (!first || first.form !== 'shell' || first.origin.instr !== ins) return false;
  if (shellPid1(null, rootImage(final)) !== 'stays') return false;
  return !mainVerdict(ctx)?.v;
}

function hasExplicitShell(stage: Stage | undefined, before: number): boolean {
  for (let s: Stage | null | undefined = stage; s; s = s.parent) {
    if (s.instructions.some((i) => i.keyword === 'SHELL' && (s !== stage || i.startLine < before))) return true;
  }
  return false;
}

const targetCache = new WeakMap<object, boolean>();

/** CMD/ENTRYPOINT in shell form with a command; memoised per AST (JSON parsing is the costly part). */
function target(ins: Instr): boolean {
  if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') return false;
  return memoByAst(targetCache, ins, shellFormWithCommand);
}

function shellFormWithCommand(ins: Instr): boolean {
  return !ins.isExecForm() && ins.argsContent().trim() !== '';
}

export const JSONArgsRecommended: Rule = {
  id: 'JSONArgsRecommended',
  severity: 'hint',
  title: msg('CMD/ENTRYPOINT는 JSON 배열로', 'Use JSON arguments for CMD/ENTRYPOINT'),
  why: msg(
    '셸 형식(`CMD nginx -g "daemon off;"`)은 실제로 `/bin/sh -c "…"` 명령으로 실행됩니다. Debian과 Ubuntu 이미지의 `/bin/sh`는 dash인데, dash는 PID 1로 남아 `docker stop`이 보내는 SIGTERM을 프로그램에 넘겨주지 않습니다. 그래서 컨테이너가 정상 종료되지 못하고 10초 뒤 강제로 종료됩니다(종료 코드 137). bash나 busybox의 sh는 마지막 명령으로 자신을 바꾸기도 해서 결과가 셸마다 다릅니다. exec 형식(`CMD ["nginx", "-g", "daemon off;"]`)은 셸과 상관없이 프로그램이 직접 PID 1이 되어 시그널을 받습니다. `&&`나 변수처럼 셸 기능이 꼭 필요하면 `["/bin/sh", "-c", "…"]` 형태로 의도를 드러내거나 `SHELL`을 지정하세요. 이 검사는 보통 힌트로 보이지만, 그 줄이 컨테이너가 실행할 명령이고 베이스 이미지가 Debian 계열이라 결과가 분명할 때는 정보로 보입니다.',
    'Shell form (`CMD nginx -g "daemon off;"`) really runs `/bin/sh -c "…"`. On Debian and Ubuntu images `/bin/sh` is dash, which stays PID 1 and does not pass the SIGTERM of `docker stop` on to the program, so the container cannot shut down cleanly and is killed after 10 seconds (exit code 137). bash and busybox sh may replace themselves with the last command, so the outcome depends on the shell. In exec form (`CMD ["nginx", "-g", "daemon off;"]`) the program itself is PID 1 and gets the signal, whatever the shell. If you need shell features such as `&&` or variables, say so with `["/bin/sh", "-c", "…"]` or set `SHELL`. This check shows as a hint, except where the line is the container\'s own command on a Debian-based image, where the outcome is certain: then it shows as info.',
  ),
  url: docsUrl('json-args-recommended'),
  check(ctx) {
    const { doc } = ctx;
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (!target(ins)) continue;
      if (hasExplicitShell(ins.stage, ins.startLine)) continue;
      const single = singleQuotedArray(ins.argsContent()) !== null;
      const range = ins.argsRange() ?? ins.range;
      if (!single && shellStaysPid1(ctx, ins)) {
        const words = splitPlainCommand(ins.argsContent().trim());
        const to = words ? msg(`\`${words[0]}\` 프로그램에`, `\`${words[0]}\``) : msg('실행하는 명령에', 'the commands it runs');
        out.push({ range, message: { ko: fill(SHELL_STAYS_PID1.ko, [ins.keyword, to.ko]), en: fill(SHELL_STAYS_PID1.en, [ins.keyword, to.en]) }, atLeast: 'info' });
        continue;
      }
      const m = single ? SINGLE_QUOTES : SHELL_FORM;
      out.push({ range, message: { ko: fill(m.ko, [ins.keyword]), en: fill(m.en, [ins.keyword]) } });
    }
    return out;
  },
  fix(ctx, finding) {
    const { doc } = ctx;
    const ins = doc.instructionAtLine(finding.range.start.line);
    if (!ins || !target(ins) || ins.heredocs().length > 0) return [];
    const args = ins.argsRange();
    if (!args) return [];
    const content = ins.argsContent().trim();
    const single = singleQuotedArray(content);
    if (single) {
      return [{ title: msg('큰따옴표 JSON 배열로 바꾸기', 'Rewrite with double quotes'), edits: [edit(args, execForm(single))], preferred: true }];
    }
    const words = splitPlainCommand(content);
    if (words) {
      return [{ title: msg('exec 형식(JSON 배열)으로 바꾸기', 'Convert to exec form (JSON array)'), edits: [edit(args, execForm(words))], preferred: true }];
    }
    // The command needs a shell. For CMD, naming the shell keeps its meaning exactly (the shell stays PID 1, and the
    // lens and the explainer still say so). For ENTRYPOINT that would only hide the bug: `["/bin/sh", "-c", …]`
    // stores the same argv, so a CMD still only fills `$0`, `$1`, …; the real fix is a start script.
    if (doc.escapeChar !== '\\') return [];
    if (ins.keyword === 'ENTRYPOINT') {
      return entrypointFixes(ctx, ins);
    }
    return [
      {
        title: msg('["/bin/sh", "-c", …] 형식으로 바꾸기 (셸 기능 유지)', 'Convert to ["/bin/sh", "-c", …] (keeps the shell features)'),
        edits: [edit(args, execForm(['/bin/sh', '-c', content]))],
      },
    ];
  },
};
