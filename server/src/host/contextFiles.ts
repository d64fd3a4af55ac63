/**
 * Reading files of a Dockerfile's build context (its folder), for rules that look at `.dockerignore`,
 * `.hadolint.yaml` or a start script the Dockerfile copies in. Reads stay inside that folder: a path that
 * climbs out of it (`../`, an absolute path, a symlink pointing elsewhere) is refused, and large files are not read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const MAX_BYTES = 1024 * 1024;

export function contextFileReader(uri: string): ((rel: string) => string | null) | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  return (rel: string) => readInside(dir, rel);
}

export function readInside(dir: string, rel: string): string | null {
  try {
    const cleaned = rel.replace(/^\.\//, '');
    const target = path.resolve(dir, cleaned);
    const root = fs.realpathSync(dir);
    const real = fs.realpathSync(target);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const st = fs.statSync(real);
    if (!st.isFile() || st.size > MAX_BYTES) return null;
    return fs.readFileSync(real, 'utf8');
  } catch {
    return null;
  }
}
