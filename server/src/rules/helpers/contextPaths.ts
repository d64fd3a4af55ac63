/**
 * What the build context holds, as the rules can see it through the host's folder lister (RuleContext.contextEntries):
 * whether a path is a file, a folder or absent, and which paths a COPY glob matches. Listings are memoised per
 * document version (and lister), so two rules and many COPYs of one run list each folder once.
 *
 * Also the source words of COPY/ADD as the builder reads them: quotes removed, ENV values put in, `./` and a leading
 * `/` dropped (both name the context's root), and the cases we cannot judge left out.
 */
import type { Instr, ParsedDocument, Stage } from '../../service/document';
import { stripQuotes } from '../../service/document';
import type { ContextEntry, RuleContext } from '../types';

export type EntryKind = 'file' | 'dir';

export interface ContextView {
  /** The names in a folder of the context (`''`: the context itself); null when there is no such folder. */
  list(relDir: string): readonly ContextEntry[] | null;
  /** What a clean context-relative path names (`''`: the context itself); null when it is absent. */
  kind(rel: string): EntryKind | null;
  /**
   * The paths a Go-style glob matches (`*`, `?` and `[…]` within one path component, as BuildKit's copy and the
   * classic builder match COPY sources); null when the pattern is malformed (the builder rejects or ignores it).
   */
  glob(pattern: string): string[] | null;
}

const views = new WeakMap<ParsedDocument, { lister: RuleContext['contextEntries']; view: ContextView }>();

/** The context as the rules see it, or null when the document has no folder (untitled, stdin) or no lister. */
export function contextView(ctx: RuleContext): ContextView | null {
  const lister = ctx.contextEntries;
  if (!lister) return null;
  const known = views.get(ctx.doc);
  if (known && known.lister === lister) return known.view;
  const view = makeView(lister);
  views.set(ctx.doc, { lister, view });
  return view;
}

function makeView(lister: NonNullable<RuleContext['contextEntries']>): ContextView {
  const listed = new Map<string, readonly ContextEntry[] | null>();
  const list = (relDir: string): readonly ContextEntry[] | null => {
    let v = listed.get(relDir);
    if (v === undefined) {
      v = lister(relDir);
      listed.set(relDir, v);
    }
    return v;
  };
  const kind = (rel: string): EntryKind | null => {
    if (rel === '') return 'dir';
    const k = rel.lastIndexOf('/');
    const entries = list(k < 0 ? '' : rel.slice(0, k));
    const e = entries?.find((x) => x.name === rel.slice(k + 1));
    return e ? (e.dir ? 'dir' : 'file') : null;
  };
  const glob = (pattern: string): string[] | null => {
    const parts = pattern.split('/');
    const res: (RegExp | string)[] = [];
    for (const p of parts) {
      if (!hasGlob(p)) {
        res.push(p);
        continue;
      }
      const re = componentRegExp(p);
      if (!re) return null;
      res.push(re);
    }
    // Walk down one component at a time: a literal component must be there; a glob keeps every name it matches.
    let current = [''];
    for (let i = 0; i < res.length && current.length > 0; i++) {
      const last = i === res.length - 1;
      const next: string[] = [];
      for (const dir of current) {
        const entries = list(dir);
        if (!entries) continue;
        const r = res[i];
        for (const e of entries) {
          if (typeof r === 'string' ? e.name !== r : !r.test(e.name)) continue;
          if (!last && !e.dir) continue;
          next.push(dir === '' ? e.name : `${dir}/${e.name}`);
        }
      }
      // A glob over a huge tree: stop early, what was found is enough to say "something matches".
      current = next.slice(0, 1000);
    }
    return current;
  };
  return { list, kind, glob };
}

/** The glob characters of Go's filepath.Match, which the builders use for COPY sources. */
export function hasGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

/**
 * One path component of a Go filepath.Match pattern as a RegExp: `*` is any run of characters, `?` one character,
 * `[a-z]` / `[^a-z]` a class. Null when malformed (an unclosed class), which Go reports as ErrBadPattern.
 */
function componentRegExp(p: string): RegExp | null {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) return null;
      let cls = p.slice(i + 1, close);
      let negate = '';
      if (cls.startsWith('^')) {
        negate = '^';
        cls = cls.slice(1);
      }
      if (cls === '') return null;
      re += '[' + negate + cls.replace(/[\\\]^]/g, '\\$&') + ']';
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp('^' + re + '$', 's');
  } catch {
    return null;
  }
}

/**
 * A COPY/ADD source word as a clean context-relative path (`''` for the context's root), or null when it cannot be
 * judged from the text: a URL or git address, a heredoc, a backslash (an escape, or a Windows path), quotes that do
 * not wrap the whole word, a path climbing out with `..` (the classic builder refuses it, BuildKit stays inside),
 * or a variable that no ENV of the stage sets for certain (an ARG's default can be replaced with --build-arg).
 */
export function sourcePath(ins: Instr, value: string): string | null {
  let v = value;
  if (!v || v.startsWith('<<') || v.includes('://') || v.startsWith('git@') || v.includes('\\')) return null;
  if (/^(["']).*\1$/.test(v) && v.length >= 2) v = v.slice(1, -1);
  if (/["']/.test(v)) return null;
  if (v.includes('$')) {
    const resolved = withEnv(ins, v);
    if (resolved === null) return null;
    v = resolved;
  }
  const parts: string[] = [];
  for (const s of v.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') return null;
    parts.push(s);
  }
  return parts.join('/');
}

/** `$X` / `${X}` replaced by the value of the last `ENV X=…` before `ins` in its stage (or the stages it builds on). */
function withEnv(ins: Instr, v: string): string | null {
  let ok = true;
  const out = v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$/g, (m, n1: string | undefined, n2: string | undefined) => {
    const name = n1 ?? n2;
    const value = name ? envBefore(ins, name) : null;
    if (value === null || value.includes('$')) ok = false;
    return value ?? m;
  });
  return ok ? out : null;
}

function envBefore(ins: Instr, name: string): string | null {
  const chain: Stage[] = [];
  for (let s: Stage | null | undefined = ins.stage; s && chain.length < 64; s = s.parent) chain.push(s);
  if (chain.length === 0) return null;
  for (const d of [...ins.doc.varDefs].reverse()) {
    if (d.kind !== 'ENV' || d.name !== name || d.value === null || !d.stage || !chain.includes(d.stage)) continue;
    if (d.stage === ins.stage && d.instr.startLine >= ins.startLine) continue;
    return stripQuotes(d.value);
  }
  return null;
}
