import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromImages } from '../../../client/src/explain/fromImages';
import { engineTarget, inspectImageConfig, inspectPath } from '../../../server/src/service/effectiveCommand/inspect';

describe('fromImages', () => {
  it('lists base images, not stages, scratch or unresolved variables', () => {
    const text = [
      'ARG PHP=8.3',
      'ARG TAG',
      'FROM --platform=$BUILDPLATFORM php:${PHP}-fpm AS build',
      'FROM debian:bookworm AS base',
      'FROM base AS web',
      'FROM Build',
      'FROM scratch',
      'FROM alpine:$TAG',
      'from \\',
      '  nginx:1.27',
      'FROM debian:bookworm',
    ].join('\n');
    assert.deepEqual(fromImages(text), ['php:8.3-fpm', 'debian:bookworm', 'nginx:1.27']);
  });
});

describe('engineTarget', () => {
  it('reads DOCKER_HOST', () => {
    assert.deepEqual(engineTarget({}), { socketPath: '/var/run/docker.sock' });
    assert.deepEqual(engineTarget({ DOCKER_HOST: 'unix:///tmp/d.sock' }), { socketPath: '/tmp/d.sock' });
    assert.deepEqual(engineTarget({ DOCKER_HOST: 'tcp://10.0.0.2:2375' }), { host: '10.0.0.2', port: 2375 });
    assert.equal(engineTarget({ DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS_VERIFY: '1' }), null);
    assert.equal(engineTarget({ DOCKER_HOST: 'ssh://me@host' }), null);
  });
});

describe('inspectImageConfig over a unix socket', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-sock-'));
  const socketPath = path.join(dir, 'engine.sock');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === inspectPath('nginx:1.27')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ Id: 'sha256:x', Config: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], Shell: null } }));
    } else if (req.url === inspectPath('slow')) {
      setTimeout(() => res.end('{}'), 2000);
    } else if (req.url === inspectPath('garbage')) {
      res.writeHead(200);
      res.end('not json');
    } else {
      res.writeHead(404);
      res.end('{"message":"No such image"}');
    }
  });
  before(() => new Promise<void>((r) => server.listen(socketPath, r)));
  after(() => {
    server.closeAllConnections?.();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('reads Entrypoint, Cmd and Shell', async () => {
    assert.deepEqual(await inspectImageConfig('nginx:1.27', { socketPath }), { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], shell: null });
    assert.ok(seen.includes('/images/nginx%3A1.27/json'));
  });
  it('gives null for a missing image, bad JSON, a timeout, no engine', async () => {
    assert.equal(await inspectImageConfig('nope', { socketPath }), null);
    assert.equal(await inspectImageConfig('garbage', { socketPath }), null);
    assert.equal(await inspectImageConfig('slow', { socketPath }, 200), null);
    assert.equal(await inspectImageConfig('nginx:1.27', { socketPath: path.join(dir, 'absent.sock') }), null);
    assert.equal(await inspectImageConfig('scratch', { socketPath }), null);
    assert.equal(await inspectImageConfig('$BASE', { socketPath }), null);
  });
});
