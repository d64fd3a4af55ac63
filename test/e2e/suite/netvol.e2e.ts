// The Networks and Volumes views and the Containers filter in the real VS Code against the real engine: a
// labelled network and volume appear with the container that uses them, a volume created afterwards arrives
// through the event stream, and the title-bar filter narrows the Containers view by name or image and clears.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { waitFor } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

const IMAGE = busyboxTag();
const LABEL = 'dockerfile-guide.test=e2e-netvol';
const TAG = `${process.pid}`;
const NET = `dfg-e2e-net-${TAG}`;
const VOL = `dfg-e2e-vol-${TAG}`;
const LATE = `dfg-e2e-late-${TAG}`;
const USER = `dfg-e2e-user-${TAG}`;

interface Snapshot {
  state: string;
  containers: Array<{ id: string; name: string }>;
  networks: Array<{ name: string; contextValue: string; usedBy: string[] }>;
  volumes: Array<{ name: string; anonymous: boolean; usedBy: string[] }>;
  containerFilter?: string;
}

const snapshot = async (): Promise<Snapshot> => vscode.commands.executeCommand<Snapshot>('dockerfileGuide.docker.snapshot');
const docker = (...args: string[]) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' }).trim();

suite('docker networks and volumes', () => {
  before(async () => {
    ensureBusyboxImage();
    docker('network', 'create', '--label', LABEL, NET);
    docker('volume', 'create', '--label', LABEL, VOL);
    docker('create', '--name', USER, '--label', LABEL, '--network', NET, '-v', `${VOL}:/data`, IMAGE, 'true');
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
  });

  after(async () => {
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.clearFilter');
    for (const args of [['rm', '-f', USER], ['network', 'rm', NET], ['volume', 'rm', VOL], ['volume', 'rm', LATE]]) {
      try {
        docker(...args);
      } catch {
        /* already gone */
      }
    }
  });

  test('the Networks and Volumes views list them with the container that uses them', async () => {
    const s = await waitFor(snapshot, (x) => x.state === 'ready' && x.networks.some((n) => n.name === NET) && x.volumes.some((v) => v.name === VOL), 'listed', 20_000);
    const net = s.networks.find((n) => n.name === NET)!;
    assert.deepStrictEqual(net.usedBy, [USER]);
    assert.strictEqual(net.contextValue, 'network:used');
    assert.strictEqual(s.networks.find((n) => n.name === 'bridge')?.contextValue, 'network:builtin');
    assert.deepStrictEqual(s.volumes.find((v) => v.name === VOL)!.usedBy, [USER]);
  });

  test('a volume created afterwards arrives through the event stream', async () => {
    docker('volume', 'create', '--label', LABEL, LATE);
    const s = await waitFor(snapshot, (x) => x.volumes.some((v) => v.name === LATE), 'late volume listed', 10_000);
    assert.deepStrictEqual(s.volumes.find((v) => v.name === LATE)!.usedBy, []);
  });

  test('the Containers filter narrows by name and clears', async () => {
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.filter', `e2e-user-${TAG}`);
    const s = await waitFor(snapshot, (x) => x.containerFilter === `e2e-user-${TAG}`, 'filter set', 5_000);
    assert.deepStrictEqual(s.containers.map((c) => c.name), [USER]);
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.clearFilter');
    const all = await waitFor(snapshot, (x) => x.containerFilter === undefined, 'filter cleared', 5_000);
    assert.ok(all.containers.length >= 1 && all.containers.some((c) => c.name === USER));
  });
});
