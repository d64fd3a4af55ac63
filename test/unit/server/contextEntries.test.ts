/**
 * The hosts' listing of a build context (host/contextFiles.ts), on a real folder: what the LSP adapter and its
 * worker give the service (contextLister) and what the CLI gives the rules (listInside), and DG120/DG121 through
 * both, end to end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCheck } from '../../../server/src/cli/check';
import { CONTEXT_CACHE_MS, contextFileReader, contextLister, listInside } from '../../../server/src/host/contextFiles';
import { createLanguageService } from '../../../server/src/service/index';

let root: string;
let dir: string;
let outside: string;

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-context-'));
  dir = path.join(root, 'project');
  outside = path.join(root, 'elsewhere');
  fs.mkdirSync(path.join(dir, 'srcs', 'conf'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(dir, 'srcs', 'nginx.conf'), 'events {}\n');
  fs.writeFileSync(path.join(dir, 'srcs', 'start.sh'), '#!/bin/sh\nexec nginx -g "daemon off;"\n');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'x\n');
  fs.symlinkSync(path.join(dir, 'srcs', 'conf'), path.join(dir, 'linked-conf'));
  fs.symlinkSync(outside, path.join(dir, 'escape'));
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM debian:bookworm\nCOPY srcs/ngnix.conf /etc/nginx/\nCOPY srcs/start.sh /tmp/\nCMD ["/start.sh"]\n',
  );
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const names = (list: { name: string; dir: boolean }[] | null) => list && list.map((e) => `${e.name}${e.dir ? '/' : ''}`).sort();

test('listInside lists a folder of the context with folder marks, symlinked folders included', () => {
  assert.deepEqual(names(listInside(dir, '')), ['Dockerfile', 'escape/', 'linked-conf/', 'srcs/']);
  assert.deepEqual(names(listInside(dir, '.')), names(listInside(dir, '')));
  assert.deepEqual(names(listInside(dir, 'srcs')), ['conf/', 'nginx.conf', 'start.sh']);
  assert.deepEqual(names(listInside(dir, './srcs/')), ['conf/', 'nginx.conf', 'start.sh']);
  assert.deepEqual(listInside(dir, 'linked-conf'), []);
});

test('listInside answers null for what is absent, a file, or outside the context', () => {
  assert.equal(listInside(dir, 'missing'), null);
  assert.equal(listInside(dir, 'srcs/nginx.conf'), null);
  assert.equal(listInside(dir, '..'), null);
  assert.equal(listInside(dir, '../elsewhere'), null);
  assert.equal(listInside(dir, outside), null);
  // A link inside the folder that points out of it is not followed.
  assert.equal(listInside(dir, 'escape'), null);
});

test('contextLister is given for a file URI only, and lists that file\'s folder', () => {
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
  assert.deepEqual(names(contextLister(uri)!('srcs')), ['conf/', 'nginx.conf', 'start.sh']);
  assert.equal(contextLister('untitled:Untitled-1'), undefined);
});

test('the service with the LSP host\'s reader and lister reports DG120 and DG121 on the real folder', () => {
  const service = createLanguageService({ contextFileReader, contextLister });
  const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const doc = service.parse(pathToFileURL(path.join(dir, 'Dockerfile')).href, 1, text);
  const found = service.check(doc, {}).filter((d) => d.code === 'DG120' || d.code === 'DG121');
  assert.deepEqual(
    found.map((d) => [d.code, d.range.start.line + 1, d.message.en.split(':')[0]]),
    [
      ['DG120', 2, '`srcs/ngnix.conf` is not in the build context (the Dockerfile\'s folder has no such file or folder)'],
      ['DG121', 4, '`/start.sh` is not in the image'],
    ],
  );
  // The same text without a folder (untitled): neither rule speaks.
  const untitled = service.parse('untitled:Untitled-1', 1, text);
  assert.deepEqual(
    service.check(untitled, {}).filter((d) => d.code === 'DG120' || d.code === 'DG121'),
    [],
  );
});

test('the CLI lists the checked file\'s folder: DG120 and DG121 rows', () => {
  let out = '';
  const code = runCheck(['--lang', 'en', '--format', 'json', path.join(dir, 'Dockerfile')], { out: (s) => (out += s), err: () => undefined }, 'en');
  assert.equal(code, 0);
  const rows = (JSON.parse(out) as { code: string; line: number; message: string }[]).filter((r) => r.code === 'DG120' || r.code === 'DG121');
  assert.deepEqual(
    rows.map((r) => [r.code, r.line]),
    [
      ['DG120', 2],
      ['DG121', 4],
    ],
  );
  // The CLI prints plain text, like the Problems panel: code spans lose their backticks.
  assert.match(rows[0].message, /Did you mean srcs\/nginx\.conf\?/);
  assert.match(rows[1].message, /copied to \/tmp\/start\.sh \(line 3\)/);
});

test('the editor host keeps a file and a listing for CONTEXT_CACHE_MS, then sees what changed on disk', async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-context-cache-'));
  try {
    const uri = pathToFileURL(path.join(own, 'Dockerfile')).href;
    const read = contextFileReader(uri)!;
    const list = contextLister(uri)!;
    assert.equal(read('.dockerignore'), null);
    assert.deepEqual(list('')!.map((e) => e.name), []);
    fs.writeFileSync(path.join(own, '.dockerignore'), '*.key\n');
    // Asked again at once (as every keystroke does): the kept answers.
    assert.equal(read('.dockerignore'), null);
    assert.deepEqual(list('')!.map((e) => e.name), []);
    await new Promise((r) => setTimeout(r, CONTEXT_CACHE_MS + 50));
    assert.equal(read('.dockerignore'), '*.key\n');
    assert.deepEqual(list('')!.map((e) => e.name), ['.dockerignore']);
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
});
