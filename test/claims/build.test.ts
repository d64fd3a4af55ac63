/**
 * What the builders really do with WORKDIR variables, `COPY ../x`, local archives in ADD, HEALTHCHECK --retries,
 * COPY of several files to a path without a trailing `/`, and a shell-form ENTRYPOINT next to a CMD, under both builders, checked against what docs/instructions.ts,
 * docs/flags.ts and the rules teach. Base: the busybox test image.
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
import { DL3021 } from '../../server/src/rules/hadolint/DL3021';
import { ParsedDocument } from '../../server/src/service/document';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { run } from '../unit/rules/hadolint/helpers';
import { builders } from '../engine/builders';
import { ensureBusyboxImage, imageConfig } from '../engine/images';
import { build, cleanup, dockerOk, engineMajor, runOnce } from './claims';

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
  }

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

  it('DG103 says the CMD only becomes $0 of the shell', () => {
    assert.match(DG103.why.en, /appended as that shell's `\$0`, `\$1`/);
    assert.match(DG103.why.ko, /`\$0`, `\$1`/);
    assert.match(INSTRUCTIONS.ENTRYPOINT.forms.en, /they only become that shell's `\$0`, `\$1`/);
  });
});
