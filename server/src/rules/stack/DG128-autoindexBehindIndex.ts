/**
 * DG128: `autoindex on` where an `index` file exists, so the listing never shows. For a request URI ending in `/`,
 * nginx's index module runs before the autoindex module (both content-phase handlers; see nginxIndex.ts): it tries
 * each `index` name in order and the first that exists is served through an internal redirect. Only when none of
 * them exists does the autoindex module list the folder (ngx_http_index_module.c, ngx_http_autoindex_module.c). An
 * absolute name (`index index.html /index.php;`) is redirected to without a look at the disk, so it always wins.
 *
 * The classic case: Debian's nginx package creates /var/www/html/index.nginx-debian.html, and the Debian site lists
 * that name in `index`; or WordPress (whose release archive has index.php at its top) is moved into the root. The
 * file is known from the Dockerfile alone (webFiles.ts): a COPY/ADD, the nginx package, or a WordPress/phpMyAdmin
 * archive unpacked or moved there. Quiet when the file may be removed at container start, something copied cannot
 * be read, the folder cannot be told, or the configuration is edited with `sed` (the copied text is judged).
 * A quick fix only for Debian's placeholder page, whose name no site wants to serve: drop it from the `index`
 * directive (in the config file where that directive is, or in the Dockerfile when the config is written there), when
 * no other name of the list then hides the listing. For the other files, which of removing the name, deleting the
 * file or moving `autoindex on` is right depends on what the site should show.
 */
import type { Range } from 'vscode-languageserver-types';
import { msg, type Msg } from '../../../../common/src/i18n';
import type { FileFix, Finding, Rule } from '../types';
import { edit } from '../helpers/edits';
import { nginxConfigs, type NginxConfig } from './nginxConfig';
import { autoindexPlaces, type AutoindexPlace } from './nginxIndex';
import { DEBIAN_PAGE, mayRemoveAtStart, webFiles, type Origin, type WebFiles } from './webFiles';
import { finalChain } from './phpFpm';
import { baseName } from '../helpers/paths';

export const DG128: Rule = {
  id: 'DG128',
  severity: 'warning',
  title: msg('`autoindex on` 지시어가 있는 디렉터리에 index 파일이 있어 목록이 보이지 않습니다', 'An index file hides the `autoindex on` listing'),
  why: msg(
    'nginx는 `/`로 끝나는 요청을 받으면 먼저 `index` 지시어의 파일 이름을 차례로 찾아보고, 있는 파일이 하나라도 있으면 그 파일을 보여 줍니다. `autoindex on` 지시어의 디렉터리 목록은 `index` 파일이 하나도 없을 때만 나옵니다(`index` 지시어가 없으면 `index.html` 파일을 찾습니다). 그래서 Debian의 nginx 패키지가 만드는 `/var/www/html/index.nginx-debian.html` 파일이나 루트에 옮겨 놓은 WordPress의 `index.php` 파일이 `index` 목록에 있으면, `autoindex on` 지시어를 적어도 목록 대신 그 페이지가 보입니다. 설정을 아무리 고쳐도 목록이 나오지 않는 흔한 원인입니다. 목록을 보려면 `index` 지시어에서 그 이름을 빼거나, 파일을 지우거나(사이트를 돌리는 WordPress의 `index.php` 파일은 지우지 마세요), index 파일이 없는 디렉터리의 location에 `autoindex on` 지시어를 두세요.',
    "For a request ending in `/`, nginx first looks for the `index` file names in order and serves the first one that exists; the `autoindex on` listing is made only when none of them exists (with no `index` directive nginx looks for `index.html`). So when `/var/www/html/index.nginx-debian.html`, which Debian's nginx package creates, or the `index.php` of WordPress moved into the root is named in `index`, that page shows instead of the listing however `autoindex` is set. This is a common reason for 'autoindex does not work'. To get the listing, remove that name from `index`, delete the file (not WordPress's own `index.php`, which runs the site), or put `autoindex on` in a location whose folder has no index file.",
  ),
  check(ctx) {
    const doc = ctx.doc;
    if (!doc.text.includes('nginx')) return [];
    const confs = nginxConfigs(ctx);
    if (!confs.some((c) => c.text.includes('autoindex'))) return [];
    const chain = finalChain(doc);
    const stage = chain[chain.length - 1];
    if (!stage) return [];
    const inChain = new Set(chain);
    const mine = confs.filter((c) => c.instr.stage && inChain.has(c.instr.stage));
    const files = webFiles(ctx, stage);
    if (files.unknown) return [];
    const current = currentConfigs(mine);
    const texts = [...files.runTexts, ...files.startTexts];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const place of autoindexPlaces(current, (c) => isLoaded(c, current, texts))) {
      const shadow = shadowOf(place, files);
      if (!shadow) continue;
      const on = place.autoindex;
      const key = `${on.conf.dest}:${on.d.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const removal = debianPageRemoval(place, shadow, files);
      const span = on.conf.fileSpan(on.d.start, on.d.end);
      const inDockerfile = removal ? on.conf.rangeOf(removal.start, removal.end) : null;
      out.push({
        range: on.conf.rangeOf(on.d.start, on.d.end) ?? on.conf.anchor,
        inFile: span ? { ...span, fix: removal && removal.conf === on.conf ? removal.fix : undefined } : undefined,
        message: message(place, shadow, on.conf),
        data: inDockerfile ? { remove: inDockerfile, name: shadow.name } : undefined,
      });
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  },
  fix(_ctx, finding) {
    const r = finding.data?.remove as Range | undefined;
    const name = finding.data?.name;
    if (!r || typeof name !== 'string') return [];
    return [{ title: removalTitle(name), edits: [edit(r, '')], preferred: true }];
  },
};

function removalTitle(name: string): Msg {
  return msg(`\`index\` 지시어에서 \`${name}\` 이름 빼기`, `Remove \`${name}\` from \`index\``);
}

/**
 * Dropping Debian's placeholder page from the `index` directive that names it, as offsets in that config's text:
 * only when the directive names something else too (an empty `index` is an error) and no other name of the list
 * then hides the listing.
 */
function debianPageRemoval(place: AutoindexPlace, shadow: Shadow, files: WebFiles): { conf: NginxConfig; start: number; end: number; fix: FileFix } | null {
  const idx = place.index;
  if (shadow.origin?.kind !== 'debian' || !idx || idx.d.args.length < 2 || !idx.d.args.includes(shadow.name)) return null;
  if (shadowOf({ ...place, names: place.names.filter((n) => n !== shadow.name) }, files)) return null;
  const text = idx.conf.text;
  const stop = text.indexOf(';', idx.d.end);
  if (stop < 0) return null;
  const m = new RegExp(`[ \\t]+${shadow.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s;]|$)`).exec(text.slice(idx.d.end, stop));
  if (!m) return null;
  const start = idx.d.end + m.index;
  const end = start + m[0].length;
  return { conf: idx.conf, start, end, fix: { title: removalTitle(shadow.name), edits: [{ start, end, newText: '' }] } };
}

interface Shadow {
  name: string;
  /** null for an absolute name, which nginx redirects to without looking for it. */
  origin: Origin | null;
}

/** The `index` name nginx serves instead of the listing, when the Dockerfile shows one. */
function shadowOf(place: AutoindexPlace, files: WebFiles): Shadow | null {
  for (const name of place.names) {
    if (name.startsWith('/')) return { name, origin: null };
    // A name with a variable may or may not exist: what comes after it cannot be told.
    if (name.includes('$')) return null;
    const origin = files.at(place.dir, name);
    if (!origin) continue;
    const path = `${place.dir}/${name}`;
    if (mayRemoveAtStart(files.startTexts, path)) return null;
    return { name, origin };
  }
  return null;
}

/**
 * The configuration as the image has it: for each path the last whole write. A path that a `sed -i` edits or a
 * command appends to afterwards is left out (the text nginx reads is not the one copied).
 */
function currentConfigs(confs: NginxConfig[]): NginxConfig[] {
  const last = new Map<string, NginxConfig | null>();
  for (const c of confs) {
    if (c.how === 'write') last.set(c.dest, c);
    else last.set(c.dest, null);
  }
  return [...last.values()].filter((c): c is NginxConfig => c !== null);
}

/**
 * Whether nginx reads the file: nginx.conf; with Debian's nginx.conf (or a copied one that includes them) conf.d/*.conf
 * and sites-enabled/*; a site in sites-available when a command links it into sites-enabled (Debian links `default`
 * itself, unless a command removes that link).
 */
function isLoaded(conf: NginxConfig, all: NginxConfig[], texts: string[]): boolean {
  const dest = conf.dest;
  if (dest === '/etc/nginx/nginx.conf') return true;
  const main = all.find((c) => c.dest === '/etc/nginx/nginx.conf');
  const site = /^\/etc\/nginx\/sites-available\/([^/]+)$/.exec(dest);
  const enabledAs = site ? `/etc/nginx/sites-enabled/${site[1]}` : dest;
  if (main) {
    const includes = [...main.text.matchAll(/^\s*include\s+([^;\s]+)\s*;/gm)].map((m) => m[1]);
    const matches = (p: string) => includes.some((i) => globRe(i.startsWith('/') ? i : `/etc/nginx/${i}`).test(p));
    if (!matches(dest) && !(site && matches(enabledAs))) return false;
    if (matches(dest)) return true;
  } else if (!/^\/etc\/nginx\/(conf\.d\/[^/]+\.conf|sites-enabled\/[^/]+|sites-available\/[^/]+)$/.test(dest)) {
    return false;
  }
  if (!site) return true;
  const lines = texts.flatMap((t) => t.split('\n'));
  const linked = lines.some((l) => /\bln\b/.test(l) && (l.includes(`sites-available/${site[1]}`) || l.includes('sites-available/*')));
  if (linked) return true;
  if (site[1] !== 'default') return false;
  // Debian's package links sites-enabled/default; a command that removes that link unloads the site.
  return !lines.some((l) => /\b(rm|unlink|mv)\b/.test(l) && /sites-enabled(\/default|\/\*|\/?(?=[\s"';&|)]|$))/.test(l));
}

function globRe(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

function message(place: AutoindexPlace, shadow: Shadow, conf: NginxConfig): Msg {
  const on = place.autoindex;
  const line = conf.lineOf(on.d.start);
  const whereKo = conf.file ? `\`${conf.file}\` ${line}번 줄: ` : '';
  const whereEn = conf.file ? `\`${conf.file}\` line ${line}: ` : '';
  const listKo = place.index ? '`index` 목록' : 'nginx의 기본 `index index.html` 목록';
  const listEn = place.index ? 'the `index` list' : "nginx's default `index index.html`";
  if (!shadow.origin) {
    return msg(
      `${whereKo}\`autoindex on\` 지시어는 \`${place.uri}\` 요청에 적용되지만, ${listKo}의 \`${shadow.name}\` 항목은 절대 경로입니다. nginx는 절대 경로인 이름을 만나면 파일이 있는지 보지 않고 바로 그 주소로 내부 리디렉션하므로 디렉터리 목록은 나오지 않습니다. 목록을 보려면 \`index\` 지시어에서 \`${shadow.name}\` 항목을 빼세요`,
      `${whereEn}\`autoindex on\` applies to \`${place.uri}\`, but \`${shadow.name}\` in ${listEn} is absolute: nginx redirects to it without looking for a file, so the directory listing never shows. Remove \`${shadow.name}\` from \`index\` to get the listing`,
    );
  }
  const path = `${place.dir}/${shadow.name}`;
  const from = originText(shadow.origin, path);
  const app = shadow.origin.kind === 'wordpress' ? 'WordPress' : shadow.origin.kind === 'phpmyadmin' ? 'phpMyAdmin' : null;
  // The index.php of WordPress or phpMyAdmin runs the application: deleting it is no advice.
  const todo = app
    ? msg(
        `${app} 사이트는 이 파일로 동작하므로 지우면 안 됩니다. 목록이 필요하면 index 파일이 없는 디렉터리의 location에 \`autoindex on\` 지시어를 두세요`,
        `${app} runs from that file, so keep it; for a listing, put \`autoindex on\` in a location whose folder has no index file`,
      )
    : msg(
        `목록을 보려면 \`index\` 지시어에서 \`${shadow.name}\` 이름을 빼거나, 파일을 지우거나, index 파일이 없는 디렉터리의 location에 \`autoindex on\` 지시어를 두세요`,
        `Remove \`${shadow.name}\` from \`index\`, delete the file, or put \`autoindex on\` in a location whose folder has no index file`,
      );
  return msg(
    `${whereKo}\`autoindex on\` 지시어는 \`${place.uri}\` 요청에 적용되지만, 그 디렉터리(\`${place.dir}\`)에 ${listKo}에 있는 \`${shadow.name}\` 파일이 있습니다. ${from.ko} nginx의 index 모듈이 이 파일을 먼저 찾아 보여 주므로 디렉터리 목록은 나오지 않습니다. ${todo.ko}`,
    `${whereEn}\`autoindex on\` applies to \`${place.uri}\`, but its folder \`${place.dir}\` holds \`${shadow.name}\`, a name in ${listEn} (${from.en}); nginx's index module serves that file first, so the directory listing never shows. ${todo.en}`,
  );
}

function originText(o: Origin, path: string): Msg {
  const line = o.instr.startLine + 1;
  switch (o.kind) {
    case 'debian':
      return msg(`이 파일은 Debian의 nginx 패키지가 설치할 때 만듭니다.`, `Debian's nginx package creates \`${DEBIAN_PAGE}\` when it is installed`);
    case 'copy':
      return o.file
        ? msg(`이 파일은 ${line}번 줄의 ${o.instr.keyword} 명령으로 복사한 \`${o.file}\` 파일입니다.`, `copied from \`${o.file}\` by the ${o.instr.keyword} on line ${line}`)
        : msg(`이 파일은 ${line}번 줄의 ${o.instr.keyword} 명령으로 넣은 파일입니다.`, `written by the ${o.instr.keyword} on line ${line}`);
    case 'wordpress':
      return msg(`이 파일은 ${line}번 줄에서 설치한 WordPress의 \`${baseName(path)}\` 파일입니다.`, `WordPress's own \`${baseName(path)}\`, installed on line ${line}`);
    case 'phpmyadmin':
      return msg(`이 파일은 ${line}번 줄에서 설치한 phpMyAdmin의 \`${baseName(path)}\` 파일입니다.`, `phpMyAdmin's own \`${baseName(path)}\`, installed on line ${line}`);
  }
}
