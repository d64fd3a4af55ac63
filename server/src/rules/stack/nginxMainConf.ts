/**
 * Where the final stage's image sets nginx's `daemon` directive: nginx takes it only in the main context (the top
 * level of /etc/nginx/nginx.conf, or of a file that nginx.conf includes at its top level). nginx's source declares
 * it NGX_MAIN_CONF|NGX_DIRECT_CONF (ngx_core_commands in src/core/nginx.c); anywhere else ngx_conf_handler
 * (src/core/ngx_conf_file.c) stops with `"daemon" directive is not allowed here`.
 *
 * The writes (nginxConfig.nginxConfigs) are replayed in build order along the final stage and the stages it is built
 * FROM: a whole-file write replaces what came before, `>>` adds at the end, `sed -i` puts its text where its address
 * says. Content this cannot read (a file it cannot see, the base image's own nginx.conf beyond the files it includes
 * at its top level, see stockIncludes) counts as no `daemon off;`.
 */
import type { Stage } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';
import { rootImage } from '../../service/pid1Shell';
import { patternText, type SedEdit } from '../helpers/sed';
import { resolvePath } from '../helpers/paths';
import type { RuleContext } from '../types';
import { daemonTypos, nginxConfigs, nginxDirectives, type NginxConfig } from './nginxConfig';

const MAIN_CONF = '/etc/nginx/nginx.conf';

/** A place in configuration the Dockerfile writes, for messages: a build-context file, or the Dockerfile. */
export interface ConfPlace {
  path: string;
  line: number;
}

/** What the Dockerfile writes into nginx's configuration, as far as the main-process rules need it. */
export interface NginxMainConf {
  /** `daemon off;` is in the main context. */
  daemonOff: boolean;
  /** A misspelt `daemon` in configuration nginx reads, and where. */
  typo: { name: string; file: ConfPlace } | null;
  /**
   * `daemon off;` where nginx does not take it, when it is not also in the main context: inside a block of
   * nginx.conf (`inMain`, nginx refuses to start), or in another file under /etc/nginx/ (a site or conf.d file is
   * included inside `http {}`, where nginx refuses it too; a file nothing includes is not read at all).
   */
  misplaced: { inMain: boolean; dest: string; file: ConfPlace } | null;
  /** `daemon on;` in the main context (nginx daemonizes; a `-g 'daemon off;'` would be a duplicate of it). */
  daemonOn: ConfPlace | null;
}

/** Directives nginx accepts only in the main context (every NGX_MAIN_CONF command of nginx's src/, `error_log` aside: http takes it too). */
const MAIN_ONLY = new Set([
  'daemon', 'debug_points', 'env', 'events', 'google_perftools_profiles', 'http', 'load_module', 'lock_file', 'mail',
  'master_process', 'pcre_jit', 'pid', 'quic_bpf', 'ssl_engine', 'ssl_object_cache_inheritable', 'stream', 'thread_pool',
  'timer_resolution', 'user', 'worker_cpu_affinity', 'worker_priority', 'worker_processes', 'worker_rlimit_core',
  'worker_rlimit_nofile', 'worker_shutdown_timeout', 'working_directory',
]);

/** Directives of the stock nginx.conf files (and site files) that are never in the main context. */
const NEVER_MAIN = new Set([
  'worker_connections', 'multi_accept', 'use', 'sendfile', 'tcp_nopush', 'tcp_nodelay', 'keepalive_timeout',
  'types_hash_max_size', 'server_tokens', 'server_names_hash_bucket_size', 'default_type', 'ssl_protocols',
  'ssl_prefer_server_ciphers', 'access_log', 'gzip', 'log_format', 'client_max_body_size', 'server', 'listen',
  'server_name', 'root', 'index', 'location', 'try_files', 'fastcgi_pass', 'autoindex', 'types',
]);

/** What the final stage's Dockerfile writes into nginx's configuration; undefined without a final stage. */
export function nginxMainConf(ctx: RuleContext): NginxMainConf | undefined {
  const final = finalStage(ctx.doc);
  if (!final) return undefined;
  const chain = new Set<Stage>();
  for (let s: Stage | null = final; s && chain.size < 64; s = s.parent) chain.add(s);
  const conf: NginxMainConf = { daemonOff: false, typo: null, misplaced: null, daemonOn: null };
  /** nginx.conf as the image has it so far, when every write to it could be read; null when unknown. */
  let main: string | null = null;
  let mainMisplaced: NginxMainConf['misplaced'] = null;
  /** The other files under /etc/nginx/: their writes, in order. */
  const others = new Map<string, NginxConfig[]>();
  for (const c of nginxConfigs(ctx)) {
    if (!c.instr.stage || !chain.has(c.instr.stage)) continue;
    const t = daemonTypos(c.text)[0];
    if (t && !conf.typo) conf.typo = { name: t.name, file: placeOf(c, t.start) };
    if (c.dest !== MAIN_CONF) {
      if (c.how === 'write') others.set(c.dest, [c]);
      else others.set(c.dest, [...(others.get(c.dest) ?? []), c]);
      continue;
    }
    let at: number | null = 0;
    if (c.how === 'write' || (c.edit && replacesDaemon(c.edit))) {
      // The file starts over, or the edit takes its `daemon` line out (and puts back what its text says).
      conf.daemonOff = false;
      conf.daemonOn = null;
      mainMisplaced = null;
    }
    if (c.how === 'write') main = c.text;
    else if (c.how === 'append') main = main === null ? null : `${main}\n${c.text}`;
    else if (c.edit) at = editDepth(c.edit, main);
    for (const d of nginxDirectives(c.text)) {
      if (d.name !== 'daemon') continue;
      // Where the edit lands is unknown (a pattern this cannot place): take it as written in the main context.
      if ((at ?? 0) + d.depth === 0) {
        if (d.args[0] === 'off') conf.daemonOff = true;
        else if (d.args[0] === 'on') conf.daemonOn ??= placeOf(c, d.start);
      } else if (d.args[0] === 'off') {
        mainMisplaced ??= { inMain: true, dest: c.dest, file: placeOf(c, d.start) };
      }
    }
  }
  if (!conf.daemonOff) conf.daemonOff = includedDaemonOff(main ?? stockIncludes(rootImage(final)), others);
  if (conf.daemonOff) {
    // Both would be a duplicate nginx refuses; that is not what these rules report.
    conf.daemonOn = null;
    return conf;
  }
  conf.misplaced = mainMisplaced;
  if (!conf.misplaced) {
    for (const [dest, writes] of others) {
      for (const c of writes) {
        const d = nginxDirectives(c.text).find((x) => x.name === 'daemon' && x.args[0] === 'off');
        if (d) conf.misplaced ??= { inMain: false, dest, file: placeOf(c, d.start) };
      }
    }
  }
  return conf;
}

function placeOf(c: NginxConfig, start: number): ConfPlace {
  return { path: c.file ?? 'Dockerfile', line: c.lineOf(start) };
}

/** The edit replaces or deletes a `daemon` line: `s/daemon on;/…/`, `/daemon/d`, `/daemon/c …`. */
function replacesDaemon(e: SedEdit): boolean {
  const re = e.cmd === 's' ? e.pattern : e.cmd === 'd' || e.cmd === 'c' ? (e.address.kind === 'regex' ? e.address.re : undefined) : undefined;
  return re !== undefined && /daemon/.test(re);
}

/**
 * How many blocks are open where a sed edit puts its text into nginx.conf; null when that cannot be told. `main` is
 * the file before the edit when it is known; else what every stock nginx.conf (Debian, nginx.org, Alpine) has:
 * line 1 is in the main context, and a file ends there.
 */
function editDepth(e: SedEdit, main: string | null): number | null {
  const a = e.address;
  if (a.kind === 'line' && a.n === 1) return 0;
  if (a.kind === 'last' && e.cmd === 'a') return 0;
  if (a.kind === 'line' || a.kind === 'last') {
    if (main === null) return null;
    const lines = main.replace(/\n$/, '').split('\n');
    const n = a.kind === 'last' ? lines.length : a.n;
    if (n > lines.length) return null;
    const upTo = lines.slice(0, e.cmd === 'a' ? n : n - 1).join('\n');
    return blockDepth(upTo);
  }
  // A pattern: the line it matches, known by the directive it names (`s/^user .*/…/`, `/http {/a …`).
  const re = e.cmd === 's' ? e.pattern : a.kind === 'regex' ? a.re : undefined;
  if (re === undefined) return null;
  const word = /^[^A-Za-z_]*([A-Za-z_][A-Za-z0-9_]*)/.exec(patternText(re))?.[1];
  if (!word) return null;
  // After a line that opens a block (`a` after `http {`), the text is inside it.
  const after = (opens: boolean) => (e.cmd === 'a' && opens ? 1 : 0);
  if (main !== null) {
    const found = nginxDirectives(main).filter((d) => d.name === word);
    if (found.length === 0) return null;
    const depths = new Set(found.map((d) => d.depth + after(d.opens)));
    return depths.size === 1 ? [...depths][0] : null;
  }
  if (MAIN_ONLY.has(word)) return after(/^(events|http|mail|stream)$/.test(word));
  if (NEVER_MAIN.has(word)) return 1;
  return null;
}

/** Blocks open at the end of nginx configuration text. */
function blockDepth(text: string): number {
  const ds = nginxDirectives(`${text}\n__end__;`);
  return ds[ds.length - 1].depth;
}

/**
 * The top-level includes of the nginx.conf the base image ships, when the Dockerfile does not write its own: Debian's
 * and Ubuntu's package includes modules-enabled/*.conf there; Alpine's includes modules/*.conf and, since Alpine
 * 3.14, conf.d/*.conf (its sites moved to http.d/). nginx.org's packages (the `nginx` images, Alpine-based or not)
 * include conf.d/*.conf inside `http {}` and nothing at the top. An Alpine base is given the benefit of the doubt
 * over its release: conf.d/*.conf counts as top level there.
 */
function stockIncludes(image: string | null): string {
  const repo = (image ?? '').split(/[:@]/)[0];
  const alpinePackage = /alpine/i.test(image ?? '') && !/nginx/i.test(repo);
  return alpinePackage ? 'include modules/*.conf;\ninclude conf.d/*.conf;\n' : 'include modules-enabled/*.conf;\n';
}

/**
 * `daemon off;` at the top level of a file that nginx.conf includes at its own top level (`include
 * /etc/nginx/main.d/*.conf;`): nginx reads it in the main context. Relative paths are under /etc/nginx/, nginx's
 * configuration prefix in the packages that put nginx.conf there.
 */
function includedDaemonOff(main: string, others: Map<string, NginxConfig[]>): boolean {
  for (const inc of nginxDirectives(main)) {
    if (inc.name !== 'include' || inc.depth !== 0 || !inc.args[0]) continue;
    const glob = resolvePath('/etc/nginx', inc.args[0]);
    const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    for (const [dest, writes] of others) {
      if (!re.test(dest)) continue;
      let off = false;
      for (const c of writes) {
        if (c.how === 'write') off = false;
        if (c.how === 'edit') continue;
        if (nginxDirectives(c.text).some((d) => d.name === 'daemon' && d.args[0] === 'off' && d.depth === 0)) off = true;
      }
      if (off) return true;
    }
  }
  return false;
}
