/**
 * DG104 and DG101 on a misspelt `daemon`: nginx does not daemonize, it refuses the unknown directive with
 * `[emerg] unknown directive "…"` and exit code 1. Checked with the nginx installed on this machine
 * (scripts/ci/apt-install.sh installs it), always in a temporary prefix with its own configuration and its error log
 * on stderr, so the machine's own nginx setup is never read or touched. A typo fails while the configuration is
 * parsed, before nginx opens a port or forks; the one correct spelling is only syntax-checked (`-t`), never started.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DG101 } from '../../server/src/rules/stack/DG101-mainProcessExits';
import { DG104 } from '../../server/src/rules/stack/DG104-nginxDaemonOffWrong';
import { where } from '../unit/rules/hadolint/helpers';
import { exec } from './claims';

const NGINX = '/usr/sbin/nginx';
const SPELLINGS = ['dameon', 'deamon', 'daemno', 'demon', 'daemonn'];

const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-claims-nginx-'));
/** A configuration with nothing but what nginx needs to parse it; no http block, so no temp paths are made. */
const conf = (extra = '') => {
  const file = path.join(prefix, `nginx-${Math.random().toString(36).slice(2)}.conf`);
  fs.writeFileSync(file, `pid ${prefix}/nginx.pid;\nerror_log stderr;\n${extra}events {}\n`);
  return file;
};
const nginx = (args: string[]) => exec(NGINX, ['-e', 'stderr', '-p', prefix, ...args], { timeoutMs: 20_000 });

describe('claims: nginx and a misspelt daemon', { concurrency: true }, () => {
  after(() => fs.rmSync(prefix, { recursive: true, force: true }));

  it(`DG104/DG101: nginx -g "<typo> off;" stops with [emerg] unknown directive and exit code 1 (${SPELLINGS.join(', ')})`, async () => {
    assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: scripts/ci/apt-install.sh installs nginx`);
    const c = conf();
    const results = await Promise.all(SPELLINGS.map((typo) => nginx(['-c', c, '-g', `${typo} off;`])));
    assert.equal(results.length, SPELLINGS.length);
    results.forEach((r, i) => {
      assert.equal(r.timedOut, false);
      assert.equal(r.code, 1, r.out);
      assert.match(r.stderr, new RegExp(`\\[emerg\\] .*unknown directive "${SPELLINGS[i]}" in command line`));
    });
  });

  it('DG104: the same typo in a configuration file stops nginx the same way, naming the file and line', async () => {
    const c = conf('dameon off;\n');
    const r = await nginx(['-c', c]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.stderr, new RegExp(`\\[emerg\\] .*unknown directive "dameon" in ${c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3`));
  });

  it('DG104 (control): the right spelling passes the same check', async () => {
    const r = await nginx(['-t', '-c', conf(), '-g', 'daemon off;']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.stderr, /test is successful/);
  });

  it('DG104 and DG101 say exactly that, for every spelling', () => {
    let checked = 0;
    for (const typo of SPELLINGS) {
      const text = `FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx", "-g", "${typo} off;"]\n`;
      const dg104 = where(DG104, text);
      const dg101 = where(DG101, text);
      assert.equal(dg104.length, 1, typo);
      assert.equal(dg101.length, 1, typo);
      for (const f of [dg104[0], dg101[0]]) {
        assert.match(f.en, new RegExp(`unknown directive "${typo}"`));
        assert.match(f.en, /exit(s with)? code 1/);
        assert.doesNotMatch(f.en, /forks into a daemon|daemoniz/);
        assert.match(f.ko, /종료 코드 1/);
      }
      checked++;
    }
    assert.equal(checked, SPELLINGS.length);
  });
});
