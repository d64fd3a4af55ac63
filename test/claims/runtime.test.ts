/**
 * Run-time claims: who is PID 1 under a shell-form CMD (it depends on the shell), what `docker stop` then does, and
 * whether a non-root USER may bind port 80, and how long a container lives on an inherited shell CMD. Checked against
 * docs/instructions.ts (CMD, ENTRYPOINT, SHELL, USER), JSONArgsRecommended, DL3025, DG102 and DG111.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { APT_PACKAGES, INSTRUCTIONS } from '../../server/src/docs';
import { JSONArgsRecommended } from '../../server/src/rules/buildkit/JSONArgsRecommended';
import { ParsedDocument } from '../../server/src/service/document';
import { effectiveCommand } from '../../server/src/service/effectiveCommand';
import { explainMarkdown } from '../../server/src/service/explain';
import { startChain } from '../../server/src/service/startChain';
import { DL3025 } from '../../server/src/rules/hadolint/DL3025';
import { DG102 } from '../../server/src/rules/stack/DG102-interactiveShellLast';
import { DG111 } from '../../server/src/rules/stack/DG111-keepAliveMainProcess';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, ensureDebianImage, imageConfig } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, docker, dockerOk, runOnce } from './claims';

let debian = '';
let busybox = '';
const classic = builders().find((b) => b.name === 'classic')!;

/** Waits (up to `ms`) until the container has stopped; its state then, or the running state when it has not. */
async function stateAfter(name: string, ms: number): Promise<{ running: boolean; exitCode: number; livedMs: number }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [running, exitCode, started, finished] = (
      await dockerOk(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}} {{.State.StartedAt}} {{.State.FinishedAt}}', name])
    ).split(' ');
    if (running === 'false' || Date.now() > deadline) {
      return { running: running === 'true', exitCode: Number(exitCode), livedMs: running === 'true' ? -1 : Date.parse(finished) - Date.parse(started) };
    }
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** PID 1's argv inside a fresh container of `image` running `argv`, as one string. */
async function pid1(image: string, argv: string[]): Promise<string> {
  const r = await runOnce(image, argv);
  assert.equal(r.code, 0, r.out);
  return r.stdout.split('\0').filter(Boolean).join(' ').trim();
}

/** Starts a container, waits until PID 1 runs `want`, and measures `docker stop` (default 10 s grace). */
async function stopTimed(image: string, want: RegExp): Promise<{ ms: number; exitCode: number; pid1: string }> {
  const name = containerName('stop');
  await dockerOk(['run', '-d', '--name', name, '--label', `${LABEL}=${RUN_ID}`, image]);
  let seen = '';
  for (let i = 0; i < 50 && !want.test(seen); i++) {
    const r = await docker(['exec', name, 'cat', '/proc/1/cmdline']);
    seen = r.stdout.split('\0').filter(Boolean).join(' ');
    if (!want.test(seen)) await new Promise((res) => setTimeout(res, 100));
  }
  assert.match(seen, want, 'the container did not come up');
  // perl is up once PID 1 is (it is PID 1, or the shell's only child): give it a moment to set its handler.
  await new Promise((res) => setTimeout(res, 500));
  const started = Date.now();
  await dockerOk(['stop', name], 60_000);
  const ms = Date.now() - started;
  const exitCode = Number(await dockerOk(['inspect', '--format', '{{.State.ExitCode}}', name]));
  return { ms, exitCode, pid1: seen };
}

describe('claims: PID 1 and signals at run time', { concurrency: true }, () => {
  before(() => {
    debian = ensureDebianImage('bookworm');
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  it('JSONArgsRecommended/DL3025/DG111/docs CMD: on Debian (dash) docker stop on a shell-form CMD waits out the 10 s and exits 137, so does a tail keep-alive; the exec form with a SIGTERM handler stops at once', async () => {
    // The same program, which ends cleanly on SIGTERM, once under a shell-form CMD and once in exec form.
    const perl = `$SIG{TERM} = sub { exit 0 }; sleep 1 while 1`;
    const [shell, exec, tail] = await Promise.all([
      build(classic, 'stop-shell', { Dockerfile: `FROM ${debian}\nCMD perl -e '${perl}'\n` }),
      build(classic, 'stop-exec', { Dockerfile: `FROM ${debian}\nCMD ["perl", "-e", "${perl}"]\n` }),
      build(classic, 'stop-tail', { Dockerfile: `FROM ${debian}\nCMD ["tail", "-f", "/dev/null"]\n` }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    assert.equal(tail.code, 0, tail.out);
    assert.deepEqual(imageConfig(shell.tag).Cmd, ['/bin/sh', '-c', `perl -e '${perl}'`]);
    const [s, e, t] = await Promise.all([stopTimed(shell.tag, /^\/bin\/sh -c perl/), stopTimed(exec.tag, /^perl -e/), stopTimed(tail.tag, /^tail -f/)]);
    // DG111: tail as PID 1 has no SIGTERM handler, so the kernel drops the signal and the grace period runs out.
    assert.ok(t.ms >= 9_000, `docker stop took ${t.ms} ms on tail -f /dev/null`);
    assert.equal(t.exitCode, 137);
    assert.match(s.pid1, /^\/bin\/sh -c /, 'dash stays PID 1 under the shell-form CMD');
    assert.ok(s.ms >= 9_000, `docker stop took ${s.ms} ms: the shell should ignore SIGTERM until the 10 s are up`);
    assert.equal(s.exitCode, 137, 'SIGKILL after the grace period');
    assert.ok(e.ms < 8_000, `docker stop took ${e.ms} ms in exec form`);
    assert.equal(e.exitCode, 0, 'perl handled SIGTERM and exited cleanly');
  });

  it('docs SHELL/CMD (claim 12): dash (Debian /bin/sh) stays PID 1; busybox sh and bash exec the last command', async () => {
    const link = await runOnce(debian, ['readlink', '/bin/sh']);
    assert.equal(link.stdout.trim(), 'dash');
    const cases: [string, string[], RegExp][] = [
      [debian, ['/bin/sh', '-c', 'cat /proc/1/cmdline'], /^\/bin\/sh -c /],
      [debian, ['/bin/sh', '-c', 'true && cat /proc/1/cmdline'], /^\/bin\/sh -c /],
      [debian, ['/bin/bash', '-c', 'cat /proc/1/cmdline'], /^cat \/proc\/1\/cmdline$/],
      [busybox, ['/bin/sh', '-c', 'cat /proc/1/cmdline'], /^cat \/proc\/1\/cmdline$/],
      [busybox, ['/bin/sh', '-c', 'echo a >/dev/null && cat /proc/1/cmdline'], /^cat \/proc\/1\/cmdline$/],
    ];
    const seen = await Promise.all(cases.map(([image, argv]) => pid1(image, argv)));
    assert.equal(seen.length, 5);
    cases.forEach(([, argv, want], i) => assert.match(seen[i], want, `${argv.join(' ')} → PID 1 is "${seen[i]}"`));
  });

  it('explain (issue 16): SIGTERM reaches PID 1 only; children get none and die with PID 1; a shell PID 1 without a trap is killed at the grace period (137); --init puts docker-init first, whose child shell ends on SIGTERM (143)', async () => {
    // Children that would print if SIGTERM reached them: one in the background, one in the foreground of PID 1.
    const child = (label: string) => `sh -c "trap \\"echo ${label}-got-term\\" TERM; sleep 1000 & wait"`;
    const scripts: Record<string, { argv: string[]; opts: string[] }> = {
      // PID 1 handles TERM itself (a trap), then waits 2 s before it exits: time for a child to say it got the signal.
      trap: { argv: ['sh', '-c', `${child('bg')} & trap 'echo pid1-got-term; sleep 2; exit 0' TERM; sleep 1000 & wait`], opts: [] },
      // PID 1 is a shell without a trap that runs its last command as a child (two commands: busybox sh does not exec).
      noTrap: { argv: ['sh', '-c', `${child('bg')} & ${child('fg')}; echo after`], opts: [] },
      // The same under --init.
      init: { argv: ['sh', '-c', `${child('bg')} & ${child('fg')}; echo after`], opts: ['--init'] },
      // The fix the explainer teaches: PID 1's trap passes SIGTERM on to the child and waits for it.
      forward: { argv: ['sh', '-c', `${child('bg')} & pid=$!; trap 'kill -TERM $pid; wait $pid; exit 0' TERM; sleep 1000 & wait`], opts: [] },
    };
    const names: Record<string, string> = {};
    for (const [k, v] of Object.entries(scripts)) {
      names[k] = containerName(`sig-${k}`);
      await dockerOk(['run', '-d', '--name', names[k], '--label', `${LABEL}=${RUN_ID}`, ...v.opts, busybox, ...v.argv]);
    }
    // Every child has set its trap once `sleep 1000` runs in each of them.
    for (const k of Object.keys(names)) {
      let seen = 0;
      for (let i = 0; i < 50 && seen < 2; i++) {
        const ps = await docker(['exec', names[k], 'ps']);
        // Processes whose command is `sleep 1000` itself (the shells' own command lines mention it too).
        seen = (ps.stdout.match(/^\s*\d+\s+\S+\s+sleep 1000\s*$/gm) ?? []).length;
        if (seen < 2) await new Promise((res) => setTimeout(res, 100));
      }
      assert.equal(seen, 2, `${k}: both waiting processes are up`);
    }
    const pid1s = await Promise.all(Object.values(names).map((n) => dockerOk(['exec', n, 'cat', '/proc/1/cmdline'])));
    assert.match(pid1s[2].split('\0')[0], /docker-init$/, '--init puts docker-init in front as PID 1');
    assert.match(pid1s[1].split('\0')[0], /^sh$/);
    const stops = await Promise.all(
      Object.values(names).map(async (n) => {
        const t0 = Date.now();
        // The default grace period (10 s), not a shorter one: the trap's own 2 s must fit with room on a busy machine,
        // and the fast stops below are told from the slow one by seconds, not by a tight bound.
        await dockerOk(['stop', '-t', '10', n], 60_000);
        const ms = Date.now() - t0;
        const code = Number(await dockerOk(['inspect', '--format', '{{.State.ExitCode}}', n]));
        const logs = await docker(['logs', n]);
        return { ms, code, logs: logs.stdout + logs.stderr };
      }),
    );
    const [trap, noTrap, init, forward] = stops;
    // The child's trap works when the signal is handed to it: the runs below are not silent for want of a trap.
    assert.match(forward.logs, /bg-got-term/, 'forwarded by PID 1, the child got SIGTERM');
    assert.equal(forward.code, 0);
    assert.ok(forward.ms < 8_000, `a clean stop before the grace period (${forward.ms} ms)`);
    assert.match(trap.logs, /pid1-got-term/, 'PID 1 got SIGTERM');
    assert.doesNotMatch(trap.logs, /bg-got-term/, 'the background child got no SIGTERM');
    assert.equal(trap.code, 0);
    assert.ok(trap.ms < 9_000, `PID 1 exited on its own after its trap (${trap.ms} ms), the child with it`);
    assert.doesNotMatch(noTrap.logs, /got-term|after/, 'nothing got SIGTERM: the shell PID 1 ignores it and the children never see it');
    assert.ok(noTrap.ms >= 9_500, `the grace period ran out (${noTrap.ms} ms)`);
    assert.equal(noTrap.code, 137, 'SIGKILL after the grace period');
    assert.doesNotMatch(init.logs, /got-term|after/, 'under --init the shell ends on SIGTERM; its children get none');
    assert.ok(init.ms < 8_000, `docker-init passed SIGTERM on and the shell ended without waiting out the grace period (${init.ms} ms)`);
    assert.equal(init.code, 143, '128 + SIGTERM: the shell was ended by the signal');
    // What the explainer says is what these runs show.
    const say = (script: string) => {
      const df = 'FROM debian:bookworm\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n';
      const doc = new ParsedDocument('file:///claims/Dockerfile', 1, df);
      const ec = effectiveCommand(doc, doc.stages[0]);
      return explainMarkdown(ec, 'en', { chain: startChain(doc, ec, (rel) => (rel === 'start.sh' ? script : null)) });
    };
    const shellPid1 = say('#!/bin/sh\nmysqld_safe &\nnginx -g "daemon off;"\n');
    assert.match(shellPid1, /`docker stop` sends SIGTERM to PID 1 only\. Here PID 1 is a shell, and a shell without a `trap` does not act on SIGTERM/);
    assert.match(shellPid1, /waits 10 s and then kills every process in the container with SIGKILL \(exit code 137\)/);
    assert.match(shellPid1, /The programs beside PID 1 get no SIGTERM: when PID 1 exits, the kernel kills them at once with SIGKILL/);
    assert.match(shellPid1, /`docker run --init`: Docker's init \(`docker-init`, tini\) becomes PID 1 and passes SIGTERM on to its child, the shell, which then ends, so `docker stop` does not wait the 10 s \(exit code 143\)\. The programs the shell started \(the last command too\) still get no SIGTERM/);
  });

  it('docs USER (claim 3): a container running as a non-root USER binds port 80 (net.ipv4.ip_unprivileged_port_start=0)', async () => {
    const img = await build(classic, 'user-port80', { Dockerfile: `FROM ${busybox}\nUSER app\n` });
    assert.equal(img.code, 0, img.out);
    assert.equal(imageConfig(img.tag).User, 'app');
    const script = 'id -u; cat /proc/sys/net/ipv4/ip_unprivileged_port_start; httpd -p 80 -h /tmp && echo bound; netstat -ltn';
    const [ok, withoutSysctl] = await Promise.all([
      runOnce(img.tag, ['sh', '-c', script]),
      runOnce(img.tag, ['sh', '-c', 'httpd -p 80 -h /tmp && echo bound'], ['--sysctl', 'net.ipv4.ip_unprivileged_port_start=1024']),
    ]);
    assert.equal(ok.code, 0, ok.out);
    const lines = ok.stdout.split('\n');
    assert.equal(lines[0], '1000');
    assert.equal(lines[1], '0');
    assert.equal(lines[2], 'bound');
    assert.match(ok.stdout, /:80\s.*LISTEN/);
    // The same bind is refused once the engine's default is put back to the kernel's 1024: that sysctl is the cause.
    assert.notEqual(withoutSysctl.code, 0, withoutSysctl.out);
    assert.match(withoutSysctl.out, /Permission denied/);
  });

  it('docs/aptPackages procps: a Debian made like the official images (the minbase variant, full, not slim) has no ps', async () => {
    const r = await runOnce(debian, ['sh', '-c', 'command -v ps || echo "no ps"; dpkg-query -W -f=\'${Status}\' procps 2>&1 || true']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.stdout, /^no ps$/m);
    assert.doesNotMatch(r.stdout, /install ok installed/);
    const doc = APT_PACKAGES.find((p) => p.name === 'procps')!.doc;
    assert.match(doc.en, /not only the slim ones: `debian:bookworm` and `debian:buster` lack it too/);
    assert.match(doc.en, /minbase/);
    assert.match(doc.ko, /slim이 아닌 `debian:bookworm`, `debian:buster`에도 들어 있지 않습니다/);
  });

  it('DG102 (issue 15): an image without CMD or ENTRYPOINT runs its base image\'s shell CMD, which exits 0 at once under docker run -d; -i or -t keeps it', async () => {
    // The classic builder and BuildKit store the base image's CMD unchanged when the Dockerfile sets none.
    const buildkit = builders().find((x) => x.name === 'BuildKit')!;
    const [d, b] = await Promise.all([
      build(classic, 'nocmd-debian', { Dockerfile: `FROM ${debian}\nRUN echo installed > /srv.txt\n` }),
      build(buildkit, 'nocmd-busybox', { Dockerfile: `FROM ${busybox}\nRUN echo installed > /srv.txt\n` }),
    ]);
    assert.equal(d.code, 0, d.out);
    assert.equal(b.code, 0, b.out);
    assert.deepEqual([imageConfig(debian).Cmd, imageConfig(d.tag).Cmd, imageConfig(d.tag).Entrypoint], [['bash'], ['bash'], null]);
    assert.deepEqual([imageConfig(busybox).Cmd, imageConfig(b.tag).Cmd, imageConfig(b.tag).Entrypoint], [['sh'], ['sh'], null]);
    const started: [string, string[], string][] = [
      [containerName('nocmd-d'), ['-d'], d.tag],
      [containerName('nocmd-sh'), ['-d'], b.tag],
      [containerName('nocmd-dt'), ['-d', '-t'], d.tag],
      [containerName('nocmd-di'), ['-d', '-i'], d.tag],
    ];
    for (const [name, opts, image] of started) await dockerOk(['run', ...opts, '--name', name, '--label', `${LABEL}=${RUN_ID}`, image]);
    const [plain, sh, tty, stdin] = await Promise.all(started.map(([name], i) => stateAfter(name, i < 2 ? 10_000 : 2_000)));
    for (const [what, st] of [['bash', plain], ['sh', sh]] as const) {
      assert.equal(st.running, false, `${what} under docker run -d is still running`);
      assert.equal(st.exitCode, 0, `${what} exit code`);
      // StartedAt and FinishedAt are recorded at different points of the runtime and can come out a millisecond out
      // of order for a process that exits at once (seen: -1 ms on a fresh engine): "at once" is what is claimed.
      assert.ok(st.livedMs > -50 && st.livedMs < 2_000, `${what} lived ${st.livedMs} ms`);
    }
    assert.equal(tty.running, true, 'docker run -d -t: bash waits on the terminal');
    assert.equal(stdin.running, true, 'docker run -d -i: bash waits on the open input');
    // What DG102 says of the same Dockerfile on the official debian image (whose CMD is `bash` too), and its hover.
    const found = DG102.check({ doc: new ParsedDocument('file:///c/Dockerfile', 1, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx\n') });
    assert.equal(found.length, 1);
    assert.match(found[0].message.en, /runs the base image `debian:bookworm`'s CMD `bash` instead of starting `nginx`/);
    assert.match(found[0].message.en, /Under `docker run -d` \(without `-i` or `-t`\) bash reads an empty input and exits at once/);
    assert.match(DG102.why.en, /`-i` or `-t` \(as in `docker run -it`\) gives the shell an input to wait on; without both, `docker run -d` gives it an empty one, so the shell reads end-of-input at once, exits with code 0/);
  });

  it('docs CMD/ENTRYPOINT/SHELL/STOPSIGNAL, JSONArgsRecommended, DL3025 and DG111 state what these runs show', () => {
    const cmd = INSTRUCTIONS.CMD.forms.en;
    assert.match(cmd, /On Debian and Ubuntu images `\/bin\/sh` is dash, which stays PID 1/);
    assert.match(cmd, /exit code 137/);
    assert.match(cmd, /busybox \(Alpine\) sh may replace themselves with the last command/);
    assert.doesNotMatch(cmd, /so PID 1 is `sh`/);
    assert.match(INSTRUCTIONS.CMD.forms.ko, /dash는 명령이 끝날 때까지 PID 1로 남고/);
    assert.match(INSTRUCTIONS.ENTRYPOINT.forms.en, /`\/bin\/sh` \(dash\) stays PID 1/);
    assert.match(INSTRUCTIONS.SHELL.forms.en, /dash \(Debian's `\/bin\/sh`\) stays PID 1, while bash may replace itself with the last command/);
    assert.match(INSTRUCTIONS.STOPSIGNAL.forms.en, /a shell that does not forward signals \(dash/);
    for (const why of [JSONArgsRecommended.why, DL3025.why]) {
      assert.match(why.en, /dash, which stays PID 1/);
      assert.match(why.en, /10 s|10 seconds/);
      assert.match(why.ko, /dash/);
    }
    assert.match(DG111.why.en, /tail, sleep or a shell as PID 1 do not act on SIGTERM, so `docker stop` waits 10 s and then kills every process in the container \(exit code 137\)/);
    // The finding on the very line built above (on debian:bookworm, which our debootstrapped image stands in for).
    const perl = `$SIG{TERM} = sub { exit 0 }; sleep 1 while 1`;
    const found = JSONArgsRecommended.check({ doc: new ParsedDocument('file:///c/Dockerfile', 1, `FROM debian:bookworm\nCMD perl -e '${perl}'\n`) });
    assert.equal(found.length, 1);
    assert.equal(found[0].atLeast, 'info');
    assert.match(found[0].message.en, /\/bin\/sh \(dash\) stays PID 1 and does not pass SIGTERM on to `perl`, so `docker stop` waits 10 s and then kills everything \(exit code 137\)/);
    const user = INSTRUCTIONS.USER.forms;
    assert.match(user.en, /Ports are opened at run time, not during the build, by the process running as the last `USER`/);
    assert.match(user.en, /net\.ipv4\.ip_unprivileged_port_start=0/);
    assert.doesNotMatch(user.en, /binding nginx to ports 80\/443/);
    assert.match(user.ko, /1024 미만 포트를 열 수 있습니다/);
  });
});
