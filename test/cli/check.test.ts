/**
 * `dockerfile-guide check`: output formats, languages and exit codes, run as a real process on real files.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, runCli } from './cliRunner';

const HANGUL = /[\uac00-\ud7a3]/;
let dir: string;
let good: string;
let bad: string;
let warn: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cli-'));
  good = path.join(dir, 'good.Dockerfile');
  bad = path.join(dir, 'bad.Dockerfile');
  warn = path.join(dir, 'warn.Dockerfile');
  fs.writeFileSync(good, 'FROM debian:bookworm-slim\nCMD ["true"]\n');
  fs.writeFileSync(bad, 'FROM debian\nEXPOSE 80/tcpx\nFROOM x\n');
  fs.writeFileSync(warn, 'FROM debian:bookworm-slim\nRUN chmod 777 /srv\nCMD ["true"]\n');
});

test('a clean file exits 0 and prints nothing on stdout', () => {
  const r = runCli(['check', good]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('errors: compiler-style lines and exit 1', () => {
  const r = runCli(['check', '--lang', 'en', bad]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.match(l, /^.+bad\.Dockerfile:\d+:\d+: (error|warning|info|hint) \S+ .+$/);
  assert.ok(lines.some((l) => /:3:1: error /.test(l)), 'unknown instruction FROOM on line 3');
  assert.doesNotMatch(r.stdout, HANGUL);
});

test('warnings alone exit 0', () => {
  const r = runCli(['check', warn]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /warn\.Dockerfile:2:\d+: warning DG106 /);
});

test('Korean and both: the message, the severity word and the summary', () => {
  const ko = runCli(['check', '--lang', 'ko', bad]);
  for (const l of ko.stdout.trim().split('\n')) assert.match(l, /^.+bad\.Dockerfile:\d+:\d+: (오류|경고|정보|힌트) \S+ .+$/);
  assert.match(ko.stdout, /:3:1: 오류 /, 'unknown instruction FROOM on line 3');
  assert.doesNotMatch(ko.stdout, /: (error|warning|info|hint) /);
  assert.match(ko.stderr, /^파일 1개 검사: 오류 \d+개, 경고 \d+개, 정보 \d+개, 힌트 \d+개$/m);
  const both = runCli(['check', '--lang=both', bad]);
  assert.match(both.stdout, HANGUL);
  assert.match(both.stdout, / \/ [A-Za-z]/);
  assert.match(both.stdout, /:3:1: 오류\/error /);
  for (const l of both.stdout.trim().split('\n')) assert.match(l, /^.+bad\.Dockerfile:\d+:\d+: (오류\/error|경고\/warning|정보\/info|힌트\/hint) \S+ .+$/);
  assert.match(both.stderr, /파일 1개 검사: .+ \/ 1 file\(s\) checked: /);
  assert.match(runCli(['check', bad], { env: { LANG: 'ko_KR.UTF-8' } }).stdout, /: 오류 /, 'LANG=ko_KR picks Korean');
  // JSON keeps the English severity names of its schema in every language.
  assert.ok(JSON.parse(runCli(['check', '--format', 'json', '--lang', 'ko', bad]).stdout).every((r: any) => ['error', 'warning', 'info', 'hint'].includes(r.severity)));
});

test('JSON: 1-based positions and the documented fields', () => {
  const r = runCli(['check', '--format', 'json', '--lang', 'en', bad, good]);
  assert.equal(r.code, 1);
  const rows = JSON.parse(r.stdout);
  assert.ok(Array.isArray(rows) && rows.length >= 2);
  for (const row of rows) {
    // `related` only on a problem repeated on many RUNs (the test below); these files have none.
    assert.deepEqual(Object.keys(row).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity', 'source'].sort());
    assert.ok(row.line >= 1 && row.column >= 1);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(row.severity));
    assert.equal(row.source, 'dockerfile-guide');
  }
  const froom = rows.find((x: any) => x.line === 3);
  assert.equal(froom.column, 1);
  assert.equal(froom.severity, 'error');
});

test('SARIF 2.1.0', () => {
  const r = runCli(['check', '--format', 'sarif', bad]);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'dockerfile-guide');
  assert.ok(run.results.length >= 2);
  for (const res of run.results) {
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  }
});

test('stdin with -', () => {
  const r = runCli(['check', '--format', 'json', '-'], { input: 'FROM debian\nFROOM x\n' });
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.stdout)[0].file, '-');
});

test('--rule overrides a severity; bad --rule is a usage error', () => {
  const before = JSON.parse(runCli(['check', '--format', 'json', warn]).stdout);
  const code = before.find((x: any) => x.line === 2)?.code;
  assert.ok(code);
  const r = runCli(['check', '--format', 'json', '--rule', `${code}=off`, warn]);
  assert.equal(r.code, 0);
  assert.ok(!JSON.parse(r.stdout).some((x: any) => x.code === code), `${code} switched off`);
  const raised = runCli(['check', '--format', 'json', '--rule', `${code}=error`, warn]);
  assert.equal(raised.code, 1, 'raised to error, so exit 1');
  const bad2 = runCli(['check', '--rule', 'nonsense', good]);
  assert.equal(bad2.code, 2);
  assert.match(bad2.stderr, /ID=/);
});

test('unreadable, missing and folder arguments exit 2 but other files are still checked', () => {
  const missing = path.join(dir, 'nope', 'Dockerfile');
  const r = runCli(['check', '--format', 'json', '--lang', 'both', missing, bad, dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /ENOENT/);
  assert.match(r.stderr, HANGUL);
  assert.ok(JSON.parse(r.stdout).some((x: any) => x.file === bad), 'bad.Dockerfile still checked');
});

test('a binary file is refused clearly', () => {
  const bin = path.join(dir, 'image.Dockerfile');
  fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0]));
  const r = runCli(['check', '--lang', 'en', bin]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Not a text file/);
});

test('usage errors exit 2 with the usage text', () => {
  for (const args of [[], ['nope'], ['check'], ['check', '--format', 'xml', good], ['check', '--bogus', good], ['check', '--lang']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stdout + r.stderr, /check/);
  }
  assert.equal(runCli(['--help']).code, 0);
});

test('one problem on many RUNs: printed once with its lines; places as notes, JSON related, SARIF relatedLocations', () => {
  const file = path.join(dir, 'repeats.Dockerfile');
  const pkgs = ['nginx', 'curl', 'vim', 'git'];
  fs.writeFileSync(file, `FROM debian:bookworm\nRUN apt-get update\n${pkgs.map((p) => `RUN apt-get install -y ${p}\n`).join('')}CMD ["nginx"]\n`);
  const text = runCli(['check', '--lang', 'en', file]);
  assert.equal(text.code, 0, text.stderr);
  const out = text.stdout.trim().split('\n');
  assert.deepEqual(out.filter((l) => / DL3015 /.test(l)), [`${file}:3:13: info DL3015 4 RUNs on lines 3, 4, 5, 6: Add --no-install-recommends to “apt-get install” to skip recommended packages`]);
  // DL3008 names a different package on each RUN: the title, then each place indented without the file name.
  const at = out.findIndex((l) => / DL3008 /.test(l));
  assert.equal(out[at], `${file}:3:13: hint DL3008 4 RUNs on lines 3, 4, 5, 6: apt-get install without pinned versions`);
  assert.deepEqual(out.slice(at + 1, at + 5), pkgs.map((p, i) => `    ${i + 3}:13: Packages without a pinned version: ${p} (pkg=<version>)`));
  // Identical places add no notes: DL3015's line is followed by the next diagnostic.
  assert.ok(!out[out.findIndex((l) => / DL3015 /.test(l)) + 1].startsWith('    '));

  const rows = JSON.parse(runCli(['check', '--format', 'json', '--lang', 'en', file]).stdout);
  const pinned = rows.filter((r: any) => r.code === 'DL3008');
  assert.equal(pinned.length, 1);
  assert.deepEqual(pinned[0].related.map((r: any) => [r.line, r.column]), [[3, 13], [4, 13], [5, 13], [6, 13]]);
  assert.match(pinned[0].related[3].message, /\bgit\b/);
  // Plain text, as in the Problems panel: no Markdown code marks in any message of the report.
  assert.ok(!JSON.stringify(rows.map((r: any) => [r.message, ...(r.related ?? []).map((x: any) => x.message)])).includes('`'));

  const sarif = JSON.parse(runCli(['check', '--format', 'sarif', '--lang', 'en', file]).stdout);
  const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'DL3015');
  assert.deepEqual(result.relatedLocations.map((l: any) => l.physicalLocation.region.startLine), [3, 4, 5, 6]);
});

test('a reader that closes the pipe early (| head -c 0): no EPIPE stack trace, and the exit code still says what was found', () => {
  // Many files, so the output is larger than the pipe buffer and the CLI is still writing when head has gone.
  const many = Array.from({ length: 400 }, () => bad);
  const script = 'set -o pipefail; node="$1"; cli="$2"; shift 2; "$node" "$cli" check --lang en "$@" | head -c 0; echo "exit=$?" >&2';
  const r = spawnSync('bash', ['-c', script, 'bash', process.execPath, CLI, ...many], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', DOCKERFILE_GUIDE_LANG: '' },
    timeout: 120_000,
  });
  assert.doesNotMatch(r.stderr, /EPIPE|Error:|at .+\(/, r.stderr.slice(0, 800));
  assert.match(r.stderr, /exit=1\b/, 'pipefail sees the CLI\'s own exit code 1 (errors found)');
});
