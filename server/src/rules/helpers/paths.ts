/** POSIX paths inside the image, as written in Dockerfiles and scripts. */

/** Joins POSIX paths and normalises `.`/`..`. */
export function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

/** The last component of a path (`/usr/bin/nginx` → `nginx`; '' after a trailing `/`). */
export function baseName(p: string): string {
  const k = p.lastIndexOf('/');
  return k >= 0 ? p.slice(k + 1) : p;
}
