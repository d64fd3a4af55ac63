#!/usr/bin/env node
// `npm run pack:cli`: the command-line tool and the language server as an npm package, dockerfile-guide-<version>.tgz
// in the project root, for `npm install -g ./dockerfile-guide-<version>.tgz`.
//
// The root package.json is the VS Code extension's manifest, and vsce refuses a `files` field next to .vscodeignore,
// so the npm package is packed from its own folder, out/npm/: a production build of the server and CLI bundles
// (straight into out/npm/dist, so packing never rewrites the dist/ that other suites read), a package.json of its
// own (same name and version, bins, `files`, no dependencies: the bundles hold everything they load), the root
// README.md and LICENSE.
//
//   npm run pack:cli [-- --out DIR]     (DIR: where the .tgz goes; default the project root)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = util.parseArgs({ options: { out: { type: 'string', default: root } } });
const stage = path.join(root, 'out', 'npm');
/** The bundles the CLI and the server need; dist/extension.js is the VS Code client's and stays out. */
const BUNDLES = ['cli', 'server', 'lsp', 'service', 'worker'];

function fail(ko, en) {
  console.error(`pack:cli: ${ko}\npack:cli: ${en}`);
  process.exit(1);
}

const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const f of ['README.md', 'LICENSE']) {
  if (!fs.existsSync(path.join(root, f))) {
    fail(`프로젝트 루트에 ${f} 파일이 없어서 npm 패키지를 만들 수 없습니다. 패키지에는 ${f} 파일이 꼭 들어가야 합니다.`, `${f} is missing from the project root; the npm package must ship one, so nothing was packed.`);
  }
}

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${path.join(stage, 'dist')}`, `--only=${BUNDLES.join(',')}`], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) fail('번들을 빌드하지 못했습니다(위의 esbuild 출력을 보세요).', 'building the bundles failed (see esbuild above).');

// What the published package says about itself. Fields the extension manifest may gain (repository, homepage, bugs,
// author) are carried over when present; everything VS Code-only (contributes, activationEvents, the vscode engine,
// displayName's %placeholders%) and all dependencies stay behind.
const pkg = {
  name: rootPkg.name,
  version: rootPkg.version,
  description:
    'Dockerfile checks, explanations and a language server (LSP), in Korean and English: the command-line tool of the Dockerfile Guide VS Code extension. / Dockerfile 검사·설명 도구와 언어 서버(LSP), 한국어와 영어 지원',
  keywords: ['dockerfile', 'containerfile', 'docker', 'lint', 'linter', 'lsp', 'language-server', 'korean'],
  license: rootPkg.license,
  ...Object.fromEntries(['author', 'repository', 'homepage', 'bugs'].filter((k) => rootPkg[k] !== undefined).map((k) => [k, rootPkg[k]])),
  bin: { 'dockerfile-guide': 'dist/cli.js', 'dockerfile-guide-server': 'dist/server.js' },
  files: BUNDLES.map((b) => `dist/${b}.js`),
  engines: { node: rootPkg.engines?.node ?? '>=20' },
};
if (pkg.license !== 'MIT') fail(`package.json의 license 값이 MIT가 아닙니다: ${pkg.license}`, `package.json's license is not MIT: ${pkg.license}`);
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
fs.copyFileSync(path.join(root, 'README.md'), path.join(stage, 'README.md'));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));

// npm's own environment from `npm run` (npm_config_*) would point the pack at the project's settings: packed clean.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
fs.mkdirSync(opts.out, { recursive: true });
const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', path.resolve(opts.out)], { cwd: stage, env, encoding: 'utf8' });
if (pack.status !== 0) fail(`npm pack이 실패했습니다:\n${pack.stderr}`, `npm pack failed:\n${pack.stderr}`);
const [info] = JSON.parse(pack.stdout);
const tarball = path.join(path.resolve(opts.out), info.filename);
console.log(`${path.relative(process.cwd(), tarball) || tarball}: ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`);
for (const f of info.files) console.log(`  ${f.path} ${(f.size / 1024).toFixed(0)} KB`);
