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

/**
 * How long the editor's host keeps an answer (a file's text, a folder's listing). The rules ask on every document
 * version, so while someone types, the same `.hadolint.yaml`, `.dockerignore` and folders were read several times a
 * second (a stat, two realpaths and a read or a readdir each time: about a tenth of the work of an edit of a
 * 30-line file). A change on disk shows at the first version after this, as it did before at the next version. The
 * CLI reads once per run and does not use this cache (cli/check.ts calls readInside/listInside directly).
 */
export const CONTEXT_CACHE_MS = 1000;
const MAX_CACHED = 256;
const cache = new Map<string, { at: number; value: unknown }>();

function cached<T>(key: string, read: () => T): T {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < CONTEXT_CACHE_MS) return hit.value as T;
  const value = read();
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

function contextDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The editor host's reader of build-context files (see CONTEXT_CACHE_MS). */
export function contextFileReader(uri: string): ((rel: string) => string | null) | undefined {
  const dir = contextDir(uri);
  if (dir === undefined) return undefined;
  return (rel: string) => cached(`f\0${dir}\0${rel}`, () => readInside(dir, rel));
}

/** The editor host's lister of build-context folders (see CONTEXT_CACHE_MS). */
export function contextLister(uri: string): ((relDir: string) => ContextEntry[] | null) | undefined {
  const dir = contextDir(uri);
  if (dir === undefined) return undefined;
  return (relDir: string) => cached(`d\0${dir}\0${relDir}`, () => listInside(dir, relDir));
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
