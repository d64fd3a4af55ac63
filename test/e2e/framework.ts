// A small test framework for the extension host: suites of async tests with per-suite hooks and
// timeouts. It prints one line per test and closes with the plain `N passed, N failed` line.
// Adding tests = adding one file test/e2e/suite/<name>.e2e.ts that calls suite()/test().

type Body = () => unknown | Promise<unknown>;

interface TestCase {
  suite: string;
  name: string;
  fn: Body;
  timeoutMs: number;
}

interface Suite {
  name: string;
  tests: TestCase[];
  before: Body[];
  after: Body[];
  afterEach: Body[];
}

const suites: Suite[] = [];
let current: Suite | undefined;

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Declares a suite; call test(), before(), after() and afterEach() inside `body`. */
export function suite(name: string, body: () => void): void {
  const s: Suite = { name, tests: [], before: [], after: [], afterEach: [] };
  suites.push(s);
  const outer = current;
  current = s;
  try {
    body();
  } finally {
    current = outer;
  }
}

function inSuite(what: string): Suite {
  if (!current) throw new Error(`${what}() must be called inside suite()`);
  return current;
}

export function test(name: string, fn: Body, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  const s = inSuite('test');
  s.tests.push({ suite: s.name, name, fn, timeoutMs });
}
export function before(fn: Body): void {
  inSuite('before').before.push(fn);
}
export function after(fn: Body): void {
  inSuite('after').after.push(fn);
}
export function afterEach(fn: Body): void {
  inSuite('afterEach').afterEach.push(fn);
}

function withTimeout(fn: Body, ms: number, what: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(fn), timeout]).finally(() => clearTimeout(timer));
}

function describe(e: unknown): string {
  if (e instanceof Error) return (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 12).join('\n');
  return String(e);
}

export interface RunResult {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Runs every registered test whose "suite › name" matches `grep` (all when empty), in declaration
 * order. A failing before() hook fails (does not skip) every test of its suite.
 */
export async function runAll(grep?: string, print: (line: string) => void = console.log): Promise<RunResult> {
  const filter = grep ? new RegExp(grep, 'i') : undefined;
  const result: RunResult = { passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  for (const s of suites) {
    const tests = s.tests.filter((t) => !filter || filter.test(`${s.name} › ${t.name}`));
    result.skipped += s.tests.length - tests.length;
    if (tests.length === 0) continue;
    print(`${s.name}`);
    let setupError: unknown;
    for (const h of s.before) {
      try {
        await withTimeout(h, 60_000, `${s.name}: before()`);
      } catch (e) {
        setupError = e;
        break;
      }
    }
    for (const t of tests) {
      const t0 = Date.now();
      try {
        if (setupError) throw setupError;
        await withTimeout(t.fn, t.timeoutMs, t.name);
        result.passed++;
        print(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        result.failed++;
        print(`  ✗ ${t.name} (${Date.now() - t0} ms)`);
        failures.push(`${s.name} › ${t.name}\n${describe(e)}`);
      }
      for (const h of s.afterEach) {
        try {
          await withTimeout(h, 30_000, `${s.name}: afterEach()`);
        } catch (e) {
          print(`  ! afterEach failed: ${describe(e)}`);
        }
      }
    }
    for (const h of s.after) {
      try {
        await withTimeout(h, 30_000, `${s.name}: after()`);
      } catch (e) {
        print(`  ! after() failed: ${describe(e)}`);
      }
    }
  }
  if (failures.length) {
    print('');
    print('Failures:');
    failures.forEach((f, i) => print(`${i + 1}) ${f.split('\n').join('\n   ')}`));
  }
  print('');
  print(`${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
  return result;
}
