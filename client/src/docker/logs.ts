// Container logs: the multiplexed stream format of the Engine API, and a follower that keeps a
// container's log open across stops and restarts (`docker logs -f` gives up when the container stops).
import type { EngineClients } from './connection';
import { classifyError, type EngineError } from '../../../common/src/engine/errors';
import { JsonLineSplitter } from '../../../common/src/engine/jsonLines';
import { fillMsg, type Msg } from '../../../common/src/i18n';
import type { EngineEvent } from './events';

export type StreamName = 'stdout' | 'stderr' | 'stdin';

/**
 * Non-TTY containers send frames: 1 byte stream type (0 stdin, 1 stdout, 2 stderr), 3 zero bytes,
 * 4 bytes big-endian payload length, then the payload. Chunks from the socket cut frames anywhere.
 */
export class Demuxer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onFrame: (stream: StreamName, payload: Buffer) => void): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const type = this.buf[0];
      const payload = this.buf.subarray(8, 8 + size);
      this.buf = this.buf.subarray(8 + size);
      onFrame(type === 2 ? 'stderr' : type === 0 ? 'stdin' : 'stdout', payload);
    }
  }

  get buffered(): number {
    return this.buf.length;
  }
}

/** `2026-11-23T18:47:03.123456789Z` → nanoseconds since the epoch (Go trims trailing zeros). */
export function parseLogTimestamp(ts: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** The `since` query value for nanoseconds: "seconds.nanoseconds", which the engine accepts. */
export function sinceParam(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const frac = ns % 1_000_000_000n;
  return `${s}.${frac.toString().padStart(9, '0')}`;
}

/** Splits raw bytes of one stream into lines, keeping an unfinished line (and split UTF-8) for later. */
export class LineBuffer {
  private rest: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onLine: (line: string) => void): void {
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let nl = buf.indexOf(0x0a);
    while (nl >= 0) {
      onLine(buf.subarray(0, nl).toString('utf8').replace(/\r$/, ''));
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(0x0a);
    }
    this.rest = buf;
  }

  flush(onLine: (line: string) => void): void {
    if (this.rest.length) onLine(this.rest.toString('utf8'));
    this.rest = Buffer.alloc(0);
  }
}

export interface LogSink {
  line(stream: StreamName, text: string): void;
  /** Status lines from us (stopped, restarted, removed, connection lost), bilingual. */
  info(msg: Msg): void;
}

export const LOG_MSG = {
  stopped: { ko: '── 컨테이너가 멈췄습니다. 다시 시작되면 이어서 표시합니다 ──', en: '── The container stopped; logs resume when it starts again ──' },
  restarted: { ko: '── 컨테이너가 다시 시작되었습니다 ──', en: '── The container started again ──' },
  removed: { ko: '── 컨테이너가 삭제되었습니다. 로그 따라가기를 끝냅니다 ──', en: '── The container was removed; no more logs ──' },
  lost: { ko: '── Docker 엔진과의 연결이 끊겼습니다. 다시 연결을 시도합니다 ──', en: '── Lost the connection to the Docker engine; retrying ──' },
  paused: { ko: '── 컨테이너가 일시 정지되었습니다 ({0}). 다시 실행하면 로그가 이어집니다 ──', en: '── The container was paused ({0}); logs resume when it is unpaused ──' },
  unpaused: { ko: '── 컨테이너가 다시 실행되었습니다 ({0}) ──', en: '── The container was unpaused ({0}) ──' },
} satisfies Record<string, Msg>;

/** HH:MM:SS in local time: the clock the user reads. */
export function clockTime(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The marker line for a pause or unpause event of `containerId`, else undefined. A paused container writes nothing
 * (its processes are frozen), so without the marker the log just goes silent.
 */
export function pauseMarker(ev: EngineEvent, containerId: string): Msg | undefined {
  if (ev.Type !== 'container' || (ev.Actor?.ID ?? ev.id) !== containerId) return undefined;
  const action = ev.Action ?? ev.status;
  if (action !== 'pause' && action !== 'unpause') return undefined;
  const ms = ev.timeNano ? Math.floor(ev.timeNano / 1e6) : ev.time ? ev.time * 1000 : Date.now();
  return fillMsg(action === 'pause' ? LOG_MSG.paused : LOG_MSG.unpaused, clockTime(new Date(ms)));
}

/** Prints pause/unpause markers of one container into its log, from the model's event stream. */
export function followPauses(events: { onEvent(l: (ev: EngineEvent) => void): { dispose(): void } }, containerId: string, sink: Pick<LogSink, 'info'>): { dispose(): void } {
  return events.onEvent((ev) => {
    const m = pauseMarker(ev, containerId);
    if (m) sink.info(m);
  });
}

export interface FollowOptions {
  tail?: number;
  /** Delay before trying again after the engine dropped, ms. */
  retryMs?: number;
}

type Destroyable = NodeJS.ReadableStream & { destroy?: (err?: Error) => void };

/**
 * Follows one container's logs until disposed or the container is removed. After the stream ends
 * (container stopped), it waits for a `start` event and re-attaches from the last timestamp seen,
 * dropping lines it already showed, so a restart neither loses nor repeats lines.
 */
export class LogFollower {
  private disposed = false;
  /** The newest timestamp printed so far. */
  private lastTs: bigint | undefined;
  /** Lines up to this timestamp were printed before the current attach (see onLine). */
  private printedUpTo: bigint | undefined;
  private current: Destroyable | undefined;
  private waiting: Destroyable | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attaches = 0;
  private lostShown = false;
  /** Resolves when the follower ends for good (disposed or container removed). */
  readonly done: Promise<void>;
  private finish!: () => void;

  constructor(
    private readonly clients: EngineClients,
    readonly containerId: string,
    private readonly sink: LogSink,
    private readonly opts: FollowOptions = {},
  ) {
    this.done = new Promise((r) => (this.finish = r));
  }

  get attachCount(): number {
    return this.attaches;
  }

  /** Rejects with an EngineError when the container does not exist at all (nothing to follow). */
  async start(): Promise<void> {
    await this.attach(true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.kill(this.current);
    this.kill(this.waiting);
    this.current = this.waiting = undefined;
    this.finish();
  }

  private kill(s: Destroyable | undefined): void {
    if (!s) return;
    s.removeAllListeners();
    s.on('error', () => undefined);
    s.destroy?.();
  }

  private async attach(first: boolean): Promise<void> {
    if (this.disposed) return;
    const c = this.clients.stream.getContainer(this.containerId);
    let tty: boolean;
    let stream: Destroyable;
    try {
      const info = await c.inspect();
      tty = !!info.Config?.Tty;
      const opts: Record<string, unknown> = { follow: true, stdout: true, stderr: true, timestamps: true };
      this.printedUpTo = this.lastTs;
      if (this.lastTs !== undefined) opts.since = sinceParam(this.lastTs);
      else opts.tail = this.opts.tail ?? 1000;
      stream = (await c.logs(opts as { follow: true })) as unknown as Destroyable;
    } catch (err) {
      const e = classifyError(err, this.clients.where);
      if (first) throw e;
      this.onFailure(e);
      return;
    }
    if (this.disposed) {
      this.kill(stream);
      return;
    }
    this.attaches++;
    this.lostShown = false;
    this.current = stream;
    const demux = new Demuxer();
    const lines: Record<StreamName, LineBuffer> = { stdout: new LineBuffer(), stderr: new LineBuffer(), stdin: new LineBuffer() };
    const emit = (name: StreamName) => (line: string) => this.onLine(name, line);
    stream.on('data', (chunk: Buffer) => {
      if (tty) lines.stdout.push(chunk, emit('stdout'));
      else demux.push(chunk, (name, payload) => lines[name].push(payload, emit(name)));
    });
    let ended = false;
    const end = (err?: unknown) => {
      if (ended || this.disposed) return;
      ended = true;
      for (const n of Object.keys(lines) as StreamName[]) lines[n].flush(emit(n));
      this.current = undefined;
      if (err) this.onFailure(classifyError(err, this.clients.where));
      else void this.waitForRestart();
    };
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', (err) => end(err));
  }

  private onLine(stream: StreamName, raw: string): void {
    const sp = raw.indexOf(' ');
    const ts = sp > 0 ? parseLogTimestamp(raw.slice(0, sp)) : undefined;
    if (ts !== undefined) {
      // After a re-attach `since` is inclusive to the nanosecond; skip what we already printed. Only that: within
      // one stream the engine stamps stdout and stderr lines in separate copiers, so a stderr line can carry an
      // earlier time than the stdout line before it, and comparing with the newest time dropped it (seen in CI).
      if (this.printedUpTo !== undefined && ts <= this.printedUpTo) return;
      if (this.lastTs === undefined || ts > this.lastTs) this.lastTs = ts;
      this.sink.line(stream, raw.slice(sp + 1));
    } else {
      this.sink.line(stream, raw);
    }
  }

  private onFailure(e: EngineError): void {
    if (this.disposed) return;
    if (e.kind === 'notFound') {
      this.sink.info(LOG_MSG.removed);
      this.dispose();
      return;
    }
    // Say it once per outage, not on every retry.
    if (!this.lostShown) this.sink.info(LOG_MSG.lost);
    this.lostShown = true;
    this.retryTimer = setTimeout(() => void this.waitForRestart(), this.opts.retryMs ?? 2000);
  }

  /** Subscribes to the container's start/destroy events, then re-checks its state to close the race. */
  private async waitForRestart(): Promise<void> {
    if (this.disposed) return;
    let events: Destroyable;
    try {
      events = (await this.clients.stream.getEvents({
        filters: { type: ['container'], container: [this.containerId], event: ['start', 'destroy'] },
      })) as unknown as Destroyable;
    } catch (err) {
      this.onFailure(classifyError(err, this.clients.where));
      return;
    }
    if (this.disposed) return this.kill(events);
    this.waiting = events;
    let settled = false;
    const settle = (what: 'start' | 'destroy' | 'lost', err?: unknown) => {
      if (settled || this.disposed) return;
      settled = true;
      this.kill(events);
      this.waiting = undefined;
      if (what === 'start') {
        this.sink.info(LOG_MSG.restarted);
        void this.attach(false);
      } else if (what === 'destroy') {
        this.sink.info(LOG_MSG.removed);
        this.dispose();
      } else {
        this.onFailure(classifyError(err ?? Object.assign(new Error('event stream ended'), { code: 'ECONNRESET' }), this.clients.where));
      }
    };
    const splitter = new JsonLineSplitter();
    events.on('data', (chunk: Buffer) =>
      splitter.push(chunk, (m) => {
        const a = String((m as { Action?: string }).Action ?? '');
        if (a === 'start' || a === 'destroy') settle(a);
      }),
    );
    events.on('error', (err) => settle('lost', err));
    events.on('end', () => settle('lost'));
    // The container may have started again between the log stream ending and this subscription.
    try {
      const info = await this.clients.api.getContainer(this.containerId).inspect();
      if (info.State?.Running) settle('start');
      else if (!settled) this.sink.info(LOG_MSG.stopped);
    } catch (err) {
      const e = classifyError(err, this.clients.where);
      if (e.kind === 'notFound') settle('destroy');
      else settle('lost', err);
    }
  }
}
