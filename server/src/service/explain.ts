/**
 * "What this container actually runs": the Markdown explanation of a stage's effective ENTRYPOINT/CMD (hover on
 * CMD/ENTRYPOINT/FROM, the explain command and the CLI), and the JSON shape of the CLI's `--format json`. With a
 * reader of the build context, the explanation follows the start scripts (startChain.ts): who ends up as PID 1, what
 * runs beside it, and what `docker stop` does to them (test/claims/runtime.test.ts shows each claim on the engine).
 */
import { perLang, pick, type Lang, type OneLang as L } from '../../../common/src/i18n';
import type { ExplainRequestParams, ExplainResponse } from '../../../common/src/protocol';
import { shellPid1 } from './pid1Shell';
import { commandLink, FULL_PAGES, type HoverLinks } from './reference';
import { startChain, type BackgroundProgram, type ChainStep, type StartChain } from './startChain';
import { isDatabase } from '../rules/stack/mainProcess';
import type { Instr, ParsedDocument, Stage } from './document';
import {
  argvWithEntrypoint,
  argvWithRunArgs,
  effectiveCommand,
  finalStage,
  shellStaysPid1,
  tableCell,
  type ArgOrigin,
  type EffectiveCommand,
  type FormCell,
  type Origin,
  type Part,
} from './effectiveCommand';

const t = (l: L, ko: string, en: string) => pick({ ko, en }, l);

// ---------------------------------------------------------------------------------------------------------------
// Shell-style rendering of an argv (for reading, not for pasting into a shell).

/** Quotes one argument the way a person would write it on a command line. */
export function quoteArg(a: string): string {
  if (a === '') return '""';
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a)) return a;
  if (!/["\\$`]/.test(a)) return `"${a}"`;
  return `'${a.replace(/'/g, `'\\''`)}'`;
}

export function argvLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/** Inline code that survives backticks inside. */
function code(s: string): string {
  if (!s.includes('`')) return `\`${s}\``;
  return `\`\` ${s} \`\``;
}

function jsonArgv(argv: readonly string[]): string {
  return JSON.stringify(argv).replace(/","/g, '", "');
}

function stageLabel(stage: Stage, l: L): string {
  if (stage.name) return t(l, `스테이지 \`${stage.name}\``, `stage \`${stage.name}\``);
  const word = ['첫', '두', '세', '네', '다섯', '여섯', '일곱', '여덟', '아홉', '열'][stage.index];
  return t(l, word ? `${word} 번째 스테이지` : `${stage.index + 1}번째 스테이지`, `stage ${stage.index + 1}`);
}

function lineNo(ins: Instr): number {
  return ins.startLine + 1;
}

/** Where a part came from, in words. */
export function originText(o: Origin, l: L, current?: Instr, short = false): string {
  switch (o.kind) {
    case 'line':
      if (o.instr && current && o.instr === current) return t(l, '이 줄', 'this line');
      return o.instr ? t(l, `${lineNo(o.instr)}번 줄`, `line ${lineNo(o.instr)}`) : t(l, '이 스테이지', 'this stage');
    case 'parent': {
      const where = o.stage ? stageLabel(o.stage, l) : t(l, '이전 스테이지', 'an earlier stage');
      return o.instr
        ? t(l, `${where}의 ${lineNo(o.instr)}번 줄 (FROM으로 물려받음)`, `line ${lineNo(o.instr)} of ${where} (inherited through FROM)`)
        : t(l, `${where} (FROM으로 물려받음)`, `${where} (inherited through FROM)`);
    }
    case 'base': {
      const img = o.image ? code(o.image) : t(l, '베이스 이미지', 'the base image');
      if (short) return t(l, `베이스 이미지 ${img}`, `the base image ${img}`);
      const src =
        o.source === 'engine'
          ? t(l, '로컬 Docker 엔진에서 확인한 값', 'as inspected on the local Docker engine')
          : t(l, '공식 이미지 Dockerfile을 바탕으로 한 내장 표의 값', "from the built-in table of the official images' Dockerfiles");
      return t(l, `베이스 이미지 ${img} (${src})`, `the base image ${img} (${src})`);
    }
    default: {
      const img = o.image ? code(o.image) : t(l, '베이스 이미지', 'the base image');
      return t(
        l,
        `알 수 없음: 베이스 이미지 ${img}의 설정을 확인할 수 없습니다 (로컬에 없고 내장 표에도 없음)`,
        `unknown: the config of the base image ${img} cannot be checked (not present locally, not in the built-in table)`,
      );
    }
  }
}

function partLine(name: 'ENTRYPOINT' | 'CMD', p: Part | null, l: L, current: Instr | undefined, ec: EffectiveCommand): string {
  if (!p) {
    if (name === 'CMD' && ec.cmdReset) {
      return t(l, `- **CMD**: 없음 (${lineNo(ec.cmdReset.by)}번 줄의 ENTRYPOINT가 물려받은 CMD를 지움)`, `- **CMD**: none (the ENTRYPOINT on line ${lineNo(ec.cmdReset.by)} cleared the inherited CMD)`);
    }
    return t(l, `- **${name}**: 없음`, `- **${name}**: none`);
  }
  if (p.origin.kind === 'unknown') return `- **${name}**: ${originText(p.origin, l, current)}`;
  const form =
    p.form === 'exec'
      ? p.origin.kind === 'base'
        ? ''
        : t(l, ', exec 형식', ', exec form')
      : p.execWritten
        ? t(l, `, exec 형식이지만 ${code(jsonArgv(p.shell ?? []))} 뒤의 문자열을 셸이 실행하므로 셸 형식과 똑같이 동작함`, `, exec form, but the shell runs the text after ${code(jsonArgv(p.shell ?? []))}: it behaves exactly like shell form`)
        : t(l, `, 셸 형식 → SHELL ${code(jsonArgv(p.shell ?? []))} + 명령 문자열`, `, shell form → SHELL ${code(jsonArgv(p.shell ?? []))} + the command text`);
  return `- **${name}** ${code(jsonArgv(p.argv))} — ${originText(p.origin, l, current)}${form}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The Docker table.

const CELL_TEXT: Record<Exclude<FormCell, 'unknown'>, Record<Exclude<FormCell, 'unknown'>, (l: L) => string>> = {
  // [cmd][entrypoint]
  none: {
    none: (l) => t(l, '실행할 명령 없음 (오류)', 'nothing to run (error)'),
    exec: () => '`e1 e2`',
    shell: () => '`/bin/sh -c "e1 e2"`',
  },
  exec: {
    none: () => '`c1 c2`',
    exec: () => '`e1 e2 c1 c2`',
    shell: (l) => t(l, '`/bin/sh -c "e1 e2" c1 c2` (c1은 `$0`, c2는 `$1`이 될 뿐 실행되지 않음)', '`/bin/sh -c "e1 e2" c1 c2` (c1 only becomes `$0` and c2 `$1`; neither runs)'),
  },
  shell: {
    none: () => '`/bin/sh -c "c1 c2"`',
    exec: () => '`e1 e2 /bin/sh -c "c1 c2"`',
    shell: (l) => t(l, '`/bin/sh -c "e1 e2" /bin/sh -c "c1 c2"` (CMD는 쓰이지 않음)', '`/bin/sh -c "e1 e2" /bin/sh -c "c1 c2"` (CMD unused)'),
  },
};

export function dockerTable(ec: EffectiveCommand, l: L): string {
  const cell = tableCell(ec);
  const forms: Exclude<FormCell, 'unknown'>[] = ['none', 'exec', 'shell'];
  const epHead = (f: string) =>
    f === 'none' ? t(l, 'ENTRYPOINT 없음', 'No ENTRYPOINT') : f === 'exec' ? t(l, 'ENTRYPOINT `["e1", "e2"]`', 'ENTRYPOINT `["e1", "e2"]`') : t(l, 'ENTRYPOINT `e1 e2`', 'ENTRYPOINT `e1 e2`');
  const cmdHead = (f: string) => (f === 'none' ? t(l, 'CMD 없음', 'No CMD') : f === 'exec' ? 'CMD `["c1", "c2"]`' : 'CMD `c1 c2`');
  const rows = [`| | ${forms.map(epHead).join(' | ')} |`, `|---|${forms.map(() => '---').join('|')}|`];
  for (const c of forms) {
    const cells = forms.map((e) => {
      const text = CELL_TEXT[c][e](l);
      const mine = (cell.cmd === c || cell.cmd === 'unknown') && (cell.entrypoint === e || cell.entrypoint === 'unknown');
      const sure = cell.cmd === c && cell.entrypoint === e;
      return mine ? (sure ? `**▶ ${text}**` : `? ${text}`) : text;
    });
    rows.push(`| ${cmdHead(c)} | ${cells.join(' | ')} |`);
  }
  const legend = t(
    l,
    '**▶** 표시가 이 스테이지에 해당하는 칸입니다. ENTRYPOINT와 CMD를 합친 배열이 그대로 PID 1의 argv가 됩니다.',
    'The cell marked **▶** is this stage. ENTRYPOINT followed by CMD is exactly the argv of PID 1.',
  );
  // `["/bin/sh", "-c", "…"]` sits in the exec column of Docker's table, but it stores (and runs) what shell form does.
  const execScript = ec.entrypoint?.execWritten && ec.entrypoint.origin.kind !== 'unknown'
    ? '\n\n' + t(
        l,
        'ENTRYPOINT를 exec 형식인 `["/bin/sh", "-c", "…"]` 형태로 썼지만, 저장되는 argv가 셸 형식과 똑같아서 셸 형식 열에 표시했습니다. `e1 e2 c1 c2` 칸처럼 CMD가 실행되지는 않습니다.',
        'The ENTRYPOINT is written in exec form as `["/bin/sh", "-c", "…"]`, but it stores exactly the argv of shell form, so the shell-form column is marked: the CMD does not run as in the `e1 e2 c1 c2` cell.',
      )
    : '';
  const unsure =
    cell.cmd === 'unknown' || cell.entrypoint === 'unknown'
      ? '\n\n' + t(l, '`?` 표시: 베이스 이미지를 몰라서 이 중 어느 칸인지 확정할 수 없습니다.', '`?`: the base image is unknown, so any of these cells may apply.')
      : '';
  return `${rows.join('\n')}\n\n${legend}${execScript}${unsure}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Notes.

/** Splits a simple command line into words, or null when it needs a shell (variables, operators, globs…). */
export function simpleWords(text: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const ch of text) {
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '$' || ch === '`' || ch === '\\') return null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if ('$`&|;<>(){}*?~\\\n#'.includes(ch) || (ch === '=' && !inWord)) {
      return null;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return null;
  if (inWord) words.push(cur);
  // `VAR=value cmd` sets a variable for the command: that needs the shell.
  if (words.length === 0 || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return null;
  return words;
}

/**
 * Whether the shell that starts the container may give PID 1 away (bash and busybox sh may exec the last command):
 * certain only where the base is known to have dash as /bin/sh (pid1Shell.ts, the judgement JSONArgsRecommended uses).
 */
function shellMayExec(ec: EffectiveCommand): boolean {
  const first = (ec.entrypoint ?? ec.cmd)!;
  return shellPid1(first.shell ?? null, ec.baseImage) !== 'stays';
}

function pid1Note(ec: EffectiveCommand, l: L): string | null {
  if (!shellStaysPid1(ec)) return null;
  const first = (ec.entrypoint ?? ec.cmd)!;
  const kw = ec.entrypoint ? 'ENTRYPOINT' : 'CMD';
  const shell = (first.shell ?? ['/bin/sh', '-c']).join(' ');
  const words = simpleWords(first.text ?? '');
  const fix = words
    ? t(l, `exec 형식으로 바꾸세요: ${code(`${kw} ${jsonArgv(words)}`)}`, `switch to the exec form: ${code(`${kw} ${jsonArgv(words)}`)}`)
    : t(
        l,
        `마지막으로 띄우는 포그라운드 프로세스 앞에 \`exec\`을 붙이세요 (예: ${code('… && exec nginx -g "daemon off;"')}). 준비 작업이 길다면 스크립트로 옮기고 스크립트 끝에서 \`exec\`하는 방법도 있습니다.`,
        `put \`exec\` in front of the last, foreground process (e.g. ${code('… && exec nginx -g "daemon off;"')}), or move the set-up into a script that ends with \`exec\`.`,
      );
  const maybe = shellMayExec(ec);
  return t(
    l,
    `⚠️ **${maybe ? '셸이 PID 1로 남을 수 있습니다.' : '셸이 PID 1입니다.'}** ${kw}가 ${first.execWritten ? '`sh -c` 스크립트라' : '셸 형식이라'} 컨테이너는 ${code(shell)}로 시작합니다. Debian과 Ubuntu 이미지의 \`/bin/sh\`인 dash는 명령이 끝날 때까지 PID 1로 남고 SIGTERM을 자식 프로세스에 전달하지 않기 때문에, \`docker stop\`은 10초를 기다린 뒤 SIGKILL로 강제 종료합니다(종료 코드 137). 서비스가 정상 종료 처리를 할 기회가 없습니다. (bash와 busybox의 sh는 마지막 명령으로 자신을 바꾸기도(\`exec\`) 해서 결과가 셸마다 다릅니다. exec 형식은 셸과 상관없이 같게 동작합니다.) 해결: ${fix}`,
    `⚠️ **${maybe ? 'The shell may stay PID 1.' : 'The shell is PID 1.'}** The ${kw} is ${first.execWritten ? 'an `sh -c` script' : 'in shell form'}, so the container starts ${code(shell)}. On Debian and Ubuntu images \`/bin/sh\` is dash, which stays PID 1 until the command ends and does not pass SIGTERM on to its children, so \`docker stop\` waits 10 seconds and then kills everything with SIGKILL (exit code 137); the service never gets to shut down cleanly. (bash and busybox sh may replace themselves with the last command (\`exec\`), so the outcome depends on the shell; the exec form behaves the same under every shell.) Fix: ${fix}`,
  );
}

/**
 * A shell-form ENTRYPOINT, or `["/bin/sh", "-c", "…"]`: POSIX `sh -c script w1 w2 …` sets `$0` = w1 and `$1`… = w2 …,
 * and runs only the script (test/claims/shellEntrypoint.test.ts shows it on the engine).
 */
function cmdAsArgumentsNote(ec: EffectiveCommand, ep: Part, l: L): string {
  const written = ep.execWritten
    ? t(l, `ENTRYPOINT가 ${code(jsonArgv([...(ep.shell ?? []), '…']))} 형식이라(exec 형식이지만 셸 형식과 똑같이 동작합니다)`, `The ENTRYPOINT is ${code(jsonArgv([...(ep.shell ?? []), '…']))} (exec form, but it behaves exactly like shell form), so`)
    : t(l, 'ENTRYPOINT가 셸 형식이라', 'The ENTRYPOINT is in shell form, so');
  const cmd = ec.cmd && ec.cmd.origin.kind !== 'unknown' ? ec.cmd.argv : null;
  const now = cmd
    ? t(
        l,
        ` 지금 CMD에서는 ${code(quoteArg(cmd[0]))} 단어가 \`$0\` 값이 됩니다${cmd.length > 1 ? `. 나머지 ${code(argvLine(cmd.slice(1)))} 부분은 \`$1\`부터 들어갑니다` : ''}.`,
        ` With the current CMD, ${code(quoteArg(cmd[0]))} becomes \`$0\`${cmd.length > 1 ? ` and ${code(argvLine(cmd.slice(1)))} \`$1\`…` : ''}.`,
      )
    : '';
  return t(
    l,
    `ℹ️ ${written} CMD(또는 \`docker run\`에 준 인자)는 \`-c\` 스크립트의 인자로만 넘어갑니다. 첫 단어는 \`$0\`, 나머지는 \`$1\`, \`$2\`…가 되고, 스크립트가 \`"$@"\` 변수를 쓰지 않으면 CMD는 실행되지 않습니다(\`"$@"\` 변수를 써도 첫 단어는 빠집니다).${now} CMD를 실행하려면 명령들을 시작 스크립트로 옮기고 스크립트 끝의 \`exec "$@"\` 줄에서 CMD를 실행하세요.`,
    `ℹ️ ${written} the CMD (or the \`docker run\` arguments) only becomes the arguments of the \`-c\` script: its first word is \`$0\`, the rest \`$1\`, \`$2\`, …, and the CMD is not run unless the script uses \`"$@"\` (which still misses the first word).${now} To run the CMD, move the commands into a start script that ends with \`exec "$@"\`.`,
  );
}

function notes(ec: EffectiveCommand, l: L, current?: Instr): string[] {
  const out: string[] = [];
  if (current && (current.keyword === 'CMD' || current.keyword === 'ENTRYPOINT') && ec.overridden.includes(current)) {
    const winner = ec.effectiveInstrs.find((i) => i.keyword === current.keyword);
    out.push(
      winner
        ? t(l, `ℹ️ 이 ${current.keyword}는 ${lineNo(winner)}번 줄의 ${current.keyword}로 대체되어 효과가 없습니다. 한 스테이지에서는 마지막 ${current.keyword}만 적용됩니다.`, `ℹ️ This ${current.keyword} has no effect: the ${current.keyword} on line ${lineNo(winner)} replaces it. Only the last ${current.keyword} of a stage applies.`)
        : t(l, `ℹ️ 이 ${current.keyword}는 뒤에 나오는 ${current.keyword}로 대체되어 효과가 없습니다.`, `ℹ️ This ${current.keyword} has no effect: a later ${current.keyword} replaces it.`),
    );
  }
  for (const o of ec.overridden) {
    if (o === current) continue;
    const winner = ec.effectiveInstrs.find((i) => i.keyword === o.keyword);
    if (winner) out.push(t(l, `ℹ️ ${lineNo(o)}번 줄의 ${o.keyword}는 ${lineNo(winner)}번 줄의 ${o.keyword}로 대체되어 효과가 없습니다.`, `ℹ️ The ${o.keyword} on line ${lineNo(o)} has no effect: line ${lineNo(winner)} replaces it.`));
  }
  if (ec.cmdReset && ec.cmdReset.cleared.origin.kind !== 'unknown') {
    const from = originText(ec.cmdReset.cleared.origin, l, undefined, true);
    out.push(
      t(
        l,
        `ℹ️ ${lineNo(ec.cmdReset.by)}번 줄의 ENTRYPOINT가 ${from}에서 물려받은 CMD(${code(jsonArgv(ec.cmdReset.cleared.argv))})를 지웠습니다. ENTRYPOINT에 기본 인자가 필요하면 이 스테이지에서 CMD를 다시 지정하세요.`,
        `ℹ️ The ENTRYPOINT on line ${lineNo(ec.cmdReset.by)} cleared the CMD ${code(jsonArgv(ec.cmdReset.cleared.argv))} inherited from ${from}. If the entrypoint needs default arguments, set CMD again in this stage.`,
      ),
    );
  }
  if (ec.entrypoint && ec.entrypoint.form === 'shell' && ec.entrypoint.origin.kind !== 'unknown') out.push(cmdAsArgumentsNote(ec, ec.entrypoint, l));
  const p1 = pid1Note(ec, l);
  if (p1) out.push(p1);
  if (ec.argv && ec.argv.length === 0) {
    out.push(
      t(
        l,
        '⚠️ 실행할 명령이 없습니다. `docker run IMAGE`처럼 실행하면 "no command specified" 오류로 실패합니다. CMD나 ENTRYPOINT를 지정하거나, 실행할 명령을 `docker run`의 인자로 넘기세요.',
        '⚠️ There is nothing to run: `docker run IMAGE` fails with "no command specified". Set CMD or ENTRYPOINT, or pass the command as `docker run` arguments.',
      ),
    );
  }
  if (ec.argv === null) {
    const img = ec.baseImage ? code(ec.baseImage) : t(l, '베이스 이미지', 'the base image');
    const guess = ec.cmd && ec.cmd.origin.kind !== 'unknown' ? ec.cmd.argv : null;
    out.push(
      t(
        l,
        `❔ ${img}의 설정을 확인할 수 없어 실제 실행 명령을 확정할 수 없습니다. 이미지를 로컬에 받아 두면(\`docker pull\`) Docker 엔진에서 직접 확인합니다.${guess ? ` 베이스 이미지에 ENTRYPOINT가 없다면 ${code(argvLine(guess))} 명령이 실행됩니다.` : ''}`,
        `❔ The config of ${img} cannot be checked, so what runs is not certain. Pull the image locally (\`docker pull\`) and it is read from the Docker engine.${guess ? ` If the base image has no ENTRYPOINT, ${code(argvLine(guess))} runs.` : ''}`,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The start scripts: who ends up as PID 1, what runs beside it, what `docker stop` does.

function at(file: string, line: number, l: L): string {
  return t(l, `${code(file)} 파일 ${line}번 줄`, `${code(file)} line ${line}`);
}

function stepText(s: ChainStep, l: L): string {
  return `${at(s.file, s.line, l)} ${code(s.text ?? argvLine(s.argv))}`;
}

function bgList(list: readonly BackgroundProgram[], l: L): string {
  return list.map((b) => `${code(b.program)} (${at(b.file, b.line, l)})`).join(', ');
}

/** The start-script part of the explanation; null when no script was involved and nothing runs beside PID 1. */
export function chainSection(ch: StartChain, ec: EffectiveCommand, l: L): string | null {
  if (!ch.scripts.length && !ch.unreadable && !ch.background.length) return null;
  const last = ch.pid1Chain[ch.pid1Chain.length - 1];
  const out: string[] = [`#### ${t(l, 'PID 1과 `docker stop`', 'PID 1 and `docker stop`')}`];
  const rows: string[] = [];
  // PID 1.
  if (ch.foreground === null && ch.unreadable) {
    rows.push(
      t(
        l,
        `- **PID 1**: ${code(argvLine(last.argv))}부터는 알 수 없습니다. ${code(ch.unreadable)} 스크립트를 빌드 컨텍스트에서 읽을 수 없어 그 안의 명령을 따라갈 수 없습니다.`,
        `- **PID 1**: unknown past ${code(argvLine(last.argv))}: the script ${code(ch.unreadable)} cannot be read from the build context, so its commands cannot be followed.`,
      ),
    );
  } else if (ch.shellPid1 && ch.pid1Script && ch.pid1Script !== ch.pid1Chain[0].file) {
    rows.push(
      t(
        l,
        `- **PID 1**: ${code(argvLine(last.argv))}, 즉 ${code(ch.pid1Script)} 스크립트를 실행하는 셸입니다. 스크립트가 마지막 명령을 \`exec\`하지 않아 셸이 끝까지 PID 1로 남습니다.`,
        `- **PID 1**: ${code(argvLine(last.argv))}, that is the shell running ${code(ch.pid1Script)}. The script does not \`exec\` its last command, so the shell stays PID 1.`,
      ),
    );
  } else if (!ch.shellPid1) {
    rows.push(t(l, `- **PID 1**: ${code(argvLine(last.argv))}`, `- **PID 1**: ${code(argvLine(last.argv))}`));
  }
  if (ch.pid1Chain.length > 1) {
    rows.push(`- **${t(l, 'PID 1이 넘어가는 순서', 'How PID 1 is handed on')}**: ${ch.pid1Chain.map((s) => stepText(s, l)).join(' → ')}`);
  }
  // Beside it.
  rows.push(
    ch.background.length
      ? t(l, `- **PID 1 옆에서 실행되는 프로그램**: ${bgList(ch.background, l)}`, `- **Running beside PID 1**: ${bgList(ch.background, l)}`)
      : t(l, '- **PID 1 옆에서 실행되는 프로그램**: 없음', '- **Running beside PID 1**: nothing'),
  );
  // Foreground.
  if (ch.foreground === false) {
    rows.push(
      t(
        l,
        '- **포그라운드**: ⚠️ 포그라운드에 남는 프로그램이 없습니다. 스크립트가 끝나면 PID 1도 끝나고, 컨테이너는 백그라운드 서비스와 함께 바로 멈춥니다.',
        '- **Foreground**: ⚠️ nothing stays in the foreground. When the script ends, PID 1 ends with it and the container stops at once, background services and all.',
      ),
    );
  } else if (ch.foreground === true) {
    const lf = ch.shellPid1 && ch.lastForeground ? ch.lastForeground : null;
    rows.push(
      ch.waits
        ? t(
            l,
            `- **포그라운드**: 셸이 ${stepText(ch.waits, l)} 명령으로 백그라운드 프로그램을 기다리므로 컨테이너가 계속 실행됩니다.`,
            `- **Foreground**: the shell waits for its background programs (${stepText(ch.waits, l)}), so the container keeps running.`,
          )
        : lf
          ? t(l, `- **포그라운드**: ${stepText(lf, l)} 명령이 셸의 자식 프로세스로 실행됩니다.`, `- **Foreground**: ${stepText(lf, l)}, run as a child of the shell.`)
          : t(l, '- **포그라운드**: PID 1이 포그라운드에서 계속 실행됩니다.', '- **Foreground**: PID 1 keeps running in the foreground.'),
    );
  } else if (!ch.unreadable) {
    rows.push(t(l, '- **포그라운드**: 알 수 없음 (`exec "$@"`에 넘길 CMD가 없습니다)', '- **Foreground**: unknown (`exec "$@"` has no CMD to hand over to)'));
  }
  out.push(rows.join('\n'));
  if (ch.foreground === false || ch.foreground === null) return out.join('\n\n');

  // What `docker stop` does.
  const stop: string[] = [];
  const scriptShell = ch.shellPid1 && !ec.shellForm;
  if (ch.trap) {
    stop.push(
      t(
        l,
        `\`docker stop\` 명령은 SIGTERM을 PID 1에만 보냅니다. ${at(ch.trap.file, ch.trap.line, l)}의 \`trap\` 명령이 TERM을 받아 처리합니다. 이 trap 명령이 옆의 프로그램에도 SIGTERM을 넘기고 그 프로그램들이 끝날 때까지 기다려야 정상 종료됩니다.`,
        `\`docker stop\` sends SIGTERM to PID 1 only. The \`trap\` on ${at(ch.trap.file, ch.trap.line, l)} handles TERM; it must pass the signal on to the programs beside PID 1 and wait for them for a clean stop.`,
      ),
    );
  } else if (scriptShell) {
    stop.push(
      t(
        l,
        '`docker stop` 명령은 SIGTERM을 PID 1에만 보냅니다. 여기서 PID 1은 셸이고, `trap` 명령이 없는 셸은 SIGTERM을 처리하지 않습니다(커널은 PID 1이 처리기를 두지 않은 시그널을 버립니다). 그래서 Docker는 10초를 기다린 뒤 컨테이너의 모든 프로세스를 SIGKILL로 강제 종료합니다(종료 코드 137).',
        '`docker stop` sends SIGTERM to PID 1 only. Here PID 1 is a shell, and a shell without a `trap` does not act on SIGTERM (the kernel drops a signal PID 1 has no handler for), so Docker waits 10 s and then kills every process in the container with SIGKILL (exit code 137).',
      ),
    );
  } else if (!ch.shellPid1) {
    stop.push(t(l, `\`docker stop\` 명령이 보내는 SIGTERM은 PID 1인 ${code(argvLine(last.argv))} 프로세스가 직접 받습니다.`, `\`docker stop\`'s SIGTERM reaches PID 1, ${code(argvLine(last.argv))}, directly.`));
  }
  if (ch.background.length && !ch.trap) {
    stop.push(
      t(
        l,
        'PID 1 옆의 프로그램은 SIGTERM을 받지 못합니다. PID 1이 끝나면 커널이 바로 SIGKILL로 끝내고, PID 1이 끝나지 않으면 10초 뒤 Docker가 SIGKILL로 끝냅니다.',
        'The programs beside PID 1 get no SIGTERM: when PID 1 exits, the kernel kills them at once with SIGKILL; when it does not, Docker kills them after 10 s.',
      ),
    );
    const dbs = [...new Set(ch.background.map((b) => b.program).filter(isDatabase))];
    if (dbs.length) {
      const list = dbs.map(code).join(', ');
      stop.push(
        t(
          l,
          `⚠️ ${list} 프로세스는 데이터베이스입니다. 이렇게 강제 종료되면 정상 종료 처리를 하지 못합니다.`,
          dbs.length === 1
            ? `⚠️ ${list} is a database: killed this way, it does not shut down cleanly.`
            : `⚠️ ${list} are databases: killed this way, they do not shut down cleanly.`,
        ),
      );
    }
  }
  if (stop.length) out.push(stop.join(' '));

  // The fix.
  if (ch.trap) return out.join('\n\n');
  const fixes: string[] = [];
  const lf = ch.lastForeground;
  if (scriptShell && lf && !ch.background.length) {
    fixes.push(
      t(
        l,
        `- 마지막 명령 앞에 \`exec\` 명령을 붙이세요: ${at(lf.file, lf.line, l)}을 ${code(`exec ${argvLine(lf.argv)}`)}로 바꾸면 그 프로그램이 PID 1이 되어 SIGTERM을 직접 받습니다.`,
        `- \`exec\` the last command: write ${code(`exec ${argvLine(lf.argv)}`)} on ${at(lf.file, lf.line, l)}; that program then becomes PID 1 and gets SIGTERM itself.`,
      ),
    );
  }
  if (ch.background.length) {
    fixes.push(
      t(
        l,
        '- 스크립트를 PID 1로 두고, TERM을 받으면 서비스에 SIGTERM을 넘기고 끝날 때까지 기다리는 `trap` 명령을 두세요. 마지막 프로그램은 `&` 기호로 띄우고 `wait` 명령으로 기다립니다(**새 웹 스택 프로젝트** 명령이 만드는 start.sh가 이렇게 합니다). 예:',
        '- Keep the script as PID 1 and give it a `trap` that, on TERM, passes SIGTERM on to the services and waits for them; start the last program with `&` and `wait` for it (the start.sh made by the **New web stack project** command does this). For example:',
      ) +
        '\n\n  ```sh\n  mariadbd --user=mysql &\n  db_pid=$!\n  nginx -g \'daemon off;\' &\n  nginx_pid=$!\n  trap \'kill -TERM "$nginx_pid" "$db_pid"; wait; exit 0\' TERM\n  wait "$nginx_pid"\n  ```',
    );
  }
  if (scriptShell) {
    fixes.push(
      t(
        l,
        '- 또는 `docker run --init` 옵션으로 실행하세요. Docker의 init 프로세스(`docker-init`, tini)가 PID 1이 되어 SIGTERM을 자식인 셸에 넘기므로, 셸이 끝나고 `docker stop`이 10초를 기다리지 않습니다(종료 코드 143). 다만 셸이 띄운 프로그램(마지막 명령 포함)은 여전히 SIGTERM을 받지 못하고 강제 종료됩니다.',
        '- Or run it with `docker run --init`: Docker\'s init (`docker-init`, tini) becomes PID 1 and passes SIGTERM on to its child, the shell, which then ends, so `docker stop` does not wait the 10 s (exit code 143). The programs the shell started (the last command too) still get no SIGTERM and are killed.',
      ),
    );
  }
  if (fixes.length) out.push(`${t(l, '**해결**', '**Fix**')}\n\n${fixes.join('\n')}`);
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The explanation.

export interface ExplainOptions {
  /** The instruction under the cursor (hover): "this line" and per-instruction notes. */
  current?: Instr;
  /** Include the Docker table (default true). */
  table?: boolean;
  /** The start scripts followed from the build context (startChain.ts); null or absent: not followed. */
  chain?: StartChain | null;
}

function runLine(label: string, argv: string[] | null, l: L): string {
  const what = argv === null ? t(l, '알 수 없음', 'unknown') : argv.length === 0 ? t(l, '실행할 명령 없음 (오류)', 'nothing to run (error)') : code(argvLine(argv));
  return `- ${code(label)} → ${what}`;
}

export function explainMarkdown(ec: EffectiveCommand, lang: Lang, opts: ExplainOptions = {}): string {
  return perLang(lang, (l) => {
    const img = 'IMAGE';
    const kw = opts.current ? `${opts.current.keyword} · ` : '';
    const head = `### ${kw}${t(l, '이 컨테이너가 실제로 실행하는 명령', 'What this container actually runs')}\n\n${t(l, `${stageLabel(ec.stage, l)} (${lineNo(ec.stage.from)}번 줄의 FROM)`, `${stageLabel(ec.stage, l)} (FROM on line ${lineNo(ec.stage.from)})`)}`;
    const runs = [
      runLine(`docker run ${img}`, ec.argv, l),
      runLine(`docker run ${img} arg1 arg2`, argvWithRunArgs(ec, ['arg1', 'arg2']), l),
      runLine(`docker run --entrypoint sh ${img}`, argvWithEntrypoint('sh'), l),
    ].join('\n');
    const runsNote = t(
      l,
      '이미지 이름 뒤에 준 인자는 CMD를 대신하고, `--entrypoint` 옵션은 ENTRYPOINT를 바꾸면서 이미지의 CMD를 버립니다.',
      'Arguments after the image replace CMD; `--entrypoint` replaces ENTRYPOINT and drops the image CMD.',
    );
    const parts = [
      `#### ${t(l, '각 부분의 출처', 'Where each part comes from')}`,
      partLine('ENTRYPOINT', ec.entrypoint, l, opts.current, ec),
      partLine('CMD', ec.cmd, l, opts.current, ec),
    ].join('\n');
    const sections = [head, runs, runsNote, parts];
    const ns = notes(ec, l, opts.current);
    if (ns.length) sections.push(ns.join('\n\n'));
    const chain = opts.chain ? chainSection(opts.chain, ec, l) : null;
    if (chain) sections.push(chain);
    if (opts.table !== false) sections.push(`#### ${t(l, 'CMD와 ENTRYPOINT 조합표', 'How CMD and ENTRYPOINT combine')}\n\n${dockerTable(ec, l)}`);
    sections.push(
      `[${t(l, 'Docker 문서: CMD와 ENTRYPOINT의 관계', "Docker's reference: how CMD and ENTRYPOINT interact")}](https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact)`,
    );
    return sections.join('\n\n');
  });
}

/**
 * The hover addon (HoverExtras.instructionAddon): for CMD and ENTRYPOINT of any stage, and FROM of the final stage.
 * Null for every other instruction. With `links.commands` (VS Code) it is two or three lines under the instruction's
 * own doc: what runs, the most important note, and a link to the full explanation; elsewhere, the full explanation.
 */
export function explainHover(doc: ParsedDocument, ins: Instr, lang: Lang, read?: ContextReader, links: HoverLinks = FULL_PAGES): string | null {
  const stage = ins.stage;
  if (!stage) return null;
  if (ins.keyword === 'FROM' && stage !== finalStage(doc)) return null;
  if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'FROM') return null;
  const ec = effectiveCommand(doc, stage);
  const chain = chainOrNull(doc, ec, read);
  if (!links.commands) return explainMarkdown(ec, lang, { current: ins, chain });
  return explainBrief(ec, lang, ins, chain, commandLink(EXPLAIN_COMMAND_ID, [doc.uri, stage.index]), stage === finalStage(doc));
}

/** The command that opens the full explanation (client/src/editor/explainCommand.ts). */
export const EXPLAIN_COMMAND_ID = 'dockerfileGuide.explainCommand';

function explainBrief(ec: EffectiveCommand, lang: Lang, current: Instr, chain: StartChain | null, link: string, final: boolean): string {
  return perLang(lang, (l) => {
    const what = ec.argv === null ? t(l, '알 수 없음', 'unknown') : ec.argv.length === 0 ? t(l, '없음', 'nothing') : code(argvLine(ec.argv));
    const where = final ? '' : t(l, ` (${stageLabel(ec.stage, l)})`, ` (${stageLabel(ec.stage, l)})`);
    const lines = [`**${t(l, '이 컨테이너가 실행하는 명령', 'What this container runs')}**${where}: ${what}`];
    const heads = noteHeads(ec, l, current, chain);
    if (heads.length) lines.push(heads[0]);
    const more = heads.length > 1 ? t(l, ` (참고할 점 ${heads.length - 1}개 더)`, ` (${heads.length - 1} more note${heads.length > 2 ? 's' : ''})`) : '';
    lines.push(`[${t(l, '전체 설명과 CMD·ENTRYPOINT 조합표 보기', 'Full explanation and the CMD/ENTRYPOINT table')}](${link})${more}`);
    return lines.join('\n\n');
  });
}

/**
 * One sentence per note of the full explanation (notes() and chainSection()), most important first: what a
 * learner must not miss when the hover has room for one line.
 */
function noteHeads(ec: EffectiveCommand, l: L, current: Instr, chain: StartChain | null): string[] {
  const out: string[] = [];
  if ((current.keyword === 'CMD' || current.keyword === 'ENTRYPOINT') && ec.overridden.includes(current)) {
    const winner = ec.effectiveInstrs.find((i) => i.keyword === current.keyword);
    out.push(
      winner
        ? t(l, `ℹ️ 이 ${current.keyword}는 ${lineNo(winner)}번 줄의 ${current.keyword}로 대체되어 효과가 없습니다.`, `ℹ️ This ${current.keyword} has no effect: the one on line ${lineNo(winner)} replaces it.`)
        : t(l, `ℹ️ 이 ${current.keyword}는 뒤에 나오는 ${current.keyword}로 대체되어 효과가 없습니다.`, `ℹ️ This ${current.keyword} has no effect: a later ${current.keyword} replaces it.`),
    );
  }
  if (ec.argv && ec.argv.length === 0) out.push(t(l, '⚠️ 실행할 명령이 없어 `docker run` 명령이 "no command specified" 오류로 실패합니다.', '⚠️ There is nothing to run: `docker run` fails with "no command specified".'));
  if (ec.argv === null) {
    const img = ec.baseImage ? code(ec.baseImage) : t(l, '베이스 이미지', 'the base image');
    out.push(t(l, `❔ ${img} 이미지의 설정을 확인할 수 없어 실제 실행 명령을 확정할 수 없습니다.`, `❔ The config of ${img} cannot be checked, so what runs is not certain.`));
  }
  const ep = ec.entrypoint;
  if (ep && ep.form === 'shell' && ep.origin.kind !== 'unknown') {
    out.push(
      ep.execWritten
        ? t(l, 'ℹ️ ENTRYPOINT가 `sh -c` 스크립트라 CMD는 셸의 `$0`, `$1`… 변수가 될 뿐, 적힌 대로 실행되지 않습니다.', 'ℹ️ The ENTRYPOINT is an `sh -c` script: the CMD only becomes `$0`, `$1`, … of the shell and does not run as written.')
        : t(l, 'ℹ️ ENTRYPOINT가 셸 형식이라 CMD는 셸의 `$0`, `$1`… 변수가 될 뿐, 적힌 대로 실행되지 않습니다.', 'ℹ️ The ENTRYPOINT is in shell form: the CMD only becomes `$0`, `$1`, … of the shell and does not run as written.'),
    );
  }
  if (shellStaysPid1(ec)) {
    const maybe = shellMayExec(ec);
    out.push(
      maybe
        ? t(l, '⚠️ 셸이 PID 1로 남을 수 있습니다. 그러면 `docker stop` 명령이 10초를 기다린 뒤 SIGKILL로 끝냅니다.', '⚠️ The shell may stay PID 1; then `docker stop` waits 10 s and kills with SIGKILL.')
        : t(l, '⚠️ 셸이 PID 1이라 `docker stop` 명령이 10초를 기다린 뒤 SIGKILL로 끝냅니다.', '⚠️ The shell is PID 1, so `docker stop` waits 10 s and kills with SIGKILL.'),
    );
  } else if (chain && chain.foreground && chain.shellPid1 && !ec.shellForm && !chain.trap) {
    const script = chain.pid1Script ? code(chain.pid1Script) : t(l, '시작 스크립트', 'the start script');
    out.push(t(l, `⚠️ PID 1은 ${script} 파일을 실행하는 셸이라 \`docker stop\` 명령이 10초를 기다린 뒤 SIGKILL로 끝냅니다.`, `⚠️ PID 1 is the shell running ${script}, so \`docker stop\` waits 10 s and kills with SIGKILL.`));
  }
  if (chain && chain.foreground && chain.background.length && !chain.trap) {
    out.push(t(l, `⚠️ PID 1 옆의 프로그램(${bgNames(chain.background)})은 SIGTERM을 받지 못하고 강제 종료됩니다.`, `⚠️ The programs beside PID 1 (${bgNames(chain.background)}) get no SIGTERM and are killed.`));
  }
  if (ec.cmdReset && ec.cmdReset.cleared.origin.kind !== 'unknown') {
    out.push(t(l, `ℹ️ ${lineNo(ec.cmdReset.by)}번 줄의 ENTRYPOINT가 물려받은 CMD를 지웠습니다.`, `ℹ️ The ENTRYPOINT on line ${lineNo(ec.cmdReset.by)} cleared the inherited CMD.`));
  }
  for (const o of ec.overridden) {
    if (o === current) continue;
    const winner = ec.effectiveInstrs.find((i) => i.keyword === o.keyword);
    if (winner) out.push(t(l, `ℹ️ ${lineNo(o)}번 줄의 ${o.keyword}는 효과가 없습니다(${lineNo(winner)}번 줄이 대체).`, `ℹ️ The ${o.keyword} on line ${lineNo(o)} has no effect (line ${lineNo(winner)} replaces it).`));
  }
  return out;
}

function bgNames(list: readonly BackgroundProgram[]): string {
  return [...new Set(list.map((b) => b.program))].map(code).join(', ');
}

/** A reader of build-context files (the host's; see LanguageServiceHost.contextFileReader). */
export type ContextReader = (rel: string) => string | null;

/** The start-script chain, or null when it cannot be worked out (never let it break the explanation). */
export function chainOrNull(doc: ParsedDocument, ec: EffectiveCommand, read: ContextReader | undefined): StartChain | null {
  try {
    return startChain(doc, ec, read);
  } catch {
    return null;
  }
}

/** The stage the explain command / CLI shows: by name (case-insensitive) or index; default the final stage. */
export function pickStage(doc: ParsedDocument, ref?: string | number | null): Stage | undefined {
  if (ref === undefined || ref === null || ref === '') return finalStage(doc);
  if (typeof ref === 'number') return doc.stages[ref];
  if (/^\d+$/.test(ref)) return doc.stages[Number(ref)];
  return doc.stageByName(ref);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON (CLI --format json).

export interface ExplainJson {
  stage: string;
  stageIndex: number;
  /** null: none, or unknown (then listed in `unknown`). */
  entrypoint: string[] | null;
  cmd: string[] | null;
  argv: string[] | null;
  origins: ArgOrigin[];
  entrypointOrigin: JsonOrigin | null;
  cmdOrigin: JsonOrigin | null;
  shellForm: boolean;
  shellIsPid1: boolean;
  unknown: ('entrypoint' | 'cmd')[];
  baseImage: string | null;
  runWithArgs: string[] | null;
  runWithEntrypointSh: string[];
  /** The Dockerfile line first, then each start-script line that execs; the last one runs as PID 1. */
  pid1Chain: ChainStep[];
  /** Programs the container's command or its start scripts start beside PID 1. */
  background: BackgroundProgram[];
  /** Something stays in the foreground; null when a start script cannot be read (or the command is unknown). */
  foreground: boolean | null;
}

export interface JsonOrigin {
  kind: Origin['kind'];
  form: 'exec' | 'shell';
  line?: number;
  stage?: string;
  image?: string;
  source?: 'engine' | 'table';
}

function jsonOrigin(p: Part | null): JsonOrigin | null {
  if (!p) return null;
  const o: JsonOrigin = { kind: p.origin.kind, form: p.form };
  if (p.origin.instr) o.line = p.origin.instr.startLine + 1;
  if (p.origin.stage) o.stage = p.origin.stage.name ?? String(p.origin.stage.index);
  if (p.origin.image) o.image = p.origin.image;
  if (p.origin.source) o.source = p.origin.source;
  return o;
}

export function explainJson(ec: EffectiveCommand, chain: StartChain | null = null): ExplainJson {
  const known = (p: Part | null) => (p && p.origin.kind !== 'unknown' ? [...p.argv] : null);
  const unknown: ('entrypoint' | 'cmd')[] = [];
  if (ec.entrypoint?.origin.kind === 'unknown') unknown.push('entrypoint');
  if (ec.cmd?.origin.kind === 'unknown') unknown.push('cmd');
  return {
    stage: ec.stage.name ?? String(ec.stage.index),
    stageIndex: ec.stage.index,
    entrypoint: known(ec.entrypoint),
    cmd: known(ec.cmd),
    argv: ec.argv ? [...ec.argv] : null,
    // 1-based lines, like the rest of the CLI output.
    origins: ec.origins.map((o) => (o.line !== undefined ? { ...o, line: o.line + 1 } : { ...o })),
    entrypointOrigin: jsonOrigin(ec.entrypoint),
    cmdOrigin: jsonOrigin(ec.cmd),
    shellForm: ec.shellForm,
    shellIsPid1: shellStaysPid1(ec),
    unknown,
    baseImage: ec.baseImage,
    runWithArgs: argvWithRunArgs(ec, ['arg1', 'arg2']),
    runWithEntrypointSh: argvWithEntrypoint('sh'),
    pid1Chain: chain ? chain.pid1Chain.map((x) => ({ file: x.file, line: x.line, argv: [...x.argv] })) : [],
    background: chain ? chain.background.map((x) => ({ ...x })) : [],
    foreground: chain ? chain.foreground : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The custom request behind the explain command (protocol types in common/src/protocol.ts).

export function explainRequest(doc: ParsedDocument, params: ExplainRequestParams, lang: Lang, read?: ContextReader): ExplainResponse | null {
  const stage = pickStage(doc, params.stage ?? undefined);
  if (!stage) return null;
  const ec = effectiveCommand(doc, stage);
  const label = stage.name ?? `#${stage.index + 1}`;
  return {
    markdown: explainMarkdown(ec, lang, { chain: chainOrNull(doc, ec, read) }),
    title: `${label}: ${ec.argv === null ? '?' : argvLine(ec.argv)}`,
    stage: stage.index,
    stages: doc.stages.map((s) => {
      const e = effectiveCommand(doc, s);
      return { index: s.index, name: s.name, line: s.from.startLine + 1, argv: e.argv === null ? null : argvLine(e.argv) };
    }),
  };
}
