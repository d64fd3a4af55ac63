/**
 * A minimal LSP client for tests: spawns `node dist/server.js --stdio` and speaks real JSON-RPC
 * (Content-Length framing) over its stdio. No vscode-languageclient here, on purpose: the tests see exactly
 * what any editor would.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

type Pending = { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; method: string; uri?: string };

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners: ((msg: any) => void)[] = [];
  readonly notifications: any[] = [];
  /**
   * Diagnostic messages and code-action titles the server sent that hold a Markdown code mark (a backtick). The
   * Problems panel and the light-bulb menu show plain text (issue 18, item 8), so shutdownHealthy() fails on any.
   * A document whose own text holds a backtick is left out: a message may quote it.
   */
  readonly markdownInPlainText: string[] = [];
  /** The last full text sent for each document (didOpen, full didChange). */
  private texts = new Map<string, string>();
  stderr = '';
  /** Answers for server→client requests such as workspace/configuration. */
  /** The methods of the requests the server sent this client, in order (e.g. client/registerCapability). */
  serverRequests: string[] = [];
  configuration: Record<string, unknown> = {};
  exited: Promise<number | null>;

  /**
   * `launch.command`: what to run instead of `node dist/server.js` (the npm package test starts the installed
   * `dockerfile-guide-server` bin itself), with its own working folder and environment.
   */
  constructor(args: string[] = ['--stdio'], launch: { command?: string[]; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    const [cmd, ...cmdArgs] = launch.command ?? [process.execPath, SERVER];
    this.proc = spawn(cmd, [...cmdArgs, ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: launch.cwd, env: launch.env });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
  }

  private onData(d: Buffer) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buf.subarray(0, headerEnd).toString();
      const len = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(msg: any) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else {
        if (p.method === 'textDocument/codeAction' && Array.isArray(msg.result)) this.notePlain(p.uri, msg.result.map((a: any) => `code action: ${a.title}`));
        p.resolve(msg.result);
      }
      return;
    }
    if (msg.id !== undefined && msg.method) {
      // A request from the server.
      this.serverRequests.push(msg.method);
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') {
        result = (msg.params.items as { section?: string }[]).map((i) => (i.section ? this.configuration[i.section] ?? null : null));
      }
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      this.notePlain(
        msg.params.uri,
        (msg.params.diagnostics as any[]).flatMap((d) => [`diagnostic: ${d.message}`, ...(d.relatedInformation ?? []).map((r: any) => `related: ${r.message}`)]),
      );
    }
    this.notifications.push(msg);
    for (const l of this.listeners) l(msg);
  }

  private notePlain(uri: string | undefined, texts: string[]) {
    if (uri === undefined || (this.texts.get(uri) ?? '').includes('`')) return;
    for (const t of texts) if (t.includes('`')) this.markdownInPlainText.push(t);
  }

  private write(msg: unknown) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 10000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timeout: ${method}`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method, uri: (params as any)?.textDocument?.uri });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown) {
    const p = params as any;
    if (method === 'textDocument/didOpen') this.texts.set(p.textDocument.uri, p.textDocument.text);
    if (method === 'textDocument/didChange') {
      const full = (p.contentChanges as any[]).find((x) => !x.range);
      // An incremental change could add a backtick this copy does not see: treat the text as unknown.
      this.texts.set(p.textDocument.uri, full && p.contentChanges.length === 1 ? full.text : '`');
    }
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Waits for a notification matching the predicate (including ones already received when `past` is set). */
  waitFor(method: string, pred: (params: any) => boolean = () => true, timeoutMs = 10000, past = false): Promise<any> {
    if (past) {
      const hit = this.notifications.find((n) => n.method === method && pred(n.params));
      if (hit) return Promise.resolve(hit.params);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
      const l = (msg: any) => {
        if (msg.method === method && pred(msg.params)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((x) => x !== l);
          resolve(msg.params);
        }
      };
      this.listeners.push(l);
    });
  }

  async initialize(initializationOptions?: unknown, capabilities: Record<string, unknown> = {}): Promise<any> {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } }, ...capabilities },
      initializationOptions,
    });
    this.notify('initialized', {});
    return res;
  }

  open(uri: string, text: string, version = 1, languageId = 'dockerfile') {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Opens a document and waits for its first diagnostics. */
  async openAndWait(uri: string, text: string, version = 1, languageId = 'dockerfile'): Promise<any[]> {
    const p = this.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === version);
    this.open(uri, text, version, languageId);
    return (await p).diagnostics;
  }

  hover(uri: string, line: number, character: number) {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /** What the server logged as errors (it logs every exception it catches as a window/logMessage of type Error). */
  errorsLogged(): string[] {
    return this.notifications.filter((n) => n.method === 'window/logMessage' && n.params.type === 1).map((n) => n.params.message);
  }

  /** For the end of a file's tests: nothing was logged as an error and the server still runs; then shuts it down. */
  async shutdownHealthy() {
    const errors = this.errorsLogged();
    const exitCode = this.proc.exitCode;
    await this.shutdown();
    if (errors.length) throw new Error(`the server logged errors:\n${errors.join('\n')}`);
    if (this.markdownInPlainText.length) throw new Error(`Markdown code marks in plain text:\n${this.markdownInPlainText.join('\n')}`);
    if (exitCode !== null) throw new Error(`the server had exited (${exitCode})`);
  }

  async shutdown() {
    try {
      await this.request('shutdown', null, 3000);
      this.notify('exit', null);
    } catch {
      // fall through to kill
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function hoverText(h: any): string {
  if (!h) return '';
  const c = h.contents;
  return typeof c === 'string' ? c : Array.isArray(c) ? c.map((x: any) => x.value ?? x).join('\n') : c.value;
}

export const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Hovers on `uri` at (line, character) over and over, `gapMs` apart, until `finished()` turns true; each hover must
 * show `expect`. Returns how long each took: what a user typing in another document would wait meanwhile.
 */
export async function hoverLatenciesUntil(c: LspClient, uri: string, line: number, character: number, expect: string, finished: () => boolean, gapMs: number): Promise<number[]> {
  const latencies: number[] = [];
  while (!finished()) {
    const t0 = performance.now();
    const h = await c.hover(uri, line, character);
    latencies.push(performance.now() - t0);
    if (!hoverText(h).includes(expect)) throw new Error(`hover without ${expect}: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return latencies;
}

/** Applies LSP TextEdits (positions, non-overlapping) to a text, as a client would. */
export function applyTextEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}
