// The Networks and Volumes views as plain data: which containers use what (stopped ones included), built-in
// networks without Remove, anonymous volumes told apart, the refusals and the questions naming what goes, the
// events that make each view stale, and the Containers filter. No engine, no VS Code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Dockerode from 'dockerode';
import { networkTree } from '../../client/src/sidebar/networkItems';
import { isAnonymousVolume, volumeTree } from '../../client/src/sidebar/volumeItems';
import {
  networkRemovalQuestion,
  networkRemovalRefusal,
  pruneNetworksQuestion,
  pruneVolumesQuestion,
  unusedNetworks,
  unusedVolumes,
  volumeRemovalRefusal,
  type Question,
} from '../../client/src/sidebar/netvolWords';
import { filterContainers, filterMessage } from '../../client/src/sidebar/containerFilter';
import { bulkReport } from '../../client/src/sidebar/confirm';
import { containerOfNetworkEvent, eventFilters, viewForEvent } from '../../client/src/docker/events';

const ANON = 'a'.repeat(40) + '0123456789abcdef01234567';

function container(name: string, state: string, networks: string[], volumes: string[], image = 'busybox'): Dockerode.ContainerInfo {
  return {
    Id: `${name}-id`,
    Names: [`/${name}`],
    Image: image,
    State: state,
    NetworkSettings: { Networks: Object.fromEntries(networks.map((n) => [n, {}])) },
    Mounts: volumes.map((v) => ({ Type: 'volume', Name: v, Source: '', Destination: '/d', Driver: 'local', Mode: '', RW: true, Propagation: '' })),
  } as unknown as Dockerode.ContainerInfo;
}

function network(name: string, driver = 'bridge'): Dockerode.NetworkInspectInfo {
  return { Name: name, Id: `${name}-nid`.padEnd(64, '0'), Driver: driver, Scope: 'local', IPAM: { Config: [{ Subnet: '172.30.0.0/16' }] } } as unknown as Dockerode.NetworkInspectInfo;
}

function volume(name: string, driver = 'local', labels: Record<string, string> = {}): Dockerode.VolumeInspectInfo {
  return { Name: name, Driver: driver, Mountpoint: `/var/lib/docker/volumes/${name}/_data`, Labels: labels } as unknown as Dockerode.VolumeInspectInfo;
}

const containers = [
  container('web', 'running', ['app-net'], ['db-data']),
  container('db', 'exited', ['app-net', 'old-net'], ['db-data', ANON]),
  container('tool', 'running', ['bridge'], []),
];

describe('networks view', () => {
  const nodes = networkTree([network('bridge'), network('host', 'host'), network('none', 'null'), network('old-net'), network('app-net'), network('spare')], containers, 'en');

  it('lists user networks by name, then the built-in ones, which offer no Remove', () => {
    assert.deepEqual(nodes.map((n) => n.name), ['app-net', 'old-net', 'spare', 'bridge', 'host', 'none']);
    assert.deepEqual(nodes.filter((n) => n.builtin).map((n) => n.contextValue), ['network:builtin', 'network:builtin', 'network:builtin']);
    assert.equal(nodes.find((n) => n.name === 'spare')!.contextValue, 'network:unused');
    assert.equal(nodes.find((n) => n.name === 'app-net')!.contextValue, 'network:used');
  });

  it('names the containers that use each network, stopped ones marked', () => {
    const app = nodes.find((n) => n.name === 'app-net')!;
    assert.deepEqual(app.usedBy.map((u) => [u.name, u.running]), [['db', false], ['web', true]]);
    assert.equal(app.description, 'bridge · 2 containers');
    assert.match(app.tooltip, /Used by: `db` \(stopped\), `web`/);
    assert.match(app.tooltip, /172\.30\.0\.0\/16/);
    assert.equal(nodes.find((n) => n.name === 'spare')!.description, 'bridge · no containers');
    assert.deepEqual(app.children.map((c) => [c.label, c.description]), [['db', 'stopped'], ['web', 'running']], 'one row per user under the network');
    assert.deepEqual(nodes.find((n) => n.name === 'spare')!.children, []);
    const ko = networkTree([network('app-net')], containers, 'ko')[0];
    assert.equal(ko.description, 'bridge · 컨테이너 2개');
    assert.match(ko.tooltip, /사용하는 컨테이너: `db` \(멈춤\), `web`/);
  });

  it('refuses built-in networks and networks running containers are on, naming them', () => {
    const by = (n: string) => nodes.find((x) => x.name === n)!;
    assert.equal(networkRemovalRefusal(by('bridge'), 'en'), 'The network bridge is built into Docker and cannot be removed.');
    assert.match(networkRemovalRefusal(by('app-net'), 'ko')!, /^app-net 네트워크는 실행 중인 컨테이너가 쓰고 있어서 삭제할 수 없습니다: web\./);
    assert.equal(networkRemovalRefusal(by('old-net'), 'en'), undefined, 'only a stopped container is on it');
    assert.match(networkRemovalQuestion(by('old-net'), 'en').detail, /Stopped containers use this network: db\. Once it is gone they cannot start again/);
    assert.equal(networkRemovalQuestion(by('spare'), 'ko').detail, '이 네트워크를 쓰는 컨테이너는 없습니다.');
  });

  it('prune takes only networks no container refers to, and names them', () => {
    const unused = unusedNetworks(nodes);
    assert.deepEqual(unused.map((n) => n.name), ['spare']);
    const q = pruneNetworksQuestion(unused, 'both') as Question;
    assert.equal(q.message, '사용하지 않는 네트워크 1개를 삭제할까요? (spare) / Remove 1 unused network (spare)?');
    assert.equal(pruneNetworksQuestion([], 'en'), 'There are no unused networks.');
  });
});

describe('volumes view', () => {
  const list = [volume(ANON), volume('db-data'), volume('cache'), volume('b'.repeat(64)), volume('nfs-share', 'nfs')];
  const nodes = volumeTree(list, containers, 'en');

  it('tells anonymous volumes from named ones (64-hex name, or the label of Docker 23+)', () => {
    assert.equal(isAnonymousVolume({ Name: ANON }), true);
    assert.equal(isAnonymousVolume({ Name: 'db-data' }), false);
    assert.equal(isAnonymousVolume({ Name: 'x', Labels: { 'com.docker.volume.anonymous': '' } }), true);
    assert.deepEqual(nodes.map((n) => n.label), ['cache', 'db-data', 'nfs-share', ANON.slice(0, 12), 'b'.repeat(12)]);
    assert.equal(nodes.find((n) => n.name === ANON)!.description, 'anonymous volume · 1 container');
  });

  it('names the containers using each volume, stopped ones included', () => {
    const db = nodes.find((n) => n.name === 'db-data')!;
    assert.deepEqual(db.usedBy.map((u) => u.name), ['db', 'web']);
    assert.deepEqual(volumeTree(list, containers, 'ko').find((n) => n.name === 'db-data')!.children.map((c) => [c.label, c.description]), [['db', '멈춤'], ['web', '실행 중']]);
    assert.equal(db.contextValue, 'volume:used');
    assert.equal(nodes.find((n) => n.name === 'cache')!.contextValue, 'volume:unused');
  });

  it('refuses a volume in use and says which containers use it', () => {
    const anon = nodes.find((n) => n.name === ANON)!;
    assert.equal(
      volumeRemovalRefusal(anon, 'en'),
      `The volume ${ANON.slice(0, 12)} cannot be removed while containers use it: db. Stopped containers hold on to it too: remove them first.`,
    );
    assert.match(volumeRemovalRefusal(nodes.find((n) => n.name === 'db-data')!, 'ko')!, /^db-data 볼륨은 컨테이너가 쓰고 있어서 삭제할 수 없습니다: db, web\./);
    assert.equal(volumeRemovalRefusal(nodes.find((n) => n.name === 'cache')!, 'en'), undefined);
  });

  it('prune names the named and the anonymous volumes apart, lets the named ones stay, and skips other drivers', () => {
    const unused = unusedVolumes(nodes);
    assert.deepEqual(unused.map((n) => n.name), ['cache', 'b'.repeat(64)], 'nfs-share is not local; used ones stay');
    const q = pruneVolumesQuestion(unused, 'en') as Question;
    assert.equal(q.message, 'Remove 2 unused volumes?');
    assert.match(q.detail, /^1 named: cache\n1 anonymous: bbbbbbbbbbbb\n/);
    assert.match(q.detail, /deleted for good/);
    assert.deepEqual(q.buttons, ['Remove all 2', 'Remove only the 1 anonymous']);
    const ko = pruneVolumesQuestion(unused, 'ko') as Question;
    assert.match(ko.detail, /^이름 있는 볼륨 1개: cache\n익명 볼륨 1개: bbbbbbbbbbbb\n/);
    assert.deepEqual(ko.buttons, ['모두 삭제 (2개)', '익명 볼륨만 삭제 (1개)']);
    const onlyNamed = pruneVolumesQuestion(unused.slice(0, 1), 'en') as Question;
    assert.deepEqual(onlyNamed.buttons, ['Remove']);
    assert.equal(onlyNamed.message, 'Remove 1 unused volume?');
    assert.equal(pruneVolumesQuestion([], 'ko'), '사용하지 않는 볼륨이 없습니다.');
  });

  it('reports in Korean with the right particle (볼륨을, 네트워크를)', () => {
    assert.equal(bulkReport('remove', 'volume', [{ name: 'cache', ok: true }], 'ko').message, 'cache 볼륨을 삭제했습니다');
    assert.equal(bulkReport('remove', 'network', [{ name: 'spare', ok: true }], 'ko').message, 'spare 네트워크를 삭제했습니다');
    assert.equal(bulkReport('remove', 'image', [{ name: 'x:1', ok: true }], 'ko').message, 'x:1 이미지를 삭제했습니다');
  });
});

describe('events and the Containers filter', () => {
  it('network and volume events make their views stale; connect/disconnect name a container', () => {
    const f = eventFilters();
    assert.ok(f.type.includes('network') && f.type.includes('volume'));
    for (const a of ['create', 'destroy', 'connect', 'disconnect']) assert.equal(viewForEvent({ Type: 'network', Action: a }), 'networks', a);
    for (const a of ['create', 'destroy']) assert.equal(viewForEvent({ Type: 'volume', Action: a }), 'volumes', a);
    assert.equal(viewForEvent({ Type: 'volume', Action: 'mount' }), undefined);
    assert.equal(containerOfNetworkEvent({ Type: 'network', Action: 'connect', Actor: { ID: 'n', Attributes: { container: 'c1' } } }), 'c1');
    assert.equal(containerOfNetworkEvent({ Type: 'network', Action: 'create', Actor: { ID: 'n', Attributes: {} } }), undefined);
  });

  it('filters by name or image, all words, case-insensitive, and says so above the tree', () => {
    const cs = [container('web-1', 'running', [], [], 'nginx:1.25'), container('db', 'running', [], [], 'postgres:16'), container('worker', 'exited', [], [], 'myapp/web:dev')];
    assert.deepEqual(filterContainers(cs, 'WEB').map((c) => c.Names[0]), ['/web-1', '/worker']);
    assert.deepEqual(filterContainers(cs, 'web dev').map((c) => c.Names[0]), ['/worker']);
    assert.deepEqual(filterContainers(cs, 'postgres').map((c) => c.Names[0]), ['/db']);
    assert.equal(filterContainers(cs, '  ').length, 3);
    assert.equal(filterMessage('web', 2, 3, 'en'), 'Filter: "web" (name or image) · showing 2 of 3');
    assert.equal(filterMessage('web', 2, 3, 'ko'), '필터: "web" (이름 또는 이미지) · 2/3개 표시');
    assert.equal(filterMessage(undefined, 3, 3, 'en'), undefined);
  });
});
