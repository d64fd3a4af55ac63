import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ParsedDocument } from '../../../server/src/service/document';
import { documentBaseImages } from '../../../server/src/service/effectiveCommand';
import { contextDirName, defaultInputs, parseHost } from '../../../common/src/engine/endpoint';
import { defaultEndpoint, inspectImageConfig } from '../../../common/src/engine/inspect';

describe('documentBaseImages: what the probe asks the engine about', () => {
  const images = (text: string) => documentBaseImages(new ParsedDocument('file:///w/Dockerfile', 1, text));
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
    assert.deepEqual(images(text), ['php:8.3-fpm', 'debian:bookworm', 'nginx:1.27']);
  });
  it('reads ARGs as the server does: quotes, defaults in ${X:-word}, a stage named through an ARG, ARGs after FROM ignored', () => {
    const text = [
      'ARG REG="ghcr.io/acme"',
      'ARG STAGE=builder',
      'FROM ${REG}/app:1 AS builder',
      'FROM ${DISTRO:-alpine}:3.20',
      'FROM $STAGE',
      'ARG LATE=x',
      'FROM busybox:$LATE',
    ].join('\n');
    assert.deepEqual(images(text), ['ghcr.io/acme/app:1', 'alpine:3.20']);
    assert.deepEqual(images('# no FROM here\nRUN true\n'), []);
  });
});

describe('defaultEndpoint', () => {
  it('follows DOCKER_HOST, then the current docker context, like the sidebar; an unreadable context is null', () => {
    const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-cfg-'));
    try {
      assert.equal(defaultEndpoint({ DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_CONFIG: cfg })?.socketPath, '/tmp/d.sock');
      assert.equal(defaultEndpoint({ DOCKER_HOST: 'ssh://me@host', DOCKER_CONFIG: cfg })?.transport, 'ssh');
      const tls = defaultEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: cfg });
      assert.equal(tls?.tls?.caPath, path.join(cfg, 'ca.pem'));
      const meta = path.join(cfg, 'contexts', 'meta', contextDirName('priv'));
      fs.mkdirSync(meta, { recursive: true });
      fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: 'priv', Endpoints: { docker: { Host: 'unix:///tmp/priv.sock' } } }));
      fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ currentContext: 'priv' }));
      const ep = defaultEndpoint({ DOCKER_CONFIG: cfg });
      assert.equal(ep?.source, 'context');
      assert.equal(ep?.socketPath, '/tmp/priv.sock');
      assert.equal(defaultEndpoint({ DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'gone' }), null);
    } finally {
      fs.rmSync(cfg, { recursive: true, force: true });
    }
  });
});

describe('inspectImageConfig over a unix socket', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-sock-'));
  const socketPath = path.join(dir, 'engine.sock');
  const seen: string[] = [];
  const at = (p: string) => ({ endpoint: parseHost(`unix://${p}`, 'setting', defaultInputs()) });
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/images/nginx%3A1.27/json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ Id: 'sha256:x', Config: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], Shell: null } }));
    } else if (req.url === '/images/slow/json') {
      setTimeout(() => res.end('{}'), 2000);
    } else if (req.url === '/images/garbage/json') {
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
    assert.deepEqual(await inspectImageConfig('nginx:1.27', at(socketPath)), { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], shell: null });
    assert.ok(seen.includes('/images/nginx%3A1.27/json'));
  });
  it('gives null for a missing image, bad JSON, a timeout, no engine', async () => {
    assert.equal(await inspectImageConfig('nope', at(socketPath)), null);
    assert.equal(await inspectImageConfig('garbage', at(socketPath)), null);
    assert.equal(await inspectImageConfig('slow', { ...at(socketPath), timeoutMs: 200 }), null);
    assert.equal(await inspectImageConfig('nginx:1.27', at(path.join(dir, 'absent.sock'))), null);
    assert.equal(await inspectImageConfig('scratch', at(socketPath)), null);
    assert.equal(await inspectImageConfig('$BASE', at(socketPath)), null);
  });
});
