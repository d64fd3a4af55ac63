#!/usr/bin/env node
// Makes a fresh checkout ready, so that `npm start` and `npm test` are the only two commands anyone needs.
// Runs as npm's `prestart`/`pretest` hook with plain Node (no dependencies), and is quick when all is there:
//   - npm packages: `npm ci` when node_modules is missing or older than package-lock.json;
//   - for tests, as root on Debian: the system packages the suites use (scripts/ci/apt-install.sh) and a running
//     Docker engine (scripts/ci/dockerd-up.sh; an empty one when DFG_FRESH_ENGINE=1).
// Usage: node scripts/setup.mjs start|test
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] ?? 'test';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status}) / 실패했습니다 (종료 코드 ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = fs.existsSync('/etc/debian_version');

if (purpose === 'test' && isRoot && isDebian) run('bash', ['scripts/ci/apt-install.sh']);

const stamp = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < fs.statSync(lock).mtimeMs) {
  console.log('installing npm packages / npm 패키지를 설치합니다');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (purpose === 'test') {
  // DFG_FRESH_ENGINE=1 (set by .ci/run under CI): start from an engine with no images and no containers.
  if (isRoot && isDebian) run('bash', ['scripts/ci/dockerd-up.sh', ...(process.env.DFG_FRESH_ENGINE === '1' ? ['--fresh'] : [])]);
  else console.log('not root on Debian: using the Docker engine as it is / root가 아니므로 Docker 엔진 설치와 시작은 건너뜁니다');
}
