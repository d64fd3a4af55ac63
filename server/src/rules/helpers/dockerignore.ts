/**
 * The `.dockerignore` that applies to a Dockerfile, read from its folder as the builders look for it: BuildKit reads
 * `<Dockerfile name>.dockerignore` beside the Dockerfile first, then the context's `.dockerignore`.
 */
import { parseDockerignore, type Pattern } from '../../../../common/src/dockerignore';
import type { RuleContext } from '../types';

export interface Dockerignore {
  /** The file's name, as a message names it (`.dockerignore`, `Dockerfile.dockerignore`). */
  file: string;
  patterns: Pattern[];
}

/** The patterns of the .dockerignore that applies, or null when there is none (or it has no pattern). */
export function readDockerignore(ctx: RuleContext): Dockerignore | null {
  const read = ctx.readContextFile;
  if (!read) return null;
  const base = decodeURIComponent(ctx.doc.uri.replace(/[?#].*$/, '').split('/').pop() ?? '');
  let file = base ? `${base}.dockerignore` : '';
  let text = file ? read(file) : null;
  if (text === null) {
    file = '.dockerignore';
    text = read(file);
  }
  if (!text) return null;
  const patterns = parseDockerignore(text);
  return patterns.length ? { file, patterns } : null;
}
