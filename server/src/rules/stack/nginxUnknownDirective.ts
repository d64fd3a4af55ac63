/**
 * Misspelt directive names in nginx configuration the Dockerfile writes or copies: a name nginx does not know but
 * one or two edits from one it does (`fastcgi_pas`, `server_nmae`, `try_file`). nginx matches names exactly and
 * refuses the whole configuration (`[emerg] unknown directive "…" in FILE:LINE`, exit code 1).
 */
import { osaDistance } from '../helpers/names';
import { isDaemonTypo, nginxDirectives, type NginxDirective } from './nginxConfig';
import { NGINX_DIRECTIVES } from './nginxDirectiveNames';

/**
 * Blocks whose content is data, not directives: `types { text/html html; }`, `map $a $b { … }`, `geo`,
 * `split_clients`, `charset_map`. A block opened by a name nginx does not know (a third-party `*_by_lua_block`
 * holds Lua code) is not read either.
 */
const DATA_BLOCKS = new Set(['types', 'map', 'geo', 'split_clients', 'charset_map']);

export interface DirectiveTypo {
  directive: NginxDirective;
  /** The known directive it is closest to. */
  meant: string;
  /** 1-based line of the name in the configuration text. */
  line: number;
}

/**
 * The directives of `text` that misspell a known one. Unknown names further away (third-party modules such as
 * headers-more's `more_set_headers`) stay quiet; so do misspellings of `daemon`, which DG104 reports.
 */
export function directiveTypos(text: string): DirectiveTypo[] {
  const out: DirectiveTypo[] = [];
  // While inside a block not to read: the depth of its opener.
  let skipDepth = -1;
  for (const d of nginxDirectives(text)) {
    if (skipDepth >= 0) {
      if (d.depth > skipDepth) continue;
      skipDepth = -1;
    }
    const known = NGINX_DIRECTIVES.has(d.name);
    if (d.opens && (!known || DATA_BLOCKS.has(d.name))) skipDepth = d.depth;
    // A name with `$`, quotes or punctuation is a template placeholder or not a name at all.
    if (known || !/^[A-Za-z][A-Za-z0-9_]*$/.test(d.name) || isDaemonTypo(d.name)) continue;
    const meant = nearest(d.name);
    if (meant) out.push({ directive: d, meant, line: lineAt(text, d.start) });
  }
  return out;
}

/**
 * The known directive `name` misspells, or null. Two edits for names of six letters or more, one below that: a
 * short name is within two edits of several real ones (`roo` of `root`, but also of `aio` and `geo`).
 */
export function nearest(name: string): string | null {
  const limit = name.length >= 6 ? 2 : 1;
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const k of NGINX_DIRECTIVES) {
    if (Math.abs(k.length - lower.length) > limit) continue;
    const dist = osaDistance(lower, k);
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
