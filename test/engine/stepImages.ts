/**
 * The images a classic build commits along the way (` ---> <id>` after each step) and leaves behind untagged when a
 * step fails, or as the results of the stages before the last. Engine suites remove exactly these, never every
 * dangling image: the other lane of the run builds on the same engine, and an untagged image that appeared
 * meanwhile may be one of its builds, still in use.
 */
import { spawnSync } from 'node:child_process';
import { MAIN_HOST } from './images';

/** The step image ids in a classic build's output (its whole text, or one line of it), in build order. */
export function stepImageIds(output: string): string[] {
  return [...output.matchAll(/^ ---> ([0-9a-f]{12})\s*$/gm)].map((m) => m[1]);
}

/**
 * Removes those of `ids` (in build order) that have no tag, newest first and without force: a child goes before its
 * parent, and an image something else still uses (a tagged image's parent, a cached step of another build) stays.
 */
export function removeUntaggedStepImages(ids: Iterable<string>, host = MAIN_HOST): void {
  const untagged = [...new Set(ids)].filter((id) => {
    const r = spawnSync('docker', ['-H', host, 'image', 'inspect', '--format', '{{len .RepoTags}}', id], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === '0';
  });
  for (const id of untagged.reverse()) spawnSync('docker', ['-H', host, 'image', 'rm', id], { stdio: 'ignore' });
}
