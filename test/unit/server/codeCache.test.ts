/**
 * server/src/lsp/runtime/codeCache.ts: a bundle loaded through it writes a code cache as the process leaves, the next process
 * accepts that cache (and so does not write it again), and a rebuilt bundle of the same length never meets the old
 * cache. Each load runs in its own node process, as the server does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

const loader = path.resolve(__dirname, '../../../server/src/lsp/runtime/codeCache.ts');

function load(file: string): string {
  const code = `const m = require(${JSON.stringify(loader)}).loadCached(${JSON.stringify(file)}); process.stdout.write(String(m.answer()));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const caches = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.cache'));

test('the cache is written once, accepted on the next start, and never reused for another build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-codecache-'));
  try {
    const file = path.join(dir, 'bundle.js');
    const body = (n: number) => `exports.answer = function () { return ${n} + require('path').sep.length; };\n`;
    fs.writeFileSync(file, body(41));

    assert.equal(load(file), '42');
    const [first] = caches(dir);
    assert.ok(first, 'a cache was written as the process left');
    const written = fs.statSync(path.join(dir, first)).mtimeMs;

    assert.equal(load(file), '42');
    assert.deepEqual(caches(dir), [first]);
    assert.equal(fs.statSync(path.join(dir, first)).mtimeMs, written, 'an accepted cache is not written again');

    // Same length, other code: V8 alone would take the old cache; the name must differ.
    fs.writeFileSync(file, body(51));
    assert.equal(load(file), '52');
    const after = caches(dir);
    assert.equal(after.length, 1, `old caches are removed: ${after.join(', ')}`);
    assert.notEqual(after[0], first);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreadable or corrupt cache only costs a compile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-codecache-'));
  try {
    const file = path.join(dir, 'bundle.js');
    fs.writeFileSync(file, 'exports.answer = () => "ok";\n');
    assert.equal(load(file), 'ok');
    const [name] = caches(dir);
    fs.writeFileSync(path.join(dir, name), Buffer.from('not a V8 code cache'));
    assert.equal(load(file), 'ok');
    assert.notEqual(fs.readFileSync(path.join(dir, name)).toString(), 'not a V8 code cache', 'a rejected cache is rewritten');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
