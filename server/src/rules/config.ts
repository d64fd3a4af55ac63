/**
 * Where a rule's severity comes from, strongest first:
 *   1. `dockerfileGuide.rules` in settings, or `--rule ID=level` in the CLI (the user asked explicitly);
 *   2. `.hadolint.yaml` / `.hadolint.yml` next to the Dockerfile: `ignored:` turns rules off, `override:` sets levels
 *      (hadolint's `style` is our `hint`); a project file is shared with hadolint itself, so users keep one list;
 *   3. the rule's default.
 * The YAML reader understands exactly the subset hadolint configs use for those keys (block lists, flow lists
 * `[a, b]`, comments, quotes); other keys are ignored. No dependency for that.
 */
import type { Severity, SeveritySetting } from './types';

export interface ProjectConfig {
  /** Severity per rule id from the project file (`off` for ignored). */
  rules: Record<string, SeveritySetting>;
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', hint: 'hint' };

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

function stripComment(line: string): string {
  // `#` starts a comment at line start or after a blank, outside quotes.
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return line.slice(0, i);
  }
  return line;
}

function flowList(s: string): string[] | null {
  const t = s.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  return t
    .slice(1, -1)
    .split(',')
    .map(unquote)
    .filter(Boolean);
}

/** Parses the `ignored:` and `override:` keys of a hadolint config. Unknown keys and malformed lines are skipped. */
export function parseHadolintConfig(text: string): ProjectConfig {
  const rules: Record<string, SeveritySetting> = {};
  const lines = text.split(/\r?\n/).map(stripComment);
  // Current position: top-level key, and (under override) the level key.
  let top: string | null = null;
  let level: Severity | null = null;
  let levelIndent = -1;
  const ignored = new Set<string>();
  const add = (id: string, sev: SeveritySetting) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(id)) return;
    if (sev === 'off') ignored.add(id);
    else rules[id] = sev;
  };
  for (const raw of lines) {
    if (!raw.trim()) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0 && !line.startsWith('-')) {
      const m = /^([A-Za-z_-]+)\s*:\s*(.*)$/.exec(line);
      top = m ? m[1] : null;
      level = null;
      if (m && top === 'ignored') for (const id of flowList(m[2]) ?? []) add(id, 'off');
      continue;
    }
    if (top === 'ignored') {
      const m = /^-\s*(.+)$/.exec(line);
      if (m) add(unquote(m[1]), 'off');
      continue;
    }
    if (top === 'override') {
      const key = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
      if (key && !line.startsWith('-')) {
        level = LEVELS[key[1].toLowerCase()] ?? null;
        levelIndent = indent;
        if (level) for (const id of flowList(key[2]) ?? []) add(id, level);
        continue;
      }
      const item = /^-\s*(.+)$/.exec(line);
      if (item && level && indent >= levelIndent) add(unquote(item[1]), level);
    }
  }
  // `ignored` wins over `override` when a rule is in both.
  for (const id of ignored) rules[id] = 'off';
  return { rules };
}

const cache = new Map<string, ProjectConfig>();

/** The project config of the Dockerfile's folder (memoised by file text), or null when there is none. */
export function readProjectConfig(readContextFile: ((rel: string) => string | null) | undefined): ProjectConfig | null {
  if (!readContextFile) return null;
  const text = readContextFile('.hadolint.yaml') ?? readContextFile('.hadolint.yml');
  if (text === null || text === undefined) return null;
  let c = cache.get(text);
  if (!c) {
    c = parseHadolintConfig(text);
    if (cache.size > 20) cache.clear();
    cache.set(text, c);
  }
  return c;
}

/** The effective severity of a rule. */
export function effectiveSeverity(
  id: string,
  fallback: SeveritySetting,
  userRules: Record<string, SeveritySetting> | undefined,
  project: ProjectConfig | null,
): SeveritySetting {
  return userRules?.[id] ?? project?.rules[id] ?? fallback;
}
