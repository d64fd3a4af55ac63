/** Pure helper of the base image probe (no vscode import, so unit tests can load it). */

/**
 * The images a Dockerfile's FROM lines name (not earlier stages, not scratch), with global ARG defaults substituted;
 * references that still hold a variable are left out.
 */
export function fromImages(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const args = new Map<string, string>();
  const stages = new Set<string>();
  const out: string[] = [];
  let seenFrom = false;
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!seenFrom) {
      const a = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/i.exec(line);
      if (a) args.set(a[1], a[3] ?? a[4] ?? a[5] ?? '');
    }
    const m = /^FROM\s+((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!m) continue;
    seenFrom = true;
    const image = m[2].replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, a1: string, a2: string) => args.get(a1 ?? a2) ?? all);
    const earlierStage = stages.has(image.toLowerCase());
    if (m[3]) stages.add(m[3].toLowerCase());
    if (earlierStage || image.includes('$') || image.toLowerCase() === 'scratch') continue;
    if (!out.includes(image)) out.push(image);
  }
  return out;
}
