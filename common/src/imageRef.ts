/** Image references as Docker reads them; used by the server (base images) and the client (engine probe). */

export interface ImageRef {
  /** Registry host when one is written (`ghcr.io`), null for Docker Hub. */
  registry: string | null;
  /** Repository path without the registry, lower case; Docker Hub's `library/` prefix removed. */
  repo: string;
  tag: string | null;
  digest: string | null;
}

/** Splits an image reference the way Docker reads it. Returns null for an empty or variable-only reference. */
export function parseImageRef(ref: string): ImageRef | null {
  let rest = ref.trim();
  if (!rest || rest.includes('$')) return null;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    // Docker treats the first component as a registry host when it has a dot or a port, or is localhost.
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = head.toLowerCase();
      rest = rest.slice(firstSlash + 1);
    }
  }
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = null;
  let repo = rest.toLowerCase();
  if (registry === null && repo.startsWith('library/')) repo = repo.slice('library/'.length);
  if (!repo) return null;
  return { registry, repo, tag, digest };
}

/** A normalised key for the engine cache: `repo:tag` (tag `latest` when none), registry kept when not Docker Hub. */
export function imageKey(ref: string): string {
  const p = parseImageRef(ref);
  if (!p) return ref.trim().toLowerCase();
  const name = p.registry ? `${p.registry}/${p.repo}` : p.repo;
  if (p.digest) return `${name}@${p.digest}`;
  return `${name}:${p.tag ?? 'latest'}`;
}
