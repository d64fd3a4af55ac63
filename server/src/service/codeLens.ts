/**
 * The code lens above the effective CMD/ENTRYPOINT of the final stage: `▶ docker run → nginx -g "daemon off;"`.
 * Clicking it runs `dockerfileGuide.explainCommand` with [uri, stageIndex], which opens the full explanation.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { line, msg, type Lang } from '../../../common/src/i18n';
import type { ParsedDocument } from './document';
import { effectiveCommand, finalStage, shellStaysPid1, type EffectiveCommand } from './effectiveCommand';
import { argvLine } from './explain';

export const EXPLAIN_COMMAND = 'dockerfileGuide.explainCommand';
const MAX_TITLE = 100;

/** The lens title for a stage's effective command. */
export function codeLensTitle(ec: EffectiveCommand, lang: Lang = 'en'): string {
  let what: string;
  if (ec.argv === null) {
    what = line(msg('? (베이스 이미지 설정을 알 수 없음)', '? (base image config unknown)'), lang);
  } else if (ec.argv.length === 0) {
    what = line(msg('(실행할 명령 없음)', '(nothing to run)'), lang);
  } else {
    what = argvLine(ec.argv);
    if (what.length > MAX_TITLE) what = what.slice(0, MAX_TITLE - 1) + '…';
    if (shellStaysPid1(ec)) what += line(msg('  ⚠ 셸이 PID 1', '  ⚠ shell is PID 1'), lang);
  }
  return `▶ docker run → ${what}`;
}

/** Where the lens goes: the effective CMD, else the effective ENTRYPOINT, else (all inherited) the FROM line. */
function anchorLine(ec: EffectiveCommand): number {
  const own = ec.effectiveInstrs;
  const cmd = own.find((i) => i.keyword === 'CMD');
  const ep = own.find((i) => i.keyword === 'ENTRYPOINT');
  return (cmd ?? ep ?? ec.stage.from).startLine;
}

export function codeLenses(doc: ParsedDocument, lang: Lang, enabled = true): CodeLens[] {
  if (!enabled) return [];
  const stage = finalStage(doc);
  if (!stage) return [];
  const ec = effectiveCommand(doc, stage);
  const line = anchorLine(ec);
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: codeLensTitle(ec, lang), command: EXPLAIN_COMMAND, arguments: [doc.uri, stage.index] },
    },
  ];
}
