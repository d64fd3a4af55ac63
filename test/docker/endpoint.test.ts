// Endpoint resolution like the docker CLI: setting > DOCKER_HOST > docker context > default socket,
// with a real config directory on disk for contexts and TLS files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { connect } from '../../client/src/docker/connection';
import { contextDirName, defaultInputs, EndpointError, resolveEndpoint, type EndpointInputs } from '../../common/src/engine/endpoint';
import { classifyError } from '../../common/src/engine/errors';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-home-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

function inputs(env: NodeJS.ProcessEnv, setting = '', existing: string[] = []): EndpointInputs {
  const base = defaultInputs(setting);
  return { ...base, env, homedir: home, platform: 'linux', exists: (p) => existing.includes(p) || fs.existsSync(p) };
}

function writeContext(name: string, host: string, tls = false, skip = false): void {
  const dir = path.join(home, '.docker', 'contexts', 'meta', contextDirName(name));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } }));
  if (tls) {
    const t = path.join(home, '.docker', 'contexts', 'tls', contextDirName(name), 'docker');
    fs.mkdirSync(t, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(t, f), 'x');
  }
}

describe('resolveEndpoint', () => {
  it('the setting wins over DOCKER_HOST', () => {
    const ep = resolveEndpoint(inputs({ DOCKER_HOST: 'tcp://a:2375' }, 'unix:///run/user/1000/podman/podman.sock'));
    assert.equal(ep.source, 'setting');
    assert.equal(ep.transport, 'unix');
    assert.equal(ep.socketPath, '/run/user/1000/podman/podman.sock');
  });

  it('DOCKER_HOST: unix, tcp, tcp+TLS with DOCKER_CERT_PATH, ssh, bare host:port', () => {
    assert.equal(resolveEndpoint(inputs({ DOCKER_HOST: 'unix:///tmp/d.sock' })).socketPath, '/tmp/d.sock');
    const tcp = resolveEndpoint(inputs({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }));
    assert.deepEqual([tcp.transport, tcp.hostname, tcp.port, tcp.tls], ['tcp', '10.0.0.5', 2375, undefined]);
    const tls = resolveEndpoint(inputs({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }));
    assert.deepEqual(tls.tls, { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true });
    assert.match(tls.label, /TLS/);
    const noVerify = resolveEndpoint(inputs({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' }));
    assert.equal(noVerify.tls?.verify, false);
    const ssh = resolveEndpoint(inputs({ DOCKER_HOST: 'ssh://me@box:2222' }));
    assert.deepEqual([ssh.transport, ssh.username, ssh.hostname, ssh.port, ssh.uri], ['ssh', 'me', 'box', 2222, 'ssh://me@box:2222']);
    assert.equal(resolveEndpoint(inputs({ DOCKER_HOST: 'h:1234' })).uri, 'tcp://h:1234');
  });

  it('the current context from config.json, DOCKER_CONTEXT winning, with TLS files', () => {
    fs.mkdirSync(path.join(home, '.docker'), { recursive: true });
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    writeContext('remote', 'tcp://remote.example:2376', true);
    writeContext('other', 'ssh://u@other');
    const ep = resolveEndpoint(inputs({}));
    assert.equal(ep.source, 'context');
    assert.equal(ep.contextName, 'remote');
    assert.equal(ep.hostname, 'remote.example');
    assert.equal(ep.tls?.verify, true);
    assert.match(ep.tls?.caPath ?? '', /contexts\/tls\/[0-9a-f]{64}\/docker\/ca\.pem$/);
    assert.equal(ep.label, 'remote (tcp://remote.example:2376)');
    const other = resolveEndpoint(inputs({ DOCKER_CONTEXT: 'other' }));
    assert.equal(other.transport, 'ssh');
    assert.equal(resolveEndpoint(inputs({ DOCKER_CONTEXT: 'default' })).source, 'default');
    assert.throws(() => resolveEndpoint(inputs({ DOCKER_CONTEXT: 'missing' })), EndpointError);
  });

  it('a broken config.json falls back to the default socket; Podman is found when Docker is absent', () => {
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), '{ not json');
    const plain = { ...inputs({ XDG_RUNTIME_DIR: '/run/user/1000' }), exists: (p: string) => p === '/run/user/1000/podman/podman.sock' };
    const ep = resolveEndpoint(plain);
    assert.equal(ep.source, 'default');
    assert.equal(ep.socketPath, '/run/user/1000/podman/podman.sock');
    const none = { ...inputs({}), exists: () => false };
    assert.equal(resolveEndpoint(none).socketPath, '/var/run/docker.sock');
  });

  it('malformed hosts are config errors with a bilingual reason; connect() ignores a stray DOCKER_HOST', () => {
    for (const bad of ['ftp://x', 'tcp://']) {
      assert.throws(() => resolveEndpoint(inputs({ DOCKER_HOST: bad })), (e: unknown) => {
        const c = classifyError(e);
        return c.kind === 'config' && c.reason.ko.includes('Docker 호스트 설정');
      });
    }
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://10.255.255.1:9';
    try {
      const cl = connect(resolveEndpoint(inputs({}, 'unix:///var/run/docker.sock')));
      const modem = (cl.api as unknown as { modem: { socketPath?: string; host?: string } }).modem;
      assert.equal(modem.socketPath, '/var/run/docker.sock');
      assert.equal(modem.host, undefined);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});

describe('classifyError', () => {
  it('maps OS and HTTP failures to kinds with ko/en reasons and keeps the engine words', () => {
    const e1 = classifyError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }), '/var/run/docker.sock');
    assert.equal(e1.kind, 'permission');
    assert.match(e1.reason.ko, /docker 그룹/);
    const e2 = classifyError({ statusCode: 500, json: { message: 'driver failed: Bind for 0.0.0.0:80 failed: port is already allocated' } });
    assert.equal(e2.kind, 'engine');
    assert.match(e2.detail, /port is already allocated/);
    assert.equal(classifyError({ statusCode: 404, json: { message: 'No such container: x' } }).kind, 'notFound');
    assert.equal(classifyError(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })).kind, 'tls');
    assert.equal(classifyError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' })).kind, 'timeout');
    assert.equal(classifyError(new Error('socket hang up')).kind, 'connectionLost');
  });
});
