// Bundles the client, the server and the CLI into dist/ so the .vsix ships no node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// scripts/pack-cli.mjs builds the npm package's bundles into its staging folder (`--outdir=out/npm/dist`) without the
// VS Code client (`--only=server,lsp,service,worker,cli`), so that packing never rewrites the dist/ other suites read.
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = option('outdir') ?? 'dist';
const only = option('only')?.split(',');
const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ssh2 (through docker-modem) tries optional native helpers inside try/catch; they are never bundled.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  // common/src/version.ts: `--version` of the CLI and the server.
  define: { __DFG_VERSION__: JSON.stringify(version) },
};

// dockerode requires its BuildKit session module (gRPC, ~380 KB minified) at load time, but only calls it for
// `buildImage(…, {version: '2'})`, which we never use (builds go through the classic builder API). Resolving it to
// a stub that fails loudly keeps the .vsix small without hiding a future use.
const dockerodeSessionStub = {
  name: 'dockerode-session-stub',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      /[\\/]dockerode[\\/]lib$/.test(args.resolveDir) ? { path: 'dockerode-session-stub', namespace: 'stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "module.exports = function () { throw new Error('BuildKit sessions are not bundled in Dockerfile Guide'); };",
      loader: 'js',
    }));
  },
};
// dockerfile-utils 0.16.3 checks stage names with /^[a-z]([a-z0-9_\-.]*)*$/: the nested quantifier backtracks
// exponentially on a long name that ends in an invalid character (`FROM x AS stageaaaa…a]` hung the server for
// minutes; found by the fuzzer). /^[a-z][a-z0-9_\-.]*$/ accepts exactly the same names in linear time. The build
// fails if the pattern is not found, so an upgrade of dockerfile-utils cannot silently drop this.
const SLOW_STAGE_NAME = 'new RegExp(/^[a-z]([a-z0-9_\\-.]*)*$/)';
const FAST_STAGE_NAME = 'new RegExp(/^[a-z][a-z0-9_\\-.]*$/)';
const dockerfileUtilsRedosFix = {
  name: 'dockerfile-utils-stage-name-redos',
  setup(build) {
    build.onLoad({ filter: /dockerfile-utils[\\/]lib[\\/]dockerValidator\.js$/ }, async (args) => {
      const fs = await import('node:fs/promises');
      const text = await fs.readFile(args.path, 'utf8');
      if (!text.includes(SLOW_STAGE_NAME)) throw new Error(`dockerfile-utils changed: ${SLOW_STAGE_NAME} not found in ${args.path}`);
      return { contents: text.replace(SLOW_STAGE_NAME, FAST_STAGE_NAME), loader: 'js' };
    });
  },
};
common.plugins = [dockerodeSessionStub, dockerfileUtilsRedosFix];

// The server is three files, so that a start compiles (or maps from the code cache) only what `initialize` needs:
// dist/server.js is a tiny loader (server/src/lsp/boot.ts), dist/lsp.js the connection and handlers, and dist/service.js
// the parser, validator, rules and docs, loaded after `initialized` and by the diagnostics worker (dist/worker.js).
// The adapter's `require('../service/index')` becomes a code-cached load of dist/service.js.
const serviceAsOwnFile = {
  name: 'service-as-own-file',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/service\/index$/ }, (args) =>
      args.importer.endsWith(`server${path.sep}src${path.sep}lsp${path.sep}server.ts`) ? { path: 'service-file', namespace: 'service-file' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'service-file' }, () => ({
      contents: "module.exports = require('./codeCache').loadCached(require('path').join(__dirname, 'service.js'));",
      resolveDir: path.resolve('server/src/lsp/runtime'),
      loader: 'js',
    }));
  },
};

// server.js and cli.js start with a shebang: they are the npm package's bins (`dockerfile-guide-server`,
// `dockerfile-guide`), which npm links to directly. `node dist/server.js` reads the line as a comment.
const allEntries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/lsp/boot.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/lsp.js', plugins: [...common.plugins, serviceAsOwnFile] },
  { entryPoints: ['server/src/service/index.ts'], outfile: 'dist/service.js' },
  { entryPoints: ['server/src/lsp/workerBoot.ts'], outfile: 'dist/worker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
const entries = allEntries
  .filter((e) => !only || only.includes(path.basename(e.outfile, '.js')))
  .map((e) => ({ ...e, outfile: path.join(outdir, path.basename(e.outfile)) }));
if (only && entries.length !== only.length) throw new Error(`--only=${only.join(',')}: unknown bundle name`);

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  // One short run of the server fills the V8 code cache for this Node (see server/src/codeCache.ts), so that the
  // first start after a build is as quick as the next ones. Not needed for correctness: a failure only warns.
  // Only for dist/: caches belong to the V8 that wrote them and are never packed (an npm install writes its own).
  if (outdir === 'dist') {
    const warm = spawnSync(process.execPath, ['scripts/warm-code-cache.mjs'], { stdio: 'inherit', timeout: 30000 });
    if (warm.status !== 0) console.warn('warning: the code cache warm-up run failed; the server compiles at its first start');
  }
}
