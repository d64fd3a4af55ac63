#!/usr/bin/env node
// `npm start`: build the extension, install it into a project-local code-server and open
// examples/ft_server at http://127.0.0.1:8080 (loopback only, --auth none). The first run installs
// code-server (about a minute); later runs start in a few seconds. Ctrl+C stops everything.
//
//   npm start [-- --lang ko|en] [--port 8080] [--folder <dir>] [--no-build]
//
// State kept between runs (git-ignored): .code-server/profile/{user-data,extensions}.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { portIsFree, startCodeServer } from './e2e/lib/codeServer.mjs';
import { EXAMPLE_DIR, ROOT, STATE_DIR, elapsed, sandboxEnv, writeJson } from './e2e/lib/env.mjs';
import { installExtensionCopy } from './e2e/lib/extension.mjs';
import { ensureTools } from './e2e/lib/install.mjs';
import { installKoreanLanguagePack } from './e2e/lib/languagePack.mjs';

const t0 = Date.now();
let opts;
try {
  ({ values: opts } = util.parseArgs({
    options: {
      lang: { type: 'string' },
      port: { type: 'string', default: process.env.PORT || '8080' },
      folder: { type: 'string', default: EXAMPLE_DIR },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}
if (opts.help) {
  console.log('npm start [-- --lang ko|en] [--port 8080] [--folder <dir>] [--no-build]');
  process.exit(0);
}
if (opts.lang !== undefined && !['ko', 'en'].includes(opts.lang)) {
  console.error(`--lang은 ko 또는 en이어야 합니다 / --lang must be ko or en (got ${opts.lang})`);
  process.exit(2);
}
const say = (ko, en) => console.log(`${ko}\n${en}`);

async function main() {
  const port = Number(opts.port);
  if (!(await portIsFree(port))) {
    say(`127.0.0.1:${port} 포트를 이미 다른 프로그램이 쓰고 있습니다. 다른 포트를 쓰려면: npm start -- --port 8081`,
      `Port 127.0.0.1:${port} is already in use. To use another one: npm start -- --port 8081`);
    return 1;
  }
  if (!opts['no-build']) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) {
      say('확장을 빌드하지 못했습니다(npm run build).', 'The extension did not build (npm run build).');
      return 1;
    }
  }
  const tools = ensureTools();

  const profile = path.join(STATE_DIR, 'profile');
  const userDataDir = path.join(profile, 'user-data');
  const extensionsDir = path.join(profile, 'extensions');
  const runDir = path.join(STATE_DIR, 'run');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  installExtensionCopy(extensionsDir);

  // User settings: keep what the user changed in the UI; set only the language when --lang is given.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    settings = { 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false };
  }
  if (opts.lang) settings['dockerfileGuide.language'] = opts.lang;
  writeJson(settingsFile, settings);

  const locale = opts.lang;
  if (opts.lang === 'ko') {
    const pack = installKoreanLanguagePack(extensionsDir, userDataDir, tools);
    if (pack.kind === 'local') {
      say('VS Code 한국어 언어 팩을 받을 수 없어(확장 갤러리에 연결할 수 없음) 최소 언어 팩을 설치했습니다. 확장은 한국어로, VS Code 자체 메뉴는 영어로 보입니다.',
        'The VS Code Korean language pack is not reachable (no extension gallery), so a minimal pack is installed: the extension shows Korean, VS Code\'s own menus stay English.');
    } else if (!pack.ok) {
      say(`한국어 표시 언어를 준비하지 못했습니다: ${pack.reason}`, `Could not prepare the Korean display language: ${pack.reason}`);
    }
  }

  const server = await startCodeServer({
    bin: tools.codeServer,
    port,
    userDataDir,
    extensionsDir,
    runDir,
    env: sandboxEnv(runDir),
    locale,
  });
  const folder = path.resolve(opts.folder);
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log('');
  say(`도커파일 가이드가 설치된 VS Code가 준비되었습니다(${elapsed(t0)}). 브라우저에서 여세요:`,
    `VS Code with Dockerfile Guide is ready (${elapsed(t0)}). Open in your browser:`);
  console.log(`\n    ${url}\n`);
  say(`이 컴퓨터(127.0.0.1)에서만 열 수 있습니다. 끝내려면 Ctrl+C를 누르세요. 로그: ${path.relative(ROOT, server.logFile)}`,
    `Reachable from this machine (127.0.0.1) only. Press Ctrl+C to stop. Log: ${path.relative(ROOT, server.logFile)}`);

  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${sig}: code-server를 종료합니다 / stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void stop(s));
  const why = await server.exited;
  if (!stopping) {
    say('code-server가 예기치 않게 종료되었습니다.', 'code-server stopped unexpectedly.');
    console.error(why);
    await server.stop();
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
