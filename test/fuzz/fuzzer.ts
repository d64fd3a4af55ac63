/**
 * A seeded mutation fuzzer that drives the real language server (dist/server.js) over stdio.
 *
 * Every iteration takes a file of ../shared/corpus, mutates it (byte flips, line splices, deleted quotes, brackets and
 * backslashes, random `# escape=` and heredoc markers, huge repeats, CRLF, BOM, lone surrogates), opens it, edits it
 * with incremental changes (some with ranges outside the text, some overlapping) and fires requests at random
 * positions, including positions past the end and offsets inside a surrogate pair.
 *
 * A failure is: any `window/logMessage` of type Error (the server logs every exception it catches that way), a
 * JSON-RPC error other than RequestCancelled/ContentModified, a request that does not answer, the server exiting,
 * diagnostics published for a version older than one the server has already acknowledged, or a request that keeps
 * the server busy longer than 200 ms on a document under 100 KB (a request before the version's diagnostics may
 * also pay for that version's parse, allowed PARSE_MS_PER_KB more). Each iteration draws from its own PRNG seeded by (seed, iteration), so a
 * failure replays alone with `--seed S --start I --iterations 1`; the offending input is written to
 * .tmp/fuzz-failures/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../lsp/lspClient';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const FAILURE_DIR = path.resolve(__dirname, '../../.tmp/fuzz-failures');
/** The bound on the server's CPU time per request, for documents under SMALL_DOC characters. */
export const LATENCY_BOUND_MS = 200;
export const SMALL_DOC = 100 * 1024;
/**
 * A request that comes before a version's diagnostics may wait for (and its CPU time include) that version's parse,
 * which grows with the text: about 0.6 ms per KB warm and up to 2.4 ms per KB when a mutation drives the parser down
 * paths not yet compiled (a 91 KB keyword soup: 214 ms cold, 50 ms warm). CI once measured 220 ms there, so such a
 * request gets 3 ms per KB on top of the bound; a parse that grew faster than the text would still blow far past it.
 */
export const PARSE_MS_PER_KB = 3;

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough to pick mutations; the same seed gives the same run everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Per-iteration seed: iterations are independent, so any one of them replays on its own. */
export function iterationSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

// ---------------------------------------------------------------- corpus

export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name !== 'SOURCES.tsv' && fs.statSync(p).size < 2 * 1024 * 1024) out.push(p);
    }
  };
  walk(CORPUS);
  // Dockerfiles first and twice as likely: they are what the server is for; the configs are odd input.
  const docker = out.filter((p) => /dockerfile|containerfile/i.test(path.basename(p)));
  return [...docker, ...docker, ...out].sort();
}

// ---------------------------------------------------------------- mutations

const ODD_CHARS = ['"', "'", '[', ']', '{', '}', '\\', '`', '$', '<', '#', '=', '\n', '\r', '\t', ' ', '\0', '\uD83D', '\uDE00', '😀', '한', '\uFEFF', '\u2028'];
const HEREDOC_LINES = ['RUN <<EOF', 'RUN <<-"EOT" bash', 'COPY <<A <<B /x', 'RUN cat <<EOF > /f', 'RUN <<', "RUN <<'X'", 'ONBUILD RUN <<EOF', 'EOF', 'RUN <<<EOF'];
const DIRECTIVES = ['# escape=`', '# escape=\\', '# escape=x', '#escape=`', '# syntax=docker/dockerfile:1', '# check=skip=all', '# ESCAPE = `', '# escape='];

export interface Mutation {
  name: string;
  apply(text: string, rng: Rng, other: () => string): string;
}

function lines(text: string): string[] {
  return text.split('\n');
}

export const MUTATIONS: Mutation[] = [
  {
    name: 'byte-flip',
    apply(t, r) {
      const a = [...t];
      for (let n = 1 + r.int(8); n > 0 && a.length; n--) a[r.int(a.length)] = r.chance(0.5) ? String.fromCharCode(r.int(0x10000)) : r.pick(ODD_CHARS);
      return a.join('');
    },
  },
  {
    name: 'line-splice',
    apply(t, r, other) {
      const mine = lines(t);
      const theirs = lines(other());
      const from = r.int(theirs.length);
      const piece = theirs.slice(from, from + 1 + r.int(20));
      mine.splice(r.int(mine.length + 1), r.int(3), ...piece);
      return mine.join('\n');
    },
  },
  {
    name: 'delete-quotes-brackets-backslashes',
    apply(t, r) {
      const victims = r.pick(['"', "'", '[]', '{}', '\\', '"\'[]{}\\`']);
      const p = r.chance(0.5) ? 1 : 0.3;
      return [...t].filter((c) => !(victims.includes(c) && r.chance(p))).join('');
    },
  },
  {
    name: 'escape-directive',
    apply(t, r) {
      const l = lines(t);
      l.splice(r.chance(0.7) ? 0 : r.int(Math.min(3, l.length + 1)), 0, r.pick(DIRECTIVES));
      return l.join('\n');
    },
  },
  {
    name: 'heredoc-marker',
    apply(t, r) {
      const l = lines(t);
      for (let n = 1 + r.int(3); n > 0; n--) l.splice(r.int(l.length + 1), 0, r.pick(HEREDOC_LINES));
      return l.join('\n');
    },
  },
  {
    name: 'huge-repeat',
    apply(t, r) {
      const l = lines(t);
      const at = r.int(l.length);
      const piece = l.slice(at, at + 1 + r.int(4)).join('\n') + '\n';
      // Mostly stay under 100 KB (the latency bound applies there); sometimes go well past it.
      const limit = r.chance(0.85) ? 90 * 1024 : 600 * 1024;
      const times = Math.max(1, Math.min(1 + r.int(5000), Math.floor(limit / Math.max(1, piece.length))));
      if (r.chance(0.3)) return t + '\n' + 'RUN echo ' + 'a'.repeat(Math.min(limit, 1 + r.int(200000)));
      l.splice(at, 0, piece.repeat(times));
      return l.join('\n');
    },
  },
  {
    name: 'continuations',
    apply(t, r) {
      const l = lines(t);
      for (let n = 1 + r.int(6); n > 0 && l.length; n--) {
        const i = r.int(l.length);
        l[i] = l[i] + r.pick([' \\', '\\', ' `', ' \\ ', '\\\\']);
      }
      return l.join('\n');
    },
  },
  {
    name: 'line-endings-bom',
    apply(t, r) {
      const k = r.int(4);
      if (k === 0) return t.replace(/\n/g, '\r\n');
      if (k === 1) return '\uFEFF' + t;
      if (k === 2) return t.replace(/\n/g, '\r');
      return t.replace(/\n/g, () => (r.chance(0.5) ? '\r\n' : '\n'));
    },
  },
  {
    name: 'truncate',
    apply(t, r) {
      return t.slice(0, r.int(t.length + 1));
    },
  },
  {
    name: 'keyword-soup',
    apply(t, r) {
      const kws = ['FROM', 'from', 'AS', 'ARG', 'ENV', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY --from=', 'ADD', 'ONBUILD', 'HEALTHCHECK', 'EXPOSE', 'LABEL', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', '${', '$', '--mount=type=', '[', '"'];
      const l = lines(t);
      for (let n = 1 + r.int(10); n > 0; n--) {
        const words = Array.from({ length: 1 + r.int(5) }, () => r.pick(kws));
        l.splice(r.int(l.length + 1), 0, words.join(r.pick([' ', '', '  ', '\t'])));
      }
      return l.join('\n');
    },
  },
];

/** One mutated document: 1–3 mutations stacked on a corpus file. */
export function mutate(rng: Rng, files: string[], read: (f: string) => string): { file: string; text: string; mutations: string[] } {
  const file = rng.pick(files);
  let text = read(file);
  const names: string[] = [];
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const m = rng.pick(MUTATIONS);
    names.push(m.name);
    text = m.apply(text, rng, () => read(rng.pick(files)));
  }
  return { file, text, mutations: names };
}

// ---------------------------------------------------------------- positions and edits

type Pos = { line: number; character: number };

/** Mostly real positions; some past the end of the line or file, some in the middle of a surrogate pair. */
export function randomPosition(rng: Rng, text: string): Pos {
  const ls = text.split('\n');
  const k = rng.int(10);
  if (k === 0) return { line: ls.length + rng.int(100), character: rng.int(50) };
  if (k === 1) return { line: rng.int(ls.length), character: 1000 + rng.int(2 ** 31 - 1001) };
  if (k === 2) {
    const i = text.search(/[\uD800-\uDBFF]/);
    if (i >= 0) {
      const before = text.slice(0, i);
      const line = before.split('\n').length - 1;
      return { line, character: i - (before.lastIndexOf('\n') + 1) + 1 };
    }
  }
  const line = rng.int(ls.length);
  return { line, character: rng.int(ls[line].length + 2) };
}

function randomRange(rng: Rng, text: string): { start: Pos; end: Pos } {
  const a = randomPosition(rng, text);
  const b = randomPosition(rng, text);
  // Mostly ordered ranges; sometimes reversed (end before start), which clients must not send but some do.
  const before = a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before || rng.chance(0.1) ? { start: a, end: b } : { start: b, end: a };
}

/**
 * Offset of an LSP position the way the server's TextDocument computes it, to know the text the server holds after
 * incremental edits: `\r\n`, `\r` and `\n` all end a line, a character past the line's end is clamped to it, a line
 * past the end means the end of the text.
 */
function offsetAt(text: string, p: Pos): number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  if (p.line >= starts.length) return text.length;
  if (p.line < 0) return 0;
  const lineStart = starts[p.line];
  if (p.character <= 0) return lineStart;
  const next = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  let offset = Math.min(lineStart + p.character, next);
  while (offset > lineStart && (text[offset - 1] === '\r' || text[offset - 1] === '\n')) offset--;
  return offset;
}

// ---------------------------------------------------------------- the run

export interface FuzzOptions {
  seed: number;
  iterations: number;
  start?: number;
  /** Stop after this long even if iterations remain (the bounded run in the test chain). */
  timeBudgetMs?: number;
  log?: (s: string) => void;
  /** Extra edits/requests per iteration. */
  opsPerIteration?: number;
}

export interface Failure {
  iteration: number;
  kind: string;
  detail: string;
  file?: string;
}

export interface FuzzReport {
  seed: number;
  iterationsRun: number;
  requests: number;
  edits: number;
  bytesOpened: number;
  largestDoc: number;
  /** Worst latency per request kind, split at 100 KB. */
  worst: Record<string, { small: number; large: number; smallDetail?: string }>;
  failures: Failure[];
  mutationCounts: Record<string, number>;
  elapsedMs: number;
}

const OK_ERRORS = [-32800, -32801]; // RequestCancelled, ContentModified

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const log = opts.log ?? (() => undefined);
  const files = corpusFiles();
  const cache = new Map<string, string>();
  const read = (f: string) => {
    let t = cache.get(f);
    if (t === undefined) cache.set(f, (t = fs.readFileSync(f, 'latin1').includes('\0') ? fs.readFileSync(f, 'latin1') : fs.readFileSync(f, 'utf8')));
    return t;
  };
  const report: FuzzReport = {
    seed: opts.seed,
    iterationsRun: 0,
    requests: 0,
    edits: 0,
    bytesOpened: 0,
    largestDoc: 0,
    worst: {},
    failures: [],
    mutationCounts: {},
    elapsedMs: 0,
  };
  const started = Date.now();
  let client: LspClient | undefined;
  /** The highest version per URI the server has acknowledged (a request answered after its didChange). */
  const acknowledged = new Map<string, number>();
  /**
   * The highest version per URI the server published diagnostics for. Until then that version's parse may still be
   * running (a long document is parsed in slices between requests), and a request meanwhile pays for it.
   */
  const published = new Map<string, number>();
  const closed = new Set<string>();
  /** Closed by the client but not yet acknowledged: diagnostics already in flight are not stale. */
  const closing = new Set<string>();
  let current: { iteration: number; file: string; text: string; ops: unknown[]; mutations: string[] } | undefined;

  const fail = (kind: string, detail: string) => {
    const it = current?.iteration ?? -1;
    const f: Failure = { iteration: it, kind, detail };
    if (current) {
      fs.mkdirSync(FAILURE_DIR, { recursive: true });
      const out = path.join(FAILURE_DIR, `seed-${opts.seed}-iter-${it}-${kind}.json`);
      fs.writeFileSync(out, JSON.stringify({ seed: opts.seed, iteration: it, replay: `npm run fuzz -- --seed ${opts.seed} --start ${it} --iterations 1`, kind, detail, source: current.file, mutations: current.mutations, ops: current.ops, text: current.text }, null, 1));
      f.file = out;
      log(`FAILURE ${kind} at iteration ${it}: ${detail.split('\n')[0]}\n  input: ${out}`);
    }
    report.failures.push(f);
  };

  const startServer = async () => {
    const c = new LspClient();
    c.proc.on('exit', (code, signal) => {
      if (client === c) fail('server-exit', `server exited: code ${code} signal ${signal}\n${c.stderr.slice(-2000)}`);
    });
    (c as unknown as { listeners: ((m: any) => void)[] }).listeners.push((msg: any) => {
      if (msg.method === 'window/logMessage' && msg.params?.type === 1) fail('logged-error', msg.params.message);
      if (msg.method === 'textDocument/publishDiagnostics') {
        const { uri, version, diagnostics } = msg.params;
        if (closed.has(uri)) {
          if (diagnostics.length > 0) fail('stale-diagnostics', `diagnostics for closed ${uri}`);
          return;
        }
        if (typeof version === 'number') published.set(uri, Math.max(published.get(uri) ?? -1, version));
        const ack = acknowledged.get(uri);
        // The server clears a closed document's diagnostics with an empty, versionless list.
        if (typeof version !== 'number' && diagnostics.length > 0) fail('stale-diagnostics', `diagnostics without a version for ${uri}`);
        else if (typeof version === 'number' && ack !== undefined && version < ack) fail('stale-diagnostics', `diagnostics for version ${version} of ${uri} after version ${ack} was acknowledged`);
      }
    });
    // Keep the notification log from growing for the whole run.
    (c as unknown as { notifications: unknown[] }).notifications.length = 0;
    await c.initialize({ language: 'both' });
    // Warm up (JIT, lazy service load) on a few corpus files before anything is timed: the bound is about a
    // running server, not the first milliseconds of a fresh process.
    for (const f of files.filter((p) => /Dockerfile$/.test(p)).slice(0, 8)) {
      const uri = 'file:///warmup/' + path.relative(CORPUS, f);
      await c.openAndWait(uri, read(f));
      for (const m of ['documentSymbol', 'codeLens', 'foldingRange', 'formatting']) await c.request(`textDocument/${m}`, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      await c.hover(uri, 1, 1);
      c.notify('textDocument/didClose', { textDocument: { uri } });
    }
    return c;
  };

  client = await startServer();
  const first = opts.start ?? 0;
  try {
    for (let i = first; i < first + opts.iterations; i++) {
      if (opts.timeBudgetMs !== undefined && Date.now() - started > opts.timeBudgetMs) break;
      if (client.proc.exitCode !== null || client.proc.signalCode !== null) client = await startServer();
      const rng = new Rng(prng(iterationSeed(opts.seed, i)));
      const m = mutate(rng, files, read);
      for (const n of m.mutations) report.mutationCounts[n] = (report.mutationCounts[n] ?? 0) + 1;
      current = { iteration: i, file: path.relative(CORPUS, m.file), text: m.text, ops: [], mutations: m.mutations };
      await oneIteration(client, rng, i, m.text, opts.opsPerIteration ?? 12);
      (client as unknown as { notifications: unknown[] }).notifications.length = 0;
      report.iterationsRun++;
      if (report.iterationsRun % 50 === 0) log(`${report.iterationsRun} iterations, ${report.requests} requests, ${report.failures.length} failures`);
    }
  } finally {
    current = undefined;
    const c = client;
    client = undefined;
    await c.shutdown();
  }
  report.elapsedMs = Date.now() - started;
  return report;

  async function oneIteration(c: LspClient, rng: Rng, i: number, initial: string, ops: number) {
    const uri = `file:///fuzz/${i}/${rng.pick(['Dockerfile', 'Containerfile', 'app.dockerfile'])}`;
    closed.delete(uri);
    closing.delete(uri);
    let text = initial;
    let version = 1;
    report.bytesOpened += text.length;
    report.largestDoc = Math.max(report.largestDoc, text.length);
    c.open(uri, text, version);
    let lastDiagnostics: any[] = [];
    const diagListener = (msg: any) => {
      if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri) lastDiagnostics = msg.params.diagnostics;
    };
    const ls = (c as unknown as { listeners: ((m: any) => void)[] }).listeners;
    ls.push(diagListener);
    try {
      for (let k = 0; k < ops; k++) {
        if (rng.chance(0.35)) {
          // An edit: incremental (possibly out of range, possibly several overlapping) or a full replace.
          version++;
          let changes: any[];
          if (rng.chance(0.15)) {
            const other = mutate(rng, files, read).text;
            changes = [{ text: other }];
            text = other;
          } else {
            changes = [];
            for (let n = 1 + (rng.chance(0.3) ? rng.int(4) : 0); n > 0; n--) {
              const range = randomRange(rng, text);
              const insert = rng.pick(['', 'x', '\n', '\\\n', '"', '[', ']', '${A', 'FROM a AS b\n', '<<EOF\n', '\uD83D', '😀', 'RUN apt-get install -y curl\n', 'a'.repeat(rng.int(300))]);
              changes.push({ range, text: insert });
              // Mirror the server: TextDocument clamps out-of-range positions and orders a reversed range.
              let s = offsetAt(text, range.start);
              let e = offsetAt(text, range.end);
              if (s > e) [s, e] = [e, s];
              text = text.slice(0, s) + insert + text.slice(e);
            }
          }
          current!.ops.push({ edit: version, changes });
          c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
          report.edits++;
          report.largestDoc = Math.max(report.largestDoc, text.length);
          // Acknowledge the version with a cheap request: anything published for an older version after this is stale.
          await timed(c, 'documentSymbol', 'textDocument/documentSymbol', { textDocument: { uri } }, text, version, uri);
          continue;
        }
        const pos = randomPosition(rng, text);
        const kind = rng.pick(['hover', 'hover', 'completion', 'completion', 'codeAction', 'formatting', 'rangeFormatting', 'documentSymbol', 'rename', 'prepareRename', 'definition', 'references', 'documentHighlight', 'foldingRange', 'codeLens', 'signatureHelp']);
        const td = { textDocument: { uri } };
        const params: Record<string, unknown> = {
          hover: { ...td, position: pos },
          completion: { ...td, position: pos, context: { triggerKind: 1 } },
          codeAction: { ...td, range: randomRange(rng, text), context: { diagnostics: rng.chance(0.5) ? lastDiagnostics : lastDiagnostics.slice(0, 3) } },
          formatting: { ...td, options: { tabSize: 1 + rng.int(8), insertSpaces: rng.chance(0.5) } },
          rangeFormatting: { ...td, range: randomRange(rng, text), options: { tabSize: 4, insertSpaces: true } },
          documentSymbol: td,
          rename: { ...td, position: pos, newName: rng.pick(['NEW_NAME', 'builder2', '', '1bad', 'a b', '😀', 'x'.repeat(1000)]) },
          prepareRename: { ...td, position: pos },
          definition: { ...td, position: pos },
          references: { ...td, position: pos, context: { includeDeclaration: rng.chance(0.5) } },
          documentHighlight: { ...td, position: pos },
          foldingRange: td,
          codeLens: td,
          signatureHelp: { ...td, position: pos },
        };
        current!.ops.push({ request: kind, params: kind === 'codeAction' ? { ...(params[kind] as object), context: '(last diagnostics)' } : params[kind] });
        await timed(c, kind, `textDocument/${kind}`, params[kind], text, version, uri);
      }
      // Sometimes leave documents open (many open at once), mostly close them.
      if (rng.chance(0.8)) {
        c.notify('textDocument/didClose', td(uri));
        closing.add(uri);
      }
    } finally {
      ls.splice(ls.indexOf(diagListener), 1);
    }
  }

  function td(uri: string) {
    return { textDocument: { uri } };
  }

  async function timed(c: LspClient, kind: string, method: string, params: unknown, text: string, version: number, uri: string) {
    const size = text.length;
    const cpu0 = mainThreadCpuMs(c.proc.pid!);
    const t0 = performance.now();
    report.requests++;
    try {
      await c.request(method, params, 20000);
    } catch (e) {
      const msg = (e as Error).message;
      const code = Number(/^(-?\d+):/.exec(msg)?.[1]);
      if (!OK_ERRORS.includes(code)) fail(msg.startsWith('timeout') ? 'no-answer' : 'error-response', `${method}: ${msg}`);
    }
    const ms = performance.now() - t0;
    const cpu = mainThreadCpuMs(c.proc.pid!) - cpu0;
    for (const u of closing) closed.add(u);
    closing.clear();
    acknowledged.set(uri, Math.max(acknowledged.get(uri) ?? 0, version));
    const w = (report.worst[kind] ??= { small: 0, large: 0 });
    if (size < SMALL_DOC) {
      if (ms > w.small) {
        w.small = ms;
        w.smallDetail = `${(size / 1024).toFixed(1)} KB`;
      }
      // The bound is on the CPU time the server's main thread spent meanwhile, not on the wall clock: on a shared
      // two-core machine the wall clock also counts the moments another process had the CPU, while a slow path in
      // our code costs its CPU time every time. (Wall-clock latency is measured by bench/, not bounded here.)
      const parses = (published.get(uri) ?? -1) < version;
      const bound = LATENCY_BOUND_MS + (parses ? (PARSE_MS_PER_KB * size) / 1024 : 0);
      if (cpu > bound) fail('slow-request', `${method} kept the server busy ${cpu.toFixed(0)} ms (${ms.toFixed(0)} ms wall) on a ${size}-character document`);
    } else w.large = Math.max(w.large, ms);
  }
}

/** CPU time (user + system) of a process's main thread so far, ms; from /proc, in clock ticks of 10 ms. */
function mainThreadCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

export function formatReport(r: FuzzReport): string {
  const rows = Object.entries(r.worst)
    .sort()
    .map(([k, v]) => `  ${k.padEnd(18)} worst ${v.small.toFixed(1).padStart(7)} ms (<100 KB${v.smallDetail ? ', at ' + v.smallDetail : ''})   ${v.large ? v.large.toFixed(1) + ' ms (≥100 KB)' : ''}`);
  return [
    `seed ${r.seed}: ${r.iterationsRun} inputs, ${r.edits} edits, ${r.requests} requests, ${(r.bytesOpened / 1024 / 1024).toFixed(1)} MB opened, largest ${(r.largestDoc / 1024).toFixed(0)} KB, ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `mutations: ${Object.entries(r.mutationCounts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ...rows,
    `failures: ${r.failures.length}`,
    ...r.failures.slice(0, 20).map((f) => `  #${f.iteration} ${f.kind}: ${f.detail.split('\n')[0]}${f.file ? ' → ' + f.file : ''}`),
  ].join('\n');
}
