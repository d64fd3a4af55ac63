#!/usr/bin/env node
// Runs node's test runner over every *.test.ts under the given folders (Node 20 has no --test globs).
// Usage: node scripts/run-tests.mjs test/unit [test/lsp ...] [-- extra node --test flags]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const dirs = sep < 0 ? argv : argv.slice(0, sep);
const extra = sep < 0 ? [] : argv.slice(sep + 1);

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  if (fs.statSync(dir).isFile()) {
    out.push(dir);
    return out;
  }
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) walk(p, out);
    else if (/\.test\.(ts|mjs|js)$/.test(ent.name)) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => walk(d, [])).sort();
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
// Suites that talk to the bundles in dist/ (the server over LSP, the CLI, the packaged files) would test whatever an
// earlier build left there when run on their own (`npm run test:lsp`): build first, unless `npm test` already did.
const USES_DIST = /^test\/(lsp|cli|fuzz|package|stack|doctor|editors)(\/|$)/;
if (!process.env.DFG_BUILT && files.some((f) => USES_DIST.test(f.split(path.sep).join('/')))) {
  const b = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
