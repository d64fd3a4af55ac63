// The Networks and Volumes views against the real engine (20.10): the model lists both and follows their events,
// "used by" names stopped containers too, the engine's refusal to remove a used volume becomes a sentence naming
// the container, a network only a stopped container refers to really goes (and the container cannot start after:
// why the question warns), and "remove unused" removes exactly what it named. Everything is labelled and removed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DockerModel } from '../../client/src/docker/model';
import { removeNetworks, removeVolume, removeVolumes } from '../../client/src/docker/netvol';
import { EngineError } from '../../common/src/engine/errors';
import { networkTree } from '../../client/src/sidebar/networkItems';
import { volumeTree } from '../../client/src/sidebar/volumeItems';
import {
  networkRemovalQuestion,
  pruneNetworksQuestion,
  pruneVolumesQuestion,
  unusedNetworks,
  unusedVolumes,
  volumeRemovalRefusal,
  type Question,
} from '../../client/src/sidebar/netvolWords';
import { cleanup, mainClients, mainEndpoint, runId, setupMainEngine, startTestContainer, TEST_IMAGE, TEST_LABEL } from './helpers';

const RUN = runId();
const clients = mainClients();
const LABELS = { [TEST_LABEL]: RUN };

async function removeOurs(): Promise<void> {
  await cleanup(clients, RUN);
  const filters = { label: [`${TEST_LABEL}=${RUN}`] };
  for (const n of await clients.api.listNetworks({ filters })) await clients.api.getNetwork(n.Id).remove().catch(() => undefined);
  const vols = ((await clients.api.listVolumes({ filters })) as { Volumes?: Array<{ Name: string }> | null }).Volumes ?? [];
  for (const v of vols) await clients.api.getVolume(v.Name).remove().catch(() => undefined);
}

describe('Networks and Volumes on the main engine', () => {
  let model: DockerModel;
  const ours = <T extends { Labels?: Record<string, string> | null }>(list: readonly T[]) => list.filter((x) => x.Labels?.[TEST_LABEL] === RUN);

  before(async () => {
    setupMainEngine();
    model = new DockerModel({ resolve: mainEndpoint });
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
  });
  after(async () => {
    model.dispose();
    await removeOurs();
  });

  it('lists the networks (built-in ones without Remove) and the volumes', () => {
    const nodes = networkTree(model.networks, model.containers, 'en');
    for (const b of ['bridge', 'host', 'none']) assert.equal(nodes.find((n) => n.name === b)?.contextValue, 'network:builtin', b);
    // One list each at start; the other lane's suites share this engine, and their events (a container start is a
    // network connect) may add re-lists, so each event seen so far allows one more.
    assert.ok(model.stats.lists.networks <= 1 + model.stats.events, `${model.stats.lists.networks} network lists, ${model.stats.events} events`);
    assert.ok(model.stats.lists.volumes <= 1 + model.stats.events, `${model.stats.lists.volumes} volume lists, ${model.stats.events} events`);
    assert.ok(Array.isArray(model.volumes));
  });

  it('a created network and volume appear through the event stream, without a manual refresh', async () => {
    const lists = { ...model.stats.lists };
    const events = model.stats.events;
    await clients.api.createNetwork({ Name: `dfg-net-${RUN}`, Labels: LABELS });
    await clients.api.createVolume({ Name: `dfg-vol-${RUN}`, Labels: LABELS });
    await model.waitFor((m) => m.networks.some((n) => n.Name === `dfg-net-${RUN}`) && m.volumes.some((v) => v.Name === `dfg-vol-${RUN}`), 5000);
    assert.ok(model.stats.events >= events + 2, 'two events arrived');
    assert.ok(model.stats.lists.networks > lists.networks && model.stats.lists.volumes > lists.volumes, 'each view was re-listed by an event');
  });

  it('names a stopped container as a user of both; the engine refuses the volume and the refusal names the container', async () => {
    const name = `dfg-user-${RUN}`;
    const c = await clients.api.createContainer({
      Image: TEST_IMAGE,
      name,
      Cmd: ['true'],
      Labels: LABELS,
      HostConfig: { NetworkMode: `dfg-net-${RUN}`, Binds: [`dfg-vol-${RUN}:/data`] },
    });
    await model.waitFor((m) => m.containers.some((x) => x.Id === c.id), 5000);
    const net = networkTree(ours(model.networks), model.containers, 'en')[0];
    assert.deepEqual(net.usedBy.map((u) => [u.name, u.running]), [[name, false]]);
    assert.equal(net.contextValue, 'network:used');
    const vol = volumeTree(ours(model.volumes), model.containers, 'ko')[0];
    assert.deepEqual(vol.usedBy.map((u) => u.name), [name]);

    await assert.rejects(removeVolume(clients, vol.name), (e: unknown) => {
      assert.ok(e instanceof EngineError && e.kind === 'conflict', String(e));
      assert.match(e.detail, /volume is in use/);
      return true;
    });
    assert.equal(
      volumeRemovalRefusal(vol, 'ko'),
      `dfg-vol-${RUN} 볼륨은 컨테이너가 쓰고 있어서 삭제할 수 없습니다: ${name}. 멈춘 컨테이너도 볼륨을 붙잡고 있으니, 먼저 그 컨테이너를 삭제하세요.`,
    );
    assert.ok(model.volumes.some((v) => v.Name === `dfg-vol-${RUN}`), 'the volume is still there');
  });

  it('a network connect event re-lists the container, so "used by" follows', async () => {
    const id = await startTestContainer(clients, RUN, { name: `dfg-conn-${RUN}` });
    await model.waitFor((m) => m.containers.some((x) => x.Id === id && x.State === 'running'), 5000);
    await clients.api.getNetwork(`dfg-net-${RUN}`).connect({ Container: id });
    await model.waitFor((m) => !!m.containers.find((x) => x.Id === id)?.NetworkSettings?.Networks?.[`dfg-net-${RUN}`], 5000);
    const net = networkTree(ours(model.networks), model.containers, 'en')[0];
    assert.ok(net.usedBy.some((u) => u.name === `dfg-conn-${RUN}` && u.running));
  });

  it('a network only a stopped container refers to is removed by the engine, and that container cannot start again', async () => {
    const netName = `dfg-net3-${RUN}`;
    await clients.api.createNetwork({ Name: netName, Labels: LABELS });
    const c = await clients.api.createContainer({ Image: TEST_IMAGE, name: `dfg-orphan-${RUN}`, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: netName } });
    await model.waitFor((m) => m.networks.some((n) => n.Name === netName) && m.containers.some((x) => x.Id === c.id), 5000);
    const node = networkTree(ours(model.networks), model.containers, 'en').find((n) => n.name === netName)!;
    assert.match(networkRemovalQuestion(node, 'en').detail, new RegExp(`Stopped containers use this network: dfg-orphan-${RUN}\\. Once it is gone they cannot start again`));
    const [r] = await removeNetworks(clients, [node]);
    assert.equal(r.ok, true, r.error?.message);
    await model.waitFor((m) => !m.networks.some((n) => n.Name === netName), 5000);
    await assert.rejects(c.start(), (e: unknown) => /network .* not found/i.test(String((e as Error).message)));
  });

  it('remove unused networks names exactly the unused ones and removes them', async () => {
    const spare = `dfg-spare-${RUN}`;
    await clients.api.createNetwork({ Name: spare, Labels: LABELS });
    await model.waitFor((m) => m.networks.some((n) => n.Name === spare), 5000);
    const unused = unusedNetworks(networkTree(ours(model.networks), model.containers, 'en'));
    assert.deepEqual(unused.map((n) => n.name), [spare], 'the used network stays out');
    const q = pruneNetworksQuestion(unused, 'en') as Question;
    assert.equal(q.message, `Remove 1 unused network (${spare})?`);
    const results = await removeNetworks(clients, unused);
    assert.ok(results.every((r) => r.ok));
    await model.waitFor((m) => !m.networks.some((n) => n.Name === spare), 5000);
    assert.ok(model.networks.some((n) => n.Name === `dfg-net-${RUN}`));
  });

  it('remove unused volumes names named and anonymous apart; "anonymous only" keeps the named one', async () => {
    const named = `dfg-keep-${RUN}`;
    await clients.api.createVolume({ Name: named, Labels: LABELS });
    // No name: the engine makes one up (64 hex digits): an anonymous volume.
    const anon = { Name: (await clients.api.createVolume({ Labels: LABELS })).name };
    assert.match(anon.Name, /^[0-9a-f]{64}$/);
    await model.waitFor((m) => m.volumes.some((v) => v.Name === anon.Name) && m.volumes.some((v) => v.Name === named), 5000);
    const unused = unusedVolumes(volumeTree(ours(model.volumes), model.containers, 'en'));
    assert.deepEqual(unused.map((v) => v.name).sort(), [named, anon.Name].sort(), 'the volume a container uses stays out');
    const q = pruneVolumesQuestion(unused, 'en') as Question;
    assert.equal(q.message, 'Remove 2 unused volumes?');
    assert.ok(q.detail.includes(`1 named: ${named}\n1 anonymous: ${anon.Name.slice(0, 12)}`), q.detail);
    assert.deepEqual(q.buttons, ['Remove all 2', 'Remove only the 1 anonymous']);
    const results = await removeVolumes(clients, unused.filter((v) => v.anonymous));
    assert.ok(results.every((r) => r.ok));
    await model.waitFor((m) => !m.volumes.some((v) => v.Name === anon.Name), 5000);
    assert.ok(model.volumes.some((v) => v.Name === named), 'the named volume is kept');
  });
});
