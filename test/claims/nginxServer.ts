/**
 * A real nginx for claims about what it serves: the nginx installed on this machine (scripts/ci/apt-install.sh
 * installs it), run in a temporary prefix with its own configuration, pid file, temp folders and error log on stderr,
 * listening on 127.0.0.1 at a port that was free a moment before. Never the machine's own nginx setup.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const NGINX = '/usr/sbin/nginx';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface NginxServer {
  /** The temporary prefix (files the site serves can be put under it). */
  prefix: string;
  port: number;
  /** What nginx wrote to its error log (stderr) so far. */
  stderr(): string;
  stop(): void;
}

/**
 * Starts nginx with the `server { … }` blocks `site(port)` returns inside an http block, and waits until it answers.
 * `prepare(prefix)` runs first (to make the files the site serves).
 */
export async function startNginx(name: string, site: (port: number, prefix: string) => string, prepare: (prefix: string) => void = () => undefined): Promise<NginxServer> {
  assert.ok(fs.existsSync(NGINX), `${NGINX} is missing: scripts/ci/apt-install.sh installs nginx`);
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), `dfg-claims-${name}-`));
  prepare(prefix);
  const tmp = path.join(prefix, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  // As root, nginx's workers would switch to `nobody`, who cannot read the 0700 temporary folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `${user}pid ${prefix}/nginx.pid;\nerror_log stderr;\ndaemon off;\nworker_processes 1;\nevents {}\nhttp {\n    access_log off;\n` +
      ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${tmp}/${t};\n`).join('') +
      site(port, prefix) +
      '}\n',
  );
  let stderr = '';
  const nginx: ChildProcess = spawn(NGINX, ['-e', 'stderr', '-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  nginx.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const stop = () => {
    if (nginx.pid && nginx.exitCode === null) process.kill(nginx.pid, 'SIGTERM');
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      if (nginx.exitCode !== null || Date.now() > until) {
        stop();
        throw new Error(`nginx did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { prefix, port, stderr: () => stderr, stop };
}
