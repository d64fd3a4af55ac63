// The live picture of one Docker engine: containers and images, kept fresh by the /events stream.
// Life cycle: idle → connecting → ready ⇄ error. Nothing is sent to the engine before start().
// While ready there is no timer at all: only events cause work. When the stream drops, the model
// retries with exponential backoff and re-lists everything once it is back.
import type Dockerode from 'dockerode';
import { connect, type ConnectOptions, type EngineClients } from './connection';
import { defaultInputs, resolveEndpoint, type Endpoint } from '../../../common/src/engine/endpoint';
import { classifyError, type EngineError } from '../../../common/src/engine/errors';
import { JsonLineSplitter } from '../../../common/src/engine/jsonLines';
import { containerOfNetworkEvent, eventFilters, viewForEvent, type EngineEvent, type ViewKind } from './events';

export type { ViewKind } from './events';

export type ModelState =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'ready' }
  | { kind: 'error'; error: EngineError; nextRetryAt?: number };

export type ChangeKind = ViewKind | 'state';

export interface ModelOptions {
  /** Resolves the endpoint each time the model (re)connects, so setting changes apply on retry. */
  resolve?: () => Endpoint;
  connect?: ConnectOptions;
  /** Wait after the first event of a burst, so create+start+attach cost one re-list. */
  batchMs?: number;
  /** At most one re-list of a view per this many ms (the debounce of the issue, ~150 ms). */
  minIntervalMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /**
   * Deadline of one list request, ms. A slow engine (overloaded, a proxy in between) turns into a
   * "did not answer in time" error state after this long instead of a view stuck on old data.
   */
  listTimeoutMs?: number;
}

export interface Disposable {
  dispose(): void;
}

type Listener = (what: ChangeKind) => void;
type EventListener = (ev: EngineEvent) => void;

/** Above this many containers named in one burst, a full list is cheaper than a filtered one. */
const MAX_TARGETED = 50;

/**
 * Rejects with ETIMEDOUT when `p` takes longer than `ms`. docker-modem reports its own timeouts as a
 * plain "socket hang up", which would read as a lost connection instead of a silent engine.
 */
export function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  // The losing request may still fail later; that failure is expected and must not go unhandled.
  p.catch(() => undefined);
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

function destroyQuietly(s: NodeJS.ReadableStream): void {
  const d = s as NodeJS.ReadableStream & { destroy?: () => void };
  d.on('error', () => undefined);
  d.destroy?.();
}

/** How long after a network connect/disconnect event its container is listed once more (recheckLater). */
const RECHECK_MS = 1000;

export class DockerModel {
  containers: Dockerode.ContainerInfo[] = [];
  images: Dockerode.ImageInfo[] = [];
  networks: Dockerode.NetworkInspectInfo[] = [];
  volumes: Dockerode.VolumeInspectInfo[] = [];
  state: ModelState = { kind: 'idle' };
  endpoint: Endpoint | undefined;
  clients: EngineClients | undefined;
  /** Counters for tests and the benchmark. */
  readonly stats = { lists: { containers: 0, images: 0, networks: 0, volumes: 0 }, events: 0, connects: 0 };
  /** The delayed re-lists of containers named by network connect/disconnect events (recheckLater). */
  private readonly rechecks = new Set<ReturnType<typeof setTimeout>>();
  /** Time the most recent event arrived, for the benchmark (performance.now()). */
  lastEventAt = 0;

  private readonly opts: Required<Omit<ModelOptions, 'connect'>> & { connect: ConnectOptions };
  private listeners = new Set<Listener>();
  private eventListeners = new Set<EventListener>();
  private started = false;
  private disposed = false;
  /** Bumped on every (re)connect; async work from an older generation is ignored. */
  private generation = 0;
  private eventStream: NodeJS.ReadableStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private pending = new Set<ViewKind>();
  /** Container ids named by the pending events; undefined: re-list everything. */
  private pendingIds: Set<string> | undefined = new Set();
  private batchTimer: NodeJS.Timeout | undefined;
  private lastListAt: Record<ViewKind, number> = { containers: 0, images: 0, networks: 0, volumes: 0 };
  private listing: Partial<Record<ViewKind, Promise<void>>> = {};
  private relistAgain = new Set<ViewKind>();

  constructor(options: ModelOptions = {}) {
    this.opts = {
      resolve: options.resolve ?? (() => resolveEndpoint(defaultInputs())),
      connect: options.connect ?? {},
      batchMs: options.batchMs ?? 5,
      minIntervalMs: options.minIntervalMs ?? 150,
      backoffInitialMs: options.backoffInitialMs ?? 500,
      backoffMaxMs: options.backoffMaxMs ?? 8000,
      listTimeoutMs: options.listTimeoutMs ?? options.connect?.requestTimeoutMs ?? 30000,
    };
    this.backoffMs = this.opts.backoffInitialMs;
  }

  onDidChange(listener: Listener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every engine event the stream carries (see eventFilters), as it arrives: e.g. a log view marks pause/unpause. */
  onEvent(listener: EventListener): Disposable {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  /** Idempotent; the first call connects. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    void this.connectNow();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Drops the current connection and connects again (Retry button, setting change). */
  reconnect(): void {
    if (this.disposed) return;
    this.started = true;
    this.backoffMs = this.opts.backoffInitialMs;
    void this.connectNow();
  }

  /** Re-lists one or every view now (manual refresh). */
  async refresh(kind?: ViewKind): Promise<void> {
    if (this.state.kind !== 'ready') {
      this.reconnect();
      return;
    }
    const kinds: ViewKind[] = kind ? [kind] : ['containers', 'images', 'networks', 'volumes'];
    await Promise.all(kinds.map((k) => this.relist(k, this.generation)));
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.teardown();
    this.listeners.clear();
    this.eventListeners.clear();
  }

  /** Resolves when `pred` holds, checked now and after each change; rejects after `timeoutMs`. */
  waitFor(pred: (m: DockerModel) => boolean, timeoutMs = 5000): Promise<void> {
    if (pred(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`condition not met within ${timeoutMs} ms (state ${this.state.kind})`));
      }, timeoutMs);
      const sub = this.onDidChange(() => {
        if (pred(this)) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
  }

  private emit(what: ChangeKind): void {
    for (const l of [...this.listeners]) {
      try {
        l(what);
      } catch {
        // A faulty listener must not break the stream handling of the others.
      }
    }
  }

  private setState(s: ModelState): void {
    this.state = s;
    this.emit('state');
  }

  private teardown(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.batchTimer);
    for (const t of this.rechecks) clearTimeout(t);
    this.rechecks.clear();
    this.retryTimer = undefined;
    this.batchTimer = undefined;
    this.pending.clear();
    this.pendingIds = new Set();
    const s = this.eventStream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.eventStream = undefined;
    if (s) {
      s.removeAllListeners('data');
      s.removeAllListeners('end');
      s.removeAllListeners('close');
      // Keep an error listener: destroying may still emit one, and an unhandled 'error' would crash.
      s.removeAllListeners('error');
      s.on('error', () => undefined);
      s.destroy?.();
    }
  }

  private async connectNow(): Promise<void> {
    const gen = ++this.generation;
    this.teardown();
    if (this.state.kind !== 'error') this.setState({ kind: 'connecting' });
    this.stats.connects++;
    let clients: EngineClients;
    try {
      this.endpoint = this.opts.resolve();
      clients = connect(this.endpoint, this.opts.connect);
    } catch (err) {
      // A malformed endpoint will not heal by retrying; it waits for Retry or a setting change.
      this.fail(gen, classifyError(err), false);
      return;
    }
    this.clients = clients;
    try {
      await withDeadline(clients.api.ping(), this.opts.connect.connectTimeoutMs ?? 5000);
      if (gen !== this.generation) return;
      // Subscribe before listing so nothing that happens in between is missed.
      await this.subscribe(gen, clients);
      if (gen !== this.generation) return;
      await Promise.all((['containers', 'images', 'networks', 'volumes'] as const).map((k) => this.relist(k, gen, true)));
      if (gen !== this.generation) return;
      this.backoffMs = this.opts.backoffInitialMs;
      this.setState({ kind: 'ready' });
    } catch (err) {
      this.fail(gen, classifyError(err, clients.where), true);
    }
  }

  private fail(gen: number, error: EngineError, retry: boolean): void {
    if (gen !== this.generation || this.disposed) return;
    this.teardown();
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.backoffMaxMs);
    this.setState({ kind: 'error', error, nextRetryAt: retry ? Date.now() + delay : undefined });
    if (retry) {
      this.retryTimer = setTimeout(() => {
        if (gen === this.generation && !this.disposed) void this.connectNow();
      }, delay);
      this.retryTimer.unref?.();
    }
  }

  private async subscribe(gen: number, clients: EngineClients): Promise<void> {
    // The stream client has no timeout (the stream is silent while nothing happens), so the wait for
    // its response headers gets a deadline here; a stream that answers after it is closed at once.
    const req = clients.stream.getEvents({ filters: eventFilters() }) as Promise<NodeJS.ReadableStream>;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await withDeadline(req, this.opts.listTimeoutMs);
    } catch (err) {
      void req.then(destroyQuietly, () => undefined);
      throw err;
    }
    if (gen !== this.generation) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.eventStream = stream;
    const splitter = new JsonLineSplitter();
    stream.on('data', (chunk: Buffer) => {
      if (gen !== this.generation) return;
      splitter.push(chunk, (msg) => this.handleEvent(msg as EngineEvent));
    });
    const lost = (err?: unknown) => {
      if (gen !== this.generation || this.disposed) return;
      // The stream never ends on its own while the engine lives: treat any end as a lost engine.
      this.fail(gen, classifyError(err ?? Object.assign(new Error('event stream ended'), { code: 'ECONNRESET' }), clients.where), true);
      // Retry soon: the first attempt after a drop often succeeds (engine restart, socket re-created).
    };
    stream.on('error', lost);
    stream.on('end', () => lost());
    stream.on('close', () => lost());
  }

  private handleEvent(ev: EngineEvent): void {
    for (const l of [...this.eventListeners]) {
      try {
        l(ev);
      } catch {
        // As in emit(): one faulty listener must not stop the views from refreshing.
      }
    }
    const kind = viewForEvent(ev);
    if (!kind) return;
    this.stats.events++;
    this.lastEventAt = performance.now();
    this.pending.add(kind);
    const id = kind === 'containers' ? ev.Actor?.ID ?? ev.id : this.connectedLive(ev);
    if (kind !== 'containers' && id) this.recheckLater(id);
    if (kind === 'containers' || id) {
      if (id) this.pending.add('containers');
      if (id && this.pendingIds && this.pendingIds.size < MAX_TARGETED) this.pendingIds.add(id);
      else this.pendingIds = undefined;
    }
    if (this.batchTimer) return;
    const sinceLast = Math.min(
      ...[...this.pending].map((k) => performance.now() - this.lastListAt[k]),
    );
    const wait = Math.max(this.opts.batchMs, this.opts.minIntervalMs - sinceLast);
    const gen = this.generation;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const kinds = [...this.pending];
      const ids = this.pendingIds;
      this.pending.clear();
      this.pendingIds = new Set();
      for (const k of kinds) {
        if (k === 'containers' && ids && ids.size) void this.relistContainers(ids, gen).catch(() => undefined);
        else void this.relist(k, gen).catch(() => undefined);
      }
    }, wait);
  }

  /**
   * A container list that follows a network connect/disconnect event at once once showed the container's old
   * networks on a busy 20.10 engine (the event and the container's saved state are not one step there), and no
   * later event would have corrected it. One more targeted list of that container a moment later does.
   */
  private recheckLater(id: string): void {
    const gen = this.generation;
    const t = setTimeout(() => {
      this.rechecks.delete(t);
      if (gen === this.generation) void this.relistContainers(new Set([id]), gen).catch(() => undefined);
    }, RECHECK_MS);
    this.rechecks.add(t);
  }

  /**
   * The container a network connect/disconnect names, when only this event tells of its change: one that is
   * running in the list (`docker network connect`). The connect of a container being started and the disconnect
   * of one stopping come with its own start/die event, which re-lists it anyway; counting them would cost a list.
   */
  private connectedLive(ev: EngineEvent): string | undefined {
    const id = containerOfNetworkEvent(ev);
    return id && this.containers.some((c) => c.Id === id && (c.State === 'running' || c.State === 'paused')) ? id : undefined;
  }

  /**
   * Re-lists only the containers named by a burst of events and merges them in: with hundreds of
   * containers this costs a fraction of a full list. A full list still runs when one is already
   * under way (its result will include these) or when the burst named too many containers.
   */
  private async relistContainers(ids: Set<string>, gen: number): Promise<void> {
    const clients = this.clients;
    if (!clients) return;
    if (this.listing.containers) return this.relist('containers', gen);
    const run = async () => {
      this.lastListAt.containers = performance.now();
      try {
        const fresh = await withDeadline(clients.lists.containers({ all: true, filters: { id: [...ids] } }), this.opts.listTimeoutMs);
        if (gen !== this.generation) return;
        const byId = new Map(fresh.map((c) => [c.Id, c]));
        // Ids are matched by prefix on the engine side; keep only exact hits.
        const kept = this.containers.filter((c) => !ids.has(c.Id)).concat([...ids].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])));
        this.containers = kept;
        this.stats.lists.containers++;
        this.emit('containers');
      } catch (err) {
        const e = classifyError(err, clients.where);
        if (e.isConnection) this.fail(gen, e, true);
      }
    };
    const p = run().finally(() => {
      delete this.listing.containers;
      if (this.relistAgain.delete('containers') && gen === this.generation) void this.relist('containers', gen).catch(() => undefined);
    });
    this.listing.containers = p;
    return p;
  }

  /** Lists one kind; concurrent requests for the same kind fold into one follow-up list. */
  private async relist(kind: ViewKind, gen: number, initial = false): Promise<void> {
    if (this.listing[kind]) {
      this.relistAgain.add(kind);
      return this.listing[kind];
    }
    const clients = this.clients;
    if (!clients) return;
    const run = async () => {
      this.lastListAt[kind] = performance.now();
      try {
        if (kind === 'containers') {
          const list = await withDeadline(clients.lists.containers({ all: true }), this.opts.listTimeoutMs);
          if (gen !== this.generation) return;
          this.containers = list;
        } else if (kind === 'images') {
          const list = await withDeadline(clients.lists.images({ all: false }), this.opts.listTimeoutMs);
          if (gen !== this.generation) return;
          this.images = list;
        } else if (kind === 'networks') {
          const list = await withDeadline(clients.api.listNetworks(), this.opts.listTimeoutMs);
          if (gen !== this.generation) return;
          this.networks = list;
        } else {
          const list = (await withDeadline(clients.api.listVolumes(), this.opts.listTimeoutMs)) as { Volumes?: Dockerode.VolumeInspectInfo[] | null };
          if (gen !== this.generation) return;
          // The engine sends `null`, not [], when there are no volumes.
          this.volumes = list.Volumes ?? [];
        }
        this.stats.lists[kind]++;
        if (!initial) this.emit(kind);
      } catch (err) {
        const e = classifyError(err, clients.where);
        if (initial) throw e;
        // A failed re-list while the stream is alive is most likely the engine going away; the
        // stream's own end will follow and drive the error state. Nothing to show from here.
        if (e.isConnection) this.fail(gen, e, true);
      }
    };
    const p = run().finally(() => {
      delete this.listing[kind];
      if (this.relistAgain.delete(kind) && gen === this.generation) void this.relist(kind, gen).catch(() => undefined);
    });
    this.listing[kind] = p;
    return p;
  }
}
