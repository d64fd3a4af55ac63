/**
 * Which Dockerfiles can copy a config file into their image: those in the config file's folder or in one of the
 * folders above it (the build context is a Dockerfile's folder, so only a Dockerfile at or above the file can COPY
 * it). An editor open on `srcs/nginx/default` is checked against `Dockerfile` and `srcs/Dockerfile` that way, with
 * the path each of them would COPY it by.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

/**
 * How many folders above the config file are looked at. ft_server projects keep the Dockerfile at the top and the
 * configs in srcs/ or srcs/nginx/; four levels cover every layout in the corpus without walking up to / from a deep
 * workspace on each keystroke.
 */
const MAX_LEVELS = 4;
/** A Dockerfile larger than this is not read to check a config file (the editor's own limits are elsewhere). */
const MAX_BYTES = 1024 * 1024;
/** Folder listings are kept this long, as contextFiles.ts keeps its answers: checks run on every keystroke. */
const CACHE_MS = 1000;

export interface DockerfileLink {
  uri: string;
  /** The config file's path relative to the Dockerfile's folder, with `/` separators (as a COPY source names it). */
  rel: string;
}

/** Docker's names for a Dockerfile: Dockerfile, Dockerfile.dev, prod.Dockerfile, Containerfile. */
export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/i.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name);
}

const listings = new Map<string, { at: number; names: string[] }>();

function dockerfilesIn(dir: string): string[] {
  const now = Date.now();
  const hit = listings.get(dir);
  if (hit && now - hit.at < CACHE_MS) return hit.names;
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    // An unreadable folder holds no Dockerfile we can use.
  }
  if (listings.size > 256) listings.clear();
  listings.set(dir, { at: now, names });
  return names;
}

/** The Dockerfiles at or above the config file at `configUri` (nearest first); none for a document with no file. */
export function dockerfilesAround(configUri: string): DockerfileLink[] {
  if (!configUri.startsWith('file:')) return [];
  let file: string;
  try {
    file = fileURLToPath(configUri);
  } catch {
    return [];
  }
  const out: DockerfileLink[] = [];
  let dir = path.dirname(file);
  for (let level = 0; level <= MAX_LEVELS; level++) {
    for (const name of dockerfilesIn(dir)) {
      const rel = path.relative(dir, file).split(path.sep).join('/');
      out.push({ uri: pathToFileURL(path.join(dir, name)).toString(), rel });
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The text of a Dockerfile that is not open in the editor; null when absent, unreadable or too large. */
export function readDockerfile(uri: string): { text: string; mtimeMs: number } | null {
  try {
    const file = fileURLToPath(uri);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_BYTES) return null;
    return { text: fs.readFileSync(file, 'utf8'), mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}
