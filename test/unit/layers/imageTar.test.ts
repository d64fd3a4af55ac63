import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { analyseImageTar } from '../../../common/src/layers/imageTar';
import { TarParser } from '../../../common/src/layers/tarParser';

// A minimal tar writer for synthetic image exports: ustar headers, optional pax or GNU long names.
type Entry = { name: string; body?: Buffer | number; type?: 'file' | 'dir' | 'symlink'; link?: string; long?: 'pax' | 'gnu' };

function header(name: string, size: number, flag: string, link = '', prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(flag, 156);
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (String(len).length + rest.length !== len) len++;
  return `${len}${rest}`;
}

function tar(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = typeof e.body === 'number' ? Buffer.alloc(e.body, 0x61) : (e.body ?? Buffer.alloc(0));
    const type = e.type ?? (e.name.endsWith('/') ? 'dir' : 'file');
    const flag = type === 'dir' ? '5' : type === 'symlink' ? '2' : '0';
    let name = e.name;
    if (e.long === 'pax') {
      const pax = Buffer.from(paxRecord('path', e.name));
      parts.push(header('PaxHeader', pax.length, 'x'), pax, pad(pax.length));
      name = e.name.slice(0, 99);
    } else if (e.long === 'gnu') {
      const ln = Buffer.from(e.name + '\0');
      parts.push(header('././@LongLink', ln.length, 'L'), ln, pad(ln.length));
      name = e.name.slice(0, 99);
    }
    parts.push(header(name, body.length, flag, e.link ?? ''), body, pad(body.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const MB = 1024 * 1024;

function manifest(layers: string[]): Entry {
  return { name: 'manifest.json', body: Buffer.from(JSON.stringify([{ Config: 'c.json', RepoTags: ['t:1'], Layers: layers }])) };
}

/** Streams the buffer in awkward chunk sizes so that headers and bodies split across chunks. */
function streamOf(buf: Buffer, chunk = 4093): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += chunk) yield buf.subarray(i, i + chunk);
    })(),
  );
}

describe('analyseImageTar: layers and wasted bytes from an image export', () => {
  it('counts a 5 MB file deleted by a whiteout in the next layer as waste', async () => {
    const l1 = tar([{ name: 'tmp/' }, { name: 'tmp/big.bin', body: 5 * MB }, { name: 'etc/hosts', body: 100 }]);
    const l2 = tar([{ name: 'tmp/' }, { name: 'tmp/.wh.big.bin' }]);
    const image = tar([
      manifest(['aaa/layer.tar', 'bbb/layer.tar']),
      { name: 'aaa/layer.tar', body: l1 },
      { name: 'bbb/layer.tar', body: l2 },
      { name: 'c.json', body: Buffer.from('{}') },
    ]);
    const r = await analyseImageTar(streamOf(image));
    assert.equal(r.layers.length, 2);
    assert.equal(r.layers[0].size, 5 * MB + 100);
    assert.equal(r.layers[0].files, 2);
    assert.deepEqual(r.layers[0].biggest[0], { path: 'tmp/big.bin', size: 5 * MB });
    assert.equal(r.layers[1].size, 0);
    assert.equal(r.layers[1].files, 0);
    assert.deepEqual(r.waste, [{ path: 'tmp/big.bin', size: 5 * MB, addedLayer: 0, removedLayer: 1, how: 'deleted' }]);
    assert.equal(r.wasted, 5 * MB);
    assert.equal(r.layers[0].wasted, 5 * MB);
    assert.equal(r.size, 5 * MB + 100);
    assert.ok(Math.abs(r.efficiency - 100 / (5 * MB + 100)) < 1e-12);
  });

  it('near miss: a whiteout of a file no lower layer has wastes nothing', async () => {
    const l1 = tar([{ name: 'tmp/keep.bin', body: 2000 }]);
    const l2 = tar([{ name: 'tmp/.wh.other.bin' }]);
    const image = tar([manifest(['a/layer.tar', 'b/layer.tar']), { name: 'a/layer.tar', body: l1 }, { name: 'b/layer.tar', body: l2 }]);
    const r = await analyseImageTar(streamOf(image));
    assert.deepEqual(r.waste, []);
    assert.equal(r.efficiency, 1);
  });

  it('counts a file overwritten by a later layer, and reads manifest.json when it comes last', async () => {
    const l1 = tar([{ name: './app/data.txt', body: 3000 }, { name: './app/keep.txt', body: 10 }]);
    const l2 = tar([{ name: './app/data.txt', body: 4000 }]);
    // The layers come in the reverse of manifest order, and the manifest last: order must follow the manifest.
    const image = tar([
      { name: 'second/layer.tar', body: l2 },
      { name: 'first/layer.tar', body: l1 },
      manifest(['first/layer.tar', 'second/layer.tar']),
    ]);
    const r = await analyseImageTar(streamOf(image, 511));
    assert.deepEqual(r.layers.map((l) => [l.path, l.size]), [['first/layer.tar', 3010], ['second/layer.tar', 4000]]);
    assert.deepEqual(r.waste, [{ path: 'app/data.txt', size: 3000, addedLayer: 0, removedLayer: 1, how: 'overwritten' }]);
    assert.equal(r.size, 7010);
    assert.equal(r.wasted, 3000);
  });

  it('hides a whole directory behind an opaque marker or a directory whiteout', async () => {
    const l1 = tar([
      { name: 'var/lib/apt/lists/' },
      { name: 'var/lib/apt/lists/a', body: 700 },
      { name: 'var/lib/apt/lists/sub/b', body: 300 },
      { name: 'var/cache/x', body: 50 },
      { name: 'var/lib/aptitude', body: 5 },
    ]);
    const l2 = tar([{ name: 'var/lib/apt/lists/' }, { name: 'var/lib/apt/lists/.wh..wh..opq' }, { name: 'var/lib/apt/lists/new', body: 1 }]);
    const l3 = tar([{ name: 'var/.wh.cache' }]);
    const image = tar([
      manifest(['1/layer.tar', '2/layer.tar', '3/layer.tar']),
      { name: '1/layer.tar', body: l1 },
      { name: '2/layer.tar', body: l2 },
      { name: '3/layer.tar', body: l3 },
    ]);
    const r = await analyseImageTar(streamOf(image));
    assert.deepEqual(
      r.waste.map((w) => [w.path, w.size, w.addedLayer, w.removedLayer]),
      [
        ['var/lib/apt/lists/a', 700, 0, 1],
        ['var/lib/apt/lists/sub/b', 300, 0, 1],
        ['var/cache/x', 50, 0, 2],
      ],
    );
    // `var/lib/aptitude` shares a prefix with the opaque directory but is not inside it.
    assert.ok(!r.waste.some((w) => w.path === 'var/lib/aptitude'));
    assert.equal(r.wasted, 1050);
  });

  it('reads the OCI layout (blobs/sha256/…) and skips config blobs that are not tars', async () => {
    const l1 = tar([{ name: 'bin/tool', body: 1234 }]);
    const l2 = tar([{ name: 'bin/.wh.tool' }]);
    const image = tar([
      { name: 'blobs/' },
      { name: 'blobs/sha256/' },
      { name: 'blobs/sha256/cfg', body: Buffer.from('{"architecture":"amd64"}') },
      { name: 'blobs/sha256/l2', body: l2 },
      { name: 'blobs/sha256/l1', body: l1 },
      { name: 'index.json', body: Buffer.from('{}') },
      { name: 'oci-layout', body: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
      manifest(['blobs/sha256/l1', 'blobs/sha256/l2']),
    ]);
    const r = await analyseImageTar(streamOf(image));
    assert.deepEqual(r.layers.map((l) => l.path), ['blobs/sha256/l1', 'blobs/sha256/l2']);
    assert.deepEqual(r.waste, [{ path: 'bin/tool', size: 1234, addedLayer: 0, removedLayer: 1, how: 'deleted' }]);
  });

  it('follows a docker 20.10 layer.tar symlink to a layer stored earlier', async () => {
    const l1 = tar([{ name: 'x', body: 10 }]);
    const image = tar([
      { name: 'a/layer.tar', body: l1 },
      { name: 'b/layer.tar', type: 'symlink', link: '../a/layer.tar' },
      manifest(['a/layer.tar', 'b/layer.tar']),
    ]);
    const r = await analyseImageTar(streamOf(image));
    assert.deepEqual(r.layers.map((l) => l.size), [10, 10]);
  });

  it('reads pax and GNU long names in both the outer and the layer tars', async () => {
    const deep = 'usr/share/' + 'd'.repeat(120) + '/file-with-a-long-name.dat';
    const gnu = 'opt/' + 'g'.repeat(150) + '/blob';
    const l1 = tar([{ name: deep, body: 900, long: 'pax' }, { name: gnu, body: 800, long: 'gnu' }]);
    const l2 = tar([{ name: deep.replace('file-with-a-long-name.dat', '.wh.file-with-a-long-name.dat'), long: 'pax' }]);
    const outerName = 'layers/' + 'L'.repeat(110) + '/layer.tar';
    const image = tar([
      { name: outerName, body: l1, long: 'pax' },
      { name: 'two/layer.tar', body: l2 },
      manifest([outerName, 'two/layer.tar']),
    ]);
    const r = await analyseImageTar(streamOf(image, 1000));
    assert.equal(r.layers[0].path, outerName);
    assert.deepEqual(r.layers[0].biggest, [{ path: deep, size: 900 }, { path: gnu, size: 800 }]);
    assert.deepEqual(r.waste.map((w) => w.path), [deep]);
  });

  it('limits the biggest list to opts.biggest', async () => {
    const l1 = tar([1, 5, 3, 4, 2].map((n) => ({ name: `f${n}`, body: n * 100 })));
    const image = tar([manifest(['a/layer.tar']), { name: 'a/layer.tar', body: l1 }]);
    const r = await analyseImageTar(streamOf(image), { biggest: 2 });
    assert.deepEqual(r.layers[0].biggest, [{ path: 'f5', size: 500 }, { path: 'f4', size: 400 }]);
    assert.equal(r.layers[0].files, 5);
  });

  it('fails clearly on a missing manifest, a missing layer, a truncated stream and an abort', async () => {
    const l1 = tar([{ name: 'x', body: 10 }]);
    await assert.rejects(analyseImageTar(streamOf(tar([{ name: 'a/layer.tar', body: l1 }]))), /no manifest\.json/);
    await assert.rejects(analyseImageTar(streamOf(tar([manifest(['a/layer.tar'])]))), /missing from the image export/);
    const whole = tar([{ name: 'a/layer.tar', body: l1 }, manifest(['a/layer.tar'])]);
    await assert.rejects(analyseImageTar(streamOf(whole.subarray(0, 700))), /truncated/);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(analyseImageTar(streamOf(whole), { signal: ac.signal }), { name: 'AbortError' });
  });
});

describe('TarParser', () => {
  it('rejects a header whose checksum does not match', () => {
    const t = tar([{ name: 'x', body: 1 }]);
    t[0] = 0x79; // the name changes but not the checksum
    const p = new TarParser(() => undefined);
    assert.throws(() => p.write(t), /checksum/);
  });

  it('reads GNU base-256 sizes', () => {
    const h = header('big', 0, '0');
    // Size 513 in base-256: high bit set, value in the remaining bytes.
    h.fill(0, 124, 136);
    h[124] = 0x80;
    h[134] = 0x02;
    h[135] = 0x01;
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    const sizes: number[] = [];
    let bodyBytes = 0;
    const p = new TarParser((e) => {
      sizes.push(e.size);
      return { data: (c) => (bodyBytes += c.length), end: () => {} };
    });
    p.write(Buffer.concat([h, Buffer.alloc(513), pad(513), Buffer.alloc(1024)]));
    p.end();
    assert.deepEqual(sizes, [513]);
    assert.equal(bodyBytes, 513);
    assert.ok(p.finished);
  });
});
