// An image's layers → tree nodes (plain data, no vscode import: tested in plain node). Two readings meet here:
// - the history (GET /images/{id}/history, one small request): shown at once, one row per layer with the size the
//   engine recorded, the instruction, and the Dockerfile line when the extension built the image and
//   mapHistory (common/src/layers/history.ts) recognises the file;
// - the export's analysis (analysedTar, common/src/layers/analyse.ts, cached per image ID): when it is done, the
//   sizes become the file content of each layer (as dive counts them), each layer lists its biggest files, and the
//   summary gets the wasted bytes and the efficiency.
// Order: oldest layer first, the order of the Dockerfile itself, so line numbers go down the tree as they go down
// the file; the base image's rows come first, grouped in one node, since the user's own lines are what they can
// change. Lines that make no layer (ENV, CMD …) are not rows: they are listed, with why, in the summary's tooltip.
import { fillMsg, line, type Lang, type Msg } from '../../../common/src/i18n';
import { instructions } from '../../../common/src/doctor/imageFiles';
import { CONFIG_KEYWORDS, mapHistory, parseCreatedBy, type HistoryEntry } from '../../../common/src/layers/history';
import type { ImageTarAnalysis } from '../../../common/src/layers/imageTar';
import { formatSize, md } from './format';

/** Where the export's analysis of this image stands. */
export type LayersAnalysis = { kind: 'running' } | { kind: 'done'; tar: ImageTarAnalysis } | { kind: 'failed'; reason: Msg; detail?: string };

export interface LayersInput {
  /** Key of the image node the rows hang under (one image can sit under two repositories). */
  parentKey: string;
  imageId: string;
  /** The engine's history, newest first, as GET /images/{id}/history returns it. */
  history: readonly HistoryEntry[];
  /** The Dockerfile that built the image (session.built) and its current text. */
  dockerfile?: { path: string; text: string };
  /** The Dockerfile recorded for this image could not be read (moved, deleted): its path. */
  dockerfileUnreadable?: string;
  analysis?: LayersAnalysis;
}

/** A place in a Dockerfile a row opens on click. */
export interface OpenLine {
  path: string;
  /** 1-based. */
  line: number;
}

export type LayersRole = 'summary' | 'error' | 'base' | 'layer' | 'file' | 'wasteGroup' | 'waste';

export interface LayersNode {
  kind: 'layers';
  role: LayersRole;
  /** Unique in the whole view. */
  key: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: 'graph' | 'loading~spin' | 'error' | 'package' | 'layers' | 'file' | 'trash';
  open?: OpenLine;
  /** On an error row: the image whose analysis a click tries again. */
  retryImageId?: string;
  children: LayersNode[];
}

/** How many wasted paths the summary lists (the analysis keeps them all; the biggest are what matter). */
export const WASTE_SHOWN = 20;
/** Longest label before it is cut with an ellipsis (the tooltip has the whole text). */
const LABEL_MAX = 72;

const T = {
  total: { ko: '합계 {0} · 낭비 {1} · 효율 {2}%', en: 'Total {0} · wasted {1} · efficiency {2}%' },
  totalHistory: { ko: '합계 {0}', en: 'Total {0}' },
  reading: { ko: '레이어 내용을 읽는 중…', en: 'reading the layer contents…' },
  failed: { ko: '레이어 내용을 읽지 못했습니다', en: 'Could not read the layer contents' },
  retry: { ko: '누르면 다시 시도합니다.', en: 'Click to try again.' },
  base: { ko: '베이스 이미지', en: 'Base image' },
  layerCount: { ko: '레이어 {0}개', en: '{0} layers' },
  layerOne: { ko: '레이어 1개', en: '1 layer' },
  line: { ko: '{0}번 줄', en: 'line {0}' },
  wastedShort: { ko: '낭비 {0}', en: 'wasted {0}' },
  wasteGroup: { ko: '낭비되는 파일', en: 'Wasted files' },
  wasteGroupDesc: { ko: '{0}, 파일 {1}개', en: '{0} in {1} files' },
  wasteGroupDescOne: { ko: '{0}, 파일 1개', en: '{0} in 1 file' },
  addedDeleted: { ko: '{0}에서 추가, {1}에서 삭제', en: 'added on {0}, deleted on {1}' },
  addedOverwritten: { ko: '{0}에서 추가, {1}에서 덮어씀', en: 'added on {0}, overwritten on {1}' },
  deletedLater: { ko: '뒤 레이어에서 삭제됨', en: 'deleted by a later layer' },
  overwrittenLater: { ko: '뒤 레이어에서 덮어씀', en: 'overwritten by a later layer' },
  noCommand: { ko: '(기록된 명령 없음)', en: '(no command recorded)' },
  size: { ko: '크기', en: 'Size' },
  lineRow: { ko: '줄', en: 'Line' },
  files: { ko: '파일', en: 'Files' },
  wastedRow: { ko: '낭비', en: 'Wasted' },
  fromBase: { ko: '베이스 이미지의 레이어입니다.', en: 'A layer of the base image.' },
  fromBaseTag: { ko: '베이스 이미지 {0}의 레이어입니다.', en: 'A layer of the base image {0}.' },
  historySize: {
    ko: '레이어 내용을 다 읽기 전에는 엔진 기록의 크기를 보여 줍니다.',
    en: "Until the layer contents are read, sizes are the ones the engine's history records.",
  },
  contentSize: {
    ko: '크기는 각 레이어가 담은 파일 내용의 바이트입니다.',
    en: 'Sizes are the bytes of file content each layer holds.',
  },
  wastedWhat: {
    ko: '낭비: 뒤 레이어가 지우거나 덮어쓴 파일의 바이트입니다. 지워도 앞 레이어에 남아 이미지 크기에 그대로 들어갑니다.',
    en: 'Wasted: bytes of files a later layer deletes or overwrites. They stay in the earlier layer and still count in the image.',
  },
  noLayerHead: { ko: '레이어를 만들지 않는 줄', en: 'Lines that make no layer' },
  noLayerRow: { ko: '{0}번 줄 {1}: {2}', en: 'Line {0} {1}: {2}' },
  noDockerfile: {
    ko: "이 이미지를 빌드한 Dockerfile을 알 수 없어 줄 번호를 표시하지 않습니다. 이 확장의 '이미지 빌드', '빌드하고 실행', '실행해서 점검' 명령으로 빌드하면 표시됩니다.",
    en: "The Dockerfile that built this image is not known, so no line numbers are shown. Build it with this extension's Build Image, Build and Run or Run and Check command to see them.",
  },
  unreadable: { ko: '이 이미지를 빌드한 Dockerfile({0})을 읽을 수 없습니다.', en: 'The Dockerfile that built this image ({0}) cannot be read.' },
  unmatched: {
    ko: '{0} 파일의 명령이 이 이미지의 기록과 맞지 않아 줄 번호를 표시하지 않습니다. 빌드한 뒤에 파일이 바뀌었을 수 있습니다.',
    en: "The instructions of {0} do not match this image's history, so no line numbers are shown; the file may have changed since the build.",
  },
  unpaired: {
    ko: '내보낸 이미지의 레이어를 기록의 단계와 짝지을 수 없어 레이어별 파일을 표시하지 않습니다.',
    en: "The export's layers could not be paired with the history's steps, so files are not shown per layer.",
  },
};

const one = (m: Msg, lang: Lang, ...args: (string | number)[]) => line(args.length ? fillMsg(m, ...args) : m, lang);
// Rounded down: an image with any waste never reads as 100%.
const pct = (efficiency: number) => (Math.floor(efficiency * 1000) / 10).toFixed(1);
const clip = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The image a FROM line names (`FROM --platform=x node:20 AS build` → `node:20`). */
function fromImage(rest: string): string | undefined {
  return rest.replace(/^(\s*--\S+)+\s*/, '').split(/\s+/)[0] || undefined;
}

/** A history row's instruction as a short line: `RUN apt-get …`, without the shell prefix and the build args. */
export function instructionText(createdBy: string, comment = ''): string {
  const step = parseCreatedBy(createdBy, comment);
  if (!step.keyword) return '';
  let text = step.text.replace(/\s#\s*buildkit$/, '');
  if (step.keyword === 'RUN') text = text.replace(/^\|\d+(\s+\S+?=\S*)*\s+/, '').replace(/^\/bin\/sh -c\s+/, '');
  return collapse(`${step.keyword} ${text}`);
}

/** Does history row `r` make a layer? Exact only with the export's config; before it, a config-only step that
 * recorded 0 bytes is taken as none (ENV, CMD … never write files). */
function makesLayerByHistory(r: HistoryEntry): boolean {
  if ((Number(r.Size) || 0) > 0) return true;
  const k = parseCreatedBy(r.CreatedBy ?? '', r.Comment ?? '').keyword;
  return !(k && CONFIG_KEYWORDS.has(k));
}

export function layersTree(input: LayersInput, lang: Lang): LayersNode[] {
  const rows = [...input.history].reverse();
  const df = input.dockerfile;
  // Which rows are the base image's is read from the Dockerfile (mapHistory: the rows older than the final stage's
  // first instruction). The history's Tags cannot say it: a tag on a row may belong to any image that shares that
  // layer, such as an earlier build of the same lines.
  const map = df ? mapHistory(input.history, df.text) : null;
  const matched = !!map?.matched;
  const byLine = new Map(df && matched ? instructions(df.text).map((x) => [x.line, x] as const) : []);
  const fromLine = matched ? (map!.layers.find((l) => l.base)?.line ?? null) : null;
  const baseName = fromLine !== null ? fromImage(byLine.get(fromLine)?.rest ?? '') : undefined;
  const tar = input.analysis?.kind === 'done' ? input.analysis.tar : undefined;

  // Which history rows made the layers. With the export's image config the pairing is exact (its empty_layer
  // flags); without it (still running, or an export that does not say), the history alone decides and no files
  // are shown per layer.
  let layerRows = rows.map((r, i) => (makesLayerByHistory(r) ? i : -1)).filter((i) => i >= 0);
  let paired = false;
  if (tar?.history && tar.history.length === rows.length) {
    const made = tar.history.map((h, i) => (h.emptyLayer ? -1 : i)).filter((i) => i >= 0);
    if (made.length === tar.layers.length) {
      layerRows = made;
      paired = true;
    }
  }
  const isBase = (i: number) => matched && map!.layers[i].base;
  const lineOfRow = (i: number): number | null => (matched ? map!.layers[i].line : null);
  const lineOfLayer = (k: number): number | null => (paired ? lineOfRow(layerRows[k]) : null);
  const openAt = (n: number | null): OpenLine | undefined => (df && n !== null ? { path: df.path, line: n } : undefined);
  const key = (s: string) => `${input.parentKey}/layers/${s}`;

  const layerNode = (i: number, k: number): LayersNode => {
    const r = rows[i];
    const base = isBase(i);
    const n = lineOfRow(i);
    const own = n !== null && !base ? byLine.get(n) : undefined;
    const text = own ? collapse(`${own.keyword} ${own.rest}`) : instructionText(r.CreatedBy ?? '', r.Comment ?? '');
    const content = paired ? tar!.layers[k] : undefined;
    const size = content ? content.size : Number(r.Size) || 0;
    const wasted = content?.wasted ?? 0;
    const desc = [formatSize(size)];
    if (n !== null) desc.push(one(T.line, lang, n));
    if (wasted > 0) desc.push(one(T.wastedShort, lang, formatSize(wasted)));
    const tip = [`**${md(text ? clip(text) : one(T.noCommand, lang))}**`, ''];
    tip.push(`${md(one(T.size, lang))}: \`${formatSize(size)}\``);
    if (n !== null) tip.push(`${md(one(T.lineRow, lang))}: \`${n}\``);
    if (content) tip.push(`${md(one(T.files, lang))}: \`${content.files}\``);
    if (wasted > 0) tip.push(`${md(one(T.wastedRow, lang))}: \`${formatSize(wasted)}\``);
    if (base) tip.push('', md(baseName ? one(T.fromBaseTag, lang, baseName) : one(T.fromBase, lang)));
    // The step as the engine recorded it, whole, in a code block (markdown inside it needs no escaping).
    const recorded = r.CreatedBy ? `\n\n\`\`\`\n${(r.CreatedBy.length > 2000 ? `${r.CreatedBy.slice(0, 1999)}…` : r.CreatedBy).replace(/```/g, "'''")}\n\`\`\`` : '';
    return {
      kind: 'layers',
      role: 'layer',
      key: key(`row${i}`),
      label: text ? clip(text) : one(T.noCommand, lang),
      description: desc.join(' · '),
      tooltip: tip.join('  \n') + recorded,
      icon: base ? 'package' : 'layers',
      open: openAt(n),
      children: (content?.biggest ?? []).map((f) => ({
        kind: 'layers',
        role: 'file',
        key: key(`row${i}/${f.path}`),
        label: `/${f.path}`,
        description: formatSize(f.size),
        icon: 'file',
        children: [],
      })),
    };
  };

  const layers = layerRows.map((i, k) => ({ i, node: layerNode(i, k), size: paired ? tar!.layers[k].size : Number(rows[i].Size) || 0 }));
  const baseLayers = layers.filter((x) => isBase(x.i)).map((x) => x.node);
  const ownLayers = layers.filter((x) => !isBase(x.i)).map((x) => x.node);
  const out: LayersNode[] = [summaryNode()];
  if (baseLayers.length) {
    const size = layers.filter((x) => isBase(x.i)).reduce((s, x) => s + x.size, 0);
    out.push({
      kind: 'layers',
      role: 'base',
      key: key('base'),
      label: one(T.base, lang),
      description: [baseName, formatSize(size), baseLayers.length === 1 ? one(T.layerOne, lang) : one(T.layerCount, lang, baseLayers.length)]
        .filter(Boolean)
        .join(' · '),
      icon: 'package',
      open: openAt(fromLine),
      children: baseLayers,
    });
  }
  out.push(...ownLayers);
  return out;

  function summaryNode(): LayersNode {
    const notes: string[] = [];
    if (df && !matched) notes.push(md(one(T.unmatched, lang, df.path)));
    else if (input.dockerfileUnreadable) notes.push(md(one(T.unreadable, lang, input.dockerfileUnreadable)));
    else if (!df) notes.push(md(one(T.noDockerfile, lang)));
    if (map?.noLayer.length) {
      notes.push(`**${md(one(T.noLayerHead, lang))}**`);
      for (const x of map.noLayer) notes.push(`- ${md(one(T.noLayerRow, lang, x.line, x.instruction, line(x.reason, lang)))}`);
    }
    const a = input.analysis;
    if (a?.kind === 'failed') {
      return {
        kind: 'layers',
        role: 'error',
        key: key('summary'),
        label: one(T.failed, lang),
        description: line(a.reason, lang),
        tooltip: [`**${md(one(T.failed, lang))}**`, '', md(line(a.reason, lang)), ...(a.detail ? ['', `\`${a.detail.replace(/`/g, "'")}\``] : []), '', md(one(T.retry, lang))].join('  \n'),
        icon: 'error',
        retryImageId: input.imageId,
        children: [],
      };
    }
    if (!tar) {
      const total = rows.reduce((s, r) => s + (Number(r.Size) || 0), 0);
      return {
        kind: 'layers',
        role: 'summary',
        key: key('summary'),
        label: one(T.totalHistory, lang, formatSize(total)),
        description: a?.kind === 'running' ? one(T.reading, lang) : undefined,
        tooltip: [md(one(T.historySize, lang)), ...notes.flatMap((n) => ['', n])].join('  \n'),
        icon: a?.kind === 'running' ? 'loading~spin' : 'graph',
        children: [],
      };
    }
    const waste = tar.waste.slice(0, WASTE_SHOWN).map(
      (w): LayersNode => {
        const added = lineOfLayer(w.addedLayer);
        const removed = lineOfLayer(w.removedLayer);
        const how =
          added !== null && removed !== null
            ? one(w.how === 'deleted' ? T.addedDeleted : T.addedOverwritten, lang, one(T.line, lang, added), one(T.line, lang, removed))
            : one(w.how === 'deleted' ? T.deletedLater : T.overwrittenLater, lang);
        return {
          kind: 'layers',
          role: 'waste',
          key: key(`waste/${w.addedLayer}/${w.path}`),
          label: `/${w.path}`,
          description: `${formatSize(w.size)} · ${how}`,
          icon: 'trash',
          open: openAt(added),
          children: [],
        };
      },
    );
    const unpaired = paired ? [] : ['', md(one(T.unpaired, lang))];
    return {
      kind: 'layers',
      role: 'summary',
      key: key('summary'),
      label: one(T.total, lang, formatSize(tar.size), formatSize(tar.wasted), pct(tar.efficiency)),
      tooltip: [md(one(T.contentSize, lang)), md(one(T.wastedWhat, lang)), ...unpaired, ...notes.flatMap((n) => ['', n])].join('  \n'),
      icon: 'graph',
      children: waste.length
        ? [
            {
              kind: 'layers',
              role: 'wasteGroup',
              key: key('waste'),
              label: one(T.wasteGroup, lang),
              description: tar.waste.length === 1 ? one(T.wasteGroupDescOne, lang, formatSize(tar.wasted)) : one(T.wasteGroupDesc, lang, formatSize(tar.wasted), tar.waste.length),
              icon: 'trash',
              children: waste,
            },
          ]
        : [],
    };
  }
}
