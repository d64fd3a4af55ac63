// Every container and image action against the real engine, including the failure paths a user
// meets: a container removed behind our back, a port already allocated, removing a running one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  containerAction,
  detectShell,
  inspectContainer,
  inspectImage,
  isValidReference,
  removeContainer,
  removeImage,
  runImage,
  splitReference,
  tagImage,
} from '../../client/src/docker/actions';
import { buildImage } from '../../common/src/engine/build';
import { connect } from '../../client/src/docker/connection';
import { removeDanglingImages } from '../../client/src/docker/prune';
import { isDangling } from '../../client/src/sidebar/imageItems';
import { EngineError } from '../../common/src/engine/errors';
import { parsePorts, runCommandLine } from '../../client/src/docker/runSpec';
import { publishedPorts } from '../../client/src/sidebar/containerItems';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, ensureTestImage, mainClients, privateDaemon, runId, setupMainEngine, startTestContainer, TEST_IMAGE, TEST_LABEL } from './helpers';

const RUN = runId();
const clients = mainClients();

async function state(id: string): Promise<string> {
  return (await clients.api.getContainer(id).inspect()).State.Status;
}

/** The state once it is `want`, or whatever it is after 3 s. */
async function stateSoon(id: string, want: string): Promise<string> {
  const end = Date.now() + 3000;
  for (;;) {
    const s = await state(id);
    if (s === want || Date.now() > end) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EngineError, `EngineError expected, got ${String(e)}`);
    assert.equal(e.kind, kind, `${e.kind}: ${e.detail}`);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('container actions (main engine)', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('stop, start, restart, pause, unpause change the engine state; repeating one is not an error', async () => {
    const id = await startTestContainer(clients, RUN);
    // The engine sets Paused from containerd's event, just after the API call returns: poll briefly.
    await containerAction(clients, id, 'pause');
    assert.equal(await stateSoon(id, 'paused'), 'paused');
    await containerAction(clients, id, 'unpause');
    assert.equal(await stateSoon(id, 'running'), 'running');
    await containerAction(clients, id, 'stop');
    assert.equal(await state(id), 'exited');
    await containerAction(clients, id, 'stop'); // 304 from the engine: already stopped, fine
    await containerAction(clients, id, 'start');
    assert.equal(await state(id), 'running');
    await containerAction(clients, id, 'start'); // 304 again
    const before = (await clients.api.getContainer(id).inspect()).State.StartedAt;
    await containerAction(clients, id, 'restart');
    const info = await clients.api.getContainer(id).inspect();
    assert.equal(info.State.Status, 'running');
    assert.notEqual(info.State.StartedAt, before, 'restart started it again');
  });

  it('remove refuses a running container without force, with the engine reason, and removes it with force', async () => {
    const id = await startTestContainer(clients, RUN);
    const e = await rejectsWith(removeContainer(clients, id, false), 'conflict');
    assert.match(e.detail, /running/i);
    assert.equal(e.reason.ko, '엔진이 요청을 거절했습니다(충돌)');
    await removeContainer(clients, id, true);
    await rejectsWith(inspectContainer(clients, id), 'notFound');
  });

  it('a container removed behind our back gives notFound for every action (the UI refreshes quietly)', async () => {
    const id = await startTestContainer(clients, RUN);
    await clients.api.getContainer(id).remove({ force: true });
    for (const verb of ['start', 'stop', 'restart', 'pause', 'unpause'] as const) {
      await rejectsWith(containerAction(clients, id, verb), 'notFound');
    }
    await rejectsWith(removeContainer(clients, id, true), 'notFound');
    await rejectsWith(inspectContainer(clients, id), 'notFound');
  });

  it('inspect returns the engine JSON; the shell is sh for busybox (no bash)', async () => {
    const id = await startTestContainer(clients, RUN, { name: `dfg-insp-${RUN}` });
    const info = await inspectContainer(clients, id);
    assert.equal(info.Name, `/dfg-insp-${RUN}`);
    assert.equal(info.Config.Labels[TEST_LABEL], RUN);
    assert.equal(await detectShell(clients, id), 'sh');
  });

  it('run publishes ports; a port already taken fails with the engine reason and leaves no container behind', async () => {
    const ports = parsePorts('127.0.0.1::80, 9/udp');
    const id = await runImage(clients, { image: TEST_IMAGE, name: `dfg-run-${RUN}`, ports, labels: { [TEST_LABEL]: RUN }, cmd: ['sleep', '300'] });
    const listed = (await clients.api.listContainers({ filters: { id: [id] } }))[0];
    const pub = publishedPorts(listed);
    const tcp = pub.find((p) => p.containerPort === 80);
    assert.ok(tcp && tcp.hostPort > 0 && tcp.hostIp === '127.0.0.1', JSON.stringify(pub));
    const taken = parsePorts(`127.0.0.1:${tcp.hostPort}:80`);
    const e = await rejectsWith(
      runImage(clients, { image: TEST_IMAGE, name: `dfg-run2-${RUN}`, ports: taken, labels: { [TEST_LABEL]: RUN }, cmd: ['sleep', '300'] }),
      'engine',
    );
    assert.match(e.detail, /port is already allocated|address already in use/);
    const left = await clients.api.listContainers({ all: true, filters: { name: [`dfg-run2-${RUN}`] } });
    assert.equal(left.length, 0, 'the never-started container is taken back');
    assert.deepEqual(runCommandLine(TEST_IMAGE, { name: 'web', ports: parsePorts('8080:80') }), ['docker', 'run', '-d', '--name', 'web', '-p', '8080:80', TEST_IMAGE]);
  });

  it('run with an unknown image says so (nothing is pulled)', async () => {
    const e = await rejectsWith(runImage(clients, { image: `dfg-test/missing-${RUN}:none`, labels: { [TEST_LABEL]: RUN } }), 'notFound');
    assert.match(e.detail, /No such image/i);
  });
});

describe('image actions (main engine)', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('inspect, tag, remove by reference', async () => {
    const img = await inspectImage(clients, TEST_IMAGE);
    assert.ok(img.Id.startsWith('sha256:'));
    const ref = `dfg-test/tag-${RUN}:v2`;
    await tagImage(clients, img.Id, ref);
    assert.equal((await inspectImage(clients, ref)).Id, img.Id);
    await removeImage(clients, ref);
    await rejectsWith(inspectImage(clients, ref), 'notFound');
    assert.equal((await inspectImage(clients, TEST_IMAGE)).Id, img.Id, 'only the tag went away');
  });

  it('references: parsing and validation follow Docker rules', () => {
    assert.deepEqual(splitReference('localhost:5000/a/b'), { repo: 'localhost:5000/a/b', tag: 'latest' });
    assert.deepEqual(splitReference('a/b:1.0'), { repo: 'a/b', tag: '1.0' });
    assert.ok(isValidReference('myname/ft_server:1.0'));
    assert.ok(isValidReference('localhost:5000/ft_server'));
    assert.ok(!isValidReference('MyName/ft_server'));
    assert.ok(!isValidReference('ft_server:'));
    assert.ok(!isValidReference('a b'));
  });
});

describe('build and remove dangling images (private dockerd: nothing else on it to disturb)', () => {
  const daemon = privateDaemon();
  let dir: string;
  before(async () => {
    await daemon.start();
    ensureTestImage(daemon.host);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-build-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await daemon.destroy();
  });

  it('builds with streamed steps, honours .dockerignore, and maps a failing step to its Dockerfile lines', async () => {
    const priv = connect(daemon.endpoint);
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
    fs.writeFileSync(path.join(dir, 'secret.env'), 'nope\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), '*.env\nnode_modules\n!node_modules/keep.txt\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'dropped.js'), 'x');
    fs.writeFileSync(path.join(dir, 'node_modules', 'keep.txt'), 'kept');
    // A path longer than the 100 bytes of a plain tar header goes through a PAX record.
    const deep = path.join('deep', 'a'.repeat(60), 'b'.repeat(60));
    fs.mkdirSync(path.join(dir, deep), { recursive: true });
    fs.writeFileSync(path.join(dir, deep, '파일.txt'), 'long\n');
    const ok = [
      '# syntax comment',
      `FROM ${TEST_IMAGE}`,
      'COPY . /ctx/',
      'RUN test -f /ctx/hello.txt && \\',
      '    test ! -f /ctx/secret.env && test ! -f /ctx/node_modules/dropped.js && \\',
      `    test -f /ctx/node_modules/keep.txt && test -f "/ctx/${deep}/파일.txt"`,
      'LABEL dockerfile-guide.test=build',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), ok);
    const steps: string[] = [];
    const lines: string[] = [];
    const r1 = await buildImage(priv, {
      contextDir: dir,
      dockerfile: path.join(dir, 'Dockerfile'),
      tag: 'dfg-test/built:1',
      onStep: (n, total) => steps.push(`${n}/${total}`),
      onLine: (l) => lines.push(l),
    });
    assert.ok(r1.ok, `build failed: ${r1.error}\n${lines.join('\n')}`);
    assert.deepEqual(steps, ['1/4', '2/4', '3/4', '4/4']);
    assert.ok(r1.imageId?.startsWith('sha256:'));

    const bad = [`FROM ${TEST_IMAGE}`, '', '# the next one fails', 'RUN echo before && \\', '    false', 'RUN echo never'].join('\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile.bad'), bad);
    const r2 = await buildImage(priv, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile.bad'), tag: 'dfg-test/bad:1' });
    assert.equal(r2.ok, false);
    assert.equal(r2.failedStep, 2);
    assert.match(r2.error ?? '', /returned a non-zero code: 1/);
    const { spanForStep } = await import('../../common/src/engine/dockerfileSteps');
    assert.deepEqual(spanForStep(bad, r2.failedStep!), { keyword: 'RUN', line: 3, endLine: 4, endCol: 9 });
  });

  it('Open Shell picks bash when the image has it', async () => {
    const priv = connect(daemon.endpoint);
    fs.writeFileSync(path.join(dir, 'Dockerfile.bash'), `FROM ${TEST_IMAGE}\nRUN printf '#!/bin/sh\\nexec /bin/sh "$@"\\n' > /bin/bash && chmod +x /bin/bash\n`);
    const r = await buildImage(priv, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile.bash'), tag: 'dfg-test/with-bash:1' });
    assert.ok(r.ok, r.error);
    const c = await priv.api.createContainer({ Image: 'dfg-test/with-bash:1', Cmd: ['sleep', '300'], Labels: { [TEST_LABEL]: RUN } });
    await c.start();
    assert.equal(await detectShell(priv, c.id), 'bash');
    await c.remove({ force: true });
  });

  it('Remove dangling images removes exactly the listed ones, keeps one a container uses, and reports the space', async () => {
    const priv = connect(daemon.endpoint);
    // Three builds of the same tag: the first two images lose the tag and become dangling. Each adds 64 KB of its own.
    for (const n of [1, 2, 3]) {
      fs.writeFileSync(path.join(dir, 'Dockerfile.p'), `FROM ${TEST_IMAGE}\nRUN head -c 65536 /dev/urandom > /f${n}\n`);
      const r = await buildImage(priv, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile.p'), tag: 'dfg-test/prune:1' });
      assert.ok(r.ok, r.error);
    }
    // What the sidebar lists and the command asks about: the untagged images of the list.
    const listed = (await priv.api.listImages()).filter(isDangling);
    assert.equal(listed.length, 2, 'two dangling images listed');
    // One of them is used by a (stopped) container: the engine refuses to remove it.
    const inUse = listed[0];
    const holder = await priv.api.createContainer({ Image: inUse.Id, Cmd: ['true'], Labels: { [TEST_LABEL]: RUN } });
    // A dangling image made after the question must not go too (the engine's own prune would take it).
    fs.writeFileSync(path.join(dir, 'Dockerfile.p'), `FROM ${TEST_IMAGE}\nRUN head -c 65536 /dev/urandom > /f4\n`);
    assert.ok((await buildImage(priv, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile.p'), tag: 'dfg-test/prune:1' })).ok);

    const { results, reclaimedBytes } = await removeDanglingImages(priv, listed);
    assert.deepEqual(
      results.map((r) => [r.item.Id, r.ok]),
      [
        [inUse.Id, false],
        [listed[1].Id, true],
      ],
    );
    assert.equal(results[0].error?.kind, 'conflict', JSON.stringify(results[0].error));
    // The one removed image freed its own 64 KB layer, not the busybox layers it shared with the others.
    assert.ok(reclaimedBytes !== null && reclaimedBytes >= 65536 && reclaimedBytes < 1_000_000, `reclaimed ${reclaimedBytes}`);
    const left = (await priv.api.listImages()).filter(isDangling).map((i) => i.Id);
    assert.ok(left.includes(inUse.Id), 'the image in use stays');
    assert.ok(!left.includes(listed[1].Id), 'the other listed one is gone');
    assert.equal(left.length, 2, 'the image in use and the one made after the question');
    await holder.remove({ force: true });
  });
});
