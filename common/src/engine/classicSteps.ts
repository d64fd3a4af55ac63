/**
 * Reads the classic builder's build stream (Engine API, `version: '1'`) into StepOutcome[].
 *
 * What the stream says, as captured from engine 20.10 (test/unit/build/fixtures/classic-*.json):
 *   `Step 2/5 : RUN dd …`      a step starts (N counts every instruction of every stage, FROM included);
 *   ` ---> Using cache`          that step was taken from the cache;
 *   `Pulling from …` statuses    a FROM step is fetching its base image.
 * A step's seconds are the time from its `Step` line to the next one (or to the end of the build): the stream gives
 * no timings of its own. The stream arrives in pieces (`Step 1/5 : FROM x` and its `\n` come as two messages), so
 * the reader keeps the unfinished line.
 *
 * The API's `labels` option makes the builder append a `LABEL` step after the Dockerfile's own: it gets no step here.
 *
 * FROM: the classic builder never "runs" a FROM; it is reported cached (the base was already there) unless the
 * builder pulled it during the build, then it counts as ran, with the pull's seconds.
 */
import { instructionSpans } from './dockerfileSteps';
import type { StepOutcome } from './buildSteps';

interface Raw {
  step: number;
  text: string;
  startMs: number;
  cached: boolean;
  pulled: boolean;
}

export class ClassicStepReader {
  private readonly raw: Raw[] = [];
  private partial = '';
  private endMs: number | null = null;

  /** One `stream` text of the build's JSON messages, with the time it arrived (ms, any clock). */
  stream(text: string, atMs: number): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const l of lines) this.line(l, atMs);
    // A `Step` line is complete without its newline (the engine sends the `\n` apart): start the step now, so its
    // time starts when the engine began it, not when the newline arrived.
    if (/^Step \d+\/\d+ : /.test(this.partial)) {
      this.line(this.partial, atMs);
      this.partial = '';
    }
  }

  /** A `status` message (pulls). */
  status(text: string): void {
    const cur = this.raw[this.raw.length - 1];
    if (cur && /^(Pulling from|Pulling fs layer|Downloading|Download complete|Pull complete)/.test(text)) cur.pulled = true;
  }

  /** The build ended (successfully or not) at this time. */
  end(atMs: number): void {
    if (this.partial) this.line(this.partial, atMs);
    this.partial = '';
    this.endMs = atMs;
  }

  private line(l: string, atMs: number): void {
    const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(l);
    if (m) {
      this.raw.push({ step: Number(m[1]), text: m[3].trim(), startMs: atMs, cached: false, pulled: false });
      return;
    }
    const cur = this.raw[this.raw.length - 1];
    if (cur && /^ ---> Using cache\s*$/.test(l)) cur.cached = true;
  }

  /** The 1-based step that started last (the failing one when the build failed). */
  get lastStep(): number | undefined {
    return this.raw[this.raw.length - 1]?.step;
  }

  /** The steps so far, each on its Dockerfile line (`dockerfileText` as built; null: no lines). */
  steps(dockerfileText: string | null): StepOutcome[] {
    const spans = dockerfileText === null ? [] : instructionSpans(dockerfileText);
    // Steps past the Dockerfile's last instruction are the builder's own: the API's `labels` option appends a
    // `LABEL` step. They are not the Dockerfile's and are left out (their time still ends the step before).
    const own = dockerfileText === null ? this.raw : this.raw.filter((r) => r.step <= spans.length);
    return own.map((r) => {
      const i = this.raw.indexOf(r);
      const next = this.raw[i + 1]?.startMs ?? this.endMs;
      const isFrom = /^FROM\b/i.test(r.text);
      const cached = isFrom ? !r.pulled : r.cached;
      const seconds = cached || next === null ? null : Math.round((next - r.startMs) / 100) / 10;
      const span = spans[r.step - 1];
      return { line: span ? span.line + 1 : null, text: r.text, cached, seconds };
    });
  }
}
