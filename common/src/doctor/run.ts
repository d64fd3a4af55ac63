/**
 * The doctor's run step and the engine calls around a running container: create and start it with the image's
 * exposed ports published on 127.0.0.1 (the engine picks free host ports), read the mapping back, read its logs
 * (demultiplexed), and run a program in it with `exec` (argv, never a shell string).
 */
import type Dockerode from 'dockerode';
import { CALL_TIMEOUT_MS, deadline, type DoctorEngine } from './engine';
import { DOCTOR_LABEL } from './types';

export interface ImageFacts {
  id: string;
  exposedPorts: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  env: string[];
}

export async function inspectImage(engine: DoctorEngine, image: string, signal?: AbortSignal): Promise<ImageFacts> {
  const info = (await deadline(engine.api.getImage(image).inspect(), CALL_TIMEOUT_MS, 'image inspect', signal)) as Dockerode.ImageInspectInfo;
  const c = info.Config ?? ({} as Dockerode.ImageInspectInfo['Config']);
  return {
    id: info.Id,
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    entrypoint: (c.Entrypoint as string[] | null | undefined) ?? null,
    cmd: c.Cmd ?? null,
    env: c.Env ?? [],
  };
}

export interface Started {
  containerId: string;
  /** `80/tcp` → host port on 127.0.0.1. */
  ports: Record<string, number>;
  /** The engine's words when it could not start the command (the container exists, in state `created`). */
  startError: string | null;
}

/** Creates and starts a container of `image`, labelled DOCTOR_LABEL=runId. The id is handed to `onCreated` first, so cleanup knows it even if start fails or hangs. */
export async function startContainer(
  engine: DoctorEngine,
  image: ImageFacts & { ref: string },
  runId: string,
  onCreated: (id: string) => void,
  signal?: AbortSignal,
  /** Environment added to the image's (`NAME=value`): the web checks restart the stack with its autoindex switch off. */
  env?: string[],
): Promise<Started> {
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  // HostPort '' lets the engine choose a free port: two doctor runs (or a port the user already uses) never clash.
  for (const p of image.exposedPorts) bindings[p] = [{ HostIp: '127.0.0.1', HostPort: '' }];
  const c = await deadline(
    engine.api.createContainer({
      Image: image.ref,
      Labels: { [DOCTOR_LABEL]: runId },
      ...(env && env.length ? { Env: env } : {}),
      ExposedPorts: Object.fromEntries(image.exposedPorts.map((p) => [p, {}])),
      HostConfig: { PortBindings: bindings },
      Tty: false,
    }),
    CALL_TIMEOUT_MS,
    'create',
    signal,
  );
  onCreated(c.id);
  let startError: string | null = null;
  try {
    await deadline(c.start(), CALL_TIMEOUT_MS, 'start', signal);
  } catch (e) {
    const err = e as { statusCode?: number; json?: { message?: string }; message?: string };
    // The engine refused to start the command (400/500 with runc's words); anything else is not the image's fault.
    if (err.statusCode === undefined) throw e;
    startError = err.json?.message ?? err.message ?? String(e);
  }
  const ports: Record<string, number> = {};
  if (!startError) {
    const info = await deadline(c.inspect(), CALL_TIMEOUT_MS, 'inspect', signal);
    for (const [p, bs] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
      const b = (bs ?? []).find((x) => x.HostIp === '127.0.0.1') ?? (bs ?? [])[0];
      if (b?.HostPort) ports[p] = Number(b.HostPort);
    }
  }
  return { containerId: c.id, ports, startError };
}

/**
 * Splits the engine's multiplexed stream (no TTY): 8-byte headers, [stream, 0, 0, 0, size (big-endian u32)], then
 * the payload. Text of stdout and stderr stays in the order the engine wrote it.
 */
export function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i];
    if (kind > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) return buf.toString('utf8'); // a TTY's raw stream
    const size = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}

/** The container's last `tail` log lines (stdout and stderr). */
export async function lastLogLines(engine: DoctorEngine, id: string, tail = 30, signal?: AbortSignal): Promise<string[]> {
  const raw = (await deadline(
    engine.api.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail }) as unknown as Promise<Buffer | string>,
    CALL_TIMEOUT_MS,
    'logs',
    signal,
  )) as Buffer | string;
  const text = Buffer.isBuffer(raw) ? demux(raw) : String(raw);
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Runs `argv` inside the container (Engine API exec, no shell), with a deadline; gives its exit code and output. */
export async function execIn(engine: DoctorEngine, id: string, argv: string[], timeoutMs = 30_000, signal?: AbortSignal): Promise<{ exitCode: number; output: string }> {
  const exec = await deadline(
    engine.api.getContainer(id).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, Tty: false }),
    CALL_TIMEOUT_MS,
    'exec create',
    signal,
  );
  const stream = (await deadline(exec.start({ hijack: true, stdin: false }), CALL_TIMEOUT_MS, 'exec start', signal)) as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
  try {
    await deadline(done, timeoutMs, 'exec', signal);
  } finally {
    (stream as unknown as { destroy?(): void }).destroy?.();
  }
  const info = await deadline(exec.inspect(), CALL_TIMEOUT_MS, 'exec inspect', signal);
  return { exitCode: info.ExitCode ?? -1, output: demux(Buffer.concat(chunks)) };
}
