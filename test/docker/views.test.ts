// The tree mapping (views/*Items.ts) on what the real engine returns, plus the cases that are hard to
// stage (health states, dead, Compose labels, dangling images).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Dockerode from 'dockerode';
import { DockerModel } from '../../client/src/docker/model';
import { classifyError } from '../../common/src/engine/errors';
import { containerIcon, containerNode, containerTree, exitCodeOf } from '../../client/src/sidebar/containerItems';
import { formatAge, formatSize } from '../../client/src/sidebar/format';
import { imageTree, isDangling } from '../../client/src/sidebar/imageItems';
import { errorNodes, stateNodes } from '../../client/src/sidebar/statusItems';
import { browserUrl } from '../../client/src/sidebar/browserUrl';
import { cleanup, mainClients, mainEndpoint, runId, setupMainEngine, startTestContainer, TEST_IMAGE } from './helpers';

const RUN = runId();
const clients = mainClients();

function info(p: Partial<Dockerode.ContainerInfo>): Dockerode.ContainerInfo {
  return {
    Id: 'a'.repeat(64),
    Names: ['/web'],
    Image: 'nginx:1.25',
    ImageID: 'sha256:' + 'b'.repeat(64),
    Command: 'nginx -g daemon off;',
    Created: 1700000000,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 5 minutes',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...p,
  } as Dockerode.ContainerInfo;
}

describe('container mapping', () => {
  it('normalises status so the text does not change with uptime', () => {
    const a = containerNode(info({ Status: 'Up 5 minutes' }), 'en');
    const b = containerNode(info({ Status: 'Up 2 hours' }), 'en');
    assert.equal(a.description, 'running · nginx:1.25');
    assert.equal(a.description, b.description);
    assert.equal(containerNode(info({}), 'ko').description, '실행 중 · nginx:1.25');
  });

  it('picks the icon from state, exit code and health', () => {
    const cases: Array<[Partial<Dockerode.ContainerInfo>, string, string]> = [
      [{ State: 'running', Status: 'Up 1 second (healthy)' }, 'healthy', 'running (healthy)'],
      [{ State: 'running', Status: 'Up 1 second (unhealthy)' }, 'unhealthy', 'running (unhealthy)'],
      [{ State: 'running', Status: 'Up 1 second (health: starting)' }, 'healthStarting', 'running (health: starting)'],
      [{ State: 'paused', Status: 'Up 1 second (Paused)' }, 'paused', 'paused'],
      [{ State: 'restarting', Status: 'Restarting (1) 2 seconds ago' }, 'restarting', 'restarting'],
      [{ State: 'exited', Status: 'Exited (0) 3 minutes ago' }, 'exitedOk', 'exited (0)'],
      [{ State: 'exited', Status: 'Exited (137) 3 minutes ago' }, 'exitedError', 'exited with error (137)'],
      [{ State: 'dead', Status: 'Dead' }, 'dead', 'dead'],
      [{ State: 'created', Status: 'Created' }, 'created', 'created'],
    ];
    for (const [p, icon, text] of cases) {
      const n = containerNode(info(p), 'en');
      assert.equal(n.icon, icon, JSON.stringify(p));
      assert.equal(n.description, `${text} · nginx:1.25`);
    }
    assert.equal(exitCodeOf('Exited (-1) now'), -1);
    assert.equal(containerIcon({ State: 'exited', Status: 'Exited (2) x' }), 'exitedError');
  });

  it('a paused container reads "일시 정지됨" first in its row, before the image name a narrow sidebar cuts', () => {
    const n = containerNode(info({ State: 'paused', Status: 'Up 1 second (Paused)', Image: 'registry.example.com/team/very-long-image-name:1.2.3' }), 'ko');
    assert.ok(n.description.startsWith('일시 정지됨 · '), n.description);
  });

  it('while our Stop or Restart runs the row says so (spinner), the menus still see the engine state', () => {
    const running = info({ Id: 'r1' });
    const stopping = containerTree([running], 'ko', new Map([['r1', 'stop' as const]]))[0] as ReturnType<typeof containerNode>;
    assert.equal(stopping.icon, 'stopping');
    assert.equal(stopping.description, '멈추는 중… · nginx:1.25');
    assert.equal(stopping.contextValue, 'container:running');
    const restarting = containerNode(running, 'en', 'restart');
    assert.equal(restarting.icon, 'restarting');
    assert.equal(restarting.description, 'restarting · nginx:1.25');
    assert.equal(containerNode(running, 'en').description, 'running · nginx:1.25', 'without a request: the engine state');
  });

  it('groups by Compose project, sorts, and counts running members', () => {
    const tree = containerTree(
      [
        info({ Id: '1', Names: ['/zeta'] }),
        info({ Id: '2', Names: ['/app-db-1'], Labels: { 'com.docker.compose.project': 'app' } }),
        info({ Id: '3', Names: ['/app-web-1'], State: 'exited', Status: 'Exited (1) 1 minute ago', Labels: { 'com.docker.compose.project': 'app' } }),
        info({ Id: '4', Names: ['/alpha'] }),
      ],
      'ko',
    );
    assert.deepEqual(tree.map((n) => n.label), ['app', 'alpha', 'zeta']);
    const g = tree[0];
    assert.ok(g.kind === 'group');
    assert.deepEqual(g.children.map((c) => c.label), ['app-db-1', 'app-web-1']);
    assert.equal(g.description, '2개 중 1개 실행 중');
  });

  it('tooltip and context carry id, image, command, ports, mounts, exit code; web ports enable Open in Browser', () => {
    const n = containerNode(
      info({
        State: 'running',
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { PrivatePort: 443, Type: 'tcp' } as Dockerode.Port,
        ],
        Mounts: [{ Type: 'volume', Name: 'db', Source: '/var/lib/docker/volumes/db', Destination: '/var/lib/mysql', RW: true } as never],
      }),
      'en',
    );
    assert.equal(n.contextValue, 'container:running:web');
    assert.deepEqual(n.ports, [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
    for (const s of ['aaaaaaaaaaaa', 'nginx:1.25', 'nginx -g daemon off;', '8080→80/tcp, 443/tcp', 'db → /var/lib/mysql', '2023-11-14 22:13:20 UTC']) {
      assert.ok(n.tooltip.includes(s), `tooltip lacks ${s}:\n${n.tooltip}`);
    }
    assert.equal(browserUrl(n.ports[0], mainEndpoint()), 'http://localhost:8080/');
    const stopped = containerNode(info({ State: 'exited', Status: 'Exited (3) 1 second ago' }), 'ko');
    // An exited container is stopped (start, remove…) and exited ("Why did it exit?"); one only created is not exited.
    assert.equal(stopped.contextValue, 'container:stopped:exited');
    assert.equal(containerNode(info({ State: 'created', Status: 'Created' }), 'ko').contextValue, 'container:stopped');
    assert.ok(stopped.tooltip.includes('종료 코드: `3`'));
  });

  it('tooltip text is exact: row order, markdown escaping, backticks, ports, mounts, project, exit code', () => {
    const c = info({
      Names: ['/web_1'],
      Image: 'sha256:' + 'b'.repeat(64),
      Command: 'echo `x`',
      Status: 'Up 3 minutes (healthy)',
      Ports: [
        { PrivatePort: 80, PublicPort: 8080, Type: 'tcp', IP: '0.0.0.0' },
        { PrivatePort: 80, PublicPort: 8080, Type: 'tcp', IP: '::' },
        { PrivatePort: 443, PublicPort: 8443, Type: 'tcp', IP: '127.0.0.1' },
        { PrivatePort: 53, Type: 'udp' } as Dockerode.Port,
        { PrivatePort: 53, Type: 'udp' } as Dockerode.Port,
      ],
      Mounts: [{ Type: 'volume', Name: 'v', Destination: '/d', RW: false } as never, { Type: 'bind', Source: '/s', Destination: '/e', RW: true } as never],
      Labels: { 'com.docker.compose.project': 'p_[x]' },
    });
    assert.equal(
      containerNode(c, 'en').tooltip,
      '**web\\_1**  \n  \nID: `aaaaaaaaaaaa`  \nImage: `bbbbbbbbbbbb`  \nCommand: `echo \'x\'`  \nStatus: `running (healthy) — Up 3 minutes (healthy)`  \n' +
        'Ports: `8080→80/tcp, 127.0.0.1:8443→443/tcp, 53/udp`  \nMounts: `v → /d (ro), /s → /e`  \nCreated: `2023-11-14 22:13:20 UTC`  \nCompose project: `p_[x]`',
    );
    assert.equal(
      containerNode({ ...c, State: 'exited', Status: 'Exited (3) 1 hour ago', Ports: [], Mounts: [], Labels: {} }, 'ko').tooltip,
      '**web\\_1**  \n  \nID: `aaaaaaaaaaaa`  \n이미지: `bbbbbbbbbbbb`  \n명령: `echo \'x\'`  \n상태: `오류로 종료됨 (3) — Exited (3) 1 hour ago`  \n' +
        '포트: `없음`  \n마운트: `없음`  \n생성 시각: `2023-11-14 22:13:20 UTC`  \n종료 코드: `3`',
    );
    // Years past 9999 keep the long ISO form.
    assert.match(containerNode(info({ Created: 300000000000 }), 'en').tooltip, /Created: `\+011476-\d\d-\d\d \d\d:\d\d:\d\d UTC`/);
  });
});

describe('image mapping', () => {
  const img = (p: Partial<Dockerode.ImageInfo>): Dockerode.ImageInfo =>
    ({ Id: 'sha256:' + 'c'.repeat(64), ParentId: '', RepoTags: [], RepoDigests: [], Created: 1700000000, Size: 1_980_000, VirtualSize: 0, SharedSize: -1, Labels: {}, Containers: -1, ...p }) as Dockerode.ImageInfo;

  it('groups by repository with the tag as label; size · age as description; dangling behind the toggle', () => {
    const now = (1700000000 + 3 * 86400) * 1000;
    const list = [
      img({ Id: 'sha256:1', RepoTags: ['nginx:1.25', 'nginx:latest'] }),
      img({ Id: 'sha256:2', RepoTags: ['localhost:5000/team/app:v1'], Size: 117_000_000 }),
      img({ Id: 'sha256:3', RepoTags: ['<none>:<none>'] }),
      img({ Id: 'sha256:4', RepoTags: null as unknown as string[] }),
    ];
    const hidden = imageTree(list, 'en', { showDangling: false, now });
    assert.deepEqual(hidden.map((r) => r.label), ['localhost:5000/team/app', 'nginx']);
    assert.deepEqual(hidden[1].children.map((c) => c.label), ['1.25', 'latest']);
    assert.equal(hidden[1].children[0].description, '1.98MB · 3 days ago');
    assert.equal(hidden[0].children[0].label, 'v1');
    const shown = imageTree(list, 'ko', { showDangling: true, now });
    const last = shown[shown.length - 1];
    assert.equal(last.label, '태그 없는 이미지(dangling)');
    assert.equal(last.children.length, 2);
    assert.equal(last.children[0].contextValue, 'image:dangling');
    assert.equal(shown[1].children[0].description, '1.98MB · 3일 전');
    assert.ok(isDangling({ RepoTags: [] }));
  });

  it('formats sizes like docker and ages coarsely', () => {
    assert.deepEqual([formatSize(0), formatSize(999), formatSize(1_980_000), formatSize(117_000_000), formatSize(1_500_000_000)], ['0B', '999B', '1.98MB', '117MB', '1.5GB']);
    assert.equal(formatAge(100, 'en', 130_000), 'just now');
    assert.equal(formatAge(0, 'ko', 7200_000), '2시간 전');
    assert.equal(formatAge(0, 'en', 60_000), '1 minute ago');
  });
});

describe('status items', () => {
  it('the error state is one headline, the reason, Retry and How to start Docker, in both languages', () => {
    const err = classifyError(Object.assign(new Error('connect ENOENT /tmp/x.sock'), { code: 'ENOENT' }), '/tmp/x.sock');
    const en = errorNodes(err, 'en');
    assert.deepEqual(en.map((n) => n.label), ['Cannot reach the Docker engine', 'Socket /tmp/x.sock does not exist: the Docker engine is not running', 'Retry', 'How to start Docker']);
    const ko = errorNodes(err, 'ko');
    assert.equal(ko[0].label, 'Docker 엔진에 연결할 수 없습니다');
    assert.equal(ko[2].command, 'dockerfileGuide.docker.retry');
    assert.equal(stateNodes({ kind: 'ready' }, 'en'), undefined);
  });
});

describe('mapping what the engine really returns', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('a live running and a failed container map to the right icons and descriptions', async () => {
    const ok = await startTestContainer(clients, RUN, { name: `dfg-map-ok-${RUN}` });
    const bad = await startTestContainer(clients, RUN, { name: `dfg-map-bad-${RUN}`, cmd: ['sh', '-c', 'exit 3'] });
    await clients.api.getContainer(bad).wait();
    const model = new DockerModel({ resolve: mainEndpoint });
    model.start();
    await model.waitFor((m) => m.state.kind === 'ready', 10000);
    const byId = new Map(containerTree(model.containers, 'en').flatMap((n) => (n.kind === 'group' ? n.children : [n])).map((n) => [n.id, n]));
    assert.equal(byId.get(ok)?.icon, 'running');
    assert.equal(byId.get(ok)?.description, `running · ${TEST_IMAGE}`);
    assert.equal(byId.get(bad)?.icon, 'exitedError');
    assert.equal(byId.get(bad)?.description, `exited with error (3) · ${TEST_IMAGE}`);

    // Health checks reach the tree through health_status events (the engine fuzzy-matches that filter).
    const sick = await startTestContainer(clients, RUN, {
      healthcheck: { Test: ['CMD', 'false'], Interval: 300_000_000, Timeout: 1_000_000_000, Retries: 1 },
    });
    const icon = () => containerTree(model.containers, 'ko').flatMap((n) => (n.kind === 'group' ? n.children : [n])).find((n) => n.id === sick)?.icon;
    await model.waitFor(() => icon() === 'healthStarting' || icon() === 'unhealthy', 3000);
    await model.waitFor(() => icon() === 'unhealthy', 10000);
    model.dispose();
  });
});
