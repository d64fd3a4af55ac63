/**
 * What the stage-name hover teaches (server/src/docs/stages.ts), built and run on the real engine with both builders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STAGE_BUILDERS, STAGE_USE } from '../../server/src/docs/stages';
import { builders, type Builder } from '../engine/builders';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';

const RUN = `dfg-claims-stages-${process.pid}-${Date.now().toString(36)}`;
const LABEL = `dockerfile-guide.test=${RUN}`;
let B = '';
let ctx = '';
const tags: string[] = [];

function build(builder: Builder, name: string, dockerfile: string): { ok: boolean; tag: string; output: string } {
  const tag = `${RUN}-${builder.name}-${name}`.toLowerCase();
  const file = path.join(ctx, `Dockerfile.${builder.name}.${name}`);
  fs.writeFileSync(file, dockerfile);
  const r = spawnSync(builder.cli, ['-H', MAIN_HOST, 'build', '--label', LABEL, '-f', file, '-t', tag, ctx], {
    encoding: 'utf8',
    env: { ...process.env, ...builder.env },
    timeout: 120_000,
  });
  if (r.status === 0) tags.push(tag);
  return { ok: r.status === 0, tag, output: `${r.stdout}${r.stderr}` };
}

function docker(...args: string[]): string {
  const r = spawnSync('docker', ['-H', MAIN_HOST, ...args], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

before(() => {
  B = ensureBusyboxImage();
  ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-claims-stages-'));
});

after(() => {
  for (const t of tags) spawnSync('docker', ['-H', MAIN_HOST, 'image', 'rm', '-f', t], { stdio: 'ignore' });
  fs.rmSync(ctx, { recursive: true, force: true });
});

describe('docs/stages: which stages a build runs', () => {
  const dockerfile = [`FROM ${B} AS unused`, 'RUN false', `FROM ${B} AS used`, 'RUN echo used > /u', `FROM ${B}`, 'COPY --from=used /u /u', ''].join('\n');
  it('STAGE_BUILDERS says it', () => {
    assert.match(STAGE_BUILDERS.en, /BuildKit builds only the stages the final \(or `--target`\) stage actually uses; the legacy builder builds every stage before it/);
    assert.match(STAGE_BUILDERS.ko, /BuildKit은 최종\(또는 `--target`\) 스테이지가 실제로 쓰는 스테이지만 빌드하고, 예전 빌더는 그 앞의 모든 스테이지를 빌드합니다/);
  });
  it('STAGE_BUILDERS, classic builder: a failing stage nothing uses still fails the build', () => {
    const r = build(builders()[0], 'unused', dockerfile);
    assert.equal(r.ok, false, r.output);
    assert.match(r.output, /returned a non-zero code: 1/);
  });
  it('STAGE_BUILDERS, BuildKit: a failing stage nothing uses is not built', () => {
    const r = build(builders()[1], 'unused', dockerfile);
    assert.equal(r.ok, true, r.output);
    assert.equal(docker('run', '--rm', '--label', LABEL, r.tag, 'cat', '/u'), 'used');
  });
});

for (const builder of builders()) {
  describe(`docs/stages (${builder.name})`, () => {
    it('STAGE_USE.base: FROM <stage> keeps its files, ENV, WORKDIR, USER and CMD; its ARGs only with BuildKit', () => {
      assert.match(STAGE_USE.base.en, /its files and also its `ENV`, `WORKDIR`, `USER` and `CMD`\/`ENTRYPOINT` settings\. That stage’s `ARG`s carry over with BuildKit but not with the legacy builder/);
      const r = build(
        builder,
        'base',
        [
          `FROM ${B} AS parent`,
          'ARG A=from-parent',
          'ENV E=env-parent',
          'WORKDIR /w',
          'RUN echo parent > /w/file && chown app /w',
          'USER app',
          'CMD ["sh", "-c", "echo from-parent-cmd"]',
          'FROM parent',
          'RUN echo "A=[$A] E=[$E] pwd=$(pwd) uid=$(id -u) file=$(cat file)" > /w/out',
          '',
        ].join('\n'),
      );
      assert.ok(r.ok, r.output);
      const arg = builder.name === 'BuildKit' ? 'from-parent' : '';
      assert.equal(docker('run', '--rm', '--label', LABEL, r.tag, 'cat', '/w/out'), `A=[${arg}] E=[env-parent] pwd=/w uid=1000 file=parent`);
      const config = JSON.parse(docker('image', 'inspect', '--format', '{{json .Config}}', r.tag));
      assert.deepEqual(config.Cmd, ['sh', '-c', 'echo from-parent-cmd']);
      assert.equal(config.User, 'app');
      assert.equal(config.WorkingDir, '/w');
      assert.equal(docker('run', '--rm', '--label', LABEL, r.tag), 'from-parent-cmd');
    });

    it('STAGE_USE.copy: only the copied files reach the image, the rest of the stage stays behind', () => {
      assert.match(STAGE_USE.copy.en, /Only the copied files reach this image/);
      const r = build(
        builder,
        'copy',
        [`FROM ${B} AS build`, 'RUN mkdir /out && echo app > /out/app && head -c 1048576 /dev/zero > /toolchain', `FROM ${B}`, 'COPY --from=build /out/app /app', ''].join('\n'),
      );
      assert.ok(r.ok, r.output);
      assert.equal(docker('run', '--rm', '--label', LABEL, r.tag, 'sh', '-c', 'cat /app; test -e /toolchain && echo toolchain || echo no-toolchain'), 'app\nno-toolchain');
    });
  });
}

describe('docs/stages (BuildKit)', () => {
  it('STAGE_USE.mount: RUN --mount from=<stage> is read-only and leaves nothing in the layer', () => {
    assert.match(STAGE_USE.mount.en, /read-only by default, and nothing of the mount stays in this layer/);
    const r = build(
      builders()[1],
      'mount',
      [
        `FROM ${B} AS tools`,
        'RUN echo tool > /tool',
        `FROM ${B}`,
        'RUN --mount=type=bind,from=tools,target=/m cat /m/tool > /seen && (touch /m/new 2>/dev/null && echo writable || echo read-only) > /mode',
        '',
      ].join('\n'),
    );
    assert.ok(r.ok, r.output);
    assert.equal(docker('run', '--rm', '--label', LABEL, r.tag, 'sh', '-c', 'cat /seen /mode; ls /m 2>/dev/null | wc -l'), 'tool\nread-only\n0');
  });
});
