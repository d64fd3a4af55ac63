/**
 * What the stage-name hover teaches (server/src/docs/stages.ts), built and run on the real engine with both builders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STAGE_BUILDERS, STAGE_USE } from '../../server/src/docs/stages';
import { builders, type Builder } from '../engine/builders';
import { ensureBusyboxImage, imageConfig } from '../engine/images';
import { build as buildWith, cleanup, runOnce } from './claims';

let B = '';

/** Builds one Dockerfile with one builder (claims.ts: uncached, labelled, failing classic steps leave no container). */
async function build(builder: Builder, name: string, dockerfile: string): Promise<{ ok: boolean; tag: string; output: string }> {
  const r = await buildWith(builder, `stages-${name}`, { Dockerfile: dockerfile });
  return { ok: r.code === 0, tag: r.tag, output: r.out };
}

/** What a container of the image printed; it must succeed. */
async function run(image: string, ...args: string[]): Promise<string> {
  const r = await runOnce(image, args);
  assert.equal(r.code, 0, r.out);
  return r.stdout.trim();
}

before(() => {
  B = ensureBusyboxImage();
});

after(cleanup);

describe('docs/stages: which stages a build runs', () => {
  const dockerfile = [`FROM ${B} AS unused`, 'RUN false', `FROM ${B} AS used`, 'RUN echo used > /u', `FROM ${B}`, 'COPY --from=used /u /u', ''].join('\n');
  it('STAGE_BUILDERS says it', () => {
    assert.match(STAGE_BUILDERS.en, /BuildKit builds only the stages the final \(or `--target`\) stage actually uses; the legacy builder builds every stage before it/);
    assert.match(STAGE_BUILDERS.ko, /BuildKit은 최종\(또는 `--target`\) 스테이지가 실제로 쓰는 스테이지만 빌드하고, 예전 빌더는 그 앞의 모든 스테이지를 빌드합니다/);
  });
  it('STAGE_BUILDERS, classic builder: a failing stage nothing uses still fails the build', async () => {
    const r = await build(builders()[0], 'unused', dockerfile);
    assert.equal(r.ok, false, r.output);
    assert.match(r.output, /returned a non-zero code: 1/);
  });
  it('STAGE_BUILDERS, BuildKit: a failing stage nothing uses is not built', async () => {
    const r = await build(builders()[1], 'unused', dockerfile);
    assert.equal(r.ok, true, r.output);
    assert.equal(await run(r.tag, 'cat', '/u'), 'used');
  });
});

for (const builder of builders()) {
  describe(`docs/stages (${builder.name})`, () => {
    it('STAGE_USE.base: FROM <stage> keeps its files, ENV, WORKDIR, USER and CMD; its ARGs only with BuildKit', async () => {
      assert.match(STAGE_USE.base.en, /its files and also its `ENV`, `WORKDIR`, `USER` and `CMD`\/`ENTRYPOINT` settings\. That stage’s `ARG`s carry over with BuildKit but not with the legacy builder/);
      const r = await build(
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
      assert.equal(await run(r.tag, 'cat', '/w/out'), `A=[${arg}] E=[env-parent] pwd=/w uid=1000 file=parent`);
      const config = imageConfig(r.tag);
      assert.deepEqual(config.Cmd, ['sh', '-c', 'echo from-parent-cmd']);
      assert.equal(config.User, 'app');
      assert.equal(config.WorkingDir, '/w');
      assert.equal(await run(r.tag), 'from-parent-cmd');
    });

    it('STAGE_USE.copy: only the copied files reach the image, the rest of the stage stays behind', async () => {
      assert.match(STAGE_USE.copy.en, /Only the copied files reach this image/);
      const r = await build(
        builder,
        'copy',
        [`FROM ${B} AS build`, 'RUN mkdir /out && echo app > /out/app && head -c 1048576 /dev/zero > /toolchain', `FROM ${B}`, 'COPY --from=build /out/app /app', ''].join('\n'),
      );
      assert.ok(r.ok, r.output);
      assert.equal(await run(r.tag, 'sh', '-c', 'cat /app; test -e /toolchain && echo toolchain || echo no-toolchain'), 'app\nno-toolchain');
    });
  });
}

describe('docs/stages (BuildKit)', () => {
  it('STAGE_USE.mount: RUN --mount from=<stage> is read-only and leaves nothing in the layer', async () => {
    assert.match(STAGE_USE.mount.en, /read-only by default, and nothing of the mount stays in this layer/);
    const r = await build(
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
    assert.equal(await run(r.tag, 'sh', '-c', 'cat /seen /mode; ls /m 2>/dev/null | wc -l'), 'tool\nread-only\n0');
  });
});
