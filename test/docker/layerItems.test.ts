// The images view's layer rows (client/src/sidebar/layerItems.ts) on hand-made history and export analyses in both
// builders' forms: what shows from the history alone, what the export's analysis adds, and the failure rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryEntry } from '../../common/src/layers/history';
import type { ImageTarAnalysis } from '../../common/src/layers/imageTar';
import { instructionText, layersTree, type LayersNode } from '../../client/src/sidebar/layerItems';

const BASE = 'example/base:abc';
const DOCKERFILE = [`FROM ${BASE}`, 'RUN dd if=/dev/zero of=/big bs=1M count=5', 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''].join('\n');
const PATH = '/home/user/app/Dockerfile';
const MB5 = 5 * 1024 * 1024;

/** Newest first, as GET /images/{id}/history answers for a classic build on this engine. */
const CLASSIC: HistoryEntry[] = [
  { Id: 'sha256:top', CreatedBy: '/bin/sh -c #(nop)  ENV GREETING=hi', Size: 0, Tags: ['app:1'] },
  { Id: 'sha256:c', CreatedBy: '/bin/sh -c #(nop) COPY file:0a1b2c in /hello.txt ', Size: 6, Tags: null },
  { Id: 'sha256:r', CreatedBy: '/bin/sh -c rm /big', Size: 0, Tags: null },
  { Id: 'sha256:d', CreatedBy: '/bin/sh -c dd if=/dev/zero of=/big bs=1M count=5', Size: MB5, Tags: null },
  { Id: 'sha256:base', CreatedBy: '', Size: 1_982_396, Tags: [BASE], Comment: 'Imported from -' },
];

/** The same image built by BuildKit: no intermediate IDs, no tags on the base row. */
const BUILDKIT: HistoryEntry[] = [
  { Id: 'sha256:top', CreatedBy: 'ENV GREETING=hi', Size: 0, Tags: ['app:1'], Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', CreatedBy: 'COPY hello.txt /hello.txt # buildkit', Size: 6, Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', CreatedBy: 'RUN /bin/sh -c rm /big # buildkit', Size: 0, Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', CreatedBy: 'RUN /bin/sh -c dd if=/dev/zero of=/big bs=1M count=5 # buildkit', Size: MB5, Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', CreatedBy: '', Size: 1_982_396, Comment: 'Imported from -' },
];

const TAR: ImageTarAnalysis = {
  layers: [
    { index: 0, path: 'a/layer.tar', size: 1_982_396, files: 271, wasted: 0, biggest: [{ path: 'bin/busybox', size: 1_982_396 }] },
    { index: 1, path: 'b/layer.tar', size: MB5, files: 1, wasted: MB5, biggest: [{ path: 'big', size: MB5 }] },
    { index: 2, path: 'c/layer.tar', size: 0, files: 0, wasted: 0, biggest: [] },
    { index: 3, path: 'd/layer.tar', size: 6, files: 1, wasted: 0, biggest: [{ path: 'hello.txt', size: 6 }] },
  ],
  waste: [{ path: 'big', size: MB5, addedLayer: 1, removedLayer: 2, how: 'deleted' }],
  size: 1_982_396 + MB5 + 6,
  wasted: MB5,
  efficiency: 1 - MB5 / (1_982_396 + MB5 + 6),
  history: [
    { createdBy: '', emptyLayer: false },
    { createdBy: 'dd', emptyLayer: false },
    { createdBy: 'rm', emptyLayer: false },
    { createdBy: 'COPY', emptyLayer: false },
    { createdBy: 'ENV', emptyLayer: true },
  ],
};

const byRole = (nodes: LayersNode[], role: LayersNode['role']) => nodes.filter((n) => n.role === role);

describe('layer rows from the history alone (shown at once)', () => {
  it('classic build with its Dockerfile: base grouped on the FROM line, own layers oldest first on their lines, ENV only in the tooltip', () => {
    const tree = layersTree({ parentKey: 'app:1', imageId: 'sha256:top', history: CLASSIC, dockerfile: { path: PATH, text: DOCKERFILE }, analysis: { kind: 'running' } }, 'en');
    assert.deepEqual(tree.map((n) => n.role), ['summary', 'base', 'layer', 'layer', 'layer']);
    const [summary, base, dd, rm, copy] = tree;
    assert.equal(summary.label, 'Total 7.23MB');
    assert.equal(summary.description, 'reading the layer contents…');
    assert.equal(summary.icon, 'loading~spin');
    assert.match(summary.tooltip!, /Line 5 ENV: ENV only changes the image configuration/);
    assert.equal(base.description, `${BASE} · 1.98MB · 1 layer`);
    assert.deepEqual(base.open, { path: PATH, line: 1 });
    assert.equal(base.children[0].icon, 'package');
    assert.deepEqual(
      [dd, rm, copy].map((n) => [n.label, n.description, n.open?.line]),
      [
        ['RUN dd if=/dev/zero of=/big bs=1M count=5', '5.24MB · line 2', 2],
        ['RUN rm /big', '0B · line 3', 3],
        ['COPY hello.txt /hello.txt', '6B · line 4', 4],
      ],
    );
    // No files before the export is read.
    assert.ok(tree.every((n) => n.role === 'base' || n.children.length === 0));
    // Keys are unique and hang under the image's own key.
    const keys = tree.flatMap((n) => [n.key, ...n.children.map((c) => c.key)]);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.every((k) => k.startsWith('app:1/layers/')));
  });

  it('BuildKit build: no tags on the base row, the Dockerfile still finds it', () => {
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: BUILDKIT, dockerfile: { path: PATH, text: DOCKERFILE } }, 'en');
    assert.deepEqual(tree.map((n) => [n.role, n.open?.line ?? null]), [['summary', null], ['base', 1], ['layer', 2], ['layer', 3], ['layer', 4]]);
    assert.equal(tree[1].description, `${BASE} · 1.98MB · 1 layer`);
    assert.equal(tree[0].icon, 'graph', 'no analysis asked for: no spinner');
  });

  it("no Dockerfile known: no lines, no clicks, no base group (nothing says which rows are the base's), the engine's instruction text", () => {
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC }, 'en');
    assert.deepEqual(tree.map((n) => n.label), ['Total 7.23MB', '(no command recorded)', 'RUN dd if=/dev/zero of=/big bs=1M count=5', 'RUN rm /big', 'COPY file:0a1b2c in /hello.txt']);
    assert.deepEqual(tree.map((n) => n.role), ['summary', 'layer', 'layer', 'layer', 'layer']);
    assert.ok(tree.every((n) => !n.open));
    assert.match(tree[0].tooltip!, /The Dockerfile that built this image is not known/);
    // A tag on a history row is no proof of a base image: an earlier build of the same lines tags the same layer.
    const shared = CLASSIC.map((r, i) => (i === 1 ? { ...r, Tags: ['old-build:1'] } : r));
    const withDf = layersTree({ parentKey: 'k', imageId: 'i', history: shared, dockerfile: { path: PATH, text: DOCKERFILE } }, 'en');
    assert.deepEqual(withDf.map((n) => [n.role, n.open?.line ?? null]), [['summary', null], ['base', 1], ['layer', 2], ['layer', 3], ['layer', 4]]);
  });

  it("a Dockerfile that is not this image's: no line rather than a wrong one, and the tooltip says why", () => {
    const other = 'FROM scratch\nCOPY a /a\nCOPY b /b\nRUN make\nRUN make install\n';
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, dockerfile: { path: PATH, text: other } }, 'en');
    assert.ok(tree.every((n) => !n.open && !/line \d/.test(n.description ?? '')));
    assert.match(tree[0].tooltip!, /do not match this image's history/);
    const gone = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, dockerfileUnreadable: PATH }, 'ko');
    // Markdown: the parentheses come escaped.
    assert.match(gone[0].tooltip!, /Dockerfile\\\(\/home\/user\/app\/Dockerfile\\\)을 읽을 수 없습니다/);
  });
});

describe('layer rows once the export is analysed', () => {
  it('summary with total, wasted and efficiency; the wasted file between its two lines; each layer with its biggest files', () => {
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, dockerfile: { path: PATH, text: DOCKERFILE }, analysis: { kind: 'done', tar: TAR } }, 'en');
    const [summary, base, dd, rm, copy] = tree;
    assert.equal(summary.label, 'Total 7.23MB · wasted 5.24MB · efficiency 27.4%');
    assert.equal(summary.icon, 'graph');
    assert.equal(summary.children.length, 1);
    const group = summary.children[0];
    assert.deepEqual([group.role, group.label, group.description], ['wasteGroup', 'Wasted files', '5.24MB in 1 file']);
    assert.deepEqual(
      group.children.map((w) => [w.label, w.description, w.open]),
      [['/big', '5.24MB · added on line 2, deleted on line 3', { path: PATH, line: 2 }]],
    );
    assert.equal(dd.description, '5.24MB · line 2 · wasted 5.24MB');
    assert.deepEqual(dd.children.map((f) => [f.role, f.label, f.description]), [['file', '/big', '5.24MB']]);
    assert.deepEqual(copy.children.map((f) => f.label), ['/hello.txt']);
    assert.deepEqual(rm.children, []);
    assert.deepEqual(base.children[0].children.map((f) => f.label), ['/bin/busybox']);
    assert.match(dd.tooltip!, /Files: `1`/);
    assert.match(dd.tooltip!, /```\n\/bin\/sh -c dd if=\/dev\/zero of=\/big bs=1M count=5\n```$/);
  });

  it('in Korean', () => {
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, dockerfile: { path: PATH, text: DOCKERFILE }, analysis: { kind: 'done', tar: TAR } }, 'ko');
    assert.equal(tree[0].label, '합계 7.23MB · 낭비 5.24MB · 효율 27.4%');
    assert.equal(tree[0].children[0].children[0].description, '5.24MB · 2번 줄에서 추가, 3번 줄에서 삭제');
    assert.equal(tree[1].label, '베이스 이미지');
    assert.equal(tree[2].description, '5.24MB · 2번 줄 · 낭비 5.24MB');
    assert.match(tree[0].tooltip!, /5번 줄 ENV: ENV 명령은 이미지 설정만 바꾸고/);
  });

  it('without lines the wasted file says only how it was hidden; an export that cannot be paired shows no files per layer', () => {
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, analysis: { kind: 'done', tar: TAR } }, 'en');
    assert.equal(tree[0].children[0].children[0].description, '5.24MB · deleted by a later layer');
    const unpaired = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, analysis: { kind: 'done', tar: { ...TAR, history: null } } }, 'en');
    assert.equal(unpaired[0].label, 'Total 7.23MB · wasted 5.24MB · efficiency 27.4%');
    assert.match(unpaired[0].tooltip!, /could not be paired/);
    assert.ok(unpaired.slice(1).every((n) => n.role === 'base' || n.children.length === 0));
  });

  it('efficiency is rounded down, so an image with any waste never reads 100%', () => {
    const tar = { ...TAR, wasted: 1, efficiency: 1 - 1 / TAR.size, waste: [{ ...TAR.waste[0], size: 1 }] };
    const tree = layersTree({ parentKey: 'k', imageId: 'i', history: CLASSIC, analysis: { kind: 'done', tar } }, 'en');
    assert.match(tree[0].label, /efficiency 99\.9%$/);
  });
});

describe('failure rows', () => {
  it('a failed analysis is one error row with the reason in the chosen language, a click that retries, and no spinner', () => {
    const reason = { ko: '엔진과의 연결이 끊겼습니다', en: 'The connection to the engine was lost' };
    const tree = layersTree({ parentKey: 'k', imageId: 'sha256:x', history: CLASSIC, analysis: { kind: 'failed', reason, detail: 'socket hang up' } }, 'both');
    assert.equal(tree[0].role, 'error');
    assert.equal(tree[0].icon, 'error');
    assert.equal(tree[0].label, '레이어 내용을 읽지 못했습니다 / Could not read the layer contents');
    assert.equal(tree[0].description, '엔진과의 연결이 끊겼습니다 / The connection to the engine was lost');
    assert.equal(tree[0].retryImageId, 'sha256:x');
    assert.match(tree[0].tooltip!, /`socket hang up`/);
    assert.ok(!tree.some((n) => n.icon === 'loading~spin'));
    // The history rows stay: what was read is not lost.
    assert.equal(byRole(tree, 'layer').length, 4);
  });
});

describe('helpers', () => {
  it('instructionText drops the shell prefix, the build args and the BuildKit marker', () => {
    assert.equal(instructionText('|1 SIZE=5 /bin/sh -c head -c $SIZE /dev/zero'), 'RUN head -c $SIZE /dev/zero');
    assert.equal(instructionText('RUN |1 SIZE=5 /bin/sh -c make # buildkit', 'buildkit.dockerfile.v0'), 'RUN make');
    assert.equal(instructionText('/bin/sh -c #(nop) WORKDIR /srv'), 'WORKDIR /srv');
    assert.equal(instructionText(''), '');
  });
});
