/**
 * fingerprintBuild and explainCacheBreak on real files in a temporary context: the first uncached step is found, and
 * its reason is the one that is true (edited line, ARG value, COPY source content, an instruction above added or
 * removed, the other builder), never a file whose content did not change.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explainCacheBreak, fingerprintBuild, type BuildFingerprint } from '../../../common/src/engine/buildFingerprint';
import type { StepOutcome } from '../../../common/src/engine/buildSteps';

const dirs: string[] = [];
function context(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-fp-'));
  dirs.push(d);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), text);
  }
  return d;
}
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const fp = (dockerfileText: string, contextDir: string, extra: Partial<Parameters<typeof fingerprintBuild>[0]> = {}) =>
  fingerprintBuild({ dockerfileText, contextDir, builder: 'buildkit', ...extra });

/** Steps as a builder would report them: cached up to `breakLine`, ran from it on. */
function steps(lines: number[], breakLine: number | null): StepOutcome[] {
  return lines.map((line) => ({ line, text: '', cached: breakLine === null || line < breakLine, seconds: breakLine !== null && line >= breakLine ? 0.1 : null }));
}

const DF = ['FROM base', 'ARG V=1', 'RUN echo $V', 'COPY app/ /app/', 'ENV A=1', 'RUN make', ''].join('\n');

describe('explainCacheBreak', () => {
  it('every step cached: no break; no earlier record: the line without a reason', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const now = await fp(DF, ctx);
    assert.equal(explainCacheBreak(now, now, steps([1, 3, 4, 6], null)), null);
    assert.deepEqual(explainCacheBreak(undefined, now, steps([1, 3, 4, 6], 3)), { line: 3, reason: null, files: [] });
  });

  it('the fingerprint is plain JSON and records content hashes, not mtimes', async () => {
    const ctx = context({ 'app/a.txt': 'a', 'app/b.txt': 'b' });
    const now = await fp(DF, ctx);
    assert.deepEqual(JSON.parse(JSON.stringify(now)), now);
    const copy = now.instructions.find((i) => i.text.startsWith('COPY'))!;
    assert.deepEqual(Object.keys(copy.files!), ['app/a.txt', 'app/b.txt']);
    assert.deepEqual(now.instructions.find((i) => i.text === 'RUN echo $V')!.args, { V: '1' });
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(ctx, 'app/a.txt'), later, later);
    assert.deepEqual(await fp(DF, ctx), now);
  });

  it('an edited line: "this line was edited"', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const prev = await fp(DF, ctx);
    const now = await fp(DF.replace('RUN make', 'RUN make all'), ctx);
    const b = explainCacheBreak(prev, now, steps([1, 3, 4, 6], 6))!;
    assert.equal(b.line, 6);
    assert.equal(b.reason?.en, 'This line was edited since the last build');
    assert.match(b.reason!.ko, /수정/);
  });

  it('a changed ARG default: the ARG named, with both values', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const prev = await fp(DF, ctx);
    const now = await fp(DF.replace('ARG V=1', 'ARG V=2'), ctx);
    const b = explainCacheBreak(prev, now, steps([1, 3, 4, 6], 3))!;
    assert.equal(b.reason?.en, 'The value of ARG V changed: 1 → 2');
    // And a --build-arg over the same default.
    const now2 = await fp(DF, ctx, { buildArgs: { V: '7' } });
    assert.equal(explainCacheBreak(prev, now2, steps([1, 3, 4, 6], 3))!.reason?.en, 'The value of ARG V changed: 1 → 7');
  });

  it('a COPY source whose content changed, one added, one removed: named; a touched one is not', async () => {
    const ctx = context({ 'app/a.txt': 'a', 'app/b.txt': 'b', 'app/c.txt': 'c', 'app/d.txt': 'd' });
    const prev = await fp(DF, ctx);
    fs.writeFileSync(path.join(ctx, 'app/a.txt'), 'A');
    fs.rmSync(path.join(ctx, 'app/c.txt'));
    fs.writeFileSync(path.join(ctx, 'app/e.txt'), 'e');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(ctx, 'app/b.txt'), later, later);
    const now = await fp(DF, ctx);
    const b = explainCacheBreak(prev, now, steps([1, 3, 4, 6], 4))!;
    assert.equal(b.line, 4);
    assert.deepEqual(b.files, ['app/a.txt', 'app/c.txt', 'app/e.txt']);
    assert.equal(b.reason?.en, 'COPY source files changed since the last build: app/a.txt (content changed), app/e.txt (new), app/c.txt (removed)');
  });

  it('a global ARG that the FROM line uses: named at the first step that ran', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const text = (v: string) => `ARG BASE_TAG=${v}\nFROM base:$BASE_TAG\nRUN make\n`;
    const prev = await fp(text('1.0'), ctx);
    const now = await fp(text('1.1'), ctx);
    assert.equal(explainCacheBreak(prev, now, steps([2, 3], 3))!.reason?.en, 'The value of ARG BASE_TAG changed: 1.0 → 1.1');
    // A global ARG the FROM does not name is not in its record.
    const other = await fp(`ARG UNUSED=1\n${text('1.0')}`, ctx);
    assert.deepEqual(other.instructions.find((i) => i.text.startsWith('FROM'))!.args, { BASE_TAG: '1.0' });
  });

  it('permissions changed without the content: said, but the file is not listed as changed content', async () => {
    const ctx = context({ 'app/run.sh': 'echo hi\n' });
    fs.chmodSync(path.join(ctx, 'app/run.sh'), 0o644);
    const prev = await fp(DF, ctx);
    fs.chmodSync(path.join(ctx, 'app/run.sh'), 0o755);
    const b = explainCacheBreak(prev, await fp(DF, ctx), steps([1, 3, 4, 6], 4))!;
    assert.deepEqual(b.files, []);
    assert.equal(b.reason?.en, 'COPY source files changed since the last build: app/run.sh (permissions changed)');
  });

  it('.dockerignore, COPY --from and ADD of a URL: nothing of theirs is hashed', async () => {
    const ctx = context({ 'app/a.txt': 'a', 'app/secret.env': 'x', '.dockerignore': 'app/*.env\n' });
    const text = 'FROM base AS b\nCOPY app /app\nFROM base\nCOPY --from=b /app /app\nADD https://example.com/x.tgz /x.tgz\n';
    const now = await fp(text, ctx);
    assert.deepEqual(Object.keys(now.instructions[1].files!), ['app/a.txt']);
    assert.equal(now.instructions[3].files, undefined);
    assert.equal(now.instructions[4].files, undefined);
  });

  it('an instruction added or removed above the break (ENV makes no BuildKit step)', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const prev = await fp(DF, ctx);
    const added = await fp(DF.replace('ENV A=1', 'ENV A=1\nENV B=2'), ctx);
    assert.equal(explainCacheBreak(prev, added, steps([1, 3, 4, 7], 7))!.reason?.en, 'Line 6 above is new since the last build');
    const removed = await fp(DF.replace('ENV A=1\n', ''), ctx);
    assert.equal(explainCacheBreak(prev, removed, steps([1, 3, 4, 5], 5))!.reason?.en, 'An instruction above was removed since the last build: ENV A=1');
    const edited = await fp(DF.replace('ENV A=1', 'ENV A=2'), ctx);
    assert.equal(explainCacheBreak(prev, edited, steps([1, 3, 4, 6], 6))!.reason?.en, 'Line 5 above was edited since the last build');
  });

  it('a comment or re-wrapped line is the same instruction', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const prev = await fp(DF, ctx);
    const now = await fp(DF.replace('RUN make', '# build it\nRUN \\\n  make'), ctx);
    assert.equal(explainCacheBreak(prev, now, steps([1, 3, 4, 7], 7))!.reason?.en, fpUnknown());
  });

  it('the last build was made by the other builder: said so', async () => {
    const ctx = context({ 'app/a.txt': 'a' });
    const prev: BuildFingerprint = { ...(await fp(DF, ctx)), builder: 'classic' };
    const b = explainCacheBreak(prev, await fp(DF, ctx), steps([1, 3, 4, 6], 3))!;
    assert.match(b.reason!.en, /classic builder and this one BuildKit/);
  });

  it('past the hashing cap: unread files are never blamed, the reason says it could not compare', async () => {
    const ctx = context({ 'app/a.txt': 'a', 'app/b.txt': 'b' });
    const limits = { files: 1, bytes: 1024 };
    const prev = await fp(DF, ctx, { limits });
    fs.writeFileSync(path.join(ctx, 'app/b.txt'), 'B');
    const now = await fp(DF, ctx, { limits });
    assert.equal(now.instructions[3].partial, true);
    const b = explainCacheBreak(prev, now, steps([1, 3, 4, 6], 4))!;
    assert.deepEqual(b.files, []);
    assert.match(b.reason!.en, /too big to compare every source file of this COPY/);
  });
});

function fpUnknown(): string {
  return 'This line, the lines above it, the ARG values and the COPY/ADD sources are as in the last build; the builder’s cache may have been pruned, or the base image changed';
}
