/**
 * Maps an image's history (the engine's GET /images/{id}/history, newest first) to the lines of the Dockerfile that
 * built it, so a layer's size can be shown on its own line. Pure: no engine calls, no editor.
 *
 * Both builders write one history row per instruction of the final stage (FROM excepted), oldest first after the
 * base image's own rows; only the text of a row differs:
 *   classic   `/bin/sh -c #(nop)  ENV A=1`, `/bin/sh -c #(nop) COPY file:<hash> in /x `, and a RUN as its bare
 *             command (`|1 SIZE=5 /bin/sh -c …`, or the exec-form words joined by spaces);
 *   BuildKit  `ENV A=1`, `COPY a /x # buildkit`, `RUN |1 SIZE=5 /bin/sh -c … # buildkit`, `EXPOSE map[80/tcp:{}]`.
 * The two sequences are aligned by a longest common subsequence over a per-keyword comparison that tolerates ARG
 * substitution (`$VAR` matches any text) and heredocs; a row that does not compare equal gets line null, never a
 * guessed line. When fewer than half of the final stage's instructions find a row, the history is taken to come
 * from another Dockerfile and no line is given at all.
 */
import { fillMsg, msg, type Msg } from '../i18n';
import { instructions, words, type Instruction } from '../doctor/imageFiles';

/** One entry of GET /images/{id}/history. */
export interface HistoryEntry {
  Id?: string;
  Created?: number;
  CreatedBy: string;
  Size: number;
  Tags?: string[] | null;
  Comment?: string;
}

export interface LayerRow {
  /** 0-based position, oldest first (the base image's first row is 0). */
  index: number;
  size: number;
  createdBy: string;
  /** 1-based Dockerfile line, or null when no line compares equal. */
  line: number | null;
  /** The keyword of `line` (FROM for the base image's rows), or null. */
  instruction: string | null;
  /** The row adds no bytes (Size 0). */
  empty: boolean;
  /** The row comes from the FROM image. */
  base: boolean;
}

export interface NoLayerLine {
  line: number;
  instruction: string;
  reason: Msg;
}

export interface HistoryMap {
  /** Oldest first. */
  layers: LayerRow[];
  /** Instruction lines that add no bytes to the final image, with why. */
  noLayer: NoLayerLine[];
  /** The history was recognised as this Dockerfile's; when false every `line` is null. */
  matched: boolean;
}

export interface MapOptions {
  /** How many of the oldest rows are the base image's, when the caller knows (the base image's history length). */
  baseRows?: number;
}

// Why a line adds no bytes.
const CONFIG_ONLY = msg('{0} 명령은 이미지 설정만 바꾸고 파일을 쓰지 않으므로 레이어가 0바이트입니다.', '{0} only changes the image configuration and writes no files, so its layer is 0 bytes.');
// Both builders recorded 0 bytes for `WORKDIR /srv` on an image without /srv: a new directory holds no file content.
const WORKDIR_EMPTY = msg(
  'WORKDIR 명령은 작업 디렉터리를 설정하고, 없으면 그 디렉터리를 만들기만 합니다. 디렉터리에는 파일 내용이 없으므로 0바이트입니다.',
  'WORKDIR sets the working directory and, when it is missing, only creates that directory; a directory holds no file content, so this is 0 bytes.',
);
const NO_BYTES = msg(
  '이 단계의 레이어에는 파일 내용이 없습니다(0바이트). 파일을 지우면 삭제 표시만 남고, 앞 레이어에 있던 바이트는 이미지에 그대로 남습니다.',
  "This step's layer holds no file content (0 bytes). Deleting a file only leaves a deletion marker; the bytes stay in the earlier layer and in the image.",
);
const OTHER_STAGE = msg(
  '이 줄은 앞 빌드 단계에 속합니다. 그 단계의 레이어는 최종 이미지에 들어가지 않고, `COPY --from` 명령으로 가져온 파일만 들어갑니다.',
  'This line belongs to an earlier build stage. Its layers are not in the final image; only the files a `COPY --from` takes from it are.',
);
const GLOBAL_ARG = msg('첫 FROM 앞의 ARG 명령은 어느 단계에도 속하지 않으므로 레이어를 만들지 않습니다.', 'An ARG before the first FROM belongs to no stage, so it makes no layer.');
const SCRATCH = msg('FROM scratch 명령은 빈 이미지에서 시작하므로 베이스 레이어가 없습니다.', 'FROM scratch starts from an empty image, so there are no base layers.');
const NOT_IN_HISTORY = msg(
  '이미지 기록에서 이 줄에 맞는 단계를 찾지 못했습니다. 이미지를 빌드한 뒤에 줄이 바뀌었을 수 있습니다.',
  "No step of the image's history matches this line; it may have changed since the image was built.",
);

/** Instructions that only change the image configuration (Docker reference: they write no filesystem changes). */
export const CONFIG_KEYWORDS: ReadonlySet<string> = new Set(['ENV', 'LABEL', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'ARG', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'VOLUME', 'ONBUILD', 'MAINTAINER']);

/** A history row read as an instruction: its keyword (null for rows with no command, like an import) and text. */
interface Step {
  keyword: string | null;
  text: string;
}

export function parseCreatedBy(createdBy: string, comment = ''): Step {
  const t = createdBy.trim();
  if (!t) return { keyword: null, text: '' };
  const nop = /#\(nop\)\s+([A-Z]+)\b\s*([\s\S]*)$/.exec(t);
  if (nop) return { keyword: nop[1], text: nop[2].trim() };
  if (comment.startsWith('buildkit.dockerfile') || /\s#\s*buildkit$/.test(t)) {
    const bk = /^([A-Z]+)\b\s*([\s\S]*)$/.exec(t.replace(/\s#\s*buildkit$/, ''));
    if (bk) return { keyword: bk[1], text: bk[2].trim() };
  }
  // The classic builder records a RUN as the command it ran, with no keyword.
  return { keyword: 'RUN', text: t };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A regexp source for Dockerfile text: `$VAR` / `${VAR…}` match any text (the builder may have expanded them). */
function pattern(text: string): string {
  return collapse(text)
    .split(/(\$\{[^}]*\}|\$\w+)/)
    .map((part, i) => (i % 2 ? '[\\s\\S]*?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')))
    .join('');
}

const fullMatch = (dockerfileText: string, rowText: string) => new RegExp(`^${pattern(dockerfileText)}$`).test(collapse(rowText));
const endsWith = (dockerfileText: string, rowText: string) => new RegExp(`(^|\\s)${pattern(dockerfileText)}$`).test(collapse(rowText));

/** The words after the leading `--flag` options (`--mount=…`, `--from=…`, `--chown=…`). */
function withoutFlags(rest: string): string {
  return rest.replace(/^(\s*--\S+)+\s*/, '');
}

/** Names set by ENV/LABEL/ARG: `A=1 "b.c"=2`, the old `ENV A 1`, `ARG NAME`. */
function keys(text: string): string[] {
  const t = text.trim();
  if (!/^("[^"]*"|[^\s=])+=/.test(t)) return [t.split(/\s+/)[0].replace(/"/g, '')];
  const out: string[] = [];
  for (const m of t.matchAll(/(?:^|\s)("[^"]*"|[^\s="]+)=/g)) out.push(m[1].replace(/"/g, ''));
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');

/** `["a" "b"]` (Go's %q of a list, as both builders print CMD and ENTRYPOINT) → its strings. */
function quotedList(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    try {
      out.push(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      return null;
    }
  }
  return out;
}

/** Does history row `step` record Dockerfile instruction `ins`? */
export function sameStep(ins: Instruction, step: Step): boolean {
  if (step.keyword !== ins.keyword) return false;
  const rest = ins.rest;
  switch (ins.keyword) {
    case 'RUN': {
      const cmd = withoutFlags(rest);
      if (ins.heredocs?.length) {
        // BuildKit records `RUN <<EOF` as the shell running the body, `RUN cmd <<EOF` as the line, body and end word
        // given to the shell, and a body that starts with `#!` as the file it ran: `/dev/pipes/EOF`.
        const body = ins.heredocs[0];
        const name = /<<-?(["']?)([A-Za-z_][\w.-]*)\1/.exec(cmd)?.[2] ?? '';
        if (body.startsWith('#!')) return new RegExp(`/dev/pipes/${name.replace(/[.]/g, '\\.')}$`).test(step.text.trim());
        const first = body.split('\n').find((l) => l.trim()) ?? '';
        const before = cmd.replace(/<<[\s\S]*$/, '').trim();
        const row = collapse(step.text);
        return (!first || row.includes(collapse(first))) && (!before || row.includes(collapse(before).split(' ')[0]));
      }
      if (cmd.startsWith('[')) return endsWith(words(cmd).join(' '), step.text);
      return endsWith(cmd, step.text);
    }
    case 'COPY':
    case 'ADD': {
      const w = words(withoutFlags(rest));
      const dest = w[w.length - 1] ?? '';
      // classic: `file:<hash> in /dest`; BuildKit: `src… /dest`.
      const rowDest = /\sin\s+(\S+)\s*$/.exec(step.text)?.[1] ?? step.text.trim().split(/\s+/).pop() ?? '';
      return fullMatch(dest, rowDest);
    }
    case 'ENV':
    case 'LABEL':
    case 'ARG':
      return sameSet(keys(rest), keys(step.text));
    case 'EXPOSE': {
      if (rest.includes('$')) return true;
      const ports = (s: string) => [...new Set(s.match(/\d+/g) ?? [])];
      return sameSet(ports(rest), ports(step.text));
    }
    case 'CMD':
    case 'ENTRYPOINT': {
      const row = quotedList(step.text);
      if (!row) return fullMatch(rest, step.text);
      if (rest.startsWith('[')) return words(rest).join('\0') === row.join('\0');
      // Shell form is recorded as [shell… "the command"].
      return row.length > 0 && fullMatch(rest, row[row.length - 1]);
    }
    case 'WORKDIR': {
      // BuildKit records the absolute path it resolved (`WORKDIR app` under /srv → `WORKDIR /srv/app`).
      const dir = rest.trim().replace(/^\.\//, '').replace(/\/+$/, '');
      if (!dir || dir === '.') return true;
      const row = step.text.trim().replace(/\/+$/, '');
      return dir.startsWith('/') ? fullMatch(dir, row) : new RegExp(`/${pattern(dir)}$`).test(row);
    }
    case 'USER':
    case 'STOPSIGNAL':
      return fullMatch(rest, step.text);
    default:
      // HEALTHCHECK, VOLUME, SHELL, ONBUILD…: both builders print Go structures; the keyword is what compares.
      return true;
  }
}

/** Longest common subsequence of instructions and rows, pairs taken as late as possible (newest rows first). */
function align(ins: Instruction[], steps: Step[]): Map<number, number> {
  const m = ins.length;
  const n = steps.length;
  const g: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  const eq: boolean[][] = ins.map((x) => steps.map((s) => sameStep(x, s)));
  for (let i = 1; i <= m; i++) for (let j = 1; j <= n; j++) g[i][j] = Math.max(g[i - 1][j], g[i][j - 1], eq[i - 1][j - 1] ? g[i - 1][j - 1] + 1 : 0);
  const rowToIns = new Map<number, number>();
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    if (eq[i - 1][j - 1] && g[i][j] === g[i - 1][j - 1] + 1) {
      rowToIns.set(j - 1, i - 1);
      i--;
      j--;
    } else if (g[i][j] === g[i][j - 1]) j--;
    else i--;
  }
  return rowToIns;
}

export function mapHistory(history: readonly HistoryEntry[], dockerfile: string, opts: MapOptions = {}): HistoryMap {
  const rows = [...history].reverse();
  const all = instructions(dockerfile);
  const froms = all.map((x, i) => (x.keyword === 'FROM' ? i : -1)).filter((i) => i >= 0);
  const lastFrom = froms.length ? froms[froms.length - 1] : -1;
  const from = lastFrom >= 0 ? all[lastFrom] : null;
  const stage = all.slice(lastFrom + 1);
  const steps = rows.map((r) => parseCreatedBy(r.CreatedBy ?? '', r.Comment ?? ''));

  const baseKnown = opts.baseRows !== undefined ? Math.min(Math.max(opts.baseRows, 0), rows.length) : null;
  const offset = baseKnown ?? 0;
  const pairs = new Map<number, number>();
  for (const [j, i] of align(stage, steps.slice(offset))) pairs.set(j + offset, i);
  const matched = stage.length > 0 && pairs.size * 2 >= stage.length;
  if (!matched) pairs.clear();

  // The base image's rows: the ones the caller named, or, when the final stage's first instruction found its row,
  // every row older than it.
  let baseCount = 0;
  if (baseKnown !== null) baseCount = baseKnown;
  else if (matched) {
    const firstRow = Math.min(...pairs.keys());
    if (pairs.get(firstRow) === 0) baseCount = firstRow;
  }

  const layers: LayerRow[] = rows.map((r, index) => {
    const size = Number(r.Size) || 0;
    const base = index < baseCount;
    const i = pairs.get(index);
    const x = i === undefined ? null : stage[i];
    return {
      index,
      size,
      createdBy: r.CreatedBy ?? '',
      line: x ? x.line : base && matched && from ? from.line : null,
      instruction: x ? x.keyword : base && matched && from ? 'FROM' : null,
      empty: size === 0,
      base,
    };
  });

  const noLayer: NoLayerLine[] = [];
  all.forEach((x, k) => {
    if (froms.length === 0 || k < froms[0]) {
      if (x.keyword === 'ARG') noLayer.push({ line: x.line, instruction: x.keyword, reason: GLOBAL_ARG });
    } else if (k < lastFrom) noLayer.push({ line: x.line, instruction: x.keyword, reason: OTHER_STAGE });
  });
  if (from && /^(--\S+\s+)*scratch(\s|$)/i.test(from.rest)) noLayer.push({ line: from.line, instruction: 'FROM', reason: SCRATCH });
  if (matched) {
    const rowOf = new Map([...pairs].map(([j, i]) => [i, j]));
    stage.forEach((x, i) => {
      const j = rowOf.get(i);
      if (j === undefined) noLayer.push({ line: x.line, instruction: x.keyword, reason: NOT_IN_HISTORY });
      else if (layers[j].empty) noLayer.push({ line: x.line, instruction: x.keyword, reason: whyEmpty(x.keyword) });
    });
  }
  noLayer.sort((a, b) => a.line - b.line);
  return { layers, noLayer, matched };
}

function whyEmpty(keyword: string): Msg {
  if (CONFIG_KEYWORDS.has(keyword)) return fillMsg(CONFIG_ONLY, keyword);
  if (keyword === 'WORKDIR') return WORKDIR_EMPTY;
  return NO_BYTES;
}
