/**
 * Issue 18, item 2: what a CMD does next to an ENTRYPOINT that is shell text, shell form or exec-form
 * `["/bin/sh", "-c", "…"]`. Docker's reference (the CMD/ENTRYPOINT table: a shell-form ENTRYPOINT runs
 * `/bin/sh -c exec_entry p1_entry` whatever the CMD) and POSIX `sh -c command_string [command_name [argument…]]`
 * (command_name becomes `$0`, the arguments `$1`…) say the CMD's first word becomes `$0` and the rest `$1`…, and that
 * nothing runs the CMD. Shown here on the engine, with the busybox test image, for both spellings; then the quick fix
 * DG103 and JSONArgsRecommended offer instead (rules/helpers/startScriptFix.ts) is built and run: its script's
 * `exec "$@"` runs the CMD.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DG103 } from '../../server/src/rules/stack/DG103-shellEntrypointIgnoresCmd';
import { ParsedDocument } from '../../server/src/service/document';
import type { RuleContext } from '../../server/src/rules/types';
import { applyEdits } from '../unit/rules/buildkit/helpers';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, imageConfig } from '../engine/images';
import { build, cleanup, runOnce } from './claims';

let busybox = '';
const classic = builders().find((b) => b.name === 'classic')!;

/** The script prints its $0 and $1…; the CMD, if anything ran it, would print `CMD RAN`. */
const SCRIPT = 'echo \\"0=$0 @=$*\\"';
const CMD = 'CMD ["echo", "CMD", "RAN"]';

describe('claims: the CMD next to a shell-text ENTRYPOINT', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it('DG103/explain: shell form and ["/bin/sh", "-c", …] store the same argv; the CMD\'s first word is $0, the rest $1…, and the CMD does not run', async () => {
    const [shell, exec] = await Promise.all([
      build(classic, 'ep-shell', { Dockerfile: `FROM ${busybox}\nENTRYPOINT echo "0=$0 @=$*"\n${CMD}\n` }),
      build(classic, 'ep-exec-sh', { Dockerfile: `FROM ${busybox}\nENTRYPOINT ["/bin/sh", "-c", "${SCRIPT}"]\n${CMD}\n` }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    assert.deepEqual(imageConfig(shell.tag).Entrypoint, imageConfig(exec.tag).Entrypoint);
    assert.deepEqual(imageConfig(exec.tag).Entrypoint, ['/bin/sh', '-c', 'echo "0=$0 @=$*"']);
    for (const img of [shell.tag, exec.tag]) {
      const r = await runOnce(img);
      assert.equal(r.code, 0, r.out);
      // One line, from the script: `echo` in $0, `CMD RAN` in $1 $2, and no second line from a CMD that ran.
      assert.equal(r.stdout, '0=echo @=CMD RAN\n');
      // `docker run IMAGE a b` replaces the CMD, and fares the same.
      assert.equal((await runOnce(img, ['a', 'b'])).stdout, '0=a @=b\n');
    }
  });

  it('DG103\'s fix: the start script that ends with exec "$@" runs its commands, then the CMD, with both builders', async () => {
    const dockerfile = `FROM ${busybox}\nENTRYPOINT echo setup && echo "0=$0"\n${CMD}\n`;
    const doc = new ParsedDocument('file:///ctx/Dockerfile', 1, dockerfile);
    const ctx: RuleContext = { doc, readContextFile: () => null };
    const [fix] = DG103.fix!(ctx, DG103.check(ctx)[0]);
    const script = fix.files![0];
    const files = { Dockerfile: applyEdits(dockerfile, fix.edits), [script.path]: script.text.en };
    const built = await Promise.all(builders().map((b) => build(b, 'ep-fixed', files)));
    for (const b of built) {
      assert.equal(b.code, 0, b.out);
      const r = await runOnce(b.tag);
      assert.equal(r.code, 0, r.out);
      assert.equal(r.stdout, 'setup\n0=/usr/local/bin/docker-entrypoint.sh\nCMD RAN\n', b.builder);
    }
  });
});
