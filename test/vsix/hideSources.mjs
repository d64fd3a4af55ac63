// Runs code-server where the project's sources cannot be seen: a private mount namespace (util-linux `unshare`)
// puts an empty read-only tmpfs over every checkout of this repository (the main one and its git worktrees) and over
// the folders node_modules links point into. code-server itself is installed inside a checkout
// (scripts/e2e/tools/node_modules), so that folder is first bind-mounted to a path of the run's own, and started from
// there. The extension host, the language server and its worker all inherit the namespace: a bundle that reaches for
// a file it forgot to ship (a path baked in at build time, a require() left outside the bundle) finds nothing.
// Needs root (CAP_SYS_ADMIN); without it the caller runs unhidden and says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Every checkout of the repository at `root`, plus where its node_modules links lead. */
export function sourceFolders(root, toolsNodeModules) {
  const found = new Set([root]);
  const r = spawnSync('git', ['-C', root, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' });
  if (r.status === 0) for (const m of r.stdout.matchAll(/^worktree (.+)$/gm)) found.add(m[1]);
  for (const link of [path.join(root, 'node_modules'), toolsNodeModules]) {
    try {
      // …/<checkout>/node_modules or …/<checkout>/scripts/e2e/tools/node_modules: hide the checkout it belongs to.
      const real = fs.realpathSync(link);
      const up = real.endsWith(`${path.sep}scripts${path.sep}e2e${path.sep}tools${path.sep}node_modules`) ? 4 : 1;
      found.add(path.resolve(real, ...Array(up).fill('..')));
    } catch {
      /* not there */
    }
  }
  // A folder inside another hidden one is hidden with it (and could not be mounted over once its parent is empty).
  const all = [...found].map((d) => path.resolve(d)).sort((a, b) => a.length - b.length);
  return all.filter((d, i) => !all.slice(0, i).some((p) => d.startsWith(p + path.sep)));
}

/** Whether this process may make a mount namespace (root with CAP_SYS_ADMIN, util-linux installed). */
export function canHide() {
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * Writes `<runDir>/code-server-hidden.sh`, a drop-in for the code-server executable: same arguments, same process
 * (each step execs the next, so the caller's pid and process group are code-server's), sources hidden.
 * @returns {{ bin: string, hidden: string[] }}
 */
export function hiddenCodeServer({ runDir, root, toolsNodeModules }) {
  const hidden = sourceFolders(root, toolsNodeModules);
  // Named node_modules: code-server's own require() calls look its packages up in a folder of that name.
  const mirror = path.join(runDir, 'cs', 'node_modules');
  fs.mkdirSync(mirror, { recursive: true });
  const inner = [
    'set -e',
    `mount --bind ${q(fs.realpathSync(toolsNodeModules))} ${q(mirror)}`,
    ...hidden.map((d) => `mount -t tmpfs -o ro,size=16k,mode=0555 dfg-hidden ${q(d)}`),
    `exec ${q(path.join(mirror, '.bin', 'code-server'))} "$@"`,
  ].join('\n');
  const bin = path.join(runDir, 'code-server-hidden.sh');
  fs.writeFileSync(bin, `#!/bin/sh\nexec unshare --mount --propagation private /bin/sh -c ${q(inner)} code-server "$@"\n`, { mode: 0o755 });
  return { bin, hidden };
}

/** Whether `file` exists as the process `pid` sees the file system (its mount namespace, through /proc). */
export function visibleTo(pid, file) {
  return fs.existsSync(path.join(`/proc/${pid}/root`, file));
}
