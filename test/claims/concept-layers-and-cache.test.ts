/**
 * docs/concepts/layers-and-cache.*.md (issue 20), on both builders where they build: a file deleted by a later RUN
 * still counts in the image's size (deleted in the same RUN it does not); a container's changes live in its own
 * writable layer (`docker diff` A/C/D) and the image stays as it was; the build cache reuses a RUN by its instruction,
 * not by what the command would produce now, and after a COPY whose file changed every later step runs again.
 * (The layer annotations' sizes and wasted bytes are tested in test/docker/layers*.test.ts.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders, type Builder } from '../engine/builders';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, context, dockerOk, exec, runOnce, tag } from './claims';

const PAGE = {
  en: fs.readFileSync(path.resolve(__dirname, '../../docs/concepts/layers-and-cache.en.md'), 'utf8'),
  ko: fs.readFileSync(path.resolve(__dirname, '../../docs/concepts/layers-and-cache.ko.md'), 'utf8'),
};
const MiB = 1024 * 1024;
let busybox = '';

const size = async (image: string) => Number(await dockerOk(['image', 'inspect', '--format', '{{.Size}}', image]));

/** A build that may use the cache (claims.build always passes --no-cache); the output tells which steps hit it. */
async function cachedBuild(b: Builder, name: string, files: Record<string, string>): Promise<{ tag: string; out: string }> {
  const t = tag(`${name}-${b.name}`);
  const args = ['-H', MAIN_HOST, 'build', '--label', `${LABEL}=${RUN_ID}`, '-t', t, ...(b.name === 'classic' ? ['--force-rm'] : ['--progress=plain']), context(files)];
  const r = await exec(b.cli, args, { env: b.env, timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.out);
  return { tag: t, out: r.out };
}

/** The Dockerfile's RUN and COPY steps that came from the cache, in each builder's words. */
function hits(b: Builder, out: string): string[] {
  if (b.name === 'classic') return [...out.matchAll(/^Step \d+\/\d+ : ((?:RUN|COPY) .*)\n ---> Using cache$/gm)].map((m) => m[1]);
  const steps = new Map([...out.matchAll(/^#(\d+) \[(?:\w+ )?\d+\/\d+\] ((?:RUN|COPY) .*)$/gm)].map((m) => [m[1], m[2]]));
  return [...out.matchAll(/^#(\d+) CACHED$/gm)].flatMap((m) => (steps.has(m[1]) ? [steps.get(m[1])!] : []));
}

const cat = async (image: string, file: string) => (await runOnce(image, ['cat', file])).stdout.trim();

describe('claims: layers, copy-on-write and the build cache (docs/concepts/layers-and-cache)', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  for (const b of builders()) {
    it(`${b.name}: a file deleted by a later RUN still counts in the image size; deleted in the same RUN it does not`, async () => {
      const [later, same] = await Promise.all([
        build(b, 'rm-later', { Dockerfile: `FROM ${busybox}\nRUN dd if=/dev/zero of=/big bs=1M count=4\nRUN rm /big\n` }),
        build(b, 'rm-same', { Dockerfile: `FROM ${busybox}\nRUN dd if=/dev/zero of=/big bs=1M count=4 && rm /big\n` }),
      ]);
      assert.equal(later.code, 0, later.out);
      assert.equal(same.code, 0, same.out);
      const base = await size(busybox);
      const grewLater = (await size(later.tag)) - base;
      const grewSame = (await size(same.tag)) - base;
      assert.ok(grewLater >= 4 * MiB, `deleted later: the image grew by ${grewLater} bytes`);
      assert.ok(grewSame < MiB / 4, `deleted in the same RUN: the image grew by ${grewSame} bytes`);
      assert.equal((await runOnce(later.tag, ['ls', '/big'])).code !== 0, true, 'yet /big is not in the container');
    });

    it(`${b.name}: the cache reuses a RUN by its instruction; after a changed COPY every later step runs again`, async () => {
      // Unique to this run, so no earlier build's cache can answer the first build.
      const dockerfile = `FROM ${busybox}\nRUN echo ${RUN_ID} && date +%s%N > /first\nCOPY a.txt /a.txt\nRUN date +%s%N > /second\n`;
      const one = await cachedBuild(b, 'cache-1', { Dockerfile: dockerfile, 'a.txt': 'one\n' });
      assert.deepEqual(hits(b, one.out), [], 'the first build runs every step');
      const two = await cachedBuild(b, 'cache-2', { Dockerfile: dockerfile, 'a.txt': 'one\n' });
      assert.equal(hits(b, two.out).length, 3, `the same files again: RUN, COPY, RUN from the cache\n${two.out}`);
      // `date` would write a new time now: the cached RUN kept what it wrote then.
      assert.equal(await cat(two.tag, '/first'), await cat(one.tag, '/first'));
      assert.equal(await cat(two.tag, '/second'), await cat(one.tag, '/second'));
      const three = await cachedBuild(b, 'cache-3', { Dockerfile: dockerfile, 'a.txt': 'two\n' });
      const third = hits(b, three.out);
      assert.ok(third.length === 1 && third[0].includes('/first'), `a.txt changed: only the RUN before the COPY is cached\n${three.out}`);
      assert.equal(await cat(three.tag, '/first'), await cat(one.tag, '/first'), 'the step before the COPY: from the cache');
      assert.notEqual(await cat(three.tag, '/second'), await cat(one.tag, '/second'), 'the RUN after the COPY ran again');
      assert.equal(await cat(three.tag, '/a.txt'), 'two');
    });
  }

  it("a container's changes live in its writable layer: docker diff shows A, C and D; the image and a new container are unchanged", async () => {
    const name = containerName('cow');
    await dockerOk(['run', '--name', name, '--label', `${LABEL}=${RUN_ID}`, busybox, 'sh', '-c', 'echo hi > /root/note && echo x:x:9:9::/:/bin/sh >> /etc/passwd && rm /etc/group']);
    const diff = (await dockerOk(['diff', name])).split('\n').sort();
    for (const line of ['A /root/note', 'C /root', 'C /etc/passwd', 'D /etc/group']) assert.ok(diff.includes(line), `${line} in\n${diff.join('\n')}`);
    const fresh = await runOnce(busybox, ['sh', '-c', 'ls /root; ls /etc/group; grep -c x:x:9 /etc/passwd']);
    assert.match(fresh.stdout, /^0$/m, 'and the changed file as it was');
    assert.doesNotMatch(fresh.stdout, /note/, 'a new container of the image has no /root/note');
    assert.match(fresh.stdout, /\/etc\/group/, 'and still has /etc/group');
  });

  it('the page says what these builds show, in both languages', () => {
    assert.match(PAGE.en, /A file deleted by a later step is only hidden/);
    assert.match(PAGE.en, /Download, use and delete in \*\*one\*\* `RUN`/);
    assert.match(PAGE.en, /`docker diff <container>` lists what the container added \(A\), changed \(C\) and deleted \(D\)/);
    assert.match(PAGE.en, /A `RUN` is matched by the instruction itself, not by what its command downloads/);
    assert.match(PAGE.en, /for `COPY` and `ADD` the copied files' contents must be the same too/);
    assert.match(PAGE.en, /Once one step misses the cache, every step after it runs again/);
    assert.match(PAGE.en, /"Using cache" in the classic builder, `CACHED` in BuildKit/);
    assert.match(PAGE.ko, /다음 단계에서 지운 파일은 가려질 뿐입니다/);
    assert.match(PAGE.ko, /한 단계가 캐시를 놓치면 그 뒤의 모든 단계가 다시 실행됩니다/);
  });
});
