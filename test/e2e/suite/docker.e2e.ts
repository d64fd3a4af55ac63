// The Docker sidebar in the real VS Code against the real engine: the views list a container this
// test created, Stop changes its icon through the event stream, and a dead socket shows the error
// item, which recovers when the setting is cleared. Needs a Docker engine on /var/run/docker.sock
// (scripts/ci/dockerd-up.sh) and the shared busybox test image (made by test/engine/images.ts if missing).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { sleep, waitFor, runAcceptingDefaults } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

// The one busybox test image every engine suite shares, named by its recipe (test/engine/images.ts).
const IMAGE = busyboxTag();
const LABEL = 'dockerfile-guide.test=e2e';
const NAME = `dfg-e2e-${process.pid}`;

interface Snapshot {
  state: string;
  error?: { kind: string; reason: { ko: string; en: string } };
  endpoint?: string;
  containers: Array<{ id: string; name: string; icon: string; description: string }>;
  images: string[];
}

const snapshot = async (): Promise<Snapshot> => vscode.commands.executeCommand<Snapshot>('dockerfileGuide.docker.snapshot');
const docker = (...args: string[]) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' }).trim();

suite('docker sidebar', () => {
  let id = '';

  before(async () => {
    ensureBusyboxImage();
    id = docker('run', '-d', '--name', NAME, '--label', LABEL, '--stop-timeout', '1', IMAGE, 'sleep', '300');
    // Opening the view container is what makes the sidebar connect (nothing talks to the engine before).
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('dockerfileGuide.docker').update('host', undefined, vscode.ConfigurationTarget.Global);
    try {
      docker('rm', '-f', NAME);
    } catch {
      /* already gone */
    }
  });

  test('the Containers view lists the container the test created, running', async () => {
    const s = await waitFor(snapshot, (x) => x.state === 'ready' && x.containers.some((c) => c.id === id), 'container listed', 20_000);
    const c = s.containers.find((x) => x.id === id)!;
    assert.strictEqual(c.name, NAME);
    assert.strictEqual(c.icon, 'running');
    assert.ok(c.description.endsWith(` · ${IMAGE}`), c.description);
    assert.ok(s.images.includes(IMAGE), 'the Images view lists the test image');
    assert.ok(s.endpoint?.includes('docker.sock'), `endpoint shown: ${s.endpoint}`);
  });

  test('Stop from the command changes the icon through the event stream', async () => {
    const before = (await snapshot()).containers.find((x) => x.id === id)!;
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.stop', { kind: 'container', id, name: NAME, state: 'running', ports: [] });
    const s = await waitFor(snapshot, (x) => x.containers.some((c) => c.id === id && c.icon !== before.icon), 'icon changed after stop', 10_000);
    const c = s.containers.find((x) => x.id === id)!;
    // sleep as PID 1 ignores SIGTERM, so the engine kills it after the 1 s stop timeout: exit 137.
    assert.ok(c.icon === 'exitedError' || c.icon === 'exitedOk', c.icon);
    assert.strictEqual(docker('inspect', '-f', '{{.State.Status}}', id), 'exited');
  });

  test('Build Image on a failing Dockerfile marks the failing step in the editor', async () => {
    const file = path.join(os.tmpdir(), `dfg-e2e-build-${process.pid}`, 'Dockerfile');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [`FROM ${IMAGE}`, '# fails on purpose', 'RUN echo building && \\', '    false', 'RUN echo never'].join('\n'));
    const uri = vscode.Uri.file(file);
    // The command asks for the tag in an input box (pre-filled); accept it as a user pressing Enter.
    await runAcceptingDefaults('dockerfileGuide.docker.buildImage', uri);
    const diags = await waitFor(
      () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build'),
      (d) => d.length === 1,
      'build diagnostic',
      60_000,
    );
    assert.strictEqual(diags[0].range.start.line, 2);
    assert.strictEqual(diags[0].range.end.line, 3);
    assert.ok(/2\/3/.test(diags[0].message), diags[0].message);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 90_000);

  test('a dead socket shows the error item; clearing the setting recovers by itself', async () => {
    const dead = path.join(os.tmpdir(), `dfg-e2e-dead-${process.pid}.sock`);
    await vscode.workspace.getConfiguration('dockerfileGuide.docker').update('host', `unix://${dead}`, vscode.ConfigurationTarget.Global);
    const s = await waitFor(snapshot, (x) => x.state === 'error', 'error state', 10_000);
    assert.strictEqual(s.error?.kind, 'socketMissing');
    assert.ok(s.error?.reason.en.includes(dead), s.error?.reason.en);
    assert.ok(/[가-힣]/.test(s.error?.reason.ko ?? ''), 'Korean reason');
    assert.deepStrictEqual(s.containers, [], 'no stale containers under the error item');
    await vscode.workspace.getConfiguration('dockerfileGuide.docker').update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(snapshot, (x) => x.state === 'ready' && x.containers.some((c) => c.id === id), 'back to ready', 15_000);
  });
  test('a regular file where the socket should be reads "not a socket" in both languages, then recovers', async () => {
    const file = path.join(os.tmpdir(), `dfg-e2e-notsock-${process.pid}.sock`);
    fs.writeFileSync(file, 'not a socket\n');
    try {
      await vscode.workspace.getConfiguration('dockerfileGuide.docker').update('host', `unix://${file}`, vscode.ConfigurationTarget.Global);
      const s = await waitFor(snapshot, (x) => x.state === 'error' && x.error?.kind === 'notSocket', 'not-a-socket state', 10_000);
      assert.ok(s.error?.reason.en.startsWith(`${file} is not a socket`), s.error?.reason.en);
      assert.ok(s.error?.reason.ko.includes('소켓이 아닙니다'), s.error?.reason.ko);
      assert.deepStrictEqual(s.containers, []);
    } finally {
      await vscode.workspace.getConfiguration('dockerfileGuide.docker').update('host', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(file, { force: true });
    }
    await waitFor(snapshot, (x) => x.state === 'ready', 'back to ready', 15_000);
  });

  test('Open Shell gives the terminal an argv (docker exec -it <id> sh), labels full of metacharacters stay data', async () => {
    const marker = path.join(os.tmpdir(), `dfg-e2e-pwned-${process.pid}`);
    const evil = `$(touch ${marker}); \`touch ${marker}\` 'q' "d"`;
    const shellName = `${NAME}-sh`;
    const cid = docker('run', '-d', '--name', shellName, '--label', LABEL, '--label', `com.docker.compose.project=${evil}`, '--label', `x=${evil}`, '--stop-timeout', '1', IMAGE, 'sleep', '300');
    try {
      await waitFor(snapshot, (x) => x.containers.some((c) => c.id === cid), 'shell container listed', 10_000);
      await vscode.commands.executeCommand('dockerfileGuide.docker.container.shell', { kind: 'container', id: cid, name: shellName, state: 'running', ports: [] });
      const term = await waitFor(
        async () => vscode.window.terminals.find((t) => t.name.includes(shellName)),
        (t) => !!t,
        'shell terminal',
        10_000,
      );
      const opts = term!.creationOptions as vscode.TerminalOptions;
      assert.strictEqual(opts.shellPath, 'docker');
      assert.deepStrictEqual(opts.shellArgs, ['exec', '-it', cid, 'sh']);
      term!.dispose();
      assert.strictEqual(fs.existsSync(marker), false, 'nothing ran the label as a command');
    } finally {
      docker('rm', '-f', cid);
    }
  });
});
