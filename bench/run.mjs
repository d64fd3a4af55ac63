#!/usr/bin/env node
// `npm run bench`: runs the shared LSP benchmark harness (../shared/bench) against our dist/server.js and against
// the anchor, dockerfile-language-server-nodejs@0.15.0, in the same run and on the same inputs, then prints one
// table with both and the ratios the foundation issue sets as targets. Raw JSON goes to bench/results/.
//
//   npm run bench                  3 runs per input, hover sampled (--hover-max 500) on both servers
//   npm run bench -- --runs 1      quicker
//   npm run bench -- --full        every hover (the anchor then needs ~6 min per 10k run)
//   npm run bench -- --write-results   also keep the table in bench/RESULTS.md
//   npm run bench -- --render-only     only redo the table from the newest raw results in bench/results/
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dockerSection } from './docker/render.mjs';

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
const renderOnly = argv.includes('--render-only');
if (!renderOnly) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const benchArgs = full ? '' : '--hover-max 500';
function latest(label) {
  const files = fs.readdirSync(outDir).filter((f) => f.startsWith(label + '-') && f.endsWith('.json')).sort();
  return JSON.parse(fs.readFileSync(path.join(outDir, files.at(-1)), 'utf8'));
}
function suite(label, server) {
  if (renderOnly) return latest(label);
  const args = [path.join(harness, 'run-suite.mjs'), '--runs', String(runs), '--label', label, '--inputs', inputs.join(','), '--out', outDir];
  if (benchArgs) args.push('--bench-args', benchArgs);
  const r = spawnSync(process.execPath, [...args, '--', ...server], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (r.status !== 0) console.error(`${label}: run-suite exited ${r.status}`);
  return latest(label);
}

/**
 * The floor under `initialize`: the harness times it from the moment it writes the request to a just-spawned
 * process, so node's own start is part of every server's figure. This measures a node process that answers
 * initialize with a constant, started and timed the same way (median of 21).
 */
async function nodeFloorMs() {
  const { spawn } = await import('node:child_process');
  const responder = `process.stdin.once('data', () => { const b = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { capabilities: {} } }); process.stdout.write('Content-Length: ' + b.length + '\\r\\n\\r\\n' + b); });`;
  const once = () =>
    new Promise((resolve) => {
      const p = spawn(process.execPath, ['-e', responder], { stdio: ['pipe', 'pipe', 'ignore'] });
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const t0 = performance.now();
      p.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      p.stdout.once('data', () => {
        resolve(performance.now() - t0);
        p.kill();
      });
    });
  const xs = [];
  for (let i = 0; i < 21; i++) xs.push(await once());
  return xs.sort((a, b) => a - b)[10];
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
md += `- node ${process.version}; harness ../shared/bench (lsp-bench.mjs via run-suite.mjs), ${runs} run(s) per input and server, medians; ${full ? 'every hover' : 'hover sampled with --hover-max 500 on both servers'}\n- both servers started the same way: \`node <server.js> --stdio\`\n`;
md += `- floor under \`initialize\` on this machine: a node process that answers it with a constant, timed the same way, needs ${fmt(await nodeFloorMs())} ms (median of 21)\n\n`;
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
// The sidebar's benchmark (npm run bench:docker) keeps its own raw results; its tables go here too.
const dockerResults = path.join(root, 'bench', 'docker', 'results.json');
if (fs.existsSync(dockerResults)) md += dockerSection(JSON.parse(fs.readFileSync(dockerResults, 'utf8')));
fs.writeFileSync(path.join(outDir, 'latest.md'), md);
if (argv.includes('--write-results')) fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), md);
console.log(md);
