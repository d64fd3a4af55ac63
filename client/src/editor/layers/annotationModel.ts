/**
 * What one build says about each instruction line of its Dockerfile, as plain data (no VS Code): the bytes its layer
 * added (from the image history mapped to the lines), whether the step came from the cache or ran and for how long
 * (the builder's own output, BuildRecord.steps), whether the cache broke there, and, once the slower export analysis
 * is done, the bytes a later line deleted or overwrote. The editor's hints and diagnostics render this; tests feed it
 * records and history maps directly.
 */
import { instructionSpans } from '../../../../common/src/engine/dockerfileSteps';
import type { BuildRecord } from '../../../../common/src/engine/buildSteps';
import { instructions } from '../../../../common/src/doctor/imageFiles';
import type { Msg } from '../../../../common/src/i18n';
import type { HistoryMap } from '../../../../common/src/layers/history';
import type { LayersReport } from '../../../../common/src/layers/report';

export interface WasteLink {
  /** 1-based line of the other end (the removing line for bytes this line added, and the reverse); null when unknown. */
  line: number | null;
  bytes: number;
}

export interface LineFacts {
  /** 0-based first and last line of the instruction in the built text. */
  line: number;
  endLine: number;
  keyword: string;
  /** The instruction's lines as they were built; the editor compares them with the document to tell stale lines. */
  builtLines: string[];
  /** Bytes this line's layer added to the image (for FROM: the base image's layers); null when not known. */
  size: number | null;
  /** The line is FROM and `size` is the base image's. */
  base: boolean;
  /** Why the line made no layer, when it made none. */
  noLayer: Msg | null;
  /** The build step of this line, as the builder reported it. */
  step: { cached: boolean; seconds: number | null } | null;
  /** Set on the first line whose step did not come from the cache. */
  cacheBreak: { reason: Msg | null; files: string[] } | null;
  /** Bytes this line added that later lines deleted or overwrote, per removing line (biggest first). */
  wastedHere: WasteLink[];
  /** Bytes earlier lines added that this line deleted or overwrote, per adding line. */
  hidesEarlier: WasteLink[];
}

const FILE_WRITERS = new Set(['RUN', 'COPY', 'ADD']);

/** The part of a BuildRecord the annotations read. */
export type BuiltFacts = Pick<BuildRecord, 'text' | 'steps' | 'cacheBreak'>;

/**
 * One LineFacts per instruction line that the build said something about. `map` is mapHistory(history, record.text),
 * or null when the history could not be read (then only the steps are known).
 */
export function lineFacts(record: BuiltFacts, map: HistoryMap | null): LineFacts[] {
  const textLines = record.text.split(/\r?\n/);
  // instructions() knows heredoc bodies (they are not instructions); instructionSpans() knows where each one ends.
  const ends = new Map(instructionSpans(record.text).map((s) => [s.line, s.endLine]));
  const sizes = new Map<number, number>();
  let baseSize: number | null = null;
  if (map?.matched) {
    for (const row of map.layers) {
      if (row.base) baseSize = (baseSize ?? 0) + row.size;
      else if (row.line !== null) sizes.set(row.line, (sizes.get(row.line) ?? 0) + row.size);
    }
  }
  // Lines of other stages, global ARGs and FROM scratch have no layer whether or not the history matched.
  const noLayer = new Map((map?.noLayer ?? []).map((n) => [n.line, n.reason]));
  const steps = new Map(record.steps.filter((s) => s.line !== null).map((s) => [s.line as number, s]));
  const out: LineFacts[] = [];
  for (const ins of instructions(record.text)) {
    const line = ins.line - 1;
    const endLine = Math.max(line, ends.get(line) ?? line);
    const isFrom = ins.keyword === 'FROM';
    const reason = noLayer.get(ins.line) ?? null;
    // A FROM of an earlier stage has a step but no layer in the final image; only the last FROM carries the base.
    const lastFrom = isFrom && map?.matched === true && map.layers.some((r) => r.base && r.line === ins.line);
    // RUN, COPY and ADD make a layer even when it holds 0 bytes (`+0B`, the reason in the tooltip); the other
    // instructions only change the configuration and read as `no layer`.
    const own = sizes.get(ins.line) ?? null;
    const size = isFrom ? (lastFrom && !reason ? baseSize : null) : FILE_WRITERS.has(ins.keyword) || !reason ? own : null;
    const step = steps.get(ins.line);
    const facts: LineFacts = {
      line,
      endLine,
      keyword: ins.keyword,
      builtLines: textLines.slice(line, endLine + 1),
      size,
      base: isFrom && size !== null,
      noLayer: reason,
      step: step ? { cached: step.cached, seconds: step.cached ? null : step.seconds } : null,
      cacheBreak: record.cacheBreak && record.cacheBreak.line === ins.line ? { reason: record.cacheBreak.reason, files: record.cacheBreak.files } : null,
      wastedHere: [],
      hidesEarlier: [],
    };
    if (facts.size !== null || facts.noLayer || facts.step || facts.cacheBreak) out.push(facts);
  }
  return out;
}

/** Adds the export analysis's wasted bytes (report made with the record's text) to the lines they concern. */
export function withWaste(facts: readonly LineFacts[], waste: LayersReport['waste']): LineFacts[] {
  const add = (links: WasteLink[], line: number | null, bytes: number) => {
    const l = links.find((x) => x.line === line);
    if (l) l.bytes += bytes;
    else links.push({ line, bytes });
  };
  return facts.map((f) => {
    const here: WasteLink[] = [];
    const hides: WasteLink[] = [];
    for (const w of waste) {
      if (w.addedLine === f.line + 1) add(here, w.removedLine, w.size);
      if (w.removedLine === f.line + 1) add(hides, w.addedLine, w.size);
    }
    return { ...f, wastedHere: here.sort((a, b) => b.bytes - a.bytes), hidesEarlier: hides.sort((a, b) => b.bytes - a.bytes) };
  });
}
