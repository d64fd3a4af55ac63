/**
 * `npm run package` makes a .vsix with the bundles and manifest only: no node_modules, under 1.6 MB; with the
 * Marketplace metadata (icon, license, changelog) and the rule reference, and no made-up link anywhere.
 * (vsce lists the archive; the zip is read here directly so the test does not trust vsce's own summary.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const root = path.resolve(__dirname, '../..');

interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated (the two methods vsce's zip writer uses). */
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The entries of a zip file, from its central directory. */
function zipDirectory(buf: Buffer): ZipEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(off), 0x02014b50);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    entries.push({
      name: buf.subarray(off + 46, off + 46 + nameLen).toString('utf8'),
      method: buf.readUInt16LE(off + 10),
      compressedSize: buf.readUInt32LE(off + 20),
      localHeader: buf.readUInt32LE(off + 42),
    });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Names of the entries of a zip file. */
function zipEntries(file: string): string[] {
  return zipDirectory(fs.readFileSync(file)).map((e) => e.name);
}

/** The bytes of every entry of a zip file, by name. */
function zipContents(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  const out = new Map<string, Buffer>();
  for (const e of zipDirectory(buf)) {
    assert.equal(buf.readUInt32LE(e.localHeader), 0x04034b50, e.name);
    const start = e.localHeader + 30 + buf.readUInt16LE(e.localHeader + 26) + buf.readUInt16LE(e.localHeader + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    assert.ok(e.method === 0 || e.method === 8, `${e.name}: compression method ${e.method}`);
    out.set(e.name, e.method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR', 'first chunk is IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * A copy of the project to package in: `npm run package` rebuilds dist/ for production, and other suites read the
 * project's own dist/ at the same time (npm test runs the engine suites beside these). Generated and installed
 * folders stay out; node_modules is linked, as esbuild and vsce only read it.
 */
function projectCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pkg-'));
  const skip = new Set(['node_modules', '.git', 'dist', 'out', '.tmp', 'test-results', '.code-server', '.vscode-test', 'tools']);
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !skip.has(path.basename(src)) || src === root });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

test('npm run package: a .vsix under 1.6 MB without node_modules, with icon, license, changelog and rule reference, and no placeholder link', () => {
  const copy = projectCopy();
  const out = path.join(copy, 'dockerfile-guide.vsix');
  const r = spawnSync('npm', ['run', 'package', '--silent', '--', '-o', out], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const size = fs.statSync(out).size;
  // The minified bundles (extension with the engine client and the doctor, server, service, CLI) are ~0.95 MB
  // compressed and the README's screenshots ~0.1 MB; node_modules (dockerode, ssh2 and their tree) would add several
  // MB. The concept pages with their pictures (docs/concepts, 11 pages in two languages) add ~40 KB. The budget
  // leaves room for growth and still fails on a stray node_modules or source maps.
  assert.ok(size < 1.6 * 1024 * 1024, `vsix is ${size} bytes`);
  const names = zipEntries(out);
  assert.ok(names.includes('extension/dist/extension.js'));
  assert.ok(names.includes('extension/dist/server.js'));
  assert.ok(names.includes('extension/dist/lsp.js'));
  assert.ok(names.includes('extension/dist/service.js'));
  assert.ok(names.includes('extension/dist/worker.js'));
  // Code caches belong to the V8 that wrote them (server/src/lsp/runtime/codeCache.ts): never shipped.
  assert.ok(!names.some((n) => n.endsWith('.cache')), 'no code caches shipped');
  assert.ok(names.includes('extension/dist/cli.js'));
  assert.ok(names.includes('extension/package.nls.ko.json'));
  assert.ok(!names.some((n) => n.includes('node_modules/')), names.filter((n) => n.includes('node_modules')).slice(0, 5).join(', '));
  assert.ok(!names.some((n) => n.endsWith('.map')), 'no source maps shipped');
  checkMetadata(out);
  fs.rmSync(copy, { recursive: true, force: true });
});

/** Reserved example domains (RFC 2606) and names of this project: a link to either in the package is made up. */
const MADE_UP_HOST = /(^|\.)example\.(com|net|org)$|dockerfile-?guide/i;

/**
 * What the Marketplace and VS Code's extension page show: the icon (a 128×128 PNG, as the Marketplace asks), the
 * license and changelog vsce found, the rule reference the diagnostics link to; and no placeholder link. The project
 * has no public home, so the manifest names no repository, homepage or bug tracker, and no packaged file links to
 * an example domain or to a URL naming the project.
 */
function checkMetadata(vsix: string): void {
  const files = zipContents(vsix);
  const text = (name: string) => {
    const b = files.get(name);
    assert.ok(b, `${name} in the .vsix (${[...files.keys()].join(', ')})`);
    return b.toString('utf8');
  };
  const manifest = JSON.parse(text('extension/package.json')) as Record<string, unknown>;
  assert.equal(manifest.icon, 'media/icon.png');
  const icon = files.get('extension/media/icon.png');
  assert.ok(icon, 'the icon is packed');
  assert.deepEqual(pngSize(icon), { width: 128, height: 128 });
  assert.ok(icon.equals(fs.readFileSync(path.join(root, 'media/icon.png'))), 'the committed icon, unchanged');
  const vsixManifest = text('extension.vsixmanifest');
  assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
  // vsce renames the files it recognises (LICENSE → LICENSE.txt, CHANGELOG.md → changelog.md) and lists them as
  // the Marketplace's License and Changelog assets.
  assert.match(text('extension/LICENSE.txt'), /^MIT License\s+Copyright \(c\) 2026 Dockerfile Guide contributors/);
  assert.match(vsixManifest, /<License>extension\/LICENSE\.txt<\/License>/);
  assert.match(text('extension/changelog.md'), /^## 0\.1\.0$/m);
  assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/);
  assert.equal(text('extension/docs/rules.md'), fs.readFileSync(path.join(root, 'docs/rules.md'), 'utf8'), 'the rule reference, as generated');
  // The concept pages and their pictures (issue 20): the concept panel reads them from the installed extension.
  const concepts = path.join(root, 'docs/concepts');
  const shipped = fs.readdirSync(concepts, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  assert.ok(shipped.some((e) => e.name.endsWith('.md')) && shipped.some((e) => e.name.endsWith('.svg')), 'docs/concepts has pages and pictures');
  for (const e of shipped) {
    const rel = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    const packed = files.get(`extension/${rel}`);
    assert.ok(packed, `${rel} is packed`);
    assert.ok(packed.equals(fs.readFileSync(path.join(root, rel))), `${rel}, unchanged`);
  }
  assert.ok(!files.has('extension/docs/editors.md'), 'only the docs the extension reads');
  assert.ok(!files.has('extension/media/icon.svg'), 'the icon source stays out');
  // VS Code's extension page shows the packaged README with its relative images resolved inside the extension
  // (vsce leaves them relative: --no-rewrite-relative-links, as there is no repository to point them at).
  const readme = text('extension/readme.md');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
  assert.ok(images.length > 0, 'the README shows images');
  for (const src of images.filter((s) => !/^[a-z]+:/i.test(s))) assert.ok(files.has(`extension/${path.posix.normalize(src)}`), `README image ${src} is packed`);

  for (const key of ['repository', 'homepage', 'bugs', 'qna']) assert.equal(manifest[key], undefined, `no ${key} in package.json`);
  assert.doesNotMatch(vsixManifest, /Services\.Links\.(Source|Repository|Getstarted|Support|Learn)/, 'no project links in the Marketplace manifest');
  const madeUp: string[] = [];
  for (const [name, bytes] of files) {
    if (name.endsWith('.png')) continue;
    for (const m of bytes.toString('utf8').matchAll(/\bhttps?:\/\/[^\s"'`)<>\]\\]+/g)) {
      let host: string;
      try {
        host = new URL(m[0]).hostname;
      } catch {
        continue;
      }
      // The one example domain that belongs: the predefined proxy ARGs' hover shows a sample value for HTTP_PROXY.
      if (host === 'proxy.example.com') continue;
      if (MADE_UP_HOST.test(host) || /dockerfile-?guide/i.test(new URL(m[0]).pathname)) madeUp.push(`${name}: ${m[0]}`);
    }
  }
  assert.deepEqual(madeUp, [], 'no placeholder links in the package');
}
