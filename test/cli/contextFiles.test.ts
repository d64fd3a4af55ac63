/**
 * `dockerfile-guide check` reads the checked file's folder as its build context: a COPY source that is not there
 * (DG120) and a start script that nothing puts in the image (DG121) are reported; the same text on stdin has no
 * folder and gets neither.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliRunner';

let dir: string;
let dockerfile: string;
const TEXT = 'FROM debian:bookworm\nCOPY srcs/ngnix.conf /etc/nginx/\nCOPY srcs/start.sh /tmp/\nCMD ["/start.sh"]\n';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cli-context-'));
  fs.mkdirSync(path.join(dir, 'srcs'));
  fs.writeFileSync(path.join(dir, 'srcs', 'nginx.conf'), 'events {}\n');
  fs.writeFileSync(path.join(dir, 'srcs', 'start.sh'), '#!/bin/sh\nexec nginx -g "daemon off;"\n');
  dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(dockerfile, TEXT);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a file: DG120 on the missing source, DG121 on the script run from the wrong path', () => {
  const r = runCli(['check', '--lang', 'en', dockerfile]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Dockerfile:2:6: warning DG120 srcs\/ngnix\.conf is not in the build context.* Did you mean srcs\/nginx\.conf\?/);
  assert.match(r.stdout, /Dockerfile:4:\d+: warning DG121 \/start\.sh is not in the image.* copied to \/tmp\/start\.sh \(line 3\)\./);
});

test('stdin: no folder, no finding of either', () => {
  const r = runCli(['check', '--lang', 'en', '-'], { input: TEXT });
  assert.doesNotMatch(r.stdout, / DG12[01] /);
});
