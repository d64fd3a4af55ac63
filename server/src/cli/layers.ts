/**
 * `dockerfile-guide layers IMAGE [--dockerfile FILE] [--format text|json] [--lang ko|en|both]`: each layer of an
 * image with its bytes, the Dockerfile line that made it (when FILE is given and matches the image's history), its
 * biggest files, and the bytes later layers delete or overwrite (common/src/layers). The export is streamed and
 * only a path → size map per layer is kept: never the image in memory or on disk.
 * Exit codes: 0 done, 2 bad usage, no engine or no such image.
 */
import * as fs from 'node:fs';
import { fillMsg, line, msg, type Lang } from '../../../common/src/i18n';
import { analyseImage } from '../../../common/src/layers/analyse';
import type { LayersReport } from '../../../common/src/layers/report';
import { formatSize } from '../../../common/src/size';
import { oneOf, parseArgs, UsageError, usageErrorExit } from './args';
import { CLI } from './messages';
import { connectedEngine } from './doctor';

export const LAYERS_MSG = {
  noImage: msg('이미지를 하나 지정해 주세요.', 'Give one image.'),
  notFound: msg('이미지를 찾을 수 없습니다: {0}', 'No such image: {0}'),
  failed: msg('이미지를 읽지 못했습니다: {0}', 'Could not read the image: {0}'),
  total: msg('합계 {0}, 그중 뒤 레이어가 지우거나 덮어써 낭비되는 크기 {1} (효율 {2}%)', 'Total {0}, of which {1} is wasted: deleted or overwritten by a later layer (efficiency {2}%)'),
  layer: msg('레이어 {0}: {1}', 'Layer {0}: {1}'),
  line: msg('{0}번 줄', 'line {0}'),
  noLine: msg('줄을 알 수 없음', 'line unknown'),
  wasted: msg('낭비: {0} {1} ({2}에서 추가, {3}에서 삭제 또는 덮어씀)', 'Wasted: {0} {1} (added on {2}, deleted or overwritten on {3})'),
  noLayer: msg('{0}번 줄 {1}: 이미지에 더하는 바이트가 없습니다. {2}', 'Line {0} {1} adds no bytes to the image. {2}'),
  unmatched: msg('Dockerfile의 명령이 이 이미지의 기록과 맞지 않아 줄을 표시하지 않습니다.', "The Dockerfile's instructions do not match this image's history, so no lines are shown."),
};

export function layersText(r: LayersReport, lang: Lang): string {
  const out: string[] = [];
  const lineText = (n: number | null) => line(n === null ? LAYERS_MSG.noLine : fillMsg(LAYERS_MSG.line, n), lang);
  for (const l of r.layers) {
    out.push(`${line(fillMsg(LAYERS_MSG.layer, l.index, formatSize(l.size)), lang)} · ${lineText(l.line)}${l.instruction ? ` ${l.instruction}` : ''}`);
    if (l.createdBy) out.push(`    ${l.createdBy.length > 160 ? `${l.createdBy.slice(0, 157)}…` : l.createdBy}`);
    for (const b of l.biggest.slice(0, 3)) out.push(`    ${formatSize(b.size).padStart(8)}  ${b.path}`);
  }
  for (const n of r.noLayer) out.push(line(fillMsg(LAYERS_MSG.noLayer, n.line, n.instruction, n.reason), lang));
  for (const w of r.waste.slice(0, 10)) out.push(line(fillMsg(LAYERS_MSG.wasted, formatSize(w.size), w.path, lineText(w.addedLine), lineText(w.removedLine)), lang));
  if (!r.matched) out.push(line(LAYERS_MSG.unmatched, lang));
  out.push(line(fillMsg(LAYERS_MSG.total, formatSize(r.size), formatSize(r.wasted), (r.efficiency * 100).toFixed(1)), lang));
  return out.join('\n');
}

export async function runLayersCli(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }, defaultLang: Lang): Promise<number> {
  let lang: Lang = defaultLang;
  try {
    const args = parseArgs(argv, ['lang', 'format', 'dockerfile'], []);
    lang = oneOf(args, 'lang', ['ko', 'en', 'both'], defaultLang) as Lang;
    const format = oneOf(args, 'format', ['text', 'json'], 'text');
    if (args.positionals.length !== 1) throw new UsageError(LAYERS_MSG.noImage);
    const image = args.positionals[0];
    const dockerfilePath = args.options.get('dockerfile')?.at(-1);
    let dockerfile: string | undefined;
    if (dockerfilePath !== undefined) {
      try {
        dockerfile = fs.readFileSync(dockerfilePath, 'utf8');
      } catch (e) {
        io.err(line(fillMsg(CLI.unreadable, dockerfilePath, (e as NodeJS.ErrnoException).code ?? String(e)), lang));
        return 2;
      }
    }
    const engine = await connectedEngine(io, lang);
    if (!engine) return 2;
    let report: LayersReport;
    try {
      report = await analyseImage(engine, image, { dockerfile });
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      io.err(line(status === 404 ? fillMsg(LAYERS_MSG.notFound, image) : fillMsg(LAYERS_MSG.failed, (e as Error).message), lang));
      return 2;
    }
    io.out(format === 'json' ? JSON.stringify(report, (k, v) => (k === 'reason' && v && typeof v === 'object' ? line(v, lang) : v), 2) : layersText(report, lang));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageErrorExit(e, io.err, lang);
    io.err(line(fillMsg(LAYERS_MSG.failed, (e as Error).message), lang));
    return 2;
  }
}
