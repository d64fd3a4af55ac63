/**
 * Real-tool checks shared by the scaffold and snippet tests: Debian's nginx (`nginx -t`), bash -n, shellcheck and a
 * private MariaDB server in a temp dir (never the system one). Every function throws with the tool's output on failure.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dfg-${prefix}-`));
}

function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: 'utf8', input: opts.input, env: opts.env ?? process.env, cwd: opts.cwd, timeout: 60_000 });
}

export function runOk(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

let certCache: { crt: string; key: string } | undefined;
/** One throwaway self-signed certificate for nginx -t (it loads the files named by ssl_certificate). */
export function testCert(): { crt: string; key: string } {
  if (certCache) return certCache;
  const d = tmpDir('cert');
  const crt = path.join(d, 'test.crt');
  const key = path.join(d, 'test.key');
  runOk('openssl', ['req', '-x509', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=test', '-keyout', key, '-out', crt]);
  certCache = { crt, key };
  return certCache;
}

export type NginxContext = 'http' | 'server' | 'location';

/**
 * Runs `nginx -t` on `text` placed in the given context of a minimal main config that includes Debian's mime.types.
 * Relative includes (snippets/fastcgi-php.conf) resolve against /etc/nginx as in the real image.
 * ssl_certificate/ssl_certificate_key paths are pointed at a throwaway certificate.
 * Returns nginx's stderr (warnings included) so callers can assert there are no warnings.
 */
export function nginxTest(text: string, context: NginxContext = 'http'): string {
  const d = tmpDir('nginx');
  const cert = testCert();
  const body = text
    .replace(/^(\s*ssl_certificate\s+)\S+;/gm, `$1${cert.crt};`)
    .replace(/^(\s*ssl_certificate_key\s+)\S+;/gm, `$1${cert.key};`);
  // nginx resolves relative includes against the main config's folder: mirror Debian's /etc/nginx there.
  for (const e of fs.readdirSync('/etc/nginx')) {
    if (!/^(nginx\.conf|sites-|conf\.d|modules-)/.test(e)) fs.symlinkSync(path.join('/etc/nginx', e), path.join(d, e));
  }
  const inc = path.join(d, 'body.conf');
  fs.writeFileSync(inc, body);
  let http: string;
  if (context === 'http') http = `include ${inc};`;
  else if (context === 'server') http = `server {\n listen 127.0.0.1:8443;\n server_name test;\n include ${inc};\n}`;
  else http = `server {\n listen 127.0.0.1:8443;\n server_name test;\n root /tmp;\n location / {\n include ${inc};\n }\n}`;
  const main = path.join(d, 'nginx.conf');
  fs.writeFileSync(
    main,
    `pid ${path.join(d, 'nginx.pid')};\nerror_log stderr;\nevents {}\nhttp {\n include /etc/nginx/mime.types;\n access_log off;\n ${http}\n}\n`,
  );
  const r = run('nginx', ['-t', '-e', 'stderr', '-c', main]);
  fs.rmSync(d, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`nginx -t failed:\n${r.stderr}\n--- config ---\n${body}`);
  return r.stderr;
}

/** bash -n and shellcheck (all severities) on a script text. */
export function checkShell(text: string, name = 'script.sh'): void {
  const d = tmpDir('sh');
  const f = path.join(d, name);
  fs.writeFileSync(f, text);
  try {
    runOk('bash', ['-n', f]);
    runOk('shellcheck', ['--shell=bash', '--severity=style', f]);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
}

export interface MariaDb {
  socket: string;
  /** Runs SQL through the client as the given user (root by default, via unix_socket auth). */
  sql(sql: string, user?: string, password?: string, database?: string): string;
  stop(): Promise<void>;
}

function which(...names: string[]): string {
  for (const n of names) if (have(n)) return n;
  throw new Error(`none of ${names.join(', ')} is installed`);
}

/** Starts a private MariaDB server (no networking) on a fresh data dir under /tmp. */
export async function startMariaDb(): Promise<MariaDb> {
  const d = tmpDir('mariadb');
  fs.chmodSync(d, 0o755);
  const datadir = path.join(d, 'data');
  const socket = path.join(d, 'mysqld.sock');
  const installDb = which('mariadb-install-db', 'mysql_install_db');
  const daemon = fs.existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : '/usr/sbin/mysqld';
  const client = which('mariadb', 'mysql');
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
  runOk(installDb, ['--no-defaults', `--datadir=${datadir}`, ...asUser, '--auth-root-authentication-method=socket', '--skip-test-db']);
  const child = spawn(
    daemon,
    ['--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${path.join(d, 'pid')}`, ...asUser],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const clientArgs = (user: string, password?: string, database?: string) => [
    '--no-defaults',
    `--socket=${socket}`,
    `--user=${user}`,
    ...(password !== undefined ? [`--password=${password}`] : []),
    '--batch',
    '--skip-column-names',
    ...(database ? [database] : []),
  ];
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited at start:\n${log}`);
    if (fs.existsSync(socket) && run(client, clientArgs('root'), { input: 'SELECT 1;' }).status === 0) break;
    if (Date.now() > deadline) throw new Error(`mariadbd did not answer in 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    socket,
    sql: (sql, user = 'root', password, database) => runOk(client, clientArgs(user, password, database), { input: sql }),
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
