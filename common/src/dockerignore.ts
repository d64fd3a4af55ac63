/**
 * `.dockerignore` matching, as Docker reads the file: Go-style globs plus `**`, `!` re-includes, the last matching
 * line wins, and a pattern that matches a parent folder excludes everything inside it. One module for both rooms:
 * the CopyIgnoredFile rule (server) and the build context the sidebar streams to the engine (client) must agree.
 */
import * as path from 'node:path';

export interface Pattern {
  re: RegExp;
  negate: boolean;
  /** 1-based line of the .dockerignore file, and the line as written (trimmed), for messages that name it. */
  line: number;
  source: string;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let cls = glob.slice(i + 1, close);
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += '[' + cls.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) {
      re += glob[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

const compiled = new Map<string, Pattern[]>();

/** Parses a .dockerignore text (memoised by text). */
export function parseDockerignore(text: string): Pattern[] {
  const hit = compiled.get(text);
  if (hit) return hit;
  const out: Pattern[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k].trim();
    if (!line || line.startsWith('#')) continue;
    const source = line;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    let p = path.posix.normalize(line.replace(/^\/+/, ''));
    p = p.replace(/\/+$/, '');
    if (!p || p === '.') continue;
    try {
      out.push({ re: globToRegExp(p), negate, line: k + 1, source });
    } catch {
      // A pattern Docker would reject breaks the build on its own; it simply does not match here.
    }
  }
  if (compiled.size > 50) compiled.clear();
  compiled.set(text, out);
  return out;
}

/** True when the context-relative path is excluded: the last pattern matching it or one of its parents decides. */
export function isIgnored(patterns: Pattern[], rel: string): boolean {
  return excludedBy(patterns, rel) !== null;
}

/** The line that excludes the context-relative path (the last one matching it or a parent), or null when it is kept. */
export function excludedBy(patterns: Pattern[], rel: string): Pattern | null {
  const parts = rel.split('/');
  const prefixes: string[] = [];
  for (let i = 1; i <= parts.length; i++) prefixes.push(parts.slice(0, i).join('/'));
  let decided: Pattern | null = null;
  for (const p of patterns) {
    if (prefixes.some((x) => p.re.test(x))) decided = p;
  }
  return decided && !decided.negate ? decided : null;
}
