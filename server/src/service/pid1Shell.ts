/**
 * Does the shell of a shell-form CMD/ENTRYPOINT stay PID 1?
 *
 * It depends on the shell, measured on the engine (test/claims/runtime.test.ts): dash, which is `/bin/sh` on Debian
 * and Ubuntu, stays PID 1 until the command ends and passes no signal on; bash and busybox sh (Alpine) replace
 * themselves with the last command (`exec`), so a single command becomes PID 1 itself. With the shell as PID 1,
 * `docker stop`'s SIGTERM is dropped (PID 1 has no handler) and the container is killed after the grace period.
 *
 * Only the base image tells which `/bin/sh` a stage has, so this answers `stays` only when the base is known to be
 * Debian or Ubuntu (or an official image built on them), `may-exec` for shells known to exec, and `unknown` else.
 */
import { parseImageRef } from '../../../common/src/imageRef';
import type { Stage } from './document';

export type ShellPid1 = 'stays' | 'may-exec' | 'unknown';

/** Official images whose non-Alpine variants are built on Debian (docker-library, nginxinc, MariaDB). */
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'nginx', 'mariadb', 'php', 'wordpress', 'phpmyadmin', 'node', 'python', 'golang', 'redis',
  'postgres', 'httpd', 'ruby', 'buildpack-deps',
]);

/** The image the stage's filesystem starts from: FROM <stage> followed back to a real image (null: unknown). */
export function rootImage(stage: Stage): string | null {
  let s: Stage = stage;
  for (let i = 0; s.parent && i < 64; i++) s = s.parent;
  return s.image && !s.image.includes('$') ? s.image : null;
}

/** `shell`: the stage's SHELL (null: the default `/bin/sh -c`). */
export function shellPid1(shell: readonly string[] | null, image: string | null): ShellPid1 {
  const sh = shell?.[0] ?? '/bin/sh';
  if (/(^|\/)(bash|ash|busybox)$/.test(sh)) return 'may-exec';
  if (/(^|\/)dash$/.test(sh)) return 'stays';
  if (!/(^|\/)sh$/.test(sh) || !image) return 'unknown';
  const ref = parseImageRef(image);
  if (!ref || ref.registry !== null) return 'unknown';
  const tag = (ref.tag ?? 'latest').toLowerCase();
  if (ref.repo === 'alpine' || ref.repo === 'busybox' || /alpine|busybox/.test(tag)) return 'may-exec';
  return DEBIAN_BASED.has(ref.repo) && !/windows|nanoserver|ltsc/.test(tag) ? 'stays' : 'unknown';
}
