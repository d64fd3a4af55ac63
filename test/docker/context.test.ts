// The explainer through a Docker context, with DOCKER_HOST unset: the case that used to work in the sidebar only.
// A private dockerd (its own socket, data root, exec root and network namespace; helpers.ts privateDaemon) holds an
// image with a CMD no other engine has; a context in a temporary DOCKER_CONFIG points at it and is the current one.
// Then the CLI's `explain` and the shared inspect (common/src/engine/inspect.ts) must both read that CMD from the
// engine. The main engine is only asked whether it has the image (it must not, or the test would prove nothing);
// the private engine and every temporary folder are removed afterwards, whatever happened.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultEndpoint, inspectImageConfig } from '../../common/src/engine/inspect';
import { ensureBusyboxImage, imageExists, MAIN_HOST } from '../engine/images';
import { privateDaemon, runId, setupMainEngine, sh, TEST_LABEL, type PrivateDaemon } from './helpers';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const CONTEXT = 'dfg-private';
/** A CMD no base image has: seeing it proves the answer came from the private engine. */
const CMD = ['/bin/busybox', 'httpd', '-f', '-p', '8123'];

/** The environment of a user whose only engine setting is the current context: no DOCKER_HOST, no DOCKER_CONTEXT. */
function contextEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir, LANG: 'C.UTF-8', LC_ALL: '', DOCKERFILE_GUIDE_LANG: '' };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH']) delete env[k];
  return env;
}

describe('explain through a docker context pointing at a private dockerd, DOCKER_HOST unset', () => {
  const id = runId();
  const image = `dfg-ctx/httpd:${id}`;
  let daemon: PrivateDaemon | undefined;
  let configDir = '';
  let work = '';
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first / 먼저 npm run build를 실행하세요`);
    setupMainEngine();
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-ctx-config-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-ctx-work-'));
    daemon = privateDaemon();
    await daemon.start();
    // The project's busybox base on the private engine (test/engine/images.ts), and on it an image with the CMD
    // under test, built by the classic builder (a CMD-only Dockerfile from stdin: no context, no network).
    const base = ensureBusyboxImage(daemon.host);
    execFileSync('docker', ['-H', daemon.host, 'build', '-q', '-t', image, '--label', `${TEST_LABEL}=${id}`, '-'], {
      input: `FROM ${base}\nCMD ${JSON.stringify(CMD)}\n`,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    // The context as the docker CLI itself writes it (config.json's currentContext, contexts/meta/<sha256>/meta.json).
    sh('docker', ['--config', configDir, 'context', 'create', CONTEXT, '--docker', `host=${daemon.host}`]);
    sh('docker', ['--config', configDir, 'context', 'use', CONTEXT]);
    env = contextEnv(configDir);
  });

  after(async () => {
    try {
      await daemon?.destroy();
    } finally {
      for (const d of [configDir, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('the setup means something: only the context reaches the image', () => {
    assert.equal(imageExists(image, MAIN_HOST), false, 'the main engine must not have the image');
    // `env` itself, not merged over process.env: a DOCKER_HOST of the machine running the tests must not come back.
    const viaCli = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Cmd}}', image], { env, encoding: 'utf8' }));
    assert.deepEqual(viaCli, CMD, 'the docker CLI reaches it through the current context');
  });

  it('(a) the CLI explain shows the CMD the engine of the context reports', () => {
    const file = path.join(work, 'Dockerfile');
    fs.writeFileSync(file, `FROM ${image}\nRUN true\n`);
    const json = spawnSync(process.execPath, [CLI, 'explain', file, '--format', 'json', '--lang', 'en'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(json.status, 0, json.stderr);
    const j = JSON.parse(json.stdout);
    assert.deepEqual(j.argv, CMD);
    assert.equal(j.cmdOrigin.source, 'engine');
    assert.equal(j.baseImage, image);
    const text = spawnSync(process.execPath, [CLI, 'explain', file, '--lang', 'en'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /httpd -f -p 8123/);
    // Without the engine the image is unknown: the CMD above came from the engine, not from a table.
    const offline = spawnSync(process.execPath, [CLI, 'explain', file, '--format', 'json', '--no-engine'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(offline.status, 0, offline.stderr);
    assert.notDeepEqual(JSON.parse(offline.stdout).argv, CMD);
  });

  it('(b) the shared inspect finds the image through the current context, by default and with the resolved endpoint', async () => {
    const ep = defaultEndpoint(env);
    assert.equal(ep?.source, 'context');
    assert.equal(ep?.contextName, CONTEXT);
    assert.equal(ep?.socketPath, daemon!.socket);
    const expected = { entrypoint: null, cmd: CMD, shell: null };
    assert.deepEqual(await inspectImageConfig(image, { endpoint: ep, timeoutMs: 10_000 }), expected);
    // With no endpoint given, inspect resolves one from process.env as the CLI does.
    const saved = { ...process.env };
    try {
      for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
      Object.assign(process.env, env);
      assert.deepEqual(await inspectImageConfig(image, { timeoutMs: 10_000 }), expected);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    // Without the context (an empty DOCKER_CONFIG) the same call lands on the default socket, which lacks the image.
    const emptyConfig = path.join(work, 'no-context');
    fs.mkdirSync(emptyConfig);
    assert.equal(defaultEndpoint(contextEnv(emptyConfig))?.source, 'default');
    assert.equal(await inspectImageConfig(image, { endpoint: defaultEndpoint(contextEnv(emptyConfig)) }), null);
  });
});
