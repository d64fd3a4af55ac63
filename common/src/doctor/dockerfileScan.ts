/**
 * A small text scan of the final stage, enough to point a cause at a line: where CMD / ENTRYPOINT are, and which
 * COPY/ADD put a file at a path inside the image (so a script named in the logs can be traced to the build context).
 * The language server owns real parsing; this shares only the instruction splitter with the build step.
 */
import * as path from 'node:path';
import { instructionSpans } from '../engine/dockerfileSteps';

export interface FinalStageLines {
  /** 1-based lines of the last CMD and ENTRYPOINT of the final stage, or null. */
  cmd: number | null;
  entrypoint: number | null;
  /** COPY/ADD of the final stage: 1-based line, sources (context-relative) and destination. */
  copies: { line: number; sources: string[]; dest: string }[];
}

function words(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const a = JSON.parse(t) as unknown;
      if (Array.isArray(a) && a.every((x) => typeof x === 'string')) return a as string[];
    } catch {
      // Not JSON: read as words below.
    }
  }
  return t.split(/\s+/).filter(Boolean);
}

export function scanFinalStage(text: string): FinalStageLines {
  const lines = text.split(/\r?\n/);
  const spans = instructionSpans(text);
  let from = 0;
  spans.forEach((s, i) => {
    if (s.keyword === 'FROM') from = i;
  });
  const out: FinalStageLines = { cmd: null, entrypoint: null, copies: [] };
  for (const s of spans.slice(from)) {
    if (s.keyword === 'CMD') out.cmd = s.line + 1;
    if (s.keyword === 'ENTRYPOINT') out.entrypoint = s.line + 1;
    if (s.keyword === 'COPY' || s.keyword === 'ADD') {
      const body = lines
        .slice(s.line, s.endLine + 1)
        .join(' ')
        .replace(/\\\s/g, ' ')
        .replace(/^\s*\S+\s*/, '');
      // Flags (--chmod, --chown, --from) are dropped; a COPY --from copies from another stage, not the context.
      if (/--from=/.test(body)) continue;
      const w = words(body.replace(/--\S+/g, ''));
      if (w.length < 2) continue;
      out.copies.push({ line: s.line + 1, sources: w.slice(0, -1), dest: w[w.length - 1] });
    }
  }
  return out;
}

/**
 * The context-relative source COPY/ADD put at `imagePath` (absolute, in the image), and that instruction's line.
 * `isDir` tells a directory source (whose contents land under the destination) from a file.
 */
export function copiedFrom(scan: FinalStageLines, imagePath: string, isDir: (source: string) => boolean = () => false): { source: string; line: number } | null {
  const target = path.posix.normalize(imagePath);
  for (let i = scan.copies.length - 1; i >= 0; i--) {
    const c = scan.copies[i];
    for (const src of c.sources) {
      if (isDir(src)) {
        const under = path.posix.normalize(c.dest).replace(/\/$/, '') + '/';
        if (target.startsWith(under)) return { source: path.posix.join(src, target.slice(under.length)).replace(/^\.\//, ''), line: c.line };
        continue;
      }
      const dest = c.dest.endsWith('/') || c.sources.length > 1 ? path.posix.join(c.dest, path.posix.basename(src)) : c.dest;
      if (path.posix.normalize(dest) === target) return { source: src.replace(/^\.\//, ''), line: c.line };
    }
  }
  return null;
}
