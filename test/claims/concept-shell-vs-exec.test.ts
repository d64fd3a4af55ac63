/**
 * The concept page docs/concepts/shell-vs-exec.{ko,en}.md: a shell-form CMD is stored as `/bin/sh -c "<text>"`, so
 * it needs /bin/sh in the image and expands variables, while the exec form runs the program directly with its
 * arguments as written; arguments after the image name replace CMD; an exec-form ENTRYPOINT receives CMD (or those
 * arguments) as its arguments; `docker run --entrypoint` does replace the ENTRYPOINT (and drops the image's CMD); an
 * array in single quotes is not JSON and becomes shell form; an ENTRYPOINT drops the CMD inherited from the base
 * image but not the stage's own (both builders).
 *
 * Proven elsewhere and only cited by the page:
 * - who is PID 1 under a shell-form CMD (dash stays PID 1, busybox sh and bash replace themselves with the last
 *   command) and what `docker stop` then does: test/claims/runtime.test.ts;
 * - a shell-form ENTRYPOINT runs no CMD (its words become `$0`, `$1`…): test/claims/build.test.ts (DG103) and
 *   test/claims/shellEntrypoint.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, imageConfig } from '../engine/images';
import { build, cleanup, runOnce } from './claims';

let busybox = '';
const bs = builders();
const classic = bs.find((b) => b.name === 'classic')!;
const page = (lang: 'en' | 'ko') => fs.readFileSync(path.join(__dirname, '../../docs/concepts', `shell-vs-exec.${lang}.md`), 'utf8');

describe('claims: concept page shell-vs-exec', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it('shell form is stored as /bin/sh -c "<text>" and expands $VAR; exec form is stored as written and passes $VAR on literally', async () => {
    const [shell, exec] = await Promise.all([
      build(classic, 'cmd-shell', { Dockerfile: `FROM ${busybox}\nENV GREETING=hello\nCMD echo $GREETING\n` }),
      build(classic, 'cmd-exec', { Dockerfile: `FROM ${busybox}\nENV GREETING=hello\nCMD ["echo", "$GREETING"]\n` }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    assert.deepEqual(imageConfig(shell.tag).Cmd, ['/bin/sh', '-c', 'echo $GREETING']);
    assert.deepEqual(imageConfig(exec.tag).Cmd, ['echo', '$GREETING']);
    assert.equal((await runOnce(shell.tag)).stdout, 'hello\n');
    assert.equal((await runOnce(exec.tag)).stdout, '$GREETING\n');
  });

  it('in an image without /bin/sh a shell-form CMD cannot start (exit 127), the exec form runs', async () => {
    const b = bs.find((x) => x.name === 'BuildKit')!;
    const binary = fs.readFileSync(['/bin/busybox', '/usr/bin/busybox'].find((f) => fs.existsSync(f))!);
    const dockerfile = (cmd: string) => `FROM scratch\nCOPY --chmod=755 busybox /busybox\nCMD ${cmd}\n`;
    const [shell, exec] = await Promise.all([
      build(b, 'scratch-shell', { Dockerfile: dockerfile('/busybox echo ran'), busybox: binary }),
      build(b, 'scratch-exec', { Dockerfile: dockerfile('["/busybox", "echo", "ran"]'), busybox: binary }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    const s = await runOnce(shell.tag);
    assert.equal(s.code, 127, s.out);
    assert.match(s.out, /exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory/);
    const e = await runOnce(exec.tag);
    assert.equal(e.code, 0, e.out);
    assert.equal(e.stdout, 'ran\n');
  });

  it('arguments after the image name replace CMD; an exec-form ENTRYPOINT gets CMD or those arguments; --entrypoint replaces the ENTRYPOINT and drops the image\'s CMD', async () => {
    const [cmdOnly, withEp] = await Promise.all([
      build(classic, 'cmd-only', { Dockerfile: `FROM ${busybox}\nCMD ["echo", "default"]\n` }),
      build(classic, 'entrypoint', { Dockerfile: `FROM ${busybox}\nENTRYPOINT ["echo", "ep"]\nCMD ["default"]\n` }),
    ]);
    assert.equal(cmdOnly.code, 0, cmdOnly.out);
    assert.equal(withEp.code, 0, withEp.out);
    const runs: [string, string[], string[], string][] = [
      [cmdOnly.tag, [], [], 'default\n'],
      [cmdOnly.tag, ['echo', 'replaced'], [], 'replaced\n'],
      [withEp.tag, [], [], 'ep default\n'],
      [withEp.tag, ['x', 'y'], [], 'ep x y\n'],
      // --entrypoint: the image's ENTRYPOINT is gone, and so is its CMD (an empty line, not "default").
      [withEp.tag, [], ['--entrypoint', 'echo'], '\n'],
      [withEp.tag, ['only'], ['--entrypoint', 'echo'], 'only\n'],
    ];
    const seen = await Promise.all(runs.map(([image, args, opts]) => runOnce(image, args, opts)));
    runs.forEach(([, args, opts, want], i) => {
      assert.equal(seen[i].code, 0, seen[i].out);
      assert.equal(seen[i].stdout, want, `docker run ${opts.join(' ')} IMAGE ${args.join(' ')}`);
    });
  });

  for (const b of bs) {
    it(`(${b.name}) an array in single quotes is not JSON, so it is stored as shell form; an ENTRYPOINT drops the base image's CMD but keeps the stage's own`, async () => {
      const [quoted, inherited, own] = await Promise.all([
        build(b, 'single-quotes', { Dockerfile: `FROM ${busybox}\nCMD ['echo', 'hi']\n` }),
        build(b, 'ep-inherited-cmd', { Dockerfile: `FROM ${busybox}\nENTRYPOINT ["echo"]\n` }),
        build(b, 'ep-own-cmd', { Dockerfile: `FROM ${busybox}\nCMD ["mine"]\nENTRYPOINT ["echo"]\n` }),
      ]);
      for (const r of [quoted, inherited, own]) assert.equal(r.code, 0, r.out);
      assert.deepEqual(imageConfig(quoted.tag).Cmd, ['/bin/sh', '-c', "['echo', 'hi']"]);
      // The busybox test image's CMD is ["sh"]: gone under the new ENTRYPOINT, so `echo` prints an empty line.
      assert.deepEqual(imageConfig(busybox).Cmd, ['sh']);
      assert.equal(imageConfig(inherited.tag).Cmd, null);
      assert.equal((await runOnce(inherited.tag)).stdout, '\n');
      assert.deepEqual(imageConfig(own.tag).Cmd, ['mine']);
      assert.equal((await runOnce(own.tag)).stdout, 'mine\n');
    });
  }

  it('the page corrects "ENTRYPOINT can never be overridden" and links the explainer, in both languages', () => {
    for (const text of [page('en'), page('ko')]) {
      assert.match(text, /--entrypoint/);
      assert.match(text, /\/bin\/sh -c/);
      assert.match(text, /\(command:dockerfileGuide\.explainCommand\)/);
    }
  });
});
