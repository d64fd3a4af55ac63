// What the user can do to containers and images, as plain async functions over the Engine API.
// Each either resolves or throws an EngineError (classified, bilingual reason + engine's words).
// A 304 from start/stop/pause ("already in that state") is success: the user got what they wanted.
import type Dockerode from 'dockerode';
import type { EngineClients } from './connection';
import { classifyError, EngineError } from '../../../common/src/engine/errors';
import type { PortSpec } from './runSpec';
import { stopOrRestart } from './stopping';

export type ContainerVerb = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

async function guard<T>(clients: EngineClients, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifyError(err, clients.where);
  }
}

export async function containerAction(clients: EngineClients, id: string, verb: ContainerVerb): Promise<void> {
  // Stop and restart answer only once the container has stopped (up to its stop timeout): see stopping.ts.
  if (verb === 'stop' || verb === 'restart') {
    await stopOrRestart(clients, id, verb);
    return;
  }
  const c = clients.api.getContainer(id);
  try {
    await guard(clients, async () => {
      switch (verb) {
        case 'start':
          await c.start();
          break;
        case 'pause':
          await c.pause();
          break;
        case 'unpause':
          await c.unpause();
          break;
      }
    });
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'notModified') return;
    throw err;
  }
}

export async function removeContainer(clients: EngineClients, id: string, force: boolean): Promise<void> {
  await guard(clients, () => clients.api.getContainer(id).remove({ force, v: false }));
}

export async function inspectContainer(clients: EngineClients, id: string): Promise<Dockerode.ContainerInspectInfo> {
  return guard(clients, () => clients.api.getContainer(id).inspect());
}

export async function inspectImage(clients: EngineClients, id: string): Promise<Dockerode.ImageInspectInfo> {
  return guard(clients, () => clients.api.getImage(id).inspect());
}

/** `repo[:tag]` → {repo, tag}; the tag defaults to latest. A registry port (`host:5000/x`) is not a tag. */
export function splitReference(ref: string): { repo: string; tag: string } {
  const at = ref.lastIndexOf(':');
  if (at > ref.lastIndexOf('/')) return { repo: ref.slice(0, at), tag: ref.slice(at + 1) || 'latest' };
  return { repo: ref, tag: 'latest' };
}

/** Docker's own grammar for a reference we create (lowercase path components, tag ≤ 128 chars). */
export function isValidReference(ref: string): boolean {
  if (!ref.trim() || ref.trim().endsWith(':')) return false;
  const { repo, tag } = splitReference(ref.trim());
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) return false;
  const parts = repo.split('/');
  return parts.every((p, i) => {
    if (i === 0 && parts.length > 1 && /[.:]/.test(p)) return /^[A-Za-z0-9.-]+(:\d+)?$/.test(p);
    return /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p);
  });
}

export async function tagImage(clients: EngineClients, id: string, ref: string): Promise<void> {
  const { repo, tag } = splitReference(ref.trim());
  await guard(clients, () => clients.api.getImage(id).tag({ repo, tag }));
}

export async function removeImage(clients: EngineClients, idOrRef: string): Promise<void> {
  // Never forced: an image a container still uses stays, and the engine says which container (see common/src/engine/errors.ts).
  await guard(clients, () => clients.api.getImage(idOrRef).remove({ force: false }));
}

export interface RunOptions {
  image: string;
  name?: string;
  ports?: PortSpec[];
  labels?: Record<string, string>;
  cmd?: string[];
}

/** Creates and starts a detached container, like `docker run -d`. Returns its id. */
export async function runImage(clients: EngineClients, o: RunOptions): Promise<string> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of o.ports ?? []) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort !== undefined ? String(p.hostPort) : '' });
  }
  const created = await guard(clients, () =>
    clients.api.createContainer({
      Image: o.image,
      name: o.name || undefined,
      Cmd: o.cmd,
      Labels: o.labels,
      ExposedPorts: exposed,
      HostConfig: { PortBindings: bindings },
    }),
  );
  try {
    await guard(clients, () => created.start());
  } catch (err) {
    // `docker run` would leave a never-started container behind; we made it, so we take it back.
    await created.remove({ force: true }).catch(() => undefined);
    throw err;
  }
  return created.id;
}

/**
 * Does the container have bash? Runs `/bin/bash -c "exit 0"` through exec and checks the exit code,
 * so it needs nothing else in the image (busybox, distroless-with-shell …).
 */
export async function detectShell(clients: EngineClients, id: string): Promise<'bash' | 'sh'> {
  try {
    const exec = await clients.api.getContainer(id).exec({ Cmd: ['/bin/bash', '-c', 'exit 0'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
      stream.resume();
    });
    const info = await exec.inspect();
    return info.ExitCode === 0 ? 'bash' : 'sh';
  } catch (err) {
    const e = classifyError(err, clients.where);
    // "executable file not found" arrives as an engine error on some versions: that means no bash.
    if (e.kind === 'engine' || e.kind === 'unknown') return 'sh';
    throw e;
  }
}
