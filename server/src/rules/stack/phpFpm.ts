/**
 * php-fpm as Debian packages it, for DG124 and DG125: which `phpX.Y-fpm` the final stage's chain installs with
 * apt-get, and whether the Dockerfile changes where the pool listens (then the Debian default socket path,
 * /run/php/phpX.Y-fpm.sock, is no longer known and the rules stay quiet).
 */
import type { ParsedDocument, Stage } from '../../service/document';
import { finalStage, resolveImage } from '../../service/effectiveCommand';
import { aptGetInvocations } from '../helpers/apt';
import { runShells } from '../helpers/shell';
import { stageChain } from '../helpers/stages';

/**
 * The PHP version the `php-fpm` metapackage of each Debian release depends on. Checked: bookworm with
 * `apt-cache policy php-fpm` / `apt-cache show php-fpm` on a Debian 12 host (2:8.2+93, Depends: php8.2-fpm); buster
 * 7.3 and bullseye 7.4 from the release table on wiki.debian.org/PHP; trixie 8.4 from packages.debian.org
 * (src:php8.4 is in trixie, 8.4.11-1, and a Debian release carries a single PHP version). Any other tag is unknown,
 * which keeps the rules quiet.
 */
const DEBIAN_DEFAULT_PHP: Record<string, string> = {
  buster: '7.3',
  '10': '7.3',
  bullseye: '7.4',
  '11': '7.4',
  bookworm: '8.2',
  '12': '8.2',
  trixie: '8.4',
  '13': '8.4',
};

/** `debian:buster-slim`, `docker.io/library/debian:11`, `debian:bookworm-20240612` → the default PHP version. */
export function debianDefaultPhp(image: string): string | null {
  const m = /^(?:(?:docker\.io\/)?library\/)?debian:([^@]+)/.exec(image.replace(/^docker\.io\/debian:/, 'debian:'));
  if (!m) return null;
  const tag = m[1].replace(/-slim$/, '').replace(/-\d{8}(-slim)?$/, '').replace(/-slim$/, '');
  const key = /^\d+(\.\d+)*$/.test(tag) ? tag.split('.')[0] : tag;
  return DEBIAN_DEFAULT_PHP[key] ?? null;
}

/** The final stage and the stages it is built FROM, root first. */
export function finalChain(doc: ParsedDocument): Stage[] {
  return stageChain(finalStage(doc));
}

export interface PhpFpmInstall {
  /** `7.3`, `8.2`. */
  version: string;
  /** The package as written: `php7.3-fpm`, or `php-fpm`. */
  pkg: string;
  /** For `php-fpm`: the base image whose release decides the version. */
  base?: string;
}

/**
 * The php-fpm the final image gets from apt-get: one version, or null when there is none, more than one, or the
 * release behind `php-fpm` is not known (another distribution, a variable, a tag we did not check).
 */
export function installedPhpFpm(doc: ParsedDocument): PhpFpmInstall | null {
  // DG124 and DG125 both ask, on every version: one walk over the RUNs per version.
  let known = installedMemo.get(doc);
  if (known === undefined) installedMemo.set(doc, (known = findInstalledPhpFpm(doc)));
  return known;
}

const installedMemo = new WeakMap<ParsedDocument, PhpFpmInstall | null>();

function findInstalledPhpFpm(doc: ParsedDocument): PhpFpmInstall | null {
  const chain = finalChain(doc);
  if (!chain.length) return null;
  const inChain = new Set(chain);
  const base = resolveImage(doc, chain[0]);
  const found = new Map<string, PhpFpmInstall>();
  for (const { instr, shell } of runShells(doc)) {
    if (!instr.stage || !inChain.has(instr.stage)) continue;
    for (const inv of aptGetInvocations(shell.all)) {
      if (inv.subcommand?.value !== 'install') continue;
      for (const p of inv.packages) {
        const name = p.value.replace(/[=:].*$/, '');
        const m = /^php(\d+\.\d+)-fpm$/.exec(name);
        if (m) found.set(m[1], { version: m[1], pkg: name });
        else if (name === 'php-fpm') {
          const v = base ? debianDefaultPhp(base) : null;
          if (!v) return null;
          found.set(v, { version: v, pkg: name, base: base ?? undefined });
        }
      }
    }
  }
  return found.size === 1 ? [...found.values()][0] : null;
}

/**
 * Whether the final chain may change where php-fpm listens: a RUN that touches php-fpm's configuration under
 * /etc/php/ (`sed -i 's/^listen = .*$/…/'` on pool.d/www.conf), or a COPY/ADD that writes there. Any of these keeps the
 * rules quiet: reading what the new `listen` says is not worth a false alarm.
 */
export function changesPhpFpmListen(doc: ParsedDocument, extraTexts: string[] = []): boolean {
  for (const stage of finalChain(doc)) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN' && ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const text = doc.getText(ins.range);
      if (ins.keyword === 'RUN' ? touchesPool(text) : copiesPool(text)) return true;
    }
  }
  return extraTexts.some(touchesPool);
}

function touchesPool(text: string): boolean {
  return /\/etc\/php/.test(text) && /listen|pool\.d|www\.conf|php-fpm\.conf/.test(text);
}

/** A COPY/ADD of a pool or php-fpm.conf, or of a whole folder under /etc/php/ (a php.ini alone does not count). */
function copiesPool(text: string): boolean {
  return /pool\.d|www\.conf|php-fpm\.conf/.test(text) || (/\/etc\/php/.test(text) && !/php\.ini\s*$/.test(text));
}
