#!/usr/bin/env node
// `npm run bench`: runs the shared LSP benchmark harness (../shared/bench) against our dist/server.js and against
// the anchor, dockerfile-language-server-nodejs@0.15.0, in the same run and on the same inputs, then prints one
// table with both and the ratios the foundation issue sets as targets. Raw JSON goes to bench/results/.
//
//   npm run bench                  3 runs per input, hover sampled (--hover-max 500) on both servers
//   npm run bench -- --runs 1      quicker
//   npm run bench -- --full        every hover (the anchor then needs ~6 min per 10k run)
//   npm run bench -- --write-results   also keep the table in bench/RESULTS.md
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = process.env.DG_BENCH_HARNESS ?? path.resolve(root, '..', 'shared', 'bench');
const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const full = argv.includes('--full');
const inputs = ['realistic-30.Dockerfile', 'issues-sample.Dockerfile', 'synthetic-1k.Dockerfile', 'synthetic-10k.Dockerfile'];
const outDir = path.join(root, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });

if (!fs.existsSync(path.join(harness, 'run-suite.mjs'))) {
  console.error(`benchmark harness not found at ${harness} (set DG_BENCH_HARNESS)`);
  process.exit(2);
}
const anchor = path.join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'lib', 'server.js');
if (!fs.existsSync(anchor)) {
  console.error('anchor missing: npm install (dockerfile-language-server-nodejs@0.15.0 is a devDependency)');
  process.exit(2);
}
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const benchArgs = full ? '' : '--hover-max 500';
function suite(label, server) {
  const args = [path.join(harness, 'run-suite.mjs'), '--runs', String(runs), '--label', label, '--inputs', inputs.join(','), '--out', outDir];
  if (benchArgs) args.push('--bench-args', benchArgs);
  const r = spawnSync(process.execPath, [...args, '--', ...server], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (r.status !== 0) console.error(`${label}: run-suite exited ${r.status}`);
  const files = fs.readdirSync(outDir).filter((f) => f.startsWith(label + '-') && f.endsWith('.json')).sort();
  return JSON.parse(fs.readFileSync(path.join(outDir, files.at(-1)), 'utf8'));
}

const ours = suite('dockerfile-guide', [process.execPath, path.join(root, 'dist', 'server.js'), '--stdio']);
const theirs = suite('dockerfile-language-server-nodejs-0.15.0', [process.execPath, anchor, '--stdio']);

const rows = [
  ['initialize round-trip (ms)', 'initialize_ms'],
  ['didOpen → first diagnostics (ms)', 'first_diagnostics_ms'],
  ['hover p50 (ms)', 'hover.p50'],
  ['hover p95 (ms)', 'hover.p95'],
  ['hover max (ms)', 'hover.max'],
  ['completion @empty line p50 (ms)', 'completion_empty_line.p50'],
  ['completion after `apt-get install` p50 (ms)', 'completion_after_apt_get.p50'],
  ['completion after `apt-get install` items', 'completion_after_apt_get.items'],
  ['edit → diagnostics p50 (ms)', 'edits.p50'],
  ['edit → diagnostics p95 (ms)', 'edits.p95'],
  ['documentSymbol p50 (ms)', 'extras.documentSymbol.p50'],
  ['foldingRange p50 (ms)', 'extras.foldingRange.p50'],
  ['formatting p50 (ms)', 'extras.formatting.p50'],
  ['peak RSS VmHWM (MiB)', 'memory.vmhwm_kb', (v) => v / 1024],
];
const fmt = (v) => (v === null || v === undefined ? '–' : Math.round(v * 100) / 100);
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim() + (execSync('git status --porcelain', { cwd: root, encoding: 'utf8' }).trim() ? ' (+ uncommitted changes)' : '');
  } catch {
    return 'unknown';
  }
})();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
let md = `# Benchmark: dockerfile-guide vs dockerfile-language-server-nodejs@0.15.0\n\n`;
md += `- date: ${new Date().toISOString()}\n- commit: ${commit}\n- machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, load average at start ${os.loadavg()[0].toFixed(2)}\n`;
md += `- node ${process.version}; harness ../shared/bench (lsp-bench.mjs via run-suite.mjs), ${runs} run(s) per input and server, medians; ${full ? 'every hover' : 'hover sampled with --hover-max 500 on both servers'}\n- both servers started the same way: \`node <server.js> --stdio\`\n\n`;
for (const input of inputs) {
  const a = ours.inputs[input]?.median ?? {};
  const b = theirs.inputs[input]?.median ?? {};
  md += `## ${input} (${ours.inputs[input]?.lines} lines)\n\n| metric | dockerfile-guide | anchor 0.15.0 | anchor ÷ ours |\n|---|---:|---:|---:|\n`;
  for (const [name, key, tf] of rows) {
    const x = a[key] == null ? null : tf ? tf(a[key]) : a[key];
    const y = b[key] == null ? null : tf ? tf(b[key]) : b[key];
    const ratio = x && y && !/items/.test(name) ? `${fmt(y / x)}×` : '';
    md += `| ${name} | ${fmt(x)} | ${fmt(y)} | ${ratio} |\n`;
  }
  md += '\n';
}
fs.writeFileSync(path.join(outDir, 'latest.md'), md);
if (argv.includes('--write-results')) fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), md);
console.log(md);
