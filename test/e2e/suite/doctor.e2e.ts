// "Run and check" and "Why did it exit?" in the real VS Code against the real engine. The example stack needs
// debian:bookworm and downloads WordPress, which this machine cannot fetch (no registry, no internet), so the
// Dockerfile here is built FROM the shared busybox test image (test/engine/images.ts): its CMD exits at once, and
// the checklist must say so and point at the CMD line. Then a container that exited with code 3 gets its cause
// from the sidebar's command. Everything the test makes is labelled and removed.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { after, before, suite, test } from '../framework';
import { closeAllEditors, openFile, setGuideLanguage, startedExtension, waitFor } from '../helpers';
import { busyboxTag, ensureBusyboxImage } from '../../engine/images';

const IMAGE = busyboxTag();
const LABEL = 'dockerfile-guide.test=e2e-doctor';
const NAME = `dfg-e2e-doctor-${process.pid}`;
const docker = (...args: string[]) => execFileSync('docker', ['-H', 'unix:///var/run/docker.sock', ...args], { encoding: 'utf8' }).trim();

interface Row {
  id: string;
  ok: boolean;
  label: string;
  description: string;
  location: { file: string; line: number } | null;
  evidence: string[];
  cause: string | null;
}
const rows = async (): Promise<Row[]> => (await vscode.commands.executeCommand<Row[]>('dockerfileGuide.doctor.snapshot')) ?? [];

suite('doctor: run and check', () => {
  let tag = '';

  before(async () => {
    ensureBusyboxImage();
    await setGuideLanguage('en');
    await startedExtension();
    await vscode.commands.executeCommand('workbench.view.extension.dockerfileGuide-docker');
  });

  after(async () => {
    await closeAllEditors();
    await setGuideLanguage(undefined);
    for (const args of [['rm', '-f', NAME], ['rmi', '-f', tag]]) {
      try {
        if (args[args.length - 1]) docker(...args);
      } catch {
        /* already gone */
      }
    }
  });

  test('Run and check on a Dockerfile whose CMD exits: the checklist says why and points at the CMD line', async () => {
    const doc = await openFile('doctor/Dockerfile', [`FROM ${IMAGE}`, 'LABEL dockerfile-guide.test=e2e-doctor', 'CMD ["echo", "done"]', ''].join('\n'));
    await vscode.commands.executeCommand('dockerfileGuide.doctor.run', doc.uri);
    const list = await waitFor(rows, (r) => r.some((x) => x.id === 'run'), 'the checklist shows the run step', 60_000);
    const build = list.find((x) => x.id === 'build');
    assert.ok(build?.ok, JSON.stringify(list));
    const run = list.find((x) => x.id === 'run')!;
    assert.equal(run.ok, false);
    assert.equal(run.cause, 'no-foreground-process');
    assert.match(`${run.label} ${run.description}`, /exited/i);
    assert.ok(run.location, 'the run step points at a line');
    assert.ok(run.location!.file.endsWith('Dockerfile'));
    assert.equal(run.location!.line, 3);
    tag = docker('images', '--filter', `label=${LABEL}`, '--format', '{{.Repository}}:{{.Tag}}').split('\n')[0] ?? '';
    // The doctor removed the container it ran. Only this test's: the engine lane's doctor suite may be running its
    // own doctor containers at the same time (the container inherits the image's LABEL, so both filters apply).
    assert.equal(docker('ps', '-aq', '--filter', 'label=dockerfile-guide.doctor', '--filter', `label=${LABEL}`), '');
  });

  test('"Why did it exit?" on an exited container shows its cause', async () => {
    const id = docker('run', '-d', '--name', NAME, '--label', LABEL, IMAGE, 'sh', '-c', 'echo failing >&2; exit 3');
    docker('wait', id);
    await vscode.commands.executeCommand('dockerfileGuide.docker.container.whyExited', { kind: 'container', id, name: NAME });
    const list = await waitFor(rows, (r) => r.some((x) => x.id === 'run' && x.cause === 'crashed'), 'the checklist shows the crash', 30_000);
    const run = list.find((x) => x.id === 'run')!;
    assert.equal(run.ok, false);
    assert.match(run.description, /exited with code 3/);
    // The container's last log lines show what it said before it ended.
    assert.ok(run.evidence.some((l) => l.includes('failing')), JSON.stringify(run.evidence));
    // Nothing was built for it, and the container the user made is left as it was.
    assert.ok(!list.some((x) => x.id === 'build'));
    assert.equal(docker('inspect', '-f', '{{.State.Status}}', id), 'exited');
  });
});
