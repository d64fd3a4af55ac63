/**
 * The code lens above the effective CMD/ENTRYPOINT of the final stage: `▶ docker run → nginx -g "daemon off;"`.
 * Clicking it runs `dockerfileGuide.explainCommand` with [uri, stageIndex], which opens the full explanation.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { line, msg, type Lang } from '../../../common/src/i18n';
import type { ParsedDocument } from './document';
import { effectiveCommand, finalStage, shellStaysPid1, type EffectiveCommand } from './effectiveCommand';
import { argvLine, chainOrNull, type ContextReader } from './explain';
import type { StartChain } from './startChain';

export const EXPLAIN_COMMAND = 'dockerfileGuide.explainCommand';
const MAX_TITLE = 100;

/**
 * The lens title for a stage's effective command; with the start-script chain, who ends up as PID 1, how many
 * programs run beside it, and a warning when a shell stays PID 1 or nothing stays in the foreground.
 */
export function codeLensTitle(ec: EffectiveCommand, lang: Lang = 'en', chain: StartChain | null = null): string {
  let what: string;
  if (ec.argv === null) {
    what = line(msg('? (베이스 이미지 설정을 알 수 없음)', '? (base image config unknown)'), lang);
  } else if (ec.argv.length === 0) {
    what = line(msg('(실행할 명령 없음)', '(nothing to run)'), lang);
  } else {
    what = argvLine(ec.argv);
    if (what.length > MAX_TITLE) what = what.slice(0, MAX_TITLE - 1) + '…';
    if (shellStaysPid1(ec)) what += line(msg('  ⚠ 셸이 PID 1', '  ⚠ shell is PID 1'), lang);
    if (chain) what += chainSuffix(chain, ec, lang);
  }
  return `▶ docker run → ${what}`;
}

function chainSuffix(ch: StartChain, ec: EffectiveCommand, lang: Lang): string {
  if (!ch.scripts.length && !ch.background.length) return '';
  if (ch.foreground === false) return line(msg('  ⚠ 포그라운드에 남는 프로그램 없음', '  ⚠ nothing stays in the foreground'), lang);
  if (ch.foreground === null) return '';
  let s = '';
  const last = ch.pid1Chain[ch.pid1Chain.length - 1];
  if (!ch.shellPid1 && ch.pid1Chain.length > 1) s += ` · PID 1: ${last.argv[0].slice(last.argv[0].lastIndexOf('/') + 1)}`;
  const n = ch.background.length;
  if (n) {
    s += ch.trap
      ? line(msg(` · 백그라운드 ${n}개`, ` · ${n} in background`), lang)
      : line(msg(` · 백그라운드 ${n}개 (SIGTERM 전달 안 됨)`, ` · ${n} in background (no SIGTERM)`), lang);
  }
  if (ch.shellPid1 && !ch.trap && !ec.shellForm && ch.pid1Script) {
    const name = ch.pid1Script.slice(ch.pid1Script.lastIndexOf('/') + 1);
    s += line(msg(`  ⚠ 셸(${name})이 PID 1`, `  ⚠ shell (${name}) is PID 1`), lang);
  }
  return s;
}

/** Where the lens goes: the effective CMD, else the effective ENTRYPOINT, else (all inherited) the FROM line. */
function anchorLine(ec: EffectiveCommand): number {
  const own = ec.effectiveInstrs;
  const cmd = own.find((i) => i.keyword === 'CMD');
  const ep = own.find((i) => i.keyword === 'ENTRYPOINT');
  return (cmd ?? ep ?? ec.stage.from).startLine;
}

export function codeLenses(doc: ParsedDocument, lang: Lang, enabled = true, read?: ContextReader): CodeLens[] {
  if (!enabled) return [];
  const stage = finalStage(doc);
  if (!stage) return [];
  const ec = effectiveCommand(doc, stage);
  const chain = chainOrNull(doc, ec, read);
  const line = anchorLine(ec);
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: codeLensTitle(ec, lang, chain), command: EXPLAIN_COMMAND, arguments: [doc.uri, stage.index] },
    },
  ];
}
