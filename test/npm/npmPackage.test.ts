/**
 * The npm package (`npm run pack:cli` → dockerfile-guide-<version>.tgz) as a user gets it: packed, installed globally
 * into an empty prefix with `--offline` (so it cannot have a dependency to fetch), and run from a folder outside the
 * project with its own HOME and a bare environment, so nothing of the project (its dist/, node_modules, package.json)
 * can stand in for what the tarball lacks. The CLI checks, explains and scaffolds; the server bin speaks LSP over stdio.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANGUL, hoverText, LspClient } from '../lsp/lspClient';

const root = path.resolve(__dirname, '../..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const BUNDLES = ['cli', 'server', 'lsp', 'service', 'worker'];
/** What the tarball holds, all of it: the bins and the bundles they load, and npm's usual three. */
const EXPECTED_FILES = ['LICENSE', 'README.md', 'package.json', ...BUNDLES.map((b) => `dist/${b}.js`)].map((f) => `package/${f}`).sort();
/**
 * The only modules the bundles may load that Node does not have: ssh2's optional native speed-ups (through
 * dockerode, for ssh:// engine hosts), each required inside a try/catch with a JavaScript fallback.
 */
const OPTIONAL_NATIVE = ['cpu-features', './crypto/build/Release/sshcrypto.node'];

let tmp: string;
let tarball: string;
let prefix: string;
let work: string;
/** A bare environment: node on PATH, a HOME of its own, no npm_* or DOCKERFILE_GUIDE_* settings from this run. */
let env: NodeJS.ProcessEnv;

const bin = (name: string) => path.join(prefix, 'bin', name);

function run(name: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(bin(name), args, { cwd: work, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-npm-'));
  prefix = path.join(tmp, 'prefix');
  work = path.join(tmp, 'work');
  const home = path.join(tmp, 'home');
  for (const d of [prefix, work, home]) fs.mkdirSync(d);
  env = { PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: home, LANG: 'C.UTF-8' };

  // The pack script refuses to pack without the root LICENSE; its message then fails this test.
  const pack = spawnSync(process.execPath, ['scripts/pack-cli.mjs', '--out', tmp], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(pack.status, 0, `npm run pack:cli failed:\n${pack.stdout}\n${pack.stderr}`);
  tarball = path.join(tmp, `dockerfile-guide-${rootPkg.version}.tgz`);
  assert.ok(fs.existsSync(tarball), `no ${path.basename(tarball)} in ${fs.readdirSync(tmp).join(', ')}`);

  // From the work folder, with npm's cache and user config in the temporary HOME: `--offline` fails on any fetch.
  const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--no-update-notifier', tarball], {
    cwd: work,
    env: { ...env, npm_config_cache: path.join(home, '.npm') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(install.status, 0, `npm install -g failed:\n${install.stdout}\n${install.stderr}`);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The tarball's entries, and one entry's text, read with tar (npm writes a plain gzipped tar). */
function tarList(): string[] {
  const r = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}
function tarText(entry: string): string {
  const r = spawnSync('tar', ['-xzOf', tarball, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the tarball holds the two bins, the bundles they load, README, LICENSE and package.json, nothing else', () => {
  assert.deepEqual(tarList(), EXPECTED_FILES);
  // The minified bundles are ~0.65 MB gzipped; a stray node_modules, source maps or the VS Code client would not fit.
  const size = fs.statSync(tarball).size;
  assert.ok(size < 1024 * 1024, `the tarball is ${size} bytes`);
  assert.equal(tarText('package/LICENSE'), fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), 'the root LICENSE, as it is');
  assert.match(tarText('package/LICENSE'), /^MIT License/);
  assert.equal(tarText('package/README.md'), fs.readFileSync(path.join(root, 'README.md'), 'utf8'), 'the root README, as it is');
});

test("the tarball's package.json: same name and version as the extension, two bins, no dependencies or scripts", () => {
  const pkg = JSON.parse(tarText('package/package.json'));
  assert.equal(pkg.name, 'dockerfile-guide');
  assert.equal(pkg.version, rootPkg.version);
  assert.equal(pkg.license, 'MIT');
  assert.deepEqual(pkg.bin, { 'dockerfile-guide': 'dist/cli.js', 'dockerfile-guide-server': 'dist/server.js' });
  assert.deepEqual(pkg.engines, { node: '>=20' });
  assert.deepEqual([...pkg.files].sort(), BUNDLES.map((b) => `dist/${b}.js`).sort());
  assert.ok(pkg.description && pkg.keywords.includes('dockerfile'));
  for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'private', 'contributes', 'main']) {
    assert.equal(pkg[k], undefined, `package.json has ${k}`);
  }
});

test('the bundles load only Node built-ins (and ssh2’s optional native helpers), and name no path of this machine', () => {
  const installed = path.join(prefix, 'lib', 'node_modules', 'dockerfile-guide');
  assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'npm installed dependencies');
  for (const b of BUNDLES) {
    const text = fs.readFileSync(path.join(installed, 'dist', `${b}.js`), 'utf8');
    const loaded = new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]).filter((m) => !isBuiltin(m)));
    assert.deepEqual([...loaded].filter((m) => !OPTIONAL_NATIVE.includes(m)), [], `${b}.js requires modules that are not in the package`);
    // A require of a computed name would escape the check above.
    assert.doesNotMatch(text, /\brequire\(\s*[A-Za-z_$][\w$]*\s*\)/, `${b}.js requires a computed module name`);
    // An absolute path of the build machine would be a file the installed package reads from the project.
    assert.ok(!text.includes(root), `${b}.js names ${root}`);
  }
  // The bin links npm made point into the installed package, and both start with a shebang.
  for (const [name, file] of [['dockerfile-guide', 'cli.js'], ['dockerfile-guide-server', 'server.js']]) {
    assert.equal(fs.realpathSync(bin(name)), fs.realpathSync(path.join(installed, 'dist', file)));
    assert.match(fs.readFileSync(bin(name), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  }
});

test('dockerfile-guide --version and dockerfile-guide-server --version print the version of package.json', () => {
  for (const name of ['dockerfile-guide', 'dockerfile-guide-server']) {
    const r = run(name, ['--version']);
    assert.equal(r.error, undefined);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${rootPkg.version}\n`);
  }
});

const DOCKERFILE = 'FROM debian\nEXPOSE 80000\nCMD nginx -g "daemon off;"\n';

test('check: findings in Korean from a Korean locale and in English with --lang en; an error means exit code 1', () => {
  fs.writeFileSync(path.join(work, 'Dockerfile'), DOCKERFILE);
  const ko = run('dockerfile-guide', ['check', 'Dockerfile'], { LANG: 'ko_KR.UTF-8' });
  assert.equal(ko.code, 1, ko.stdout + ko.stderr);
  assert.match(ko.stdout, /^Dockerfile:2:8: 오류 DL3011 80000번 포트는 0~65535 범위를 벗어납니다$/m);
  assert.match(ko.stdout, /^Dockerfile:1:6: 경고 DL3006 /m);
  assert.match(ko.stderr, /^파일 1개 검사: 오류 1개, 경고 \d+개/m);

  const en = run('dockerfile-guide', ['check', '--lang', 'en', 'Dockerfile']);
  assert.equal(en.code, 1, en.stdout + en.stderr);
  assert.match(en.stdout, /^Dockerfile:2:8: error DL3011 Port 80000 is outside 0–65535$/m);
  assert.doesNotMatch(en.stdout, HANGUL);

  // Without an error the exit code is 0 (the warning about the untagged image stays).
  fs.writeFileSync(path.join(work, 'Dockerfile.ok'), DOCKERFILE.replace('80000', '80'));
  const ok = run('dockerfile-guide', ['check', '--lang', 'en', 'Dockerfile.ok']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^Dockerfile\.ok:1:6: warning DL3006 /m);
});

test('explain: the command line the container runs, for a shell-form CMD', () => {
  fs.writeFileSync(path.join(work, 'Dockerfile'), DOCKERFILE);
  const json = run('dockerfile-guide', ['explain', 'Dockerfile', '--no-engine', '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).argv, ['/bin/sh', '-c', 'nginx -g "daemon off;"']);
  const ko = run('dockerfile-guide', ['explain', 'Dockerfile', '--no-engine'], { LANG: 'ko_KR.UTF-8' });
  assert.equal(ko.code, 0, ko.stderr);
  assert.match(ko.stdout, /^### 이 컨테이너가 실제로 실행하는 명령$/m);
  assert.ok(ko.stdout.includes(`\`docker run IMAGE\` → \`/bin/sh -c 'nginx -g "daemon off;"'\``), ko.stdout);
});

test('new-stack: writes the web stack into a new folder, and its Dockerfile checks without errors', () => {
  const r = run('dockerfile-guide', ['new-stack', 'site', '--lang', 'en']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const files = ['Dockerfile', 'srcs/nginx.conf', 'srcs/start.sh', 'srcs/init.sql', 'srcs/autoindex.sh', 'srcs/wp-config.php'];
  for (const f of files) {
    const p = path.join(work, 'site', f);
    assert.ok(fs.existsSync(p) && fs.statSync(p).size > 0, `${f} not created`);
    assert.ok(r.stdout.includes(f), `${f} not listed`);
  }
  assert.match(fs.readFileSync(path.join(work, 'site', 'Dockerfile'), 'utf8'), /^FROM debian:/m);
  const check = run('dockerfile-guide', ['check', '--lang', 'en', 'site/Dockerfile']);
  assert.equal(check.code, 0, check.stdout + check.stderr);
});

test('layers with no engine at DOCKER_HOST: the bundled engine client runs and says why in both languages, exit 2', () => {
  const r = run('dockerfile-guide', ['layers', 'busybox', '--lang', 'both'], { DOCKER_HOST: `unix://${path.join(tmp, 'no-engine.sock')}` });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /Docker 엔진에 연결할 수 없습니다.* \/ Cannot reach the Docker engine/);
});

test('dockerfile-guide-server: --help documents --stdio; without a transport it says so and exits 2', () => {
  const help = run('dockerfile-guide-server', ['--help'], { LANG: 'ko_KR.UTF-8' });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^사용법: dockerfile-guide-server --stdio$/m);
  assert.match(help.stdout, /^ {2}--stdio +표준 입력과 표준 출력으로 통신합니다/m);
  const bare = run('dockerfile-guide-server', []);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /editors usually run it with --stdio/);
  assert.equal(bare.stdout, '');
});

test('dockerfile-guide-server --stdio: initialize, Korean diagnostics on open, a Korean hover on RUN, clean exit', async () => {
  const c = new LspClient(['--stdio'], { command: [bin('dockerfile-guide-server')], cwd: work, env });
  try {
    const init = await c.initialize({ language: 'ko' });
    assert.deepEqual(init.serverInfo, { name: 'dockerfile-guide', version: rootPkg.version });
    const uri = pathToFileURL(path.join(work, 'lsp', 'Dockerfile')).href;
    const diagnostics = await c.openAndWait(uri, 'FROM debian:12\nRUN apt-get update\nEXPOSE 80000\n');
    assert.ok(
      diagnostics.some((d: any) => d.message === '80000번 포트는 0~65535 범위를 벗어납니다'),
      JSON.stringify(diagnostics.map((d: any) => d.message)),
    );
    const hover = hoverText(await c.hover(uri, 1, 1));
    assert.match(hover, /^\*\*RUN\*\* — 빌드 중에 명령을 실행하고/);
    assert.ok(hover.includes('**셸 형식**') && hover.includes('**exec 형식**'), hover);
    assert.deepEqual(c.errorsLogged(), []);
  } finally {
    await c.shutdown();
  }
  assert.equal(await c.exited, 0, c.stderr);
  assert.equal(c.stderr, '');
});

/** One LSP message over a socket, framed as over stdio. */
function frame(msg: unknown): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...(msg as object) });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test('dockerfile-guide-server --socket=PORT connects to a client listening on 127.0.0.1, as its --help says', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const connected = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const proc = spawn(bin('dockerfile-guide-server'), [`--socket=${port}`], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
  try {
    const socket = await connected;
    // Messages as they arrive (Content-Length counts bytes), and a wait for the answer to one request.
    const messages: any[] = [];
    let buf = Buffer.alloc(0);
    let wake = () => {};
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (let end; (end = buf.indexOf('\r\n\r\n')) >= 0; ) {
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
        if (buf.length < end + 4 + len) break;
        messages.push(JSON.parse(buf.subarray(end + 4, end + 4 + len).toString('utf8')));
        buf = buf.subarray(end + 4 + len);
      }
      wake();
    });
    const answer = async (id: number): Promise<any> => {
      for (;;) {
        const found = messages.find((m) => m.id === id && m.method === undefined);
        if (found) return found;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    socket.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { language: 'ko' } } }));
    assert.deepEqual((await answer(1)).result.serverInfo, { name: 'dockerfile-guide', version: rootPkg.version });
    socket.write(frame({ method: 'initialized', params: {} }));
    socket.write(frame({ id: 2, method: 'shutdown', params: null }));
    await answer(2);
    socket.write(frame({ method: 'exit', params: null }));
    assert.equal(await exited, 0, stderr);
  } finally {
    clearTimeout(timer);
    proc.kill();
    server.close();
  }
});
