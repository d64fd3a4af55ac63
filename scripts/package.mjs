#!/usr/bin/env node
// `npm run package [-- <more vsce options>]`: the production bundles (esbuild.mjs --production), then
// dockerfile-guide.vsix with @vscode/vsce. Options given after `--` go to `vsce package` after ours (a later `-o`
// wins, as test/package/vsix.test.ts uses it).
//
// Two vsce options stay, on purpose:
//  --allow-missing-repository  The project has no public home yet, so package.json has no `repository`: any URL
//      there would be a placeholder the Marketplace page shows as "Repository"/"Source". Without the option,
//      vsce 3.x (lib/package.js, ManifestProcessor.onEnd) warns "A 'repository' field is missing" and asks
//      "Do you want to continue? [y/N]" — in a terminal that question stops `npm run package`; when stdout is not a
//      terminal vsce answers "y" itself. The option only skips that question; nothing else changes.
//  --no-rewrite-relative-links  README.md shows its screenshots by relative paths (media/screenshots/…). vsce rewrites
//      relative links against the repository URL (ReadmeProcessor) and, with none, fails the package ("Couldn't
//      detect the repository where this extension is published"). The screenshots ship in the .vsix (.vscodeignore
//      keeps media/**), and VS Code's extension page resolves the relative paths inside the installed extension.
// --no-dependencies: the bundles in dist/ carry every runtime dependency, so node_modules is not packed.
// The license check needs no option any more: LICENSE ships (package.json "license": "MIT").
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(['esbuild.mjs', '--production']);
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
run([vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', 'dockerfile-guide.vsix', ...process.argv.slice(2)]);
