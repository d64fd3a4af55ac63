import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { baseImageConfig } from '../../../server/src/service/baseImages';
import { imageKey, parseImageRef } from '../../../common/src/imageRef';
import { parseEngineImageConfigParams } from '../../../common/src/protocol';

describe('parseImageRef', () => {
  it('reads Docker Hub names, tags, digests and registries', () => {
    assert.deepEqual(parseImageRef('nginx'), { registry: null, repo: 'nginx', tag: null, digest: null });
    assert.deepEqual(parseImageRef('docker.io/library/nginx:1.27'), { registry: null, repo: 'nginx', tag: '1.27', digest: null });
    assert.deepEqual(parseImageRef('localhost:5000/app:v1'), { registry: 'localhost:5000', repo: 'app', tag: 'v1', digest: null });
    assert.deepEqual(parseImageRef('php@sha256:abc'), { registry: null, repo: 'php', tag: null, digest: 'sha256:abc' });
    assert.equal(parseImageRef('$BASE'), null);
    assert.equal(imageKey('NGINX'), 'nginx:latest');
    assert.equal(imageKey('index.docker.io/library/nginx:1'), 'nginx:1');
  });
});

describe('baseImageConfig: the built-in table', () => {
  const cases: [string, string[] | null, string[] | null][] = [
    ['debian:buster', null, ['bash']],
    ['debian:bookworm-slim', null, ['bash']],
    ['ubuntu:22.04', null, ['bash']],
    ['ubuntu:xenial', null, ['/bin/bash']],
    ['alpine:3.20', null, ['/bin/sh']],
    ['busybox', null, ['sh']],
    ['nginx', ['/docker-entrypoint.sh'], ['nginx', '-g', 'daemon off;']],
    ['docker.io/library/nginx:1.27-alpine', ['/docker-entrypoint.sh'], ['nginx', '-g', 'daemon off;']],
    ['nginx:1.17', null, ['nginx', '-g', 'daemon off;']],
    ['mariadb:11.4', ['docker-entrypoint.sh'], ['mariadbd']],
    ['mariadb:10.3', ['docker-entrypoint.sh'], ['mysqld']],
    ['mysql:8.4', ['docker-entrypoint.sh'], ['mysqld']],
    ['php:8.3-fpm', ['docker-php-entrypoint'], ['php-fpm']],
    ['php:7.3-fpm-buster', ['docker-php-entrypoint'], ['php-fpm']],
    ['php:8.3-apache', ['docker-php-entrypoint'], ['apache2-foreground']],
    ['php:8.3-cli', ['docker-php-entrypoint'], ['php', '-a']],
    ['wordpress', ['docker-entrypoint.sh'], ['apache2-foreground']],
    ['wordpress:php8.3-fpm', ['docker-entrypoint.sh'], ['php-fpm']],
    ['wordpress:cli', ['docker-entrypoint.sh'], ['wp', 'shell']],
    ['node:22', ['docker-entrypoint.sh'], ['node']],
    ['python:3.13-slim', null, ['python3']],
    ['golang:1.26', null, ['bash']],
    ['golang:1.26-alpine', null, ['/bin/sh']],
    ['redis:7.2', ['docker-entrypoint.sh'], ['redis-server']],
    ['postgres:17', ['docker-entrypoint.sh'], ['postgres']],
    ['scratch', null, null],
  ];
  for (const [image, entrypoint, cmd] of cases) {
    it(image, () => {
      const c = baseImageConfig(image);
      assert.ok(c, `${image} is in the table`);
      assert.deepEqual([c.entrypoint, c.cmd, c.source], [entrypoint, cmd, 'table']);
    });
  }
  it('knows nothing of other registries or images', () => {
    assert.equal(baseImageConfig('ghcr.io/acme/nginx'), undefined);
    assert.equal(baseImageConfig('myorg/app'), undefined);
    assert.equal(baseImageConfig('python:3.13-windowsservercore-ltsc2022'), undefined);
  });
  it('validates the client payload', () => {
    assert.deepEqual(parseEngineImageConfigParams({ image: 'x', entrypoint: null, cmd: ['a'] }), { image: 'x', entrypoint: null, cmd: ['a'], shell: null });
    assert.equal(parseEngineImageConfigParams({ image: 'x', entrypoint: 'sh', cmd: null }), null);
    assert.equal(parseEngineImageConfigParams({ entrypoint: null, cmd: null }), null);
  });
});

// The official images' Dockerfiles (../shared/corpus/official), read at test time: every final CMD/ENTRYPOINT that
// such a file sets must be what the table says for that image.
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/official');
describe('baseImageConfig agrees with the official Dockerfiles', () => {
  const files: [string, string][] = [
    ['nginxinc__docker-nginx/stable/debian/Dockerfile', 'nginx:stable'],
    ['nginxinc__docker-nginx/mainline/alpine-slim/Dockerfile', 'nginx:alpine-slim'],
    ['MariaDB__mariadb-docker/11.4/Dockerfile', 'mariadb:11.4'],
    ['MariaDB__mariadb-docker/10.3/Dockerfile', 'mariadb:10.3'],
    ['docker-library__mysql/8.4/Dockerfile.oracle', 'mysql:8.4'],
    ['docker-library__mysql/5.7/Dockerfile.debian', 'mysql:5.7'],
    ['docker-library__php/8.4/bookworm/fpm/Dockerfile', 'php:8.4-fpm'],
    ['docker-library__php/7.3/buster/fpm/Dockerfile', 'php:7.3-fpm'],
    ['docker-library__php/8.4/alpine3.23/fpm/Dockerfile', 'php:8.4-fpm-alpine'],
    ['docker-library__wordpress/latest/php8.3/fpm/Dockerfile', 'wordpress:php8.3-fpm'],
    ['docker-library__wordpress/latest/php8.3/fpm-alpine/Dockerfile', 'wordpress:php8.3-fpm-alpine'],
    ['docker-library__wordpress/php7.3/fpm/Dockerfile', 'wordpress:php7.3-fpm'],
    ['debuerreotype__docker-debian-artifacts/bookworm/Dockerfile', 'debian:bookworm'],
    ['debuerreotype__docker-debian-artifacts/buster/Dockerfile', 'debian:buster'],
    ['tianon__docker-brew-ubuntu-core/jammy/Dockerfile', 'ubuntu:jammy'],
    ['tianon__docker-brew-ubuntu-core/xenial/Dockerfile', 'ubuntu:xenial'],
    ['docker-library__redis/7.2/debian/Dockerfile', 'redis:7.2'],
    ['docker-library__postgres/17/bookworm/Dockerfile', 'postgres:17'],
    ['docker-library__python/3.13/slim-bookworm/Dockerfile', 'python:3.13-slim'],
    ['nodejs__docker-node/22/bookworm-slim/Dockerfile', 'node:22-bookworm-slim'],
  ];
  // Parsed with our own model so that the comparison uses the same exec-form rules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ParsedDocument } = require('../../../server/src/service/document') as typeof import('../../../server/src/service/document');
  for (const [rel, image] of files) {
    const file = path.join(CORPUS, rel);
    it(`${image} ← ${rel}`, () => {
      // A file missing from the corpus fails: a skipped comparison would look the same as a passing one.
      assert.ok(fs.existsSync(file), `${file} is missing`);
      const doc = new ParsedDocument('file://' + file, 1, fs.readFileSync(file, 'utf8'));
      const stage = doc.stages[doc.stages.length - 1];
      const lastOf = (k: string) => [...stage.instructions].reverse().find((i) => i.keyword === k);
      const c = baseImageConfig(image)!;
      const ep = lastOf('ENTRYPOINT');
      const cmd = lastOf('CMD');
      if (ep) assert.deepEqual(c.entrypoint, ep.jsonStrings()!.map((s) => s.value), 'ENTRYPOINT');
      if (cmd) assert.deepEqual(c.cmd, cmd.jsonStrings()!.map((s) => s.value), 'CMD');
      assert.ok(ep || cmd, 'the file sets CMD or ENTRYPOINT');
    });
  }
});
