/**
 * The concept page docs/concepts/image-vs-container.{ko,en}.md: an image does not change when a container of it
 * changes files (a changed image file is copied into the container's layer first); the container keeps its changes across stop and start until it is removed; `docker commit` makes a
 * new image with the changes but records only the container's command, while an image built from a Dockerfile
 * records every step's command; and an image a container still uses cannot be removed without force.
 * Shown on the local engine with the busybox test image.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, docker, dockerOk, exec, runOnce, tag } from './claims';

let busybox = '';
const page = (lang: 'en' | 'ko') => fs.readFileSync(path.join(__dirname, '../../docs/concepts', `image-vs-container.${lang}.md`), 'utf8');

/** The image's ID (content hash of its config). */
const imageId = (image: string) => dockerOk(['image', 'inspect', '--format', '{{.Id}}', image]);

/** The command lines `docker history` shows, newest first, untruncated. */
async function history(image: string): Promise<string[]> {
  return (await dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', image])).split('\n');
}

describe('claims: concept page image-vs-container', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it('a container\'s new file is in that container only: docker diff lists it, the image keeps its ID, a new container of the image does not see it; the container keeps it across stop and start', async () => {
    const before = await imageId(busybox);
    const name = containerName('writer');
    // The first run finds no note and writes one; a second start of the same container finds it.
    const script = 'cat /note.txt 2>/dev/null || echo none; echo kept > /note.txt';
    const first = await docker(['run', '--name', name, '--label', `${LABEL}=${RUN_ID}`, busybox, 'sh', '-c', script]);
    assert.equal(first.stdout, 'none\n', first.out);
    assert.deepEqual((await dockerOk(['diff', name])).split('\n'), ['A /note.txt']);
    assert.equal(await imageId(busybox), before, 'the image did not change');
    const fresh = await runOnce(busybox, ['cat', '/note.txt']);
    assert.notEqual(fresh.code, 0, 'a new container of the same image must not see the file');
    assert.match(fresh.out, /can't open '\/note.txt': No such file or directory/);
    const again = await docker(['start', '-a', name]);
    assert.equal(again.stdout, 'kept\n', again.out);
  });

  it('changing or deleting a file that came from the image happens in the container only: docker diff shows C and D, the image\'s copies are unchanged', async () => {
    const name = containerName('changer');
    const original = (await runOnce(busybox, ['cat', '/etc/passwd', '/etc/group'])).stdout;
    assert.match(original, /^root:x:0:0:/);
    await dockerOk(['run', '--name', name, '--label', `${LABEL}=${RUN_ID}`, busybox, 'sh', '-c', 'echo extra:x:1:1::/:/bin/sh >> /etc/passwd && rm /etc/group']);
    assert.deepEqual((await dockerOk(['diff', name])).split('\n').sort(), ['C /etc', 'C /etc/passwd', 'D /etc/group']);
    assert.equal((await runOnce(busybox, ['cat', '/etc/passwd', '/etc/group'])).stdout, original);
  });

  it('docker commit makes an image with the container\'s changes, but its history records only the container\'s command (sh), not what was typed; a Dockerfile\'s RUN is recorded in full by both builders', async () => {
    const name = containerName('typed');
    // What a learner types into an interactive shell, given on stdin as `docker run -i` does.
    const typed = await exec('docker', ['-H', MAIN_HOST, 'run', '-i', '--name', name, '--label', `${LABEL}=${RUN_ID}`, busybox], { input: Buffer.from('echo typed > /typed.txt\n') });
    assert.equal(typed.code, 0, typed.out);
    const committed = tag('committed');
    await dockerOk(['commit', '--change', `LABEL ${LABEL}=${RUN_ID}`, name, committed]);
    assert.equal((await runOnce(committed, ['cat', '/typed.txt'])).stdout, 'typed\n');
    const [top] = await history(committed);
    assert.equal(top, 'sh', 'the commit step shows the container\'s command only');
    assert.ok(!(await history(committed)).some((l) => l.includes('typed')), 'nothing in the history says how /typed.txt was made');
    const built = await Promise.all(builders().map((b) => build(b, 'from-dockerfile', { Dockerfile: `FROM ${busybox}\nRUN echo typed > /typed.txt\n` })));
    for (const b of built) {
      assert.equal(b.code, 0, b.out);
      assert.equal((await runOnce(b.tag, ['cat', '/typed.txt'])).stdout, 'typed\n');
      const steps = await history(b.tag);
      assert.ok(steps.some((l) => /\/bin\/sh -c echo typed > \/typed\.txt/.test(l)), `${b.builder}:\n${steps.join('\n')}`);
    }
  });

  it('an image that a container (even a stopped one) still uses is not removed without -f', async () => {
    const b = builders().find((x) => x.name === 'classic')!;
    const img = await build(b, 'in-use', { Dockerfile: `FROM ${busybox}\nLABEL in-use=1\n` });
    assert.equal(img.code, 0, img.out);
    const name = containerName('user');
    await dockerOk(['run', '--name', name, '--label', `${LABEL}=${RUN_ID}`, img.tag, 'true']);
    const rm = await docker(['image', 'rm', img.tag]);
    assert.notEqual(rm.code, 0, rm.out);
    assert.match(rm.out, /conflict: unable to remove repository reference .* \(must force\) - container [0-9a-f]+ is using its referenced image/);
  });

  it('the page says what these runs show, in both languages', () => {
    const [en, ko] = [page('en'), page('ko')];
    for (const text of [en, ko]) {
      assert.match(text, /docker diff/);
      assert.match(text, /docker commit/);
      assert.match(text, /docker history/);
    }
  });
});
