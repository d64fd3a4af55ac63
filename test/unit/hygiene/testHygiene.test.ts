/**
 * Rules for the test code itself, checked over every file under test/ and bench/, because each of them once hid a
 * failure behind a green run:
 * - a test that skips itself (a missing feature turned into a skip, not a failure);
 * - a base image made outside test/engine/images.ts (two suites imported different images under one name, and
 *   the one that ran first decided whether the other passed);
 * - an absolute path into this machine's ../shared (a fresh clone elsewhere tokenized nothing and passed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SELF = path.relative(ROOT, __filename);

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) files(rel, out);
    else if (/\.(ts|mjs|js)$/.test(e.name)) out.push(rel);
  }
  return out;
}

const TEST_FILES = [...files('test'), ...files('bench')].filter((f) => f !== SELF);

/** Lines of the test code matching `re`, as `file:line: text`. */
function hits(re: RegExp, except: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const f of TEST_FILES) {
    if (except(f)) continue;
    fs.readFileSync(path.join(ROOT, f), 'utf8')
      .split('\n')
      .forEach((l, i) => {
        // Comments may name what they talk about.
        if (re.test(l) && !/^\s*(\*|\/\/)/.test(l)) out.push(`${f}:${i + 1}: ${l.trim()}`);
      });
  }
  return out;
}

test('the test code is there to check', () => {
  assert.ok(TEST_FILES.length >= 80, `${TEST_FILES.length} files`);
});

test('no test skips itself or is left as a todo', () => {
  assert.deepEqual(hits(/\.(skip|todo)\(|\{\s*(skip|todo)\s*:|\{\s*(skip|todo)\s*[,}]|\bit\.only\(|\btest\.only\(/), []);
});

test('base images are made in test/engine/images.ts only', () => {
  // bench/docker fills a private engine of its own with a hundred throwaway images to measure listing; no test
  // builds on them.
  const maker = (f: string) => f === path.join('test', 'engine', 'images.ts') || f === path.join('bench', 'docker', 'bench.ts');
  assert.deepEqual(hits(/docker[^'"]*['"]?\s*(,\s*)?['"]?import\b|\bimport\s+--change|\bdebootstrap\b/, maker), []);
  // The image names too: a literal name would bypass the recipe-derived tag.
  assert.deepEqual(hits(/dfg-test\/(busybox|debian)|debian-minbase/, maker), []);
});

test('test data is found relative to the project, never at this machine\'s absolute paths', () => {
  assert.deepEqual(hits(/['"`]\/work\//), []);
});
