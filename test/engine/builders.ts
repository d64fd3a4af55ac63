/**
 * The two builders a Dockerfile meets, for tests where their behaviour differs.
 *
 * - classic: the legacy builder (`DOCKER_BUILDKIT=0`), with whichever docker CLI comes first on PATH.
 * - BuildKit: the engine's embedded BuildKit. The newer docker CLI first on PATH insists on a buildx plugin that is
 *   not installed here, but Debian's own CLI, /usr/bin/docker, still talks to the embedded BuildKit directly when
 *   `DOCKER_BUILDKIT=1` is set. It is used when a probe build works.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAIN_HOST } from './images';

export interface Builder {
  name: 'classic' | 'BuildKit';
  /** The docker CLI to run `build` with. */
  cli: string;
  env: NodeJS.ProcessEnv;
}

const CLASSIC: Builder = { name: 'classic', cli: 'docker', env: { DOCKER_BUILDKIT: '0' } };
const DEBIAN_CLI = '/usr/bin/docker';

let memo: Builder[] | undefined;

/**
 * Both builders. BuildKit is probed once per process; when it does not work the suite fails with the reason
 * instead of quietly testing one builder (setup installs Debian's docker.io, which brings /usr/bin/docker).
 */
export function builders(host = MAIN_HOST): Builder[] {
  if (memo) return memo;
  const buildkit: Builder = { name: 'BuildKit', cli: DEBIAN_CLI, env: { DOCKER_BUILDKIT: '1' } };
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-bk-probe-'));
  try {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nLABEL probe=1\n');
    const r = spawnSync(DEBIAN_CLI, ['-H', host, 'build', '-q', ctx], { env: { ...process.env, ...buildkit.env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`BuildKit through ${DEBIAN_CLI} does not build: ${r.error?.message ?? r.stderr}`);
    // The probe made an untagged image: remove it, so the engine holds nothing of this.
    const id = r.stdout.trim();
    if (id) spawnSync(DEBIAN_CLI, ['-H', host, 'image', 'rm', id], { stdio: 'ignore' });
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
  memo = [CLASSIC, buildkit];
  return memo;
}
