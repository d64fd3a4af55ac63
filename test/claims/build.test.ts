/**
 * What the builders really do with WORKDIR variables, `COPY ../x`, local archives in ADD, HEALTHCHECK --retries,
 * COPY of several files to a path without a trailing `/`, a shell-form ENTRYPOINT next to a CMD, USER with two words,
 * SHELL without `-c`, one ENV that sets PATH twice and a daemon started by RUN, under both builders, and what a
 * shell-form HEALTHCHECK does at run time, checked against what docs/instructions.ts, docs/flags.ts and the rules
 * teach. Base: the busybox test image.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { FLAGS, INSTRUCTIONS } from '../../server/src/docs';
import { UndefinedVar } from '../../server/src/rules/buildkit/UndefinedVar';
import { DG103 } from '../../server/src/rules/stack/DG103-shellEntrypointIgnoresCmd';
import { DG105 } from '../../server/src/rules/stack/DG105-serviceStartedAtBuild';
import { DG117 } from '../../server/src/rules/stack/DG117-userTakesOneArgument';
import { DG118 } from '../../server/src/rules/stack/DG118-shellWithoutDashC';
import { DG119 } from '../../server/src/rules/stack/DG119-healthcheckShellForm';
import { DL3021 } from '../../server/src/rules/hadolint/DL3021';
import { DL3044 } from '../../server/src/rules/hadolint/DL3044';
import { ParsedDocument } from '../../server/src/service/document';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { run } from '../unit/rules/hadolint/helpers';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, imageConfig } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, containerName, dockerOk, engineMajor, runOnce } from './claims';

let busybox = '';
const bs = builders();
const ENGINE = engineMajor();

/**
 * A zstd frame holding `data` in one raw (stored) block: magic, a frame header with the single-segment flag and a
 * 4-byte content size, then a last-block header (type raw, size). Valid zstd that every decoder reads, made without
 * a zstd tool (RFC 8878, sections 3.1.1 and 3.1.1.2).
 */
function zstdStored(data: Buffer): Buffer {
  assert.ok(data.length < 128 * 1024, 'one raw block holds at most 128 KiB');
  const header = Buffer.alloc(4 + 1 + 4 + 3);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = (2 << 6) | (1 << 5); // content size field: 4 bytes; single segment (no window descriptor)
  header.writeUInt32LE(data.length, 5);
  const block = (data.length << 3) | (0 << 1) | 1; // size, type 0 = raw, last block
  header[9] = block & 0xff;
  header[10] = (block >> 8) & 0xff;
  header[11] = (block >> 16) & 0xff;
  return Buffer.concat([header, data]);
}

type Health = { name: string; status: string; outputs: string[] };

/**
 * Starts `image` detached and polls its health state until `enough` says so (at most 60 s), instead of reading it
 * after a fixed pause: on a busy machine each check runs later, and a pause long enough here would be too short there.
 */
async function healthUntil(image: string, enough: (h: Health) => boolean): Promise<Health> {
  const name = containerName('health');
  await dockerOk(['run', '-d', '--name', name, '--label', `${LABEL}=${RUN_ID}`, image]);
  const end = Date.now() + 60_000;
  for (;;) {
    const raw = JSON.parse(await dockerOk(['inspect', '--format', '{{json .State.Health}}', name])) as { Status: string; Log: { Output: string }[] | null };
    const h = { name, status: raw.Status, outputs: (raw.Log ?? []).map((l) => l.Output) };
    if (enough(h) || Date.now() > end) return h;
    await new Promise((res) => setTimeout(res, 250));
  }
}

/** A tar of `dir/f` ("hi\n"), made by the system tar, and compressed with the system bzip2 and xz. */
function archives(): Record<string, Buffer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-claims-tar-'));
  try {
    fs.mkdirSync(path.join(tmp, 'dir'));
    fs.writeFileSync(path.join(tmp, 'dir', 'f'), 'hi\n');
    const tar = spawnSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', tmp, '-cf', '-', 'dir']);
    assert.equal(tar.status, 0, `tar: ${tar.stderr}`);
    const squeeze = (prog: string) => {
      const r = spawnSync(prog, ['-c'], { input: tar.stdout });
      assert.equal(r.status, 0, `${prog} (needed to make the test archive): ${r.error?.message ?? r.stderr}`);
      return r.stdout;
    };
    return {
      'a.tar': tar.stdout,
      'a.tar.gz': gzipSync(tar.stdout),
      'a.tar.bz2': squeeze('bzip2'),
      'a.tar.xz': squeeze('xz'),
      'a.tar.zst': zstdStored(tar.stdout),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('claims: what the builders do (busybox, both builders)', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  assert.equal(bs.length, 2, 'classic and BuildKit');
  for (const b of bs) {
    it(`DG105 (${b.name}): a daemon started by RUN runs for the rest of that RUN only: the next RUN and the container have none`, async () => {
      // busybox httpd puts itself in the background, as `service nginx start` does; ps lists what runs at each point.
      const r = await build(b, 'run-daemon', {
        Dockerfile: `FROM ${busybox}\nRUN httpd -p 8080 -h /tmp && ps -o comm > /same-run.txt\nRUN ps -o comm > /next-run.txt\n`,
      });
      assert.equal(r.code, 0, r.out);
      const seen = await runOnce(r.tag, ['sh', '-c', 'cat /same-run.txt; echo --; cat /next-run.txt; echo --; ps -o comm']);
      assert.equal(seen.code, 0, seen.out);
      const [same, next, container] = seen.stdout.split('--\n').map((part) => part.split('\n').filter((l) => l && l !== 'COMMAND'));
      assert.ok(same.includes('httpd'), `same RUN: ${same.join(' ')}`);
      assert.ok(!next.includes('httpd'), `next RUN: ${next.join(' ')}`);
      assert.ok(!container.includes('httpd'), `container: ${container.join(' ')}`);
      assert.match(DG105.why.en, /leaves nothing running in the container, and the next RUN, which runs in a fresh container, cannot reach the service either/);
      assert.match(DG105.why.en, /the database is up while those commands run/);
    });

    it(`docs WORKDIR, UndefinedVar (${b.name}): an undeclared variable becomes empty, WORKDIR /a/$NOPE/b is /a/b`, async () => {
      const r = await build(b, 'workdir', { Dockerfile: `FROM ${busybox}\nWORKDIR /a/$NOPE/b\nRUN pwd > /pwd.txt\n` });
      assert.equal(r.code, 0, r.out);
      // The config keeps the text with the variable replaced by nothing (`/a//b`, the same directory as `/a/b`).
      assert.match(await dockerOk(['image', 'inspect', '--format', '{{.Config.WorkingDir}}', r.tag]), /^\/a\/\/?b$/);
      const pwd = await runOnce(r.tag, ['cat', '/pwd.txt']);
      assert.equal(pwd.code, 0, pwd.out);
      assert.equal(pwd.stdout.trim(), '/a/b');
    });

    it(`docs COPY (${b.name}): COPY ../x ${b.name === 'BuildKit' ? 'copies x from the context root' : 'fails with "forbidden path outside the build context" in the legacy builder'}`, async () => {
      const r = await build(b, 'copy-up', {
        Dockerfile: `FROM ${busybox}\nCOPY ../x ../../sub/../x /out/\n`,
        x: 'root-x\n',
        'sub/x': 'sub-x\n',
      });
      if (b.name === 'BuildKit') {
        assert.equal(r.code, 0, r.out);
        const cat = await runOnce(r.tag, ['cat', '/out/x']);
        assert.equal(cat.stdout, 'root-x\n');
      } else {
        assert.notEqual(r.code, 0, r.out);
        assert.match(r.out, /forbidden path outside the build context: \.\.\/x/);
      }
    });

    it(`docs ADD (${b.name}): local .tar/.gz/.bz2/.xz are extracted; .tar.zst ${ENGINE >= 23 ? 'is extracted too (engine ≥ 23)' : 'is copied as a file (engine < 23)'}`, async () => {
      const kinds = ['tar', 'gz', 'bz2', 'xz', 'zst'];
      const files: Record<string, string | Buffer> = { ...archives() };
      files.Dockerfile = `FROM ${busybox}\n` + kinds.map((k) => `ADD a.tar${k === 'tar' ? '' : '.' + k} /o/${k}/\n`).join('');
      const r = await build(b, 'add-archives', files);
      assert.equal(r.code, 0, r.out);
      const found = (await runOnce(r.tag, ['find', '/o', '-type', 'f'])).stdout.split('\n').filter(Boolean).sort();
      const expected = kinds.flatMap((k) => (k === 'zst' && ENGINE < 23 ? ['/o/zst/a.tar.zst'] : [`/o/${k}/dir/f`])).sort();
      assert.deepEqual(found, expected);
      assert.equal(found.length, kinds.length);
    });

    it(`docs/flags HEALTHCHECK --retries (${b.name}): 0 ${ENGINE >= 24 ? 'builds' : 'is refused by this engine (< 24)'}, a negative value is refused`, async () => {
      const [zero, negative] = await Promise.all([
        build(b, 'retries-0', { Dockerfile: `FROM ${busybox}\nHEALTHCHECK --retries=0 CMD true\n` }),
        build(b, 'retries-neg', { Dockerfile: `FROM ${busybox}\nHEALTHCHECK --retries=-1 CMD true\n` }),
      ]);
      if (ENGINE >= 24) {
        assert.equal(zero.code, 0, zero.out);
        assert.equal(await dockerOk(['image', 'inspect', '--format', '{{.Config.Healthcheck.Retries}}', zero.tag]), '0');
      } else {
        assert.notEqual(zero.code, 0, zero.out);
        assert.match(zero.out, /--retries must be at least 1 \(not 0\)/);
      }
      assert.notEqual(negative.code, 0, negative.out);
      assert.match(negative.out, /--retries must be at least 1 \(not -1\)|--retries cannot be negative \(-1\)/);
    });

    it(`DL3021 (${b.name}): COPY of two files to a destination without a trailing / ${b.name === 'BuildKit' ? 'builds, and only the last file is left there' : 'stops the build'}`, async () => {
      const dockerfile = `FROM ${busybox}\nCOPY a b /dest\n`;
      const r = await build(b, 'copy-two-sources', { Dockerfile: dockerfile, a: 'first\n', b: 'second\n' });
      if (b.name === 'BuildKit') {
        assert.equal(r.code, 0, r.out);
        const out = await runOnce(r.tag, ['cat', '/dest']);
        assert.equal(out.stdout, 'second\n');
      } else {
        assert.notEqual(r.code, 0, r.out);
        assert.match(r.out, /When using COPY with more than one source file, the destination must be a directory and end with a \//);
      }
      assert.equal(run(DL3021, dockerfile).length, 1);
    });

    it(`DG103 (${b.name}): a shell-form ENTRYPOINT ignores CMD, whose words only become $0, $1`, async () => {
      const dockerfile = `FROM ${busybox}\nENTRYPOINT echo "0=$0 1=$1 n=$#"\nCMD ["hello", "world"]\n`;
      const r = await build(b, 'entrypoint-shell', { Dockerfile: dockerfile });
      assert.equal(r.code, 0, r.out);
      const cfg = imageConfig(r.tag);
      assert.deepEqual(cfg.Entrypoint, ['/bin/sh', '-c', 'echo "0=$0 1=$1 n=$#"']);
      assert.deepEqual(cfg.Cmd, ['hello', 'world']);
      const out = await runOnce(r.tag);
      assert.equal(out.stdout.trim(), '0=hello 1=world n=1');
      // The rule names this very Dockerfile, and says why.
      assert.equal(run(DG103, dockerfile).length, 1);
    });

    it(`DG117 (${b.name}): USER with two words stores them as one user name, and the next RUN fails to find it`, async () => {
      const dockerfile = `FROM ${busybox}\nUSER nobody nogroup\nRUN id\n`;
      const fixed = `FROM ${busybox}\nUSER nobody:nogroup\nRUN id -u > /tmp/uid\n`;
      const [r, ok] = await Promise.all([build(b, 'user-two-words', { Dockerfile: dockerfile }), build(b, 'user-colon', { Dockerfile: fixed })]);
      assert.notEqual(r.code, 0, r.out);
      assert.match(r.out, /unable to find user nobody nogroup: no matching entries in passwd file/);
      assert.equal(ok.code, 0, ok.out);
      assert.equal((await runOnce(ok.tag, ['cat', '/tmp/uid'])).stdout.trim(), '65534');
      assert.equal(run(DG117, dockerfile).length, 1);
      assert.equal(run(DG117, fixed).length, 0);
    });

    it(`DG117 (${b.name}): without a later RUN the image keeps the two-word user and docker run refuses to start it`, async () => {
      const dockerfile = `FROM ${busybox}\nUSER 1000 1000\nCMD ["id"]\n`;
      const r = await build(b, 'user-two-words-run', { Dockerfile: dockerfile });
      assert.equal(r.code, 0, r.out);
      assert.equal(imageConfig(r.tag).User, '1000 1000');
      const started = await runOnce(r.tag);
      assert.equal(started.code, 125, started.out);
      assert.match(started.out, /unable to find user 1000 1000: no matching entries in passwd file/);
    });

    it(`DG118 (${b.name}): SHELL ["/bin/sh"] makes a shell-form RUN open its command as a script file; with -s the RUN runs nothing`, async () => {
      const noC = `FROM ${busybox}\nSHELL ["/bin/sh"]\nRUN echo hello\n`;
      const withS = `FROM ${busybox}\nSHELL ["/bin/sh", "-s"]\nRUN touch /ran; exit 3\n`;
      const fixed = `FROM ${busybox}\nSHELL ["/bin/sh", "-c"]\nRUN touch /ran\n`;
      const [r, s, ok] = await Promise.all([
        build(b, 'shell-no-c', { Dockerfile: noC }),
        build(b, 'shell-s', { Dockerfile: withS }),
        build(b, 'shell-c', { Dockerfile: fixed }),
      ]);
      assert.notEqual(r.code, 0, r.out);
      assert.match(r.out, /can't open 'echo hello': No such file or directory/);
      assert.equal(s.code, 0, s.out);
      assert.notEqual((await runOnce(s.tag, ['ls', '/ran'])).code, 0, 'the RUN under -s must not have run');
      assert.equal(ok.code, 0, ok.out);
      assert.equal((await runOnce(ok.tag, ['ls', '/ran'])).code, 0);
      assert.equal(run(DG118, noC).length, 1);
      assert.equal(run(DG118, withS).length, 1);
      assert.equal(run(DG118, fixed).length, 0);
    });

    it(`DL3044 (${b.name}): ENV PATH=/a:$PATH PATH=/b:$PATH expands both values first, so /a is lost; two ENVs keep it`, async () => {
      // The base image sets PATH=/bin, so PATH has a value before the ENV: the case the plain DL3044 leaves alone.
      const dockerfile = `FROM ${busybox}\nENV PATH=/a:$PATH PATH=/b:$PATH\nRUN echo "$PATH" > /path.txt\n`;
      const fixed = `FROM ${busybox}\nENV PATH=/a:$PATH\nENV PATH=/b:$PATH\nRUN echo "$PATH" > /path.txt\n`;
      const [r, ok] = await Promise.all([build(b, 'env-path-twice', { Dockerfile: dockerfile }), build(b, 'env-path-split', { Dockerfile: fixed })]);
      assert.equal(r.code, 0, r.out);
      assert.equal(ok.code, 0, ok.out);
      assert.equal((await runOnce(r.tag, ['cat', '/path.txt'])).stdout.trim(), '/b:/bin');
      assert.deepEqual(imageConfig(r.tag).Env, ['PATH=/b:/bin']);
      assert.equal((await runOnce(ok.tag, ['cat', '/path.txt'])).stdout.trim(), '/b:/a:/bin');
      const found = run(DL3044, dockerfile);
      assert.equal(found.length, 1);
      assert.match(found[0].message.en, /`PATH=\/a:\$PATH` earlier in this ENV is lost/);
      assert.equal(run(DL3044, fixed).length, 0);
    });
  }

  it('DG119 (BuildKit, run time): a shell-form HEALTHCHECK on an image without /bin/sh always fails; the exec form passes', async () => {
    const b = bs.find((x) => x.name === 'BuildKit')!;
    const binary = fs.readFileSync(['/bin/busybox', '/usr/bin/busybox'].find((f) => fs.existsSync(f))!);
    const dockerfile = (check: string) => `FROM scratch\nCOPY --chmod=755 busybox /busybox\nHEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD ${check}\nCMD ["/busybox", "sleep", "60"]\n`;
    const [shell, exec] = await Promise.all([
      build(b, 'hc-scratch-shell', { Dockerfile: dockerfile('/busybox true'), busybox: binary }),
      build(b, 'hc-scratch-exec', { Dockerfile: dockerfile('["/busybox", "true"]'), busybox: binary }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    const [bad, good] = await Promise.all([healthUntil(shell.tag, (h) => h.status === 'unhealthy'), healthUntil(exec.tag, (h) => h.status === 'healthy')]);
    assert.equal(bad.status, 'unhealthy');
    assert.ok(bad.outputs.length > 0 && bad.outputs.every((o) => /stat \/bin\/sh: no such file or directory/.test(o)), bad.outputs.join('\n'));
    assert.equal(good.status, 'healthy');
    assert.equal(run(DG119, dockerfile('/busybox true')).length, 1);
    assert.equal(run(DG119, dockerfile('["/busybox", "true"]')).length, 0);
  });

  it('DG119 (BuildKit, run time): a timed-out shell-form check leaves the command the shell started running; exec form does not', async () => {
    const b = bs.find((x) => x.name === 'BuildKit')!;
    const dockerfile = (check: string) => `FROM ${busybox}\nHEALTHCHECK --interval=1s --timeout=1s --retries=100 CMD ${check}\nCMD ["sleep", "300"]\n`;
    const [shell, exec] = await Promise.all([
      build(b, 'hc-timeout-shell', { Dockerfile: dockerfile('sleep 30 || exit 1') }),
      build(b, 'hc-timeout-exec', { Dockerfile: dockerfile('["sleep", "30"]') }),
    ]);
    assert.equal(shell.code, 0, shell.out);
    assert.equal(exec.code, 0, exec.out);
    // Two timed-out checks each: the shell form then has left two `sleep 30` behind.
    const timedOutTwice = (h: Health) => h.outputs.filter((o) => /Health check exceeded timeout/.test(o)).length >= 2;
    const [s, e] = await Promise.all([healthUntil(shell.tag, timedOutTwice), healthUntil(exec.tag, timedOutTwice)]);
    assert.ok(s.outputs.some((o) => /Health check exceeded timeout/.test(o)), s.outputs.join('\n'));
    assert.ok(e.outputs.some((o) => /Health check exceeded timeout/.test(o)), e.outputs.join('\n'));
    const left = async (name: string) => (await dockerOk(['exec', name, 'ps', '-o', 'ppid,args'])).split('\n').filter((l) => /^\s*1\s+sleep 30$/.test(l)).length;
    // Several checks have timed out by now: each left its `sleep 30` behind, re-parented to PID 1.
    assert.ok((await left(s.name)) >= 2, await dockerOk(['exec', s.name, 'ps', '-o', 'pid,ppid,args']));
    assert.equal(await left(e.name), 0, await dockerOk(['exec', e.name, 'ps', '-o', 'pid,ppid,args']));
    assert.equal(run(DG119, dockerfile('sleep 30 || exit 1')).length, 1);
    assert.equal(run(DG119, dockerfile('["sleep", "30"]')).length, 0);
  });

  it('docs WORKDIR and UndefinedVar say an undeclared variable becomes an empty string', () => {
    const w = INSTRUCTIONS.WORKDIR.forms;
    assert.match(w.en, /undeclared variable silently becomes an empty string/);
    assert.match(w.en, /`WORKDIR \/a\/\$NOPE\/b` is `\/a\/b`/);
    assert.doesNotMatch(w.en, /not set in the Dockerfile are not/);
    assert.match(w.ko, /빈 문자열/);
    assert.match(UndefinedVar.why.en, /empty string/);
    assert.match(UndefinedVar.why.ko, /빈 문자열/);
  });

  it('docs COPY says ../ is cut off at the context root by BuildKit and refused by the legacy builder', () => {
    const c = INSTRUCTIONS.COPY.forms;
    assert.match(c.en, /`COPY \.\.\/x \.` does not fail: it copies `x` from the top of the context/);
    assert.match(c.en, /legacy builder fails with `forbidden path outside the build context`/);
    assert.doesNotMatch(c.en, /cannot leave it with `\.\.\/`/);
    assert.match(c.ko, /실패하지 않고 컨텍스트 최상위의 `x`를 복사/);
  });

  it('docs ADD and ADD --unpack name gzip, bzip2, xz, and zstd only with the versions that extract it', () => {
    const add = INSTRUCTIONS.ADD.forms;
    assert.match(add.en, /\(`gzip`, `bzip2`, `xz` or uncompressed\)/);
    assert.match(add.en, /Docker Engine 23\.0 and later \(both builders\) and BuildKit 0\.10 and later extract it; Docker 20\.10 copies it as a plain file/);
    assert.match(add.ko, /Docker Engine 23\.0 이상/);
    const unpack = FLAGS.ADD.find((f) => f.name === 'unpack')!;
    assert.doesNotMatch(unpack.summary.en, /xz, zstd\)/);
    assert.match(unpack.summary.en, /zstd tar is extracted only by BuildKit 0\.10 or later or Docker Engine 23\.0 or later/);
  });

  it('docs/flags HEALTHCHECK --retries and our validation accept 0 and refuse negative values', () => {
    const retries = FLAGS.HEALTHCHECK.find((f) => f.name === 'retries')!;
    assert.match(retries.details!.en, /`0` means the default \(3\), and only a negative value is a build error/);
    assert.match(retries.details!.en, /Docker Engine 24\.0/);
    assert.doesNotMatch(retries.details!.en, /at least 1\./);
    assert.match(retries.details!.ko, /음수만 빌드 오류/);
    const at = (v: string) => computeDiagnostics(new ParsedDocument('file:///x/Dockerfile', 1, `FROM busybox\nHEALTHCHECK --retries=${v} CMD true\n`)).filter((d) => d.range.start.line === 1);
    assert.deepEqual(at('0'), []);
    assert.equal(at('-1').length, 1);
    assert.equal(at('-1')[0].severity, 1);
  });

  it('DL3021 says the classic builder stops and BuildKit leaves only the last file', () => {
    assert.match(DL3021.why.en, /classic builder stops with "When using COPY with more than one source file, the destination must be a directory and end with a \/"/);
    assert.match(DL3021.why.en, /only the last one is left/);
    assert.match(DL3021.why.ko, /마지막 파일 하나만 남습니다/);
  });

  it('DG117, DG118 and DG119 quote what the engine printed', () => {
    assert.match(DG117.why.en, /`unable to find user nobody nogroup: no matching entries in passwd file`/);
    assert.match(DG117.why.en, /exit code 125/);
    assert.match(DG118.why.en, /`can't open 'echo hello': No such file or directory` \(busybox\)/);
    assert.match(DG118.why.en, /the RUN does nothing and looks successful/);
    assert.match(DG119.why.en, /`stat \/bin\/sh: no such file or directory`/);
    assert.match(DG119.why.en, /`curl` is not killed: it keeps running in the container/);
    assert.match(DG119.why.ko, /컨테이너 안에 남아 계속 실행되며/);
  });

  it('DG103 says the CMD only becomes $0 of the shell', () => {
    assert.match(DG103.why.en, /puts the first word after the script in `\$0` and the rest in `\$1`, `\$2`, …; it runs none of them/);
    assert.match(DG103.why.ko, /첫 단어를 `\$0`에, 나머지를 `\$1`, `\$2`…에 넣을 뿐 실행하지 않습니다/);
    assert.match(INSTRUCTIONS.ENTRYPOINT.forms.en, /they only become that shell's `\$0`, `\$1`/);
  });
});
