/**
 * `dockerfile-guide layers` (common/src/layers) on the real engine, with both builders: an image FROM the busybox test
 * image with a RUN that writes 5 MB, a RUN that deletes it, a COPY and an ENV. Every layer maps to its Dockerfile
 * line, the 5 MB shows as wasted between the two RUN lines, the ENV line adds no layer. The classic builder runs
 * through the docker CLI with DOCKER_BUILDKIT=0; BuildKit through Debian's /usr/bin/docker with DOCKER_BUILDKIT=1
 * (the engine's embedded BuildKit; the newer CLI first on PATH wants a buildx plugin that is not here).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBusyboxImage } from '../engine/images';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const LABEL = 'dockerfile-guide.test';
const run = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const BUILDERS = [
  { name: 'classic', docker: 'docker', buildkit: '0' },
  { name: 'buildkit', docker: '/usr/bin/docker', buildkit: '1' },
] as const;

describe('layers: each layer on its line, and the bytes a later layer wastes (real engine)', { concurrency: true }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-layers-'));
  const tags: string[] = [];

  before(() => {
    const base = ensureBusyboxImage();
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      [`FROM ${base}`, 'RUN dd if=/dev/zero of=/big bs=1M count=5', 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''].join('\n'),
    );
  });

  after(() => {
    for (const t of tags) spawnSync('docker', ['rmi', '-f', t], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const b of BUILDERS) {
    it(`${b.name}: lines, waste and the layer-less ENV`, () => {
      const tag = `dfg-test/layers:${b.name}-${run}`;
      tags.push(tag);
      const built = spawnSync(b.docker, ['build', '-q', '--label', `${LABEL}=${run}`, '-t', tag, dir], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: b.buildkit } });
      assert.equal(built.status, 0, built.stderr);
      const r = spawnSync(process.execPath, [CLI, 'layers', tag, '--dockerfile', path.join(dir, 'Dockerfile'), '--format', 'json', '--lang', 'en'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.matched, true);
      assert.deepEqual(
        report.layers.map((l: { line: number | null; instruction: string | null }) => [l.line, l.instruction]),
        [
          [1, 'FROM'],
          [2, 'RUN'],
          [3, 'RUN'],
          [4, 'COPY'],
        ],
      );
      const big = report.layers[1];
      assert.equal(big.biggest[0].path, '/big');
      assert.equal(big.biggest[0].size, 5 * 1024 * 1024);
      assert.equal(big.wasted, 5 * 1024 * 1024);
      assert.deepEqual(report.waste, [{ path: '/big', size: 5 * 1024 * 1024, addedLine: 2, removedLine: 3 }]);
      assert.ok(report.noLayer.some((n: { line: number; instruction: string; reason: string }) => n.line === 5 && n.instruction === 'ENV' && /configuration/.test(n.reason)), JSON.stringify(report.noLayer));
      assert.equal(report.wasted, 5 * 1024 * 1024);
      assert.ok(report.efficiency > 0 && report.efficiency < 0.5, String(report.efficiency));
    });
  }

  it('a Dockerfile that is not this image\'s: no lines rather than wrong ones', () => {
    const other = path.join(dir, 'Other.Dockerfile');
    fs.writeFileSync(other, 'FROM scratch\nCOPY a /a\nCOPY b /b\nRUN make\n');
    // The busybox test image itself: its history is one ADD, which no line of this Dockerfile made.
    const tag = ensureBusyboxImage();
    const r = spawnSync(process.execPath, [CLI, 'layers', tag, '--dockerfile', other, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.matched, false);
    assert.ok(report.layers.every((l: { line: number | null }) => l.line === null));
    assert.ok(report.waste.every((w: { addedLine: number | null }) => w.addedLine === null));
  });

  it('an image that does not exist: exit code 2 and a bilingual message', () => {
    const r = spawnSync(process.execPath, [CLI, 'layers', `dfg-test/no-such-image:${run}`, '--lang', 'both'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /이미지를 찾을 수 없습니다/);
    assert.match(r.stderr, /No such image/);
  });
});
