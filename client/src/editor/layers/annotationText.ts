/**
 * The words of the layer annotations: a short label at the end of an instruction's line (one language, so it stays
 * short) and a Markdown tooltip that explains it in the user's language (both languages in `both`). Pure, so the
 * wording is tested without VS Code.
 */
import { block, fillMsg, msg, pick, type Lang, type Msg, type OneLang } from '../../../../common/src/i18n';
import { formatSize } from '../../../../common/src/size';
import type { LineFacts, WasteLink } from './annotationModel';

export const LABEL = {
  base: msg('베이스 {0}', 'base {0}'),
  noLayer: msg('레이어 없음', 'no layer'),
  cached: msg('캐시', 'cached'),
  ran: msg('실행', 'ran'),
  ranFor: msg('실행 {0}초', 'ran {0} s'),
  wasted: msg('낭비 {0}', '{0} wasted'),
  cacheBroke: msg('여기서 캐시 깨짐', 'cache broke here'),
  cacheBrokeFiles: msg('여기서 캐시 깨짐: {0} 바뀜', 'cache broke here: {0} changed'),
  cacheBrokeWhy: msg('여기서 캐시 깨짐: {0}', 'cache broke here: {0}'),
  stale: msg('(빌드 후 수정됨)', '(edited since build)'),
};

export const TIP = {
  heading: msg('**{0}번 줄 `{1}` 명령** · 마지막 빌드({2}) 기준', '**Line {0} `{1}`** · as of the last build ({2})'),
  size: msg('이 줄의 레이어가 이미지에 {0}를 더합니다.', "This line's layer adds {0} to the image."),
  base: msg('베이스 이미지의 레이어가 {0}입니다.', "The base image's layers hold {0}."),
  cached: msg('빌드 캐시에 있던 결과를 그대로 썼습니다.', 'Taken from the build cache.'),
  ranFor: msg('캐시를 쓰지 않고 실행했습니다({0}초).', 'Ran (not from the cache) in {0} s.'),
  ran: msg('캐시를 쓰지 않고 실행했습니다.', 'Ran (not from the cache).'),
  cacheBroke: msg(
    '**이 줄에서 캐시가 깨졌습니다.** 이번 빌드에서 빌드 캐시를 쓰지 못하고 실행한 첫 단계입니다.',
    '**The cache broke here.** This is the first step of this build that could not reuse the build cache and ran.',
  ),
  reason: msg('이유: {0}', 'Reason: {0}'),
  files: msg('바뀐 파일: {0}', 'Changed files: {0}'),
  noReason: msg('비교할 이전 빌드 기록이 없어 이유는 알 수 없습니다.', 'No earlier build is on record to compare with, so the reason is not known.'),
  wastedTo: msg(
    '이 줄이 추가한 {0}를 {1}번 줄이 지우거나 덮어씁니다. 그래도 그 바이트는 이 줄의 레이어에 남아 이미지와 함께 배포됩니다.',
    'Line {1} deletes or overwrites {0} that this line adds; those bytes still ship in the image, in this line\'s layer.',
  ),
  wastedToUnknown: msg(
    '이 줄이 추가한 {0}를 뒤의 레이어가 지우거나 덮어씁니다. 그래도 그 바이트는 이 줄의 레이어에 남아 이미지와 함께 배포됩니다.',
    'A later layer deletes or overwrites {0} that this line adds; those bytes still ship in the image, in this line\'s layer.',
  ),
  hides: msg(
    '이 줄은 {1}번 줄이 추가한 {0}를 지우거나 덮어씁니다. 지워도 이미지는 작아지지 않습니다. 그 바이트는 {1}번 줄의 레이어에 그대로 남습니다.',
    'This line deletes or overwrites {0} that line {1} added. That does not make the image smaller: the bytes stay in the layer of line {1}.',
  ),
  hidesUnknown: msg(
    '이 줄은 앞 레이어가 추가한 {0}를 지우거나 덮어씁니다. 지워도 이미지는 작아지지 않습니다. 그 바이트는 앞 레이어에 그대로 남습니다.',
    'This line deletes or overwrites {0} that an earlier layer added. That does not make the image smaller: the bytes stay in that layer.',
  ),
  analysing: msg('낭비되는 바이트를 찾으려고 이미지를 분석하는 중입니다…', 'Analysing the image for wasted bytes…'),
  analysisFailed: msg('이미지를 분석하지 못해 낭비되는 바이트는 표시하지 않습니다: {0}', 'Wasted bytes are not shown: the image could not be analysed: {0}'),
  historyFailed: msg('이미지 기록을 읽지 못해 레이어 크기는 표시하지 않습니다: {0}', "Layer sizes are not shown: the image's history could not be read: {0}"),
  stale: msg(
    '**이 명령은 빌드한 뒤에 수정됐습니다.** 위 내용은 빌드한 텍스트에 대한 것이고 지금 텍스트와는 맞지 않을 수 있습니다. 다시 빌드하면 새로 표시합니다.',
    '**This instruction was edited after the build.** The figures above are those of the text that was built, not of the text now; build again to refresh them.',
  ),
};

/** Seconds as builders print them: one decimal under a minute's worth of precision that matters. */
export function formatSeconds(s: number): string {
  return s >= 10 ? String(Math.round(s)) : String(Number(s.toFixed(1)));
}

function changedFiles(files: string[]): string {
  return files.length <= 2 ? files.join(', ') : `${files.slice(0, 2).join(', ')} (+${files.length - 2})`;
}

/** Longer reasons stay in the tooltip: a label is read at a glance. */
const MAX_REASON_IN_LABEL = 48;

function cacheBreakLabel(b: NonNullable<LineFacts['cacheBreak']>, l: OneLang): string {
  if (b.files.length) return pick(fillMsg(LABEL.cacheBrokeFiles, changedFiles(b.files)), l);
  const why = b.reason ? pick(b.reason, l).replace(/[.。]\s*$/, '') : '';
  return why && why.length <= MAX_REASON_IN_LABEL ? pick(fillMsg(LABEL.cacheBrokeWhy, why), l) : pick(LABEL.cacheBroke, l);
}

/** The parts of the label, in order: size, cache, waste, cache break. Stale lines show only that they are stale. */
export function labelParts(f: LineFacts, stale: boolean, l: OneLang): string[] {
  if (stale) return [pick(LABEL.stale, l)];
  const parts: string[] = [];
  if (f.base && f.size !== null) parts.push(pick(fillMsg(LABEL.base, formatSize(f.size)), l));
  else if (f.size !== null) parts.push(`+${formatSize(f.size)}`);
  else if (f.noLayer) parts.push(pick(LABEL.noLayer, l));
  if (f.step) {
    if (f.step.cached) parts.push(pick(LABEL.cached, l));
    else parts.push(pick(f.step.seconds === null ? LABEL.ran : fillMsg(LABEL.ranFor, formatSeconds(f.step.seconds)), l));
  }
  const wasted = f.wastedHere.reduce((n, w) => n + w.bytes, 0);
  if (wasted > 0) parts.push(pick(fillMsg(LABEL.wasted, formatSize(wasted)), l));
  if (f.cacheBreak) parts.push(cacheBreakLabel(f.cacheBreak, l));
  return parts;
}

export interface TooltipContext {
  /** When the build finished, as the user reads a time (the caller formats it). */
  builtAt: string;
  /** The export analysis: still running, failed (with why), done, or skipped (no history to pair it with). */
  analysis: { state: 'running' } | { state: 'failed'; why: Msg } | { state: 'done' } | { state: 'skipped' };
  /** Why the history could not be read, when it could not. */
  historyFailed: Msg | null;
}

const wasteText = (w: WasteLink, known: Msg, unknown: Msg): Msg =>
  w.line === null ? fillMsg(unknown, formatSize(w.bytes)) : fillMsg(known, formatSize(w.bytes), w.line);

/** The tooltip's sentences, one Msg each (the caller renders them as Markdown blocks in the user's language). */
export function tooltipMsgs(f: LineFacts, stale: boolean, ctx: TooltipContext): Msg[] {
  const out: Msg[] = [fillMsg(TIP.heading, f.line + 1, f.keyword, ctx.builtAt)];
  if (f.base && f.size !== null) out.push(fillMsg(TIP.base, formatSize(f.size)));
  else if (f.size !== null) out.push(fillMsg(TIP.size, formatSize(f.size)));
  if (f.noLayer) out.push(f.noLayer);
  if (f.step) out.push(f.step.cached ? TIP.cached : f.step.seconds === null ? TIP.ran : fillMsg(TIP.ranFor, formatSeconds(f.step.seconds)));
  if (f.cacheBreak) {
    out.push(TIP.cacheBroke);
    if (f.cacheBreak.files.length) out.push(fillMsg(TIP.files, f.cacheBreak.files.map((x) => `\`${x}\``).join(', ')));
    out.push(f.cacheBreak.reason ? fillMsg(TIP.reason, f.cacheBreak.reason) : TIP.noReason);
  }
  for (const w of f.wastedHere) out.push(wasteText(w, TIP.wastedTo, TIP.wastedToUnknown));
  for (const w of f.hidesEarlier) out.push(wasteText(w, TIP.hides, TIP.hidesUnknown));
  if (ctx.historyFailed) out.push(fillMsg(TIP.historyFailed, ctx.historyFailed));
  if (ctx.analysis.state === 'running') out.push(TIP.analysing);
  else if (ctx.analysis.state === 'failed') out.push(fillMsg(TIP.analysisFailed, ctx.analysis.why));
  if (stale) out.push(TIP.stale);
  return out;
}

/** The tooltip as one Markdown text: each sentence its own paragraph, in the user's language. */
export function tooltipMarkdown(f: LineFacts, stale: boolean, ctx: TooltipContext, lang: Lang): string {
  const msgs = tooltipMsgs(f, stale, ctx);
  const joined: Msg = { ko: msgs.map((m) => m.ko).join('\n\n'), en: msgs.map((m) => m.en).join('\n\n') };
  return block(joined, lang);
}
