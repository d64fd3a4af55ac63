#!/usr/bin/env node
// `npm run fuzz -- [--seed N] [--iterations M] [--start I] [--time S]`: builds nothing itself (run `npm run build`
// first, as for the LSP tests) and runs the seeded fuzzer in test/fuzz/ against dist/server.js.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('dist/server.js')) {
  console.error('dist/server.js is missing: run `npm run build` first');
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/fuzz/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
