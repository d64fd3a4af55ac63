/**
 * Where `autoindex on` is in force in the nginx configuration a Dockerfile copies or writes, and what nginx's index
 * module tries first there. For a request URI ending in `/`, the content phase runs ngx_http_index_module before
 * ngx_http_autoindex_module (auto/modules lists autoindex before index, and ngx_http_init_phase_handlers walks each
 * phase's handlers from the last registered): the first `index` name that exists in the folder ends the request with
 * an internal redirect, so the listing is made only when none exists. `index`, `root` and `autoindex` are allowed in
 * http, server and location blocks and a block without its own inherits its parent's (ngx_http_index_merge_loc_conf,
 * ngx_conf_merge_value); with no `index` at all nginx uses `index.html` (NGX_HTTP_DEFAULT_INDEX).
 */
import { resolvePath } from '../helpers/paths';
import { nginxDirectives, type NginxConfig, type NginxDirective } from './nginxConfig';

/** One directive with the blocks inside it. */
interface Node {
  d: NginxDirective;
  children: Node[];
}

/** The directive tree of configuration text (nginxDirectives gives each directive's depth; blocks nest by it). */
function tree(text: string): Node[] {
  const top: Node[] = [];
  const open: Node[] = [];
  for (const d of nginxDirectives(text)) {
    open.length = Math.min(open.length, d.depth);
    const node: Node = { d, children: [] };
    (open.length ? open[open.length - 1].children : top).push(node);
    if (d.opens) {
      // Unbalanced text: a block opened at a depth the parser skipped is padded so depths stay indexes.
      while (open.length < d.depth) open.push(node);
      open.push(node);
    }
  }
  return top;
}

/** A directive together with the configuration it is written in (to report on it there). */
export interface Placed {
  d: NginxDirective;
  conf: NginxConfig;
}

/** What a block has in force for the index and autoindex modules, inherited outwards in. */
interface Env {
  /** `root` path, or `alias` (set on the location itself); null when not set (nginx's default `html`). */
  root: { path: string; alias: boolean; d: Placed } | null;
  /** The `index` directives in force (all of one block: several in one block add up); empty: nginx's default. */
  index: Placed[];
  /** The `autoindex` directive in force. */
  autoindex: Placed | null;
  /** Something in the chain may change what the request does that this module does not follow. */
  opaque: boolean;
}

/** A place where a directory request is listed by `autoindex on`, unless an index file is found first. */
export interface AutoindexPlace {
  /** The `autoindex on` in force there. */
  autoindex: Placed;
  /** The `index` names nginx tries, in order (`index.html` when no `index` is set). */
  names: string[];
  /** The `index` directive they come from; null for nginx's default. */
  index: Placed | null;
  /** The request URI of the folder (`/`, `/files/`). */
  uri: string;
  /** The folder in the image the URI maps to, without a trailing slash. */
  dir: string;
}

/** Files nginx reads as part of the configuration that set nothing for these modules. */
const STOCK_INCLUDES = /^(\/etc\/nginx\/)?(fastcgi_params|fastcgi\.conf|mime\.types|proxy_params|uwsgi_params|scgi_params|snippets\/fastcgi-php\.conf|snippets\/snakeoil\.conf)$/;
/** Directives of an included file that would change what this module works out. */
const RELEVANT = /^(index|root|alias|autoindex|try_files|return|rewrite|[a-z]+_pass)$/;
/** Directives that hand the request to something other than the static content modules, or end it earlier. */
const ELSEWHERE = /^(return|rewrite|proxy_pass|fastcgi_pass|uwsgi_pass|scgi_pass|grpc_pass|memcached_pass|alias_pass)$/;

/**
 * The places where `autoindex on` is in force in the configuration nginx loads: for each server, every prefix or
 * exact location (and the server itself when no `location /` takes `/`). `loaded` says which configurations nginx
 * reads (a site in sites-available without its link in sites-enabled is not read). Places whose folder cannot be
 * told (a variable or relative `root`, an `include` of unknown text, a regex location that may take the URI, a
 * `return`, a `*_pass`, a `try_files` without `$uri/`) are left out.
 */
export function autoindexPlaces(confs: NginxConfig[], loaded: (conf: NginxConfig) => boolean): AutoindexPlace[] {
  const byDest = new Map<string, NginxConfig>();
  for (const c of confs) byDest.set(c.dest, c);
  const sites: { conf: NginxConfig; http: Node[] }[] = [];
  for (const conf of confs) {
    if (!loaded(conf)) continue;
    const top = tree(conf.text);
    if (conf.dest === '/etc/nginx/nginx.conf') {
      for (const n of top) if (n.d.name === 'http' && n.d.opens) sites.push({ conf, http: n.children });
    } else {
      // conf.d/*.conf and sites-enabled/* are included inside nginx.conf's http block.
      sites.push({ conf, http: top });
    }
  }
  // Every loaded file's http-level directives belong to the one http block: `index` in two files would add up in
  // include order, which is not followed here, so that case is left out.
  let http: Env = { root: null, index: [], autoindex: null, opaque: false };
  const indexFiles = new Set<NginxConfig>();
  for (const s of sites) {
    const nodes = s.http.filter((n) => !n.d.opens);
    http = inherit(http, nodes, s.conf, byDest, false, true);
    if (nodes.some((n) => n.d.name === 'index')) indexFiles.add(s.conf);
  }
  if (indexFiles.size > 1) http.opaque = true;
  const out: AutoindexPlace[] = [];
  for (const s of sites) {
    for (const server of s.http) {
      if (server.d.name !== 'server' || !server.d.opens) continue;
      const env = inherit(http, server.children, s.conf, byDest, false, false);
      if (env.opaque || server.children.some((c) => ELSEWHERE.test(c.d.name))) continue;
      const locations = server.children.filter((c) => c.d.name === 'location' && c.d.opens);
      const regexes = allRegexLocations(server.children);
      const takesRoot = locations.some((l) => {
        const m = locationMatch(l.d.args);
        return m && m.path === '/' && m.kind !== 'regex';
      });
      if (!takesRoot && triesDirectory(server.children)) addPlace(out, env, '/', null, regexes);
      walkLocations(out, locations, env, s.conf, byDest, regexes);
    }
  }
  return out;
}

function walkLocations(out: AutoindexPlace[], locations: Node[], parent: Env, conf: NginxConfig, byDest: Map<string, NginxConfig>, regexes: Node[]): void {
  for (const l of locations) {
    const m = locationMatch(l.d.args);
    if (!m || m.kind === 'regex' || m.kind === 'named') continue;
    const env = inherit(parent, l.children, conf, byDest, true, false);
    const nested = l.children.filter((c) => c.d.name === 'location' && c.d.opens);
    if (env.opaque || l.children.some((c) => ELSEWHERE.test(c.d.name))) continue;
    if (!triesDirectory(l.children)) continue;
    const uri = m.path.endsWith('/') ? m.path : m.kind === 'exact' ? null : `${m.path}/`;
    // A nested location that also takes this URI would handle it instead.
    // After a `^~` or `=` match nginx looks at no regex location.
    if (uri && !nested.some((n) => takes(n, uri))) addPlace(out, env, uri, m, m.kind === 'prefix' ? regexes : [], locations, l);
    walkLocations(out, nested, env, conf, byDest, regexes);
  }
}

/** Whether a `try_files` of the block still lets a folder request reach the index module (`$uri/` does). */
function triesDirectory(children: Node[]): boolean {
  const t = children.find((c) => c.d.name === 'try_files');
  // ngx_http_try_files_handler tests an argument ending in `/` as a folder and keeps the URI; `$uri` alone is tested
  // as a file, which a folder is not; the last argument is the fallback, tried without a test.
  return !t || t.d.args.slice(0, -1).some((a) => a === '$uri/');
}

function addPlace(out: AutoindexPlace[], env: Env, uri: string, m: LocationMatch | null, regexes: Node[], siblings: Node[] = [], self?: Node): void {
  const on = env.autoindex;
  if (!on || on.d.args[0] !== 'on') return;
  // nginx takes the longest matching prefix location, then regex locations in order unless `^~` or `=` matched.
  // An exact match of the same URI wins over any prefix.
  const better = (s: Node): boolean => {
    const sm = locationMatch(s.d.args);
    return !!sm && sm.kind !== 'regex' && takes(s, uri) && ((sm.kind === 'exact' && m?.kind !== 'exact') || sm.path.length > (m?.path.length ?? 0));
  };
  if (self && siblings.some((s) => s !== self && better(s))) return;
  if (regexes.some((r) => takes(r, uri))) return;
  const dir = folderOf(env, uri, m);
  if (!dir) return;
  const names = env.index.flatMap((p) => p.d.args);
  out.push({ autoindex: on, names: names.length ? names : ['index.html'], index: env.index[0] ?? null, uri, dir });
}

/** The folder a request URI maps to: `root` + URI, or the location's `alias` + the rest of the URI. */
function folderOf(env: Env, uri: string, m: LocationMatch | null): string | null {
  const r = env.root;
  // No root: nginx's default `html` under its prefix, which depends on how nginx was built.
  if (!r || r.path.includes('$') || !r.path.startsWith('/')) return null;
  if (r.alias) {
    if (!m || !uri.startsWith(m.path)) return null;
    return resolvePath('/', `${r.path}/${uri.slice(m.path.length)}`);
  }
  return resolvePath('/', `${r.path}/${uri}`);
}

interface LocationMatch {
  kind: 'prefix' | 'noregex' | 'exact' | 'regex' | 'named';
  path: string;
  regex?: RegExp | null;
}

/** `location [=|~|~*|^~] uri`: the kind and the path (or the regex, null when JavaScript cannot read it). */
function locationMatch(args: string[]): LocationMatch | null {
  if (!args.length) return null;
  let [mod, path] = args.length > 1 ? [args[0], args[1]] : ['', args[0]];
  // `location =/x` and `location ~\.php$` are also accepted by nginx (ngx_http_core_location).
  if (args.length === 1) {
    const glued = /^(=|~\*|~|\^~)(.+)$/.exec(args[0]);
    if (glued) [mod, path] = [glued[1], glued[2]];
  }
  if (path.startsWith('@')) return { kind: 'named', path };
  if (mod === '~' || mod === '~*') {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(path, mod === '~*' ? 'i' : '');
    } catch {
      regex = null;
    }
    return { kind: 'regex', path, regex };
  }
  if (mod === '=') return { kind: 'exact', path };
  if (mod === '^~') return { kind: 'noregex', path };
  if (mod) return null;
  return { kind: 'prefix', path };
}

/** Whether a location takes the URI (a regex that JavaScript cannot read is taken to match, to stay quiet). */
function takes(l: Node, uri: string): boolean {
  const m = locationMatch(l.d.args);
  if (!m || m.kind === 'named') return false;
  if (m.kind === 'regex') return m.regex ? m.regex.test(uri) : true;
  if (m.kind === 'exact') return m.path === uri;
  return uri.startsWith(m.path);
}

function allRegexLocations(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (n.d.name !== 'location' || !n.d.opens) continue;
    if (locationMatch(n.d.args)?.kind === 'regex') out.push(n);
    out.push(...allRegexLocations(n.children));
  }
  return out;
}

/** The settings of a block: its own directives over what it inherits. */
function inherit(parent: Env, children: Node[], conf: NginxConfig, byDest: Map<string, NginxConfig>, inLocation: boolean, httpLevel: boolean): Env {
  const env: Env = { ...parent, index: parent.index };
  let ownIndex: Placed[] | null = null;
  for (const c of children) {
    const d = c.d;
    if (d.name === 'root' && d.args.length === 1) env.root = { path: d.args[0], alias: false, d: { d, conf } };
    else if (d.name === 'alias' && d.args.length === 1 && inLocation) env.root = { path: d.args[0], alias: true, d: { d, conf } };
    else if (d.name === 'autoindex') env.autoindex = { d, conf };
    else if (d.name === 'index') (ownIndex ??= []).push({ d, conf });
    else if (d.name === 'include' && !httpLevel && !harmlessInclude(d.args[0] ?? '', byDest)) env.opaque = true;
  }
  if (ownIndex) env.index = ownIndex;
  // An alias belongs to the location that sets it: a nested location's URI maps through it differently.
  if (inLocation && parent.root?.alias && env.root === parent.root) env.opaque = true;
  return env;
}

/** An `include` of a stock file, or of a configuration file the Dockerfile writes that sets none of these. */
function harmlessInclude(arg: string, byDest: Map<string, NginxConfig>): boolean {
  if (STOCK_INCLUDES.test(arg)) return true;
  if (arg.includes('*') || arg.includes('$')) return false;
  const inc = byDest.get(resolvePath('/etc/nginx', arg));
  return !!inc && inc.how === 'write' && !nginxDirectives(inc.text).some((d) => RELEVANT.test(d.name));
}

