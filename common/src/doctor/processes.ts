/**
 * The doctor's process step: what runs inside a running container, from the engine's `top`
 * (GET /containers/{id}/top, which runs `ps` on the host: no shell or `ps` is needed inside the image).
 */
import { CALL_TIMEOUT_MS, deadline, type DoctorEngine } from './engine';

export interface ProcessTable {
  /** PID 1's argv. */
  pid1: string[] | null;
  /** Every process's argv, PID 1 first. */
  processes: string[][];
}

/**
 * `top` gives host PIDs and one command string per process. PID 1 of the container is the process whose parent is
 * not in the list (its parent is the runtime's shim, outside the container). The command string is split on spaces:
 * `ps` joins the argv with spaces, so an argument that contained a space is split too; when it matches the argv the
 * engine started (`started`), that exact argv is used for PID 1.
 */
export function parseTop(top: { Titles?: string[]; Processes?: string[][] }, started: string[] = []): ProcessTable {
  const titles = top.Titles ?? [];
  const rows = top.Processes ?? [];
  const pidCol = titles.indexOf('PID');
  const ppidCol = titles.indexOf('PPID');
  const cmdCol = titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
  if (cmdCol < 0 || rows.length === 0) return { pid1: null, processes: [] };
  const pids = new Set(rows.map((r) => r[pidCol]));
  const argv = (r: string[]) => {
    const cmd = r[cmdCol];
    return started.length && started.join(' ') === cmd ? [...started] : cmd.split(/\s+/).filter(Boolean);
  };
  const rootIdx = ppidCol >= 0 ? rows.findIndex((r) => !pids.has(r[ppidCol])) : 0;
  const ordered = rootIdx > 0 ? [rows[rootIdx], ...rows.filter((_, i) => i !== rootIdx)] : rows;
  const processes = ordered.map(argv);
  return { pid1: processes[0] ?? null, processes };
}

export async function processTable(engine: DoctorEngine, id: string, started: string[], signal?: AbortSignal): Promise<ProcessTable> {
  const top = (await deadline(engine.api.getContainer(id).top({ ps_args: '-ef' }), CALL_TIMEOUT_MS, 'top', signal)) as { Titles?: string[]; Processes?: string[][] };
  return parseTop(top, started);
}

/** Program names (basename of argv[0], and of `php-fpm: master process (…)`'s first word) in the table. */
export function programNames(t: ProcessTable): string[] {
  return t.processes.map((a) => {
    const first = (a[0] ?? '').replace(/:$/, '');
    return first.slice(first.lastIndexOf('/') + 1);
  });
}
