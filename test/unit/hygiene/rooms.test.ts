/**
 * The rooms the README describes, checked over the source so that they cannot drift apart again:
 * - no import cycle anywhere in client/src, server/src or common/src (type-only imports count: a cycle of types
 *   still means two modules that cannot be understood apart);
 * - the client never imports server/src, and common/src imports neither side;
 * - service/ imports no runtime module: it reads no files, opens no sockets, starts no threads and does not touch
 *   V8 (the host gives what it needs; see server/src/service/index.ts), and it knows nothing of the LSP adapter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) sources(rel, out);
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const FILES = [...sources('client/src'), ...sources('server/src'), ...sources('common/src')];

/** Every module specifier a file imports, re-exports or requires (static and dynamic), with type-only ones. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2]);
  return out;
}

/** The repository file a relative specifier names, or null (a package, or a file that does not exist). */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.join(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) if (FILES.includes(c)) return c;
  return null;
}

const GRAPH = new Map(FILES.map((f) => [f, specifiers(f).map((s) => resolve(f, s)).filter((t): t is string => t !== null)]));

test('the import graph sees every relative import (the check cannot pass by reading nothing)', () => {
  const edges = [...GRAPH.values()].reduce((n, e) => n + e.length, 0);
  assert.ok(FILES.length > 150, `${FILES.length} source files`);
  assert.ok(edges > 500, `${edges} relative imports`);
  // A known edge: the adapter makes the service through its front door.
  assert.ok(GRAPH.get('server/src/lsp/server.ts')?.includes('server/src/service/index.ts'));
});

test('no import cycle in client/src, server/src or common/src', () => {
  // Tarjan's strongly connected components: every component of more than one file is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || GRAPH.get(v)!.includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of FILES) if (!index.has(f)) visit(f);
  assert.deepEqual(cycles, []);
});

function importsMatching(fileFilter: (f: string) => boolean, bad: (spec: string, target: string | null) => boolean): string[] {
  const out: string[] = [];
  for (const f of FILES.filter(fileFilter)) for (const s of specifiers(f)) if (bad(s, resolve(f, s))) out.push(`${f}: ${s}`);
  return out;
}

test('the client never imports server/src; common/src imports neither side', () => {
  assert.deepEqual(
    importsMatching((f) => f.startsWith('client/src/'), (s, t) => s.includes('server/src') || !!t?.startsWith('server/')),
    [],
  );
  assert.deepEqual(
    importsMatching((f) => f.startsWith('common/src/'), (s, t) => !!t && !t.startsWith('common/src/')),
    [],
  );
});

/** Modules that reach the machine: files, network, processes, threads, V8, and the LSP connection itself. */
const RUNTIME = /^(node:)?(fs|fs\/promises|http|https|net|tls|dgram|child_process|worker_threads|cluster|v8|vm|os|path|url|inspector|perf_hooks)$|^vscode-languageserver(\/node)?$|^vscode$|^dockerode$|^docker-modem$/;

test('service/ imports no runtime module and nothing of the adapter, the host or the CLI', () => {
  assert.deepEqual(
    importsMatching(
      (f) => f.startsWith('server/src/service/'),
      (s, t) => RUNTIME.test(s) || !!t?.match(/^server\/src\/(lsp|host|cli)\//),
    ),
    [],
  );
});

test('product code never names ../shared (the test data beside this checkout: users do not have it)', () => {
  const out: string[] = [];
  for (const f of FILES) {
    fs.readFileSync(path.join(ROOT, f), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (/(^|[^\w.])\.\.\/(\.\.\/)*shared\b|\bshared\/(corpus|bench|e2e|research)\b/.test(text)) out.push(`${f}:${i + 1}: ${text.trim()}`);
      });
  }
  assert.deepEqual(out, []);
});
