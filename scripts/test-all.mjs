#!/usr/bin/env node
// `npm test`: every suite, on a fresh machine in well under CI's limit.
//
// Typecheck and build come first. Then two lanes run side by side, each suite after the one before it in its lane:
//   editor: unit, lsp, editors, cli, fuzz, package, npm, e2e, ui, walkthrough, vsix   (CPU: the language server, the
//           CLI, Neovim and Emacs, a real VS Code)
//   engine: claims, stack, docker, doctor, faults     (mostly waiting on dockerd: builds, containers, timeouts)
// The lanes share no state: the engine suites name and label everything they make, build the shared base images
// once (test/engine/images.ts, under a lock), and read the project's dist/ only, which nothing rebuilds meanwhile
// (the package and vsix tests package a copy; the npm test builds its bundles into out/npm; e2e and ui are told not
// to build). vsix runs code-server like e2e and ui (each on its own free port and profile) and makes one labelled
// container; it stays in the editor lane so that only one code-server and Chromium run at a time on a 2-core machine.
// Timing checks inside the suites compare against the work itself, not against fixed milliseconds, so a busy
// neighbour lane cannot fail them.
//
// Each suite's output goes to test-results/logs/<suite>.log; a failing suite's log is printed when it ends. Every
// suite runs even after a failure, so one run shows all of them; the exit code is 1 if any failed.
//
//   npm test [-- --only unit,lsp] [-- --serial]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = util.parseArgs({
  options: { only: { type: 'string', default: '' }, serial: { type: 'boolean', default: false } },
});

/** The suites, as `npm run test:<name>` with extra arguments. */
const SUITES = {
  unit: [],
  lsp: [],
  editors: [],
  cli: [],
  fuzz: [],
  package: [],
  npm: [],
  e2e: ['--no-build'],
  ui: ['--no-build'],
  walkthrough: ['--no-build'],
  vsix: [],
  claims: [],
  stack: [],
  docker: [],
  doctor: [],
  faults: [],
};
const LANES = [
  ['unit', 'lsp', 'editors', 'cli', 'fuzz', 'package', 'npm', 'e2e', 'ui', 'walkthrough', 'vsix'],
  ['claims', 'stack', 'docker', 'doctor', 'faults'],
];

const only = opts.only ? new Set(opts.only.split(',')) : null;
for (const name of only ?? []) if (!(name in SUITES)) fail(`unknown suite ${name} / 알 수 없는 테스트 묶음입니다: ${name}`);
const lanes = LANES.map((l) => l.filter((s) => !only || only.has(s))).filter((l) => l.length);
const logDir = path.join(root, 'test-results', 'logs');
fs.mkdirSync(logDir, { recursive: true });
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(0)} s`;

function fail(message) {
  console.error(message);
  process.exit(2);
}

function step(name, args) {
  const t = Date.now();
  console.log(`▶ ${name}`);
  const r = spawnSync('npm', ['run', '--silent', ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`✖ ${name} failed (exit ${r.status}) / ${name} 실패 (종료 코드 ${r.status})`);
  console.log(`✔ ${name} ${secs(Date.now() - t)}`);
}

/** Runs one suite with its output in its log; resolves to its result. */
function runSuite(name) {
  return new Promise((resolve) => {
    const log = path.join(logDir, `${name}.log`);
    const out = fs.openSync(log, 'w');
    const t = Date.now();
    console.log(`▶ ${name} (log: ${path.relative(root, log)})`);
    const extra = SUITES[name].length ? ['--', ...SUITES[name]] : [];
    // The build step above made dist/ once; a suite must not rebuild it while the other lane reads it.
    const child = spawn('npm', ['run', '--silent', `test:${name}`, ...extra], { cwd: root, stdio: ['ignore', out, out], env: { ...process.env, DFG_BUILT: '1' } });
    child.on('close', (code, signal) => {
      fs.closeSync(out);
      const ms = Date.now() - t;
      const ok = code === 0;
      const summary = summarize(fs.readFileSync(log, 'utf8'));
      console.log(`${ok ? '✔' : '✖'} ${name} ${secs(ms)}${summary ? ` — ${summary}` : ''}${ok ? '' : ` (exit ${code ?? signal})`}`);
      if (!ok) {
        // CI shows only this output: the failing suite's log in full, fenced so it reads as one block.
        console.log(`──── ${name}: ${path.relative(root, log)} ────`);
        console.log(fs.readFileSync(log, 'utf8'));
        console.log(`──── end of ${name} ────`);
      }
      resolve({ name, ok, ms, summary });
    });
  });
}

/** node:test's closing counts (`ℹ tests 488` …), or the e2e runners' last line. */
function summarize(text) {
  const count = (k) => [...text.matchAll(new RegExp(`^ℹ ${k} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  if (/^ℹ tests \d+$/m.test(text)) {
    const parts = [`${count('pass')} passed`];
    if (count('fail')) parts.push(`${count('fail')} failed`);
    if (count('skipped')) parts.push(`${count('skipped')} skipped`);
    if (count('cancelled')) parts.push(`${count('cancelled')} cancelled`);
    return parts.join(', ');
  }
  const last = text.trim().split('\n').filter((l) => /passed|failed|wall/.test(l)).pop();
  return last ? last.trim().slice(0, 120) : '';
}

/**
 * What the engine suites must not leave behind: containers made from a test base image or labelled by a test, and
 * images built from a test base other than the bases themselves (test/engine/images.ts labels the bases, and what
 * is built FROM them inherits the label). A test that leaves state behind is how a later run came to depend on it.
 */
function engineLeftovers() {
  if (!lanes.some((l) => l.some((s) => ['claims', 'stack', 'docker', 'doctor', 'faults'].includes(s)))) return [];
  const docker = (...args) => spawnSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' });
  if (docker('version').status !== 0) return [];
  const out = [];
  // dockerfile-guide.doctor: what a doctor run made (common/src/doctor removes its containers at the end of a run).
  for (const label of ['dockerfile-guide.test', 'dockerfile-guide.test-base', 'dockerfile-guide.doctor']) {
    const r = docker('ps', '-a', '--filter', `label=${label}`, '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Command}} {{.Status}}');
    out.push(...r.stdout.split('\n').filter(Boolean).map((l) => `container ${l}`));
  }
  const images = docker('images', '--filter', 'label=dockerfile-guide.test-base', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}');
  // The bases, and the doctor suite's web-stack images: tagged by the hash of their build context like the bases (the
  // same tag is the same image), kept so that a second run builds nothing.
  const bases = /^[0-9a-f]+ dfg-test\/(busybox|debian-minbase|doctor-web-stack):/;
  out.push(...images.stdout.split('\n').filter((l) => l && !bases.test(l)).map((l) => `image ${l}`));
  return [...new Set(out)];
}

async function runLane(lane) {
  const results = [];
  for (const s of lane) results.push(await runSuite(s));
  return results;
}

step('typecheck', ['typecheck']);
step('build', ['build']);
const results = opts.serial ? await runLane(lanes.flat()) : (await Promise.all(lanes.map(runLane))).flat();
const leftovers = engineLeftovers();
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length} suites in ${secs(Date.now() - t0)} (${opts.serial ? 'one after another' : `${lanes.length} lanes side by side`}):`);
for (const r of results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(8)} ${secs(r.ms).padStart(6)}  ${r.summary}`);
if (leftovers.length) {
  console.log(`\nthe suites left these in the engine / 테스트가 엔진에 남긴 것:\n${leftovers.map((l) => `  ${l}`).join('\n')}`);
}
if (failed.length || leftovers.length) {
  if (failed.length) console.log(`\n${failed.length} failed / 실패: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
console.log('\nall passed / 모두 통과했습니다');
