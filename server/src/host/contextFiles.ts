/**
 * Reading files of a Dockerfile's build context (its folder), for rules that look at `.dockerignore`,
 * `.hadolint.yaml` or a start script the Dockerfile copies in, and listing its folders, for rules that check that a
 * COPY source exists. Reads stay inside that folder: a path that climbs out of it (`../`, an absolute path, a
 * symlink pointing elsewhere) is refused, and large files are not read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { ContextEntry } from '../rules/types';

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

export function contextLister(uri: string): ((relDir: string) => ContextEntry[] | null) | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  return (relDir: string) => listInside(dir, relDir);
}

/**
 * The entries of the folder `relDir` of the context `dir` (`''` or `.` for the context itself), for
 * RuleContext.contextEntries; null when it is not a folder, is outside the context or cannot be read.
 */
export function listInside(dir: string, relDir: string): ContextEntry[] | null {
  try {
    const cleaned = relDir.replace(/^(\.\/)+/, '');
    const target = path.resolve(dir, cleaned === '' ? '.' : cleaned);
    if (!fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) return null;
    const root = fs.realpathSync.native(dir);
    const real = fs.realpathSync.native(target);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    return fs
      .readdirSync(real, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() || (e.isSymbolicLink() && isDirectory(path.join(real, e.name))) }));
  } catch {
    return null;
  }
}

function isDirectory(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export function readInside(dir: string, rel: string): string | null {
  try {
    const cleaned = rel.replace(/^\.\//, '');
    const target = path.resolve(dir, cleaned);
    // Most names asked for do not exist (.hadolint.yaml, .dockerignore, a start script not written yet), and a
    // realpath that fails throws an Error with a stack trace: asking without throwing first is several times cheaper.
    if (!fs.statSync(target, { throwIfNoEntry: false })) return null;
    // The native realpath is one system call; fs.realpathSync walks the path with an lstat per component, and
    // the rules read a few context files on every keystroke (it was a fifth of the server's busy time while typing).
    const root = fs.realpathSync.native(dir);
    const real = fs.realpathSync.native(target);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const st = fs.statSync(real);
    if (!st.isFile() || st.size > MAX_BYTES) return null;
    return fs.readFileSync(real, 'utf8');
  } catch {
    return null;
  }
}
