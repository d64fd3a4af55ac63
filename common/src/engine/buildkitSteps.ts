/**
 * Reads BuildKit's plain progress (`docker build --progress=plain`) into StepOutcome[] on Dockerfile lines.
 *
 * The format (BuildKit util/progress/progressui/printer.go; samples in test/unit/build/fixtures/buildkit-*.txt):
 *   `#5 [2/4] RUN dd …`        a vertex starts (printed again when its output resumes after another vertex's);
 *   `#5 0.194 5+0 records in`   its output or status lines;
 *   `#5 CACHED` | `#5 DONE 0.2s` | `#5 ERROR: …` | `#5 CANCELED`   how it ended.
 * Vertices finish in any order (`#7 [internal] load build context` comes between two steps), so steps are keyed by
 * their `#N` and sorted by line at the end.
 *
 * Which instruction a vertex is (BuildKit frontend/dockerfile/dockerfile2llb/convert.go, prefixCommand and the
 * per-stage cmdTotal): the `[… i/n]` prefix counts per stage, over the stage's FROM (unless it is `scratch` or an
 * earlier stage) and its RUN, COPY, ADD and WORKDIR instructions, in order; n is their count. The stage's part of the
 * prefix is its `AS` name (lower-cased by the parser) or `stage-<index>` (0-based over all stages), and is left out
 * when the Dockerfile has one stage. Stages the target does not need make no vertices at all.
 *
 * Instructions that only change the image's configuration (ENV, LABEL, ARG, EXPOSE, CMD, USER …) make no vertex: they
 * get no step here (the classic builder, which commits them, does give them one). A FROM whose base another stage
 * already resolved shares that stage's vertex; it is reported cached. Like the classic reader, a FROM is cached
 * unless its vertex shows a pull: layer downloads (`sha256:… 2.10MB / 2.80MB`) or `extracting sha256:…` (a `resolve`
 * of the reference alone is a registry lookup, not a pull).
 */
import { instructions, type Instruction } from './dockerfileSteps';
import type { StepOutcome } from './buildSteps';

interface Stage {
  /** What BuildKit prints for the stage in the `[…]` prefix ('' in a one-stage Dockerfile). */
  label: string;
  from: Instruction;
  /** The instructions that make a vertex, in the order BuildKit numbers them. */
  vertexes: Instruction[];
}

const VERTEX_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** The Dockerfile's stages as BuildKit numbers their vertices. */
export function buildkitStages(dockerfileText: string): Stage[] {
  const all = instructions(dockerfileText);
  const raw: { name: string; from: Instruction; base: string; body: Instruction[] }[] = [];
  for (const ins of all) {
    if (ins.keyword === 'FROM') {
      const words = ins.text.split(' ').slice(1).filter((w) => !w.startsWith('--'));
      const asAt = words.findIndex((w) => w.toUpperCase() === 'AS');
      raw.push({ name: asAt >= 0 ? (words[asAt + 1] ?? '').toLowerCase() : '', from: ins, base: (words[0] ?? '').toLowerCase(), body: [] });
    } else raw[raw.length - 1]?.body.push(ins);
  }
  const earlier = new Set<string>();
  return raw.map((s, i) => {
    const fromVertex = s.base !== 'scratch' && !earlier.has(s.base);
    if (s.name) earlier.add(s.name);
    return {
      label: raw.length === 1 ? '' : s.name || `stage-${i}`,
      from: s.from,
      vertexes: [...(fromVertex ? [s.from] : []), ...s.body.filter((b) => VERTEX_KEYWORDS.has(b.keyword))],
    };
  });
}

interface Vertex {
  index: number;
  stage: string;
  pos: number;
  total: number;
  text: string;
  cached: boolean;
  seconds: number | null;
  error: string | null;
  /** A status line of a layer download (`sha256:… 2.10MB / 2.80MB 0.3s`) or extraction: the FROM pulled. */
  pulled: boolean;
  done: boolean;
}

const HEADER = /^#(\d+) \[([^\]]*?)\s*(\d+)\/(\d+)\] (.*)$/;
const EVENT = /^#(\d+) (.*)$/;

export class BuildkitProgressReader {
  private readonly vertices = new Map<number, Vertex>();
  /** `#N` lines that are not instruction steps ([internal] …, exporting …). */
  private readonly other = new Set<number>();
  private readonly tail: string[] = [];
  private firstError: string | null = null;

  /** One line of the CLI's output (stdout and stderr together, without its newline). */
  line(l: string): void {
    const h = HEADER.exec(l);
    if (h) {
      const index = Number(h[1]);
      if (!this.vertices.has(index)) {
        // The bracket may start with a platform (`linux/amd64 build 2/4`): the stage is its last word.
        const words = h[2].trim().split(/\s+/).filter(Boolean);
        this.vertices.set(index, {
          index,
          stage: words[words.length - 1] ?? '',
          pos: Number(h[3]),
          total: Number(h[4]),
          text: h[5].trim(),
          cached: false,
          seconds: null,
          error: null,
          pulled: false,
          done: false,
        });
      }
      return;
    }
    const e = EVENT.exec(l);
    if (e) {
      const v = this.vertices.get(Number(e[1]));
      if (!v) {
        if (!/^\.\.\.$/.test(e[2])) this.other.add(Number(e[1]));
        return;
      }
      const ev = e[2];
      if (ev === 'CACHED') {
        v.cached = true;
        v.done = true;
      } else if (/^DONE( \d+(\.\d+)?s)?$/.test(ev)) {
        const s = /(\d+(?:\.\d+)?)s$/.exec(ev);
        v.seconds = s ? Number(s[1]) : null;
        v.done = true;
      } else if (ev.startsWith('ERROR:') || ev === 'CANCELED') {
        v.error = ev === 'CANCELED' ? ev : ev.slice('ERROR:'.length).trim();
        v.done = true;
        this.firstError ??= v.error;
      } else if (/^extracting sha256:/.test(ev) || /\d(?:\.\d+)?\s?[kKMGT]?i?B \/ \d/.test(ev)) v.pulled = true;
      return;
    }
    if (l.trim()) {
      this.tail.push(l);
      if (this.tail.length > 20) this.tail.shift();
    }
  }

  /** The error to show: the failed step's own words, else the last line BuildKit or the CLI printed. */
  get error(): string | null {
    return this.firstError ?? this.tail.filter((l) => !/^-+$/.test(l.trim()) && !/^ > /.test(l)).pop()?.trim() ?? null;
  }

  /** The steps on their lines, in Dockerfile order, and the line of the step that failed (also for parse errors). */
  result(dockerfileText: string | null): { steps: StepOutcome[]; failedLine: number | null; failedVertex: { pos: number; total: number } | null } {
    const stages = dockerfileText === null ? [] : buildkitStages(dockerfileText);
    const byLabel = new Map(stages.map((s) => [s.label, s]));
    const steps: (StepOutcome & { order: number })[] = [];
    let failedLine: number | null = null;
    let failedVertex: { pos: number; total: number } | null = null;
    const used = new Set<Instruction>();
    for (const v of [...this.vertices.values()].sort((a, b) => a.index - b.index)) {
      // A one-stage Dockerfile has no stage name in the prefix, but may have a platform (`[linux/amd64 2/4]`).
      const ins = place(byLabel.get(v.stage) ?? (stages.length === 1 ? stages[0] : undefined), v);
      if (ins) used.add(ins);
      const isFrom = /^FROM\b/.test(v.text);
      const cached = isFrom ? !v.pulled && !v.error : v.cached;
      steps.push({ line: ins ? ins.line + 1 : null, text: v.text, cached, seconds: cached ? null : v.seconds, order: v.index });
      if (v.error && v.error !== 'CANCELED' && failedVertex === null) {
        failedVertex = { pos: v.pos, total: v.total };
        if (ins) failedLine = ins.line + 1;
      }
    }
    // A FROM whose vertex another stage's identical FROM already made: the stage ran on that same base.
    for (const s of stages) {
      if (s.vertexes[0] === s.from && !used.has(s.from) && s.vertexes.some((x) => used.has(x))) {
        steps.push({ line: s.from.line + 1, text: s.from.text, cached: true, seconds: null, order: -1 });
      }
    }
    if (failedLine === null) {
      const all = this.tail.join('\n');
      const m = /dockerfile parse error (?:on )?line (\d+)/i.exec(all) ?? /^Dockerfile:(\d+)$/m.exec(all);
      if (m) failedLine = Number(m[1]);
    }
    steps.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    return { steps: steps.map(({ order: _o, ...s }) => s), failedLine, failedVertex };
  }
}

/**
 * The instruction of vertex `[stage pos/n] TEXT`: the pos-th vertex instruction of its stage, when its keyword agrees;
 * otherwise the next one of that keyword (a `WORKDIR /` makes no vertex but still counts in n).
 */
function place(stage: Stage | undefined, v: Vertex): Instruction | null {
  if (!stage) return null;
  const kw = /^(?:ONBUILD )?([A-Z]+)/.exec(v.text)?.[1] ?? '';
  // Triggers of the base image's ONBUILD run as part of its FROM.
  if (v.text.startsWith('ONBUILD ')) return stage.from;
  const at = stage.vertexes[v.pos - 1];
  if (at && at.keyword === kw) return at;
  return stage.vertexes.slice(Math.max(0, v.pos - 1)).find((x) => x.keyword === kw) ?? null;
}
