/**
 * The claims of docs/concepts/volumes.{ko,en}.md on the real engine, with the busybox test image:
 * a file in the container's writable layer is gone with the container, a file in a named volume is not; an anonymous
 * volume made by `VOLUME` outlives plain `docker rm` (but a new container gets a new, empty one: why "the database is
 * gone"), and `docker rm -v` and `docker run --rm` remove it; an empty named volume is filled from the image, a bind
 * mount shows the host folder instead of what the image has there.
 *
 * Volumes are not covered by claims.ts's cleanup(): every volume made here is named (or read from `docker inspect`)
 * and removed in after(), the named ones also carry this run's label.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders } from '../engine/builders';
import { ensureBusyboxImage } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, context, docker, dockerOk, runOnce } from './claims';

const classic = builders().find((b) => b.name === 'classic')!;
const volumes = new Set<string>();
let busybox = '';
/** An image whose Dockerfile writes /data/seed and then declares `VOLUME /data`. */
let withVolume = '';

/** A named volume of this run (labelled), removed in after(). */
async function namedVolume(name: string): Promise<string> {
  const v = `${RUN_ID}-${name}`;
  volumes.add(v);
  await dockerOk(['volume', 'create', '--label', `${LABEL}=${RUN_ID}`, v]);
  return v;
}

/** Runs a container that is kept after it exits (no --rm); returns its name. */
async function runKept(image: string, opts: string[], cmd: string): Promise<string> {
  const name = containerName('vol');
  await dockerOk(['run', '--name', name, '--label', `${LABEL}=${RUN_ID}`, ...opts, image, 'sh', '-c', cmd]);
  return name;
}

/** The names of the volumes mounted in a container (anonymous ones have a 64-hex name); recorded for cleanup. */
async function mountedVolumes(container: string): Promise<string[]> {
  const names = (await dockerOk(['inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', container])).split(' ').filter(Boolean);
  for (const n of names) volumes.add(n);
  return names;
}

const volumeExists = async (v: string) => (await docker(['volume', 'inspect', v])).code === 0;

describe('claims: data that survives a container (docs/concepts/volumes)', { concurrency: true }, () => {
  before(async () => {
    busybox = ensureBusyboxImage();
    const b = await build(classic, 'volume', { Dockerfile: `FROM ${busybox}\nRUN mkdir /data && echo from-image > /data/seed\nVOLUME /data\n` });
    assert.equal(b.code, 0, b.out);
    withVolume = b.tag;
  });

  after(async () => {
    await cleanup();
    for (const v of volumes) await docker(['volume', 'rm', '-f', v]);
  });

  it('a file written to the writable layer is gone after docker rm; a file in a named volume shows up in a new container', async () => {
    const v = await namedVolume('keep');
    const first = await runKept(busybox, ['-v', `${v}:/data`], 'echo kept > /data/f && echo lost > /tmp/g');
    await dockerOk(['rm', first]);
    const inVolume = await runOnce(busybox, ['cat', '/data/f'], ['-v', `${v}:/data`]);
    assert.equal(inVolume.code, 0, inVolume.out);
    assert.equal(inVolume.stdout, 'kept\n');
    // Docker keeps the volume in its own folder on the engine's machine (`/var/lib/docker/volumes/<name>/_data`
    // unless the data root was moved).
    assert.match(await dockerOk(['volume', 'inspect', '--format', '{{.Mountpoint}}', v]), new RegExp(`/volumes/${v}/_data$`));
    const inLayer = await runOnce(busybox, ['cat', '/tmp/g']);
    assert.notEqual(inLayer.code, 0, 'a new container of the same image has no /tmp/g');
    assert.match(inLayer.stderr, /No such file or directory/);
  });

  it('the writable layer lives as long as the container: docker stop and docker start keep it', async () => {
    const c = await runKept(busybox, [], 'cat /tmp/state 2>/dev/null; echo second-start > /tmp/state');
    assert.equal(await dockerOk(['logs', c]), '', 'the first run finds no file');
    const again = await docker(['start', '-a', c]);
    assert.equal(again.stdout, 'second-start\n', again.out);
  });

  it('-v <name>:<path> makes the named volume when it does not exist yet', async () => {
    const v = `${RUN_ID}-auto`;
    volumes.add(v);
    assert.equal(await volumeExists(v), false);
    const r = await runOnce(busybox, ['true'], ['-v', `${v}:/data`]);
    assert.equal(r.code, 0, r.out);
    assert.ok(await volumeExists(v));
  });

  it('VOLUME: plain docker rm keeps the anonymous volume with the data, but the next docker run gets a new, empty one', async () => {
    const first = await runKept(withVolume, [], 'echo row > /data/db');
    const [anon] = await mountedVolumes(first);
    assert.match(anon, /^[0-9a-f]{64}$/, 'an anonymous volume has a random name');
    await dockerOk(['rm', first]);
    assert.ok(await volumeExists(anon), 'the volume is still there after docker rm');
    const second = await runKept(withVolume, [], 'ls /data');
    const [fresh] = await mountedVolumes(second);
    assert.notEqual(fresh, anon);
    assert.equal(await dockerOk(['logs', second]), 'seed', 'the new container sees only what the image had, not db');
    // The old data is still in the old volume, for whoever mounts it by name.
    const old = await runOnce(busybox, ['cat', '/data/db'], ['-v', `${anon}:/data`]);
    assert.equal(old.stdout, 'row\n', old.out);
  });

  it('VOLUME: docker rm -v removes the anonymous volume, so does docker run --rm', async () => {
    const kept = await runKept(withVolume, [], 'true');
    const [anon] = await mountedVolumes(kept);
    await dockerOk(['rm', '-v', kept]);
    assert.equal(await volumeExists(anon), false, 'docker rm -v removed it');

    const name = containerName('rm');
    await dockerOk(['run', '-d', '--rm', '--name', name, '--label', `${LABEL}=${RUN_ID}`, withVolume, 'sleep', '30']);
    const [anon2] = await mountedVolumes(name);
    assert.ok(await volumeExists(anon2));
    // Stopped, not removed by hand: `docker rm -f` would remove the container first, without -v.
    await dockerOk(['kill', name]);
    // --rm removes the container (and its anonymous volumes) once it has stopped; wait for that.
    const until = Date.now() + 10_000;
    while ((await volumeExists(anon2)) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    assert.equal(await volumeExists(anon2), false, 'docker run --rm removed it');
  });

  it('a named volume survives docker rm -v (only anonymous volumes go)', async () => {
    const v = await namedVolume('named-rm-v');
    const c = await runKept(busybox, ['-v', `${v}:/data`], 'echo x > /data/x');
    await dockerOk(['rm', '-v', c]);
    assert.ok(await volumeExists(v));
  });

  it('an empty named volume is filled with what the image has at that path; a bind mount shows the host folder instead', async () => {
    const v = await namedVolume('copy-up');
    const r = await runOnce(withVolume, ['ls', '/data'], ['-v', `${v}:/data`]);
    assert.equal(r.stdout, 'seed\n', r.out);

    const host = context({ 'from-host.txt': 'host\n' });
    fs.chmodSync(host, 0o755);
    const b = await runOnce(withVolume, ['sh', '-c', 'ls /data && cat /data/from-host.txt'], ['-v', `${host}:/data`]);
    assert.equal(b.code, 0, b.out);
    assert.equal(b.stdout, 'from-host.txt\nhost\n', 'the image file seed is hidden under the bind mount');

    // The bind mount is the host folder itself: a write in the container appears on the host at once.
    const w = await runOnce(busybox, ['sh', '-c', 'echo written > /data/new.txt'], ['-v', `${host}:/data`]);
    assert.equal(w.code, 0, w.out);
    assert.equal(fs.readFileSync(path.join(host, 'new.txt'), 'utf8'), 'written\n');
  });
});
