/**
 * No CMD and no ENTRYPOINT (issue 15): the container runs the base image's CMD, a bare shell in debian, ubuntu and
 * alpine, which exits at once under `docker run -d`. DG102 says so when the image installs a server, whether the
 * Dockerfile installs it or a script it copies in does; CMD or ENTRYPOINT anywhere along the chain, or a base image
 * whose CMD is not known, keeps it quiet.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG102 } from '../../../../server/src/rules/stack/DG102-interactiveShellLast';
import { ParsedDocument } from '../../../../server/src/service/document';
import type { ContextEntry, RuleContext } from '../../../../server/src/rules/types';
import { assertBilingual, run, where } from '../hadolint/helpers';

const NGINX = 'RUN apt-get update && apt-get install -y --no-install-recommends nginx\n';

describe('DG102 without CMD: the base image shell runs', () => {
  it('fires on the FROM line of a debian image that installs a server', () => {
    const w = where(DG102, 'FROM debian:bookworm\n' + NGINX);
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 1);
    assert.equal(w[0].text, 'debian:bookworm');
    assert.match(w[0].en, /no CMD or ENTRYPOINT/);
    assert.match(w[0].en, /`debian:bookworm`'s CMD `bash` instead of starting `nginx` \(installed on line 2\)/);
    assert.match(w[0].en, /docker run -d.*exits at once/);
    assert.match(w[0].ko, /`nginx` 패키지\(2번 줄에서 설치\)의 서버를 시작하지 않고/);
    assert.match(w[0].ko, /CMD인 `bash` 셸을 실행합니다/);
    assertBilingual(run(DG102, 'FROM debian:bookworm\n' + NGINX));
  });

  it('names the shell each known base image runs: ubuntu bash (/bin/bash on xenial), alpine /bin/sh', () => {
    assert.match(where(DG102, 'FROM ubuntu:22.04\n' + NGINX)[0].en, /CMD `bash`/);
    assert.match(where(DG102, 'FROM ubuntu:16.04\n' + NGINX)[0].en, /CMD `\/bin\/bash`/);
    const a = where(DG102, 'FROM alpine:3.20\nRUN apk add --no-cache nginx php83-fpm\n');
    assert.equal(a.length, 1);
    assert.match(a[0].en, /CMD `\/bin\/sh` instead of starting `nginx`.* sh reads an empty input/);
  });

  it('fires when a copied install script installs the server, run by a RUN or not', () => {
    const setup = { 'srcs/setup.sh': '#!/bin/sh\napt-get -y install mariadb-server\n' };
    const ran = where(DG102, 'FROM debian:buster\nCOPY srcs/setup.sh /tmp/\nRUN sh /tmp/setup.sh\n', setup);
    assert.equal(ran.length, 1);
    assert.match(ran[0].en, /`mariadb-server` \(installed by `srcs\/setup\.sh` line 2\)/);
    assert.match(ran[0].ko, /`srcs\/setup\.sh` 파일 2번 줄에서 설치/);
    // Copied and left for someone to run by hand: the image's own command is still the shell.
    const byHand = { 'tools/install': '#!/bin/bash\nset -e\napt-get update\napt-get install -y php7.3-fpm\n' };
    const h = where(DG102, 'FROM debian:buster\nCOPY tools/install .\n', byHand);
    assert.equal(h.length, 1);
    assert.match(h[0].en, /`php7\.3-fpm` \(installed by `tools\/install` line 4\)/);
  });

  it('reads the scripts of a copied folder when the host lists it', () => {
    const files: Record<string, string> = { 'srcs/nginx.conf': 'server { listen 80; }\n', 'srcs/bin/build.sh': 'apt-get install -y nginx\n' };
    const dirs: Record<string, ContextEntry[]> = {
      srcs: [
        { name: 'nginx.conf', dir: false },
        { name: 'bin', dir: true },
      ],
      'srcs/bin': [{ name: 'build.sh', dir: false }],
    };
    const ctx: RuleContext = {
      doc: new ParsedDocument('file:///x/Dockerfile', 1, 'FROM debian:bookworm\nCOPY srcs /root/\n'),
      readContextFile: (p) => files[p] ?? null,
      contextEntries: (d) => dirs[d] ?? null,
    };
    const f = DG102.check(ctx);
    assert.equal(f.length, 1);
    assert.match(f[0].message.en, /installed by `srcs\/bin\/build\.sh` line 1/);
    // Without the folder listing, a copied folder is not read.
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\nCOPY srcs /root/\n', files), []);
  });

  it('fires on the final FROM when the server is installed in the stage it is built from', () => {
    const w = where(DG102, 'FROM debian:bookworm AS base\n' + NGINX + 'FROM base\nRUN echo ready > /ready\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].line, 3);
    assert.equal(w[0].text, 'base');
    assert.match(w[0].en, /`debian:bookworm`'s CMD `bash`/);
  });

  it('stays quiet with a CMD, an ENTRYPOINT, or a CMD in the parent stage', () => {
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\n' + NGINX + 'CMD ["nginx", "-g", "daemon off;"]\n'), []);
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\n' + NGINX + 'ENTRYPOINT ["nginx", "-g", "daemon off;"]\n'), []);
    const parent = 'FROM debian:bookworm AS base\n' + NGINX + 'CMD ["nginx", "-g", "daemon off;"]\nFROM base\nRUN echo ready > /ready\n';
    assert.deepEqual(where(DG102, parent), []);
  });

  it('stays quiet when the base image is unknown, has its own command, or nothing serves', () => {
    assert.deepEqual(where(DG102, 'FROM registry.example.com/team/base:1\n' + NGINX), [], 'unknown base: its CMD cannot be known');
    assert.deepEqual(where(DG102, 'FROM corp/debian-tools\n' + NGINX), [], 'not an official image');
    assert.deepEqual(where(DG102, 'FROM python:3.12-slim\n' + NGINX), [], 'python runs python3');
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl nginx-doc\n'), [], 'no server');
    assert.deepEqual(where(DG102, 'FROM debian:bookworm\nCOPY srcs/notes.txt /\n', { 'srcs/notes.txt': 'apt-get install -y nginx\n' }), [], 'not a script');
  });

  it('counts only the stages the final one is built from', () => {
    const text = 'FROM debian:bookworm AS build\n' + NGINX + 'FROM alpine:3.20\nCOPY --from=build /etc/nginx /etc/nginx\n';
    assert.deepEqual(where(DG102, text), []);
  });

  it('explains the inherited CMD in the hover, in both languages', () => {
    assert.match(DG102.why.en, /neither CMD nor ENTRYPOINT runs its base image's CMD/);
    assert.match(DG102.why.en, /`-i` or `-t`/);
    assert.match(DG102.why.ko, /CMD와 ENTRYPOINT가 모두 없는 Dockerfile은 베이스 이미지의 CMD를 그대로 실행/);
    assert.match(DG102.why.ko, /`-i` 옵션이나 `-t` 옵션/);
  });
});
