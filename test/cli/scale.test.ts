/**
 * `dockerfile-guide check DIR` on 1,000 and 10,000 generated Dockerfiles: every file is checked, the broken ones
 * are reported, the unreadable and binary ones are reported without stopping the run, and the time grows linearly.
 * Timings are printed; the only timing assertion is a generous bound on the ratio (linear would be 10; a quadratic
 * walk or output step would be ~100).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliRunner';
import { buildTree, corpusDockerfiles, Tree } from './scaleFixture';

let base: string;
let sources: string[];
before(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cli-scale-'));
  sources = corpusDockerfiles();
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

function check(tree: Tree) {
  const t0 = performance.now();
  const r = runCli(['check', '--format', 'json', '--lang', 'en', tree.root]);
  const ms = performance.now() - t0;
  assert.equal(r.code, 2, 'unreadable entries make the exit code 2');
  const rows: { file: string; code: string; severity: string }[] = JSON.parse(r.stdout);
  const checked = new Set(rows.map((x) => x.file));
  for (const f of tree.failures) {
    assert.ok(r.stderr.includes(f), `${f} is reported on stderr`);
    assert.ok(!checked.has(f));
  }
  assert.match(r.stderr, /ENOENT/, 'the dangling symlink');
  assert.match(r.stderr, /Not a text file/, 'the binary file');
  // Every broken file has its error; the folder named like a Dockerfile was walked into, not read.
  const withErrors = new Set(rows.filter((x) => x.severity === 'error').map((x) => x.file));
  assert.ok(withErrors.size >= tree.broken, `${withErrors.size} files with errors, ${tree.broken} broken`);
  assert.ok([...checked].some((f) => f.endsWith(path.join('Dockerfile.d', 'Dockerfile'))));
  assert.ok(![...checked].some((f) => f.endsWith('README.md')));
  // Files without any finding have no rows: count what was checked from the summary line instead.
  const summary = /(\d+) file\(s\) checked/.exec(r.stderr) ?? /^/.exec('');
  return { ms, rows: rows.length, files: checked.size, summary: summary?.[1] };
}

test('check DIR with 1,000 and 10,000 Dockerfiles: all checked, failures reported, linear time', { timeout: 240_000 }, () => {
  const small = buildTree(path.join(base, '1k'), 1000, sources);
  const big = buildTree(path.join(base, '10k'), 10000, sources);
  const a = check(small);
  const b = check(big);
  console.log(`check DIR: 1,000 files ${a.ms.toFixed(0)} ms (${a.rows} findings); 10,000 files ${b.ms.toFixed(0)} ms (${b.rows} findings); ratio ${(b.ms / a.ms).toFixed(2)}`);
  assert.ok(b.files > 9000 && a.files > 900, `${a.files} and ${b.files} files had findings`);
  assert.ok(b.ms / a.ms < 15, `10× the files took ${(b.ms / a.ms).toFixed(1)}× the time`);
});

test('text output of a folder: the summary counts the files found, not the arguments', () => {
  const dir = path.join(base, 'summary');
  fs.mkdirSync(path.join(dir, 'a'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'b'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'a', 'Dockerfile'), 'FROM debian:bookworm-slim\nCMD ["true"]\n');
  fs.writeFileSync(path.join(dir, 'b', 'Containerfile'), 'FROM debian:bookworm-slim\nCMD ["true"]\n');
  fs.writeFileSync(path.join(dir, 'b', 'web.dockerfile'), 'FROM debian\nFROOM x\n');
  fs.writeFileSync(path.join(dir, 'b', 'notes.txt'), 'FROOM x\n');
  const r = runCli(['check', '--lang', 'en', dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^3 file\(s\) checked/m);
  assert.match(r.stdout, /web\.dockerfile:2:1: error/);
  assert.doesNotMatch(r.stdout, /notes\.txt/);
  const empty = path.join(base, 'empty');
  fs.mkdirSync(empty);
  const e = runCli(['check', '--lang', 'en', empty]);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /No Dockerfile found in folder/);
  assert.match(runCli(['check', '--lang', 'ko', empty]).stderr, /폴더 안에 Dockerfile이 없습니다/);
  assert.match(runCli(['--help']).stdout, /FILE\|DIR/);
});
