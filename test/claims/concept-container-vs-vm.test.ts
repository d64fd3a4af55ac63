/**
 * The concept page docs/concepts/container-vs-vm.{ko,en}.md says a container is a group of ordinary host processes,
 * not a machine: it runs on the engine host's kernel, sees its own PID and hostname namespaces, and is limited by a
 * cgroup. Each of those statements is shown here on the local engine with the busybox test image.
 *
 * The engine is reached over the local unix socket (MAIN_HOST), so "the host" is this machine: its kernel release
 * and its /proc are the ones the engine's containers run on.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';
import { LABEL, RUN_ID, cleanup, containerName, dockerOk, runOnce } from './claims';

let busybox = '';
const page = (lang: 'en' | 'ko') => fs.readFileSync(path.join(__dirname, '../../docs/concepts', `container-vs-vm.${lang}.md`), 'utf8');

/** Starts a long-lived container of this run; returns its name. */
async function startSleeper(opts: string[] = []): Promise<string> {
  const name = containerName('vm');
  await dockerOk(['run', '-d', '--name', name, '--label', `${LABEL}=${RUN_ID}`, ...opts, busybox, 'sleep', '60']);
  return name;
}

describe('claims: concept page container-vs-vm', { concurrency: true }, () => {
  before(() => {
    assert.match(MAIN_HOST, /^unix:\/\//, 'these claims compare the container with the machine the engine runs on');
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it('the container runs on the host kernel: uname -r inside equals the engine host\'s kernel release', async () => {
    const inside = await runOnce(busybox, ['uname', '-r']);
    assert.equal(inside.code, 0, inside.out);
    assert.equal(inside.stdout.trim(), os.release());
    assert.equal(inside.stdout.trim(), await dockerOk(['info', '--format', '{{.KernelVersion}}']));
  });

  it('its first process is PID 1 inside and an ordinary process with another PID on the host, in another PID namespace; inside, ps lists only the container\'s own processes', async () => {
    const name = await startSleeper();
    const hostPid = Number(await dockerOk(['inspect', '--format', '{{.State.Pid}}', name]));
    assert.ok(hostPid > 1, `host PID ${hostPid}`);
    // Seen from the host: the same program, under its host PID, in a PID namespace that is not the host's.
    assert.equal(fs.readFileSync(`/proc/${hostPid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '), 'sleep 60');
    assert.notEqual(fs.readlinkSync(`/proc/${hostPid}/ns/pid`), fs.readlinkSync('/proc/self/ns/pid'));
    // Seen from inside: sleep is PID 1, and the only other process is the ps that lists them.
    const ps = (await dockerOk(['exec', name, 'ps', '-o', 'pid,comm'])).split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    assert.deepEqual(ps[0], ['1', 'sleep']);
    assert.deepEqual(ps.map((p) => p[1]).sort(), ['ps', 'sleep']);
  });

  it('it has its own hostname: by default the short container ID, or what --hostname says, not the host\'s', async () => {
    const name = await startSleeper();
    const id = await dockerOk(['inspect', '--format', '{{.Id}}', name]);
    assert.equal(await dockerOk(['exec', name, 'hostname']), id.slice(0, 12));
    assert.notEqual(id.slice(0, 12), os.hostname());
    const named = await runOnce(busybox, ['hostname'], ['--hostname', 'web1']);
    assert.equal(named.stdout.trim(), 'web1');
  });

  it('it has its own network interfaces: eth0 on the default bridge network, only lo under --network none', async () => {
    const [bridge, none] = await Promise.all([runOnce(busybox, ['ls', '/sys/class/net']), runOnce(busybox, ['ls', '/sys/class/net'], ['--network', 'none'])]);
    assert.deepEqual(bridge.stdout.split(/\s+/).filter(Boolean).sort(), ['eth0', 'lo']);
    assert.deepEqual(none.stdout.split(/\s+/).filter(Boolean), ['lo']);
  });

  it('a cgroup limits it: docker run --memory 64m is the memory limit the kernel enforces for the container', async () => {
    // cgroup v1 and v2 name the file differently; the engine here may use either.
    const r = await runOnce(busybox, ['sh', '-c', 'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes'], ['--memory', '64m']);
    assert.equal(r.code, 0, r.out);
    assert.equal(r.stdout.trim(), String(64 * 1024 * 1024));
    // Without the flag there is no such limit (v2: "max"; v1: a huge number, not 64 MiB).
    const free = await runOnce(busybox, ['sh', '-c', 'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes']);
    assert.notEqual(free.stdout.trim(), String(64 * 1024 * 1024));
  });

  it('the page says what these runs show, in both languages', () => {
    const [en, ko] = [page('en'), page('ko')];
    assert.match(en, /uname -r/);
    assert.match(en, /PID 1/);
    assert.match(en, /--memory/);
    assert.match(ko, /uname -r/);
    assert.match(ko, /PID 1/);
    assert.match(ko, /커널/);
  });
});
