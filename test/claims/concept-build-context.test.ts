/**
 * The concept page docs/concepts/build-context.{ko,en}.md: `docker build <dir>` makes the directory the build context,
 * and .dockerignore decides what of it the engine can get. The classic builder uploads the whole directory before the
 * first step; BuildKit asks only for the files COPY and ADD name (`COPY . …` names them all). COPY reads only from the
 * context, so an ignored file cannot be copied; `*.log` matches at the top of the context only (`**` reaches into
 * folders) and `!` takes a file back; a change to an ignored file does not invalidate `COPY . …` in the cache; and
 * `-f` may name a Dockerfile outside the context, whose neighbours COPY still cannot read. Both builders.
 *
 * `COPY ../x` (the legacy builder refuses it, BuildKit copies `x` from the context root) is proven in
 * test/claims/build.test.ts ("docs COPY … COPY ../x") and only cited by the page.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builders, type Builder } from '../engine/builders';
import { ensureBusyboxImage, MAIN_HOST } from '../engine/images';
import { LABEL, RUN_ID, build, cleanup, context, exec, runOnce, tag, type Ran } from './claims';

let busybox = '';
const bs = builders();
const page = (lang: 'en' | 'ko') => fs.readFileSync(path.join(__dirname, '../../docs/concepts', `build-context.${lang}.md`), 'utf8');

/** `docker build` of the context `dir` with extra arguments (such as `-f`), tagged and labelled as this run's. */
async function buildDir(b: Builder, name: string, dir: string, extra: string[], useCache = false): Promise<Ran & { tag: string }> {
  const t = tag(`${name}-${b.name}`);
  const args = ['-H', MAIN_HOST, 'build', ...(useCache ? [] : ['--no-cache']), '--label', `${LABEL}=${RUN_ID}`, '-t', t, ...extra];
  args.push(...(b.name === 'classic' ? ['--force-rm'] : ['--progress=plain']));
  return { ...(await exec(b.cli, [...args, dir], { env: b.env })), tag: t };
}

/** How many bytes of context the builder says it received (classic: "Sending build context", BuildKit: "transferring context"). */
function contextBytes(b: Builder['name'], out: string): number {
  const unit: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };
  const re = b === 'classic' ? /Sending build context to Docker daemon\s+([\d.]+)\s*([kKMG]?B)/g : /transferring context: ([\d.]+)\s*([kKMG]?B)/g;
  // BuildKit transfers the Dockerfile and .dockerignore in a transfer of their own, and may report the context in
  // several steps: the largest figure is the context.
  const all = [...out.matchAll(re)].map(([, n, u]) => Number(n) * unit[u]);
  assert.ok(all.length > 0, `no context size in:\n${out}`);
  return Math.max(...all);
}

/** The files of the context that `COPY . /ctx/` put in the image, sorted. */
async function copied(image: string): Promise<string[]> {
  const r = await runOnce(image, ['find', '/ctx', '-type', 'f']);
  assert.equal(r.code, 0, r.out);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('claims: concept page build-context', { concurrency: true }, () => {
  before(() => {
    busybox = ensureBusyboxImage();
  });
  after(cleanup);

  assert.equal(bs.length, 2, 'classic and BuildKit');
  for (const b of bs) {
    it(`(${b.name}) ${b.name === 'classic' ? 'the whole directory is sent, a 2 MB file too though no COPY names it' : 'only what COPY names is sent, and COPY . names the 2 MB file'}; listing it in .dockerignore keeps it home`, async () => {
      const files = { 'big.bin': Buffer.alloc(2_000_000, 7), 'small.txt': 's\n' };
      const one = `FROM ${busybox}\nCOPY small.txt /\n`;
      const all = `FROM ${busybox}\nCOPY . /ctx/\n`;
      const [namedOne, namedAll, ignored] = await Promise.all([
        build(b, 'ctx-one', { ...files, Dockerfile: one }),
        build(b, 'ctx-all', { ...files, Dockerfile: all }),
        build(b, 'ctx-all-ignored', { ...files, Dockerfile: all, '.dockerignore': 'big.bin\n' }),
      ]);
      for (const r of [namedOne, namedAll, ignored]) assert.equal(r.code, 0, r.out);
      const sent = [namedOne, namedAll, ignored].map((r) => contextBytes(b.name, r.out));
      if (b.name === 'classic') assert.ok(sent[0] >= 2_000_000, `COPY small.txt: sent ${sent[0]} bytes`);
      else assert.ok(sent[0] < 1_000, `COPY small.txt: sent ${sent[0]} bytes`);
      assert.ok(sent[1] >= 2_000_000, `COPY .: sent ${sent[1]} bytes`);
      assert.ok(sent[2] < 100_000, `COPY . with big.bin ignored: sent ${sent[2]} bytes`);
    });

    it(`(${b.name}) an ignored file is not in the context: COPY . leaves it out, and COPY of it fails`, async () => {
      const files = { '.dockerignore': 'secret.txt\n', 'secret.txt': 's\n', 'app.txt': 'a\n' };
      const [all, one] = await Promise.all([
        build(b, 'ctx-copy-all', { ...files, Dockerfile: `FROM ${busybox}\nCOPY . /ctx/\n` }),
        build(b, 'ctx-copy-secret', { ...files, Dockerfile: `FROM ${busybox}\nCOPY secret.txt /\n` }),
      ]);
      assert.equal(all.code, 0, all.out);
      assert.deepEqual(await copied(all.tag), ['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/app.txt']);
      assert.notEqual(one.code, 0, one.out);
      assert.match(one.out, b.name === 'classic' ? /file not found in build context or excluded by \.dockerignore: stat secret\.txt/ : /"\/secret\.txt" not found/);
    });

    it(`(${b.name}) *.log in .dockerignore matches at the top of the context only; **/*.log matches in every folder; ! takes a file back`, async () => {
      const files = { Dockerfile: `FROM ${busybox}\nCOPY . /ctx/\n`, 'top.log': '1\n', 'sub/deep.log': '2\n', 'sub/keep.txt': '3\n' };
      const [top, deep, back] = await Promise.all([
        build(b, 'ctx-star', { ...files, '.dockerignore': '*.log\n' }),
        build(b, 'ctx-starstar', { ...files, '.dockerignore': '**/*.log\n' }),
        build(b, 'ctx-except', { ...files, '.dockerignore': '**/*.log\n!sub/deep.log\n' }),
      ]);
      for (const r of [top, deep, back]) assert.equal(r.code, 0, r.out);
      assert.deepEqual(await copied(top.tag), ['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/sub/deep.log', '/ctx/sub/keep.txt']);
      assert.deepEqual(await copied(deep.tag), ['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/sub/keep.txt']);
      assert.deepEqual(await copied(back.tag), ['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/sub/deep.log', '/ctx/sub/keep.txt']);
    });

    it(`(${b.name}) a change to an ignored file keeps COPY . cached; a change to a file that is sent does not`, async () => {
      // Content unique to this run, so the first build cannot meet an older cache entry.
      const ctx = context({ Dockerfile: `FROM ${busybox}\nCOPY . /ctx/\n`, '.dockerignore': 'debug.log\n', 'app.txt': `${RUN_ID}\n`, 'debug.log': '1\n' });
      // BuildKit of Docker 20.10 prints the step's digest between its title and CACHED.
      const cachedCopy = (out: string) =>
        b.name === 'classic' ? /Step 2\/\d+ : COPY \. \/ctx\/\n ---> Using cache/.test(out) : /#(\d+) \[2\/2\] COPY \. \/ctx\/\n(?:#\1 sha256:[0-9a-f]+\n)?#\1 CACHED/.test(out);
      const first = await buildDir(b, 'ctx-cache-1', ctx, [], true);
      assert.equal(first.code, 0, first.out);
      fs.writeFileSync(path.join(ctx, 'debug.log'), '2\n');
      const afterIgnored = await buildDir(b, 'ctx-cache-2', ctx, [], true);
      assert.equal(afterIgnored.code, 0, afterIgnored.out);
      assert.ok(cachedCopy(afterIgnored.out), `COPY . should come from the cache:\n${afterIgnored.out}`);
      fs.writeFileSync(path.join(ctx, 'app.txt'), `${RUN_ID} changed\n`);
      const afterSent = await buildDir(b, 'ctx-cache-3', ctx, [], true);
      assert.equal(afterSent.code, 0, afterSent.out);
      assert.ok(!cachedCopy(afterSent.out), `COPY . must run again:\n${afterSent.out}`);
    });

    it(`(${b.name}) -f may name a Dockerfile outside the context; COPY still reads the context, not the Dockerfile's folder`, async () => {
      const ctx = context({ 'app.txt': 'from the context\n' });
      const elsewhere = context({
        'Dockerfile.ok': `FROM ${busybox}\nCOPY app.txt /app.txt\n`,
        'Dockerfile.near': `FROM ${busybox}\nCOPY near.txt /near.txt\n`,
        'near.txt': 'next to the Dockerfile\n',
      });
      const [ok, near] = await Promise.all([
        buildDir(b, 'ctx-f-ok', ctx, ['-f', path.join(elsewhere, 'Dockerfile.ok')]),
        buildDir(b, 'ctx-f-near', ctx, ['-f', path.join(elsewhere, 'Dockerfile.near')]),
      ]);
      assert.equal(ok.code, 0, ok.out);
      assert.equal((await runOnce(ok.tag, ['cat', '/app.txt'])).stdout, 'from the context\n');
      assert.notEqual(near.code, 0, near.out);
      assert.match(near.out, b.name === 'classic' ? /file not found in build context or excluded by \.dockerignore: stat near\.txt/ : /"\/near\.txt" not found/);
    });
  }

  it('the page says what these builds show, in both languages', () => {
    for (const text of [page('en'), page('ko')]) {
      assert.match(text, /\.dockerignore/);
      assert.match(text, /\*\*\/\*\.log/);
      assert.match(text, /-f/);
      assert.match(text, /COPY \.\.\//);
    }
  });
});
