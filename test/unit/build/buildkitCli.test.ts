/**
 * Which docker CLI may build with BuildKit, and how it is pointed at the extension's engine. The CLIs are small
 * scripts that answer `--version` and `buildx version` the way the real ones do (the 28.2.2 one as the newer CLI
 * on this machine's PATH answers without buildx: exit 1 and "unknown command").
 */
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliHostArgs, findBuildkitCli, resetBuildkitProbes, resolveBuilder } from '../../../common/src/engine/buildkitCli';
import { defaultInputs, parseHost } from '../../../common/src/engine/endpoint';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-fakecli-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => resetBuildkitProbes());

function fakeCli(name: string, version: string, buildx: boolean): string {
  const p = path.join(dir, name);
  fs.writeFileSync(
    p,
    [
      '#!/bin/sh',
      `if [ "$1" = "--version" ]; then echo "Docker version ${version}, build abc1234"; exit 0; fi`,
      buildx ? 'if [ "$1" = "buildx" ]; then echo "github.com/docker/buildx v0.12.0 1234"; exit 0; fi' : 'if [ "$1" = "buildx" ]; then echo "docker: unknown command: docker buildx" >&2; exit 1; fi',
      'exit 3',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return p;
}

const unix = parseHost('unix:///var/run/docker.sock', 'setting', defaultInputs());

describe('BuildKit CLI', () => {
  it('a newer CLI without buildx is passed over, with the reason; an older one with its own BuildKit client is used', async () => {
    const newer = fakeCli('docker-28', '28.2.2', false);
    const debian = fakeCli('docker-20', '20.10.24+dfsg1', false);
    const r = await findBuildkitCli(unix, { candidates: [newer, debian] });
    assert.ok(r.ok);
    assert.equal(r.cli.path, debian);
    assert.equal(r.cli.via, 'builtin');
    assert.equal(r.cli.version, '20.10.24+dfsg1');
    assert.deepEqual(r.cli.hostArgs, ['-H', 'unix:///var/run/docker.sock']);
    assert.equal(r.cli.env.DOCKER_BUILDKIT, '1');
  });

  it('the user’s DOCKER_HOST/DOCKER_CONTEXT cannot point the CLI elsewhere', async () => {
    const debian = fakeCli('docker-20b', '20.10.24', false);
    const r = await findBuildkitCli(unix, { candidates: [debian], env: { PATH: '/bin', DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CONTEXT: 'x', DOCKER_TLS_VERIFY: '1' } });
    assert.ok(r.ok);
    assert.equal(r.cli.env.DOCKER_HOST, undefined);
    assert.equal(r.cli.env.DOCKER_CONTEXT, undefined);
    assert.equal(r.cli.env.DOCKER_TLS_VERIFY, undefined);
  });

  it('a newer CLI with buildx counts; one older than 18.09 does not', async () => {
    const withBuildx = fakeCli('docker-27', '27.1.0', true);
    const r = await findBuildkitCli(unix, { candidates: [withBuildx] });
    assert.ok(r.ok && r.cli.via === 'buildx');
    const old = fakeCli('docker-17', '17.06.2-ce', false);
    const r2 = await findBuildkitCli(unix, { candidates: [old] });
    assert.ok(!r2.ok);
    assert.match(r2.reason.en, /version 17\.06\.2-ce\) predates BuildKit/);
  });

  it('none usable: every candidate’s reason, in both languages; asked for by name, a warning and the classic builder', async () => {
    const newer = fakeCli('docker-28b', '28.2.2', false);
    const missing = path.join(dir, 'no-such-docker');
    const r = await findBuildkitCli(unix, { candidates: [newer, missing] });
    assert.ok(!r.ok);
    assert.match(r.reason.en, /^No docker CLI here can build with BuildKit: the docker CLI at .*docker-28b \(version 28\.2\.2\) builds with BuildKit only through the buildx plugin, which is not installed; could not run .*no-such-docker/);
    assert.match(r.reason.ko, /buildx 플러그인/);
    const chosen = await resolveBuilder('buildkit', unix, { candidates: [newer] });
    assert.equal(chosen.builder, 'classic');
    assert.match(chosen.warning!.en, /^BuildKit cannot be used, so the classic builder builds instead\. No docker CLI/);
    const auto = await resolveBuilder('auto', unix, { candidates: [newer] });
    assert.deepEqual(auto, { builder: 'classic' });
    assert.deepEqual(await resolveBuilder('classic', unix, { candidates: [newer] }), { builder: 'classic' });
  });

  it('the endpoint as global flags: unix, tcp with TLS files, tcp without verification, ssh; npipe only on Windows', () => {
    assert.deepEqual(cliHostArgs(unix, 'linux'), ['-H', 'unix:///var/run/docker.sock']);
    const inputs = { ...defaultInputs(), env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } };
    assert.deepEqual(cliHostArgs(parseHost('tcp://10.0.0.5:2376', 'env', inputs), 'linux'), [
      '-H',
      'tcp://10.0.0.5:2376',
      '--tlsverify',
      '--tlscacert',
      '/certs/ca.pem',
      '--tlscert',
      '/certs/cert.pem',
      '--tlskey',
      '/certs/key.pem',
    ]);
    const noVerify = { ...defaultInputs(), env: { DOCKER_TLS: '1' } };
    assert.deepEqual(cliHostArgs(parseHost('tcp://h:2376', 'env', noVerify), 'linux')?.slice(0, 3), ['-H', 'tcp://h:2376', '--tls']);
    assert.deepEqual(cliHostArgs(parseHost('tcp://h:2375', 'setting', { ...defaultInputs(), env: {} }), 'linux'), ['-H', 'tcp://h:2375']);
    assert.deepEqual(cliHostArgs(parseHost('ssh://me@box:2222', 'setting', defaultInputs()), 'linux'), ['-H', 'ssh://me@box:2222']);
    const pipe = parseHost('npipe:////./pipe/docker_engine', 'setting', defaultInputs());
    assert.equal(cliHostArgs(pipe, 'linux'), null);
    assert.deepEqual(cliHostArgs(pipe, 'win32'), ['-H', 'npipe:////./pipe/docker_engine']);
  });

  it('an endpoint the CLI cannot be given: BuildKit not offered, and why', async () => {
    const pipe = parseHost('npipe:////./pipe/docker_engine', 'setting', defaultInputs());
    if (process.platform === 'win32') return;
    const r = await findBuildkitCli(pipe, { candidates: [fakeCli('docker-20c', '20.10.24', false)] });
    assert.ok(!r.ok);
    assert.match(r.reason.en, /engine address cannot be handed to the docker CLI: npipe:/);
  });
});
