// Starts code-server (the VS Code server with its browser workbench) on loopback, in its own process
// group, and stops it with everything it started (extension host, language server, file watcher).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function waitHttp(url, deadline, died) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (died.value) return reject(new Error(died.value));
      http
        .get(url, (r) => {
          r.resume();
          resolve(r.statusCode);
        })
        .on('error', () => (Date.now() > deadline ? reject(new Error(`no answer from ${url}`)) : setTimeout(attempt, 150)));
    };
    attempt();
  });
}

/**
 * @param {object} o
 * @param {string} o.bin            code-server executable
 * @param {number} o.port           127.0.0.1 port
 * @param {string} o.userDataDir
 * @param {string} o.extensionsDir
 * @param {string} o.runDir         config file and log go here
 * @param {NodeJS.ProcessEnv} o.env sandboxed environment (see env.mjs)
 * @param {string} [o.locale]       VS Code display language (`--locale`)
 * @param {boolean} [o.inheritOutput] show code-server's own output (for `npm start`)
 */
export async function startCodeServer(o) {
  const config = path.join(o.runDir, 'code-server.yaml');
  // A config file of our own, so code-server never creates ~/.config/code-server/config.yaml.
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${o.port}\nauth: none\ncert: false\n`);
  const args = [
    '--config', config,
    '--bind-addr', `127.0.0.1:${o.port}`,
    '--auth', 'none',
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (o.locale) args.push('--locale', o.locale);
  const logFile = path.join(o.runDir, 'code-server.log');
  const child = spawn(o.bin, args, {
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() signals the whole tree at once
  });
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (o.inheritOutput) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  const died = { value: '' };
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      died.value = `code-server exited (code ${code}, signal ${signal}); log: ${logFile}`;
      resolve(died.value);
    }),
  );
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return signalGroup(child.pid, 'SIGKILL');
      signalGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      // Children that outlive code-server (an extension host mid-shutdown) share its group.
      await new Promise((r) => setTimeout(r, 200));
      signalGroup(child.pid, 'SIGKILL');
    })());
  try {
    await waitHttp(`http://127.0.0.1:${o.port}/healthz`, Date.now() + 60_000, died);
  } catch (e) {
    await stop();
    throw e;
  }
  return { pid: child.pid, port: o.port, url: `http://127.0.0.1:${o.port}`, logFile, exited, stop };
}

function signalGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}
