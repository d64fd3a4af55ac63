/**
 * What a base image runs by default (its image config's Entrypoint, Cmd and Shell).
 *
 * Two sources, asked in this order by effectiveCommand.ts:
 *  1. the local Docker engine: the client inspects the image when it exists locally and sends the result
 *     (notification `dockerfileGuide/baseImageConfig`); the host keeps it (EngineImages) and gives it to the service;
 *  2. a built-in table for the official images our users start from. Each row was checked against the
 *     image's Dockerfile in the docker-library / vendor repositories (see the comments on each row).
 * Anything else is unknown, and the explanation says so.
 */

import { imageKey, parseImageRef } from '../../../common/src/imageRef';
import { parseEngineImageConfigParams } from '../../../common/src/protocol';

export interface BaseImageConfig {
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** The image's SHELL (null or absent: the default `["/bin/sh", "-c"]`). */
  shell?: string[] | null;
  source: 'engine' | 'table';
}

// ---------------------------------------------------------------------------------------------------------------
// Engine results. The host keeps them (the client inspects an image when a Dockerfile opens or its FROM changes, and
// notifies the server) and gives them to the service: createLanguageService({ engineImages }) installs them here.

/** What the host knows of the local engine's images. */
export interface EngineImageSource {
  get(image: string): BaseImageConfig | undefined;
  /** Changes whenever the answers change; part of effectiveCommand's memo key. */
  generation(): number;
}

/** A host's store of engine answers, fed by the client's `dockerfileGuide/baseImageConfig` notifications. */
export class EngineImages implements EngineImageSource {
  private readonly byKey = new Map<string, BaseImageConfig>();
  private gen = 0;

  get(image: string): BaseImageConfig | undefined {
    return this.byKey.get(imageKey(image));
  }

  generation(): number {
    return this.gen;
  }

  /** Stores what the engine reported for an image (or forgets it when `config` is null: image not present). */
  set(image: string, config: { entrypoint: string[] | null; cmd: string[] | null; shell?: string[] | null } | null): boolean {
    const key = imageKey(image);
    const before = this.byKey.get(key);
    if (config === null) {
      if (!before) return false;
      this.byKey.delete(key);
      this.gen++;
      return true;
    }
    const next = engineConfig(config);
    if (before && JSON.stringify(before) === JSON.stringify(next)) return false;
    this.byKey.set(key, next);
    this.gen++;
    return true;
  }

  /** Replaces all answers at once (e.g. after the engine went away: pass an empty map). */
  replaceAll(map: ReadonlyMap<string, Omit<BaseImageConfig, 'source'>> | Record<string, Omit<BaseImageConfig, 'source'>>): void {
    this.byKey.clear();
    for (const [image, c] of map instanceof Map ? [...map.entries()] : Object.entries(map)) this.byKey.set(imageKey(image), engineConfig(c));
    this.gen++;
  }

  /**
   * Applies one client payload (`dockerfileGuide/baseImageConfig`). True when something changed, i.e. the server
   * should refresh code lenses (and re-run the runtime diagnostics).
   */
  apply(p: unknown): boolean {
    const params = parseEngineImageConfigParams(p);
    if (!params) return false;
    return this.set(params.image, params.missing ? null : params);
  }
}

function engineConfig(c: { entrypoint: string[] | null; cmd: string[] | null; shell?: string[] | null }): BaseImageConfig {
  return { entrypoint: normaliseArgv(c.entrypoint), cmd: normaliseArgv(c.cmd), shell: normaliseArgv(c.shell ?? null), source: 'engine' };
}

const NO_ENGINE: EngineImageSource = { get: () => undefined, generation: () => 0 };
let engine: EngineImageSource = NO_ENGINE;

/** The host's engine answers from now on (one service per process or thread: see service/index.ts). */
export function useEngineImages(source: EngineImageSource | undefined): void {
  engine = source ?? NO_ENGINE;
}

/** Changes whenever the engine answers change (or another source is installed). */
export function engineBaseImagesGeneration(): number {
  return engine.generation();
}

/** The engine stores `[]` for some instructions and null for others; both run the same, so both become null. */
function normaliseArgv(a: string[] | null | undefined): string[] | null {
  return a && a.length > 0 ? [...a] : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The built-in table.

type Row = (tag: string) => Omit<BaseImageConfig, 'source'> | undefined;

/** `1.27.3-alpine` → [1, 27]; `bookworm` → null. */
function version(tag: string): [number, number] | null {
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  return m ? [Number(m[1]), m[2] === undefined ? -1 : Number(m[2])] : null;
}

function tokens(tag: string): string[] {
  return tag.toLowerCase().split(/[-_.]/);
}

function isWindows(tag: string): boolean {
  return /windowsservercore|nanoserver|ltsc/i.test(tag);
}

const row = (entrypoint: string[] | null, cmd: string[] | null): Omit<BaseImageConfig, 'source'> => ({ entrypoint, cmd, shell: null });

const TABLE: Record<string, Row> = {
  // FROM scratch: an empty image, nothing to run.
  scratch: () => row(null, null),
  // debuerreotype/docker-debian-artifacts: `CMD ["bash"]` for every release.
  debian: () => row(null, ['bash']),
  // docker-brew-ubuntu-core: `CMD ["bash"]` since the OCI rootfs builds (focal, jammy, noble …);
  // xenial and older wrote `CMD ["/bin/bash"]`.
  ubuntu: (tag) => row(null, /^(xenial|trusty|precise|16\.04|14\.04|12\.04)/.test(tag) ? ['/bin/bash'] : ['bash']),
  // docker-alpine: `CMD ["/bin/sh"]`.
  alpine: () => row(null, ['/bin/sh']),
  // docker-library/busybox: `CMD ["sh"]`.
  busybox: () => row(null, ['sh']),
  // nginxinc/docker-nginx: ENTRYPOINT ["/docker-entrypoint.sh"] (added with 1.19), CMD ["nginx", "-g", "daemon off;"].
  nginx: (tag) => {
    if (isWindows(tag)) return undefined;
    const v = version(tag);
    const old = v !== null && v[0] === 1 && v[1] >= 0 && v[1] < 19;
    return row(old ? null : ['/docker-entrypoint.sh'], ['nginx', '-g', 'daemon off;']);
  },
  // MariaDB/mariadb-docker: ENTRYPOINT ["docker-entrypoint.sh"]; CMD ["mariadbd"] in current images,
  // ["mysqld"] in 10.4 and older (the 10.3 Dockerfile still says mysqld).
  mariadb: (tag) => {
    const v = version(tag);
    const old = v !== null && (v[0] < 10 || (v[0] === 10 && v[1] >= 0 && v[1] <= 4));
    return row(['docker-entrypoint.sh'], [old ? 'mysqld' : 'mariadbd']);
  },
  // docker-library/mysql: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["mysqld"].
  mysql: (tag) => (isWindows(tag) ? undefined : row(['docker-entrypoint.sh'], ['mysqld'])),
  // docker-library/php: ENTRYPOINT ["docker-php-entrypoint"]; CMD ["php-fpm"] (fpm), ["apache2-foreground"] (apache),
  // ["php", "-a"] (cli, zts, bare version).
  php: (tag) => {
    if (isWindows(tag)) return undefined;
    const t = tokens(tag);
    const cmd = t.includes('fpm') ? ['php-fpm'] : t.includes('apache') ? ['apache2-foreground'] : ['php', '-a'];
    return row(['docker-php-entrypoint'], cmd);
  },
  // docker-library/wordpress: ENTRYPOINT ["docker-entrypoint.sh"]; CMD ["apache2-foreground"] (default, apache),
  // ["php-fpm"] (fpm, fpm-alpine), ["wp", "shell"] (cli).
  wordpress: (tag) => {
    const t = tokens(tag);
    const cmd = t.includes('cli') ? ['wp', 'shell'] : t.includes('fpm') ? ['php-fpm'] : ['apache2-foreground'];
    return row(['docker-entrypoint.sh'], cmd);
  },
  // nodejs/docker-node: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["node"].
  node: (tag) => (isWindows(tag) ? undefined : row(['docker-entrypoint.sh'], ['node'])),
  // docker-library/python: no ENTRYPOINT, CMD ["python3"] (["python2"] for 2.x).
  python: (tag) => {
    if (isWindows(tag)) return undefined;
    const v = version(tag);
    return row(null, [v !== null && v[0] === 2 ? 'python2' : 'python3']);
  },
  // docker-library/golang: sets neither, so it keeps its base's: buildpack-deps → debian `bash`, alpine `/bin/sh`.
  golang: (tag) => {
    if (isWindows(tag)) return undefined;
    return row(null, tokens(tag).includes('alpine') || /alpine/.test(tag) ? ['/bin/sh'] : ['bash']);
  },
  // docker-library/redis: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["redis-server"].
  redis: (tag) => (isWindows(tag) ? undefined : row(['docker-entrypoint.sh'], ['redis-server'])),
  // docker-library/postgres: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["postgres"].
  postgres: (tag) => row(['docker-entrypoint.sh'], ['postgres']),
};

/** The built-in table: the defaults of an official image, or undefined when the image is not in the table. */
export function baseImageConfig(image: string): BaseImageConfig | undefined {
  const p = parseImageRef(image);
  if (!p || p.registry !== null) return undefined;
  const r = Object.prototype.hasOwnProperty.call(TABLE, p.repo) ? TABLE[p.repo] : undefined;
  if (!r) return undefined;
  const c = r(p.tag ?? 'latest');
  return c ? { ...c, source: 'table' } : undefined;
}

/** Engine first, then the table. */
export function lookupBaseImage(image: string): BaseImageConfig | undefined {
  return engine.get(image) ?? baseImageConfig(image);
}
