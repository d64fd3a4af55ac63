// Installs what `npm start` and the e2e tests need, on first use, and does nothing (in milliseconds)
// when it is already there:
//   * Debian packages: chromium (the workbench client) with a Hangul font, ripgrep and libkrb5-dev
//     (code-server's build needs);
//   * code-server, pinned by scripts/e2e/tools/package-lock.json, into scripts/e2e/tools/node_modules.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER_BIN, CODE_SERVER_PKG, STATE_DIR, TMP_ROOT, TOOLS_DIR, elapsed } from './env.mjs';

// fonts-nanum: Hangul glyphs for Chromium, so screenshots show Korean text instead of empty boxes.
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'fonts-nanum'];
const STAMP = path.join(STATE_DIR, 'tools.stamp');

const say = (ko, en) => console.log(`[setup] ${ko} / ${en}`);

function missingDebianPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `필요한 시스템 패키지가 없습니다 / missing system packages: ${missing.join(' ')}\n` +
        `  sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  say(`시스템 패키지를 설치합니다: ${missing.join(' ')}`, `installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
  };
  run(['update', '-q']);
  run(['install', '-y', '-q', '--no-install-recommends', ...missing]);
}

/** Identifies one install: the lockfile's content and the Node major it was built for (native modules). */
function wantedStamp() {
  const lock = fs.readFileSync(path.join(TOOLS_DIR, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 16);
  return `${hash} node${process.versions.node.split('.')[0]}`;
}

function codeServerInstalled(stamp) {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() === stamp && fs.existsSync(CODE_SERVER_BIN) && fs.existsSync(CODE_SERVER_PKG);
  } catch {
    return false;
  }
}

/**
 * `npm ci` in scripts/e2e/tools with the settings code-server's install needs on this kind of machine:
 *  - npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it;
 *  - npm_config_yes: node-pty's postinstall calls `npx node-gyp`, which a `yes=false` npmrc would cancel;
 *  - a seeded @vscode/ripgrep download cache (from Debian's rg), because its postinstall would
 *    otherwise fetch a binary from GitHub, which this network cannot reach.
 */
function installCodeServer(stamp) {
  const t0 = Date.now();
  say('code-server를 설치합니다(처음 한 번, 약 1분)', 'installing code-server (first run only, about a minute)');
  const tmp = path.join(TMP_ROOT, 'tools-install');
  fs.rmSync(tmp, { recursive: true, force: true });
  const rgCache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const rgDir = path.join(tmp, 'rg');
  fs.mkdirSync(rgCache, { recursive: true });
  fs.mkdirSync(rgDir, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is not installed');
  fs.copyFileSync(rg, path.join(rgDir, 'rg'));
  const tar = spawnSync('tar', ['czf', path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', rgDir, 'rg']);
  if (tar.status !== 0) throw new Error('could not seed the ripgrep cache');

  const logFile = path.join(tmp, 'npm.log');
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const out = fs.openSync(logFile, 'w');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: TOOLS_DIR, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (r.status !== 0 || !fs.existsSync(CODE_SERVER_BIN)) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    throw new Error(`code-server install failed (npm ci exit ${r.status}); log: ${logFile}\n${tail}`);
  }
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(STAMP, stamp + '\n');
  fs.rmSync(tmp, { recursive: true, force: true });
  say(`code-server 설치를 마쳤습니다 (${elapsed(t0)})`, `code-server installed (${elapsed(t0)})`);
}

/** One install at a time (e.g. `npm start` and `npm run test:e2e` started together on a new machine). */
function withInstallLock(fn) {
  const lock = path.join(STATE_DIR, 'install.lock');
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
      else if (Date.now() > deadline) throw new Error(`another install holds ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Makes sure Chromium and code-server are there; returns their paths and code-server's version. */
export function ensureTools() {
  ensureDebianPackages();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const stamp = wantedStamp();
  if (!codeServerInstalled(stamp)) {
    withInstallLock(() => {
      if (!codeServerInstalled(stamp)) installCodeServer(stamp); // another run may have finished it meanwhile
    });
  }
  const version = JSON.parse(fs.readFileSync(CODE_SERVER_PKG, 'utf8')).version;
  return { codeServer: CODE_SERVER_BIN, chromium: CHROMIUM, version };
}

// `node scripts/e2e/lib/install.mjs` installs and reports, for a warm-up step or by hand.
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  try {
    const t = ensureTools();
    console.log(`code-server ${t.version}: ${t.codeServer}\nchromium: ${t.chromium}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
