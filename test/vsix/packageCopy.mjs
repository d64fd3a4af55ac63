// Makes the .vsix the way a release does (`npm run package`: the production esbuild build, then vsce), in a copy of
// the project: the production build rewrites dist/, which other suites read at the same time (npm test runs two
// lanes side by side), and test/package packages its own copy, so nothing here writes into the project.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Generated, installed and per-run folders: none of them is an input of the package. */
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.tmp', 'test-results', '.code-server', '.vscode-test']);

/**
 * Packages `root` into `<workDir>/dockerfile-guide.vsix` and removes the copy it built in, so nothing outside the
 * .vsix is left that the installed extension could reach back into.
 * @returns {{ vsix: string, ms: number }}
 */
export function packageVsix(root, workDir) {
  const t0 = Date.now();
  const copy = path.join(workDir, 'src');
  const tools = path.join(root, 'scripts', 'e2e', 'tools');
  fs.cpSync(root, copy, {
    recursive: true,
    filter: (src) => src === root || (!SKIP.has(path.basename(src)) && src !== tools && !src.endsWith('.vsix')),
  });
  // esbuild and vsce only read node_modules (and vsce --no-dependencies packs none of it).
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  const made = path.join(copy, 'dockerfile-guide.vsix');
  if (!fs.existsSync(made)) throw new Error(`npm run package made no dockerfile-guide.vsix:\n${(r.stdout + r.stderr).slice(-2000)}`);
  const vsix = path.join(workDir, 'dockerfile-guide.vsix');
  fs.renameSync(made, vsix);
  fs.rmSync(copy, { recursive: true, force: true });
  return { vsix, ms: Date.now() - t0 };
}
