// Paths and the sandboxed environment shared by `npm start`, the e2e runner and the UI smoke test.
// Everything a run writes (code-server config, logs, extension-host sockets, Chromium's crash dir)
// stays under the project: .code-server/ (kept between runs) and .tmp/ (per run, removed on success).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TOOLS_DIR = path.join(ROOT, 'scripts/e2e/tools');
export const CODE_SERVER_BIN = path.join(TOOLS_DIR, 'node_modules/.bin/code-server');
export const CODE_SERVER_PKG = path.join(TOOLS_DIR, 'node_modules/code-server/package.json');
/** Kept between runs: the `npm start` profile and the install stamp. */
export const STATE_DIR = path.join(ROOT, '.code-server');
/** Per-run scratch folders. Short on purpose: Unix socket paths under it must stay below 108 bytes. */
export const TMP_ROOT = path.join(ROOT, '.tmp');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const EXAMPLE_DIR = path.join(ROOT, 'examples/ft_server');

/**
 * A fresh per-run folder under .tmp/ (e.g. .tmp/e2e-Ab12Cd). The extension host puts Unix sockets
 * (vscode-ipc-<uuid>.sock, 50 bytes) two levels below it, and socket paths must stay under 108 bytes:
 * when the project sits too deep for that, the run folder goes to the system temp dir instead
 * (still removed after a passing run).
 */
export function makeRunDir(prefix) {
  let base = TMP_ROOT;
  if (path.join(base, `${prefix}-XXXXXX`, 't').length > 50) base = os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, base === TMP_ROOT ? `${prefix}-` : `dockerfile-guide-${prefix}-`));
}

/**
 * The environment for code-server and Chromium: HOME-like folders point into `dir`, the marketplace is
 * off (no network here), and TMPDIR keeps the extension host's sockets out of /tmp.
 */
export function sandboxEnv(dir, extra = {}) {
  const xdg = path.join(dir, 'xdg');
  const tmp = path.join(dir, 't');
  for (const d of [xdg, tmp]) fs.mkdirSync(d, { recursive: true });
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: tmp,
    XDG_CONFIG_HOME: xdg,
    XDG_DATA_HOME: xdg,
    XDG_CACHE_HOME: xdg,
    XDG_RUNTIME_DIR: xdg,
    ...extra,
  };
  // A parent VS Code (e.g. a developer running this from a VS Code terminal) must not leak into ours.
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k) && !(k in extra)) delete env[k];
  }
  return env;
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

export const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
