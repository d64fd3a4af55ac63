/**
 * `npm run package` makes a .vsix with the bundles and manifest only: no node_modules, under 1.5 MB.
 * (vsce lists the archive; the zip is read here directly so the test does not trust vsce's own summary.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(off), 0x02014b50);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    names.push(buf.subarray(off + 46, off + 46 + nameLen).toString('utf8'));
    off += 46 + nameLen + extraLen + commentLen;
  }
  return names;
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

test('npm run package: a .vsix under 1.5 MB without node_modules', () => {
  const copy = projectCopy();
  const out = path.join(copy, 'dockerfile-guide.vsix');
  const r = spawnSync('npm', ['run', 'package', '--silent', '--', '-o', out], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const size = fs.statSync(out).size;
  // The minified bundles (extension with the engine client and the doctor, server, service, CLI) are ~0.95 MB
  // compressed and the README's screenshots ~0.1 MB; node_modules (dockerode, ssh2 and their tree) would add several
  // MB. The budget leaves room for growth and still fails on a stray node_modules or source maps.
  assert.ok(size < 1.5 * 1024 * 1024, `vsix is ${size} bytes`);
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
  fs.rmSync(copy, { recursive: true, force: true });
});
