/**
 * Is this image the web stack (nginx and php-fpm, with or without MariaDB)? The doctor runs the web checks only then.
 * Two witnesses, either is enough: the Dockerfile installs both (apt/apk package names, or FROM an nginx/php image with
 * the other installed), or the running container's processes include both (the engine's `top`, as argv lists).
 */
import { instructions, lastStage } from './imageFiles';

export interface WebStack {
  nginx: boolean;
  phpFpm: boolean;
  mariadb: boolean;
  /** nginx and php-fpm: the web checks apply. */
  isWebStack: boolean;
}

const NGINX_PKG = /(^|[\s/])nginx(-(light|full|extras|core))?(=\S*)?(\s|$)/;
const PHP_FPM_PKG = /(^|\s)php(\d+(\.\d+)?)?-fpm(=\S*)?(\s|$)/;
const MARIADB_PKG = /(^|\s)(mariadb-server|mysql-server|default-mysql-server)(=\S*)?(\s|$)/;

export function detectWebStack(dockerfile: string | undefined, processes: string[][] = []): WebStack {
  const ins = dockerfile ? lastStage(instructions(dockerfile)) : [];
  // Only the package lists of install commands count (`echo php8.2-fpm > notes` installs nothing).
  const runs = ins
    .filter((x) => x.keyword === 'RUN')
    .flatMap((x) => x.rest.split(/&&|\|\||;|\|/))
    .filter((seg) => /\b(apt-get|apt|aptitude|apk)\s+(?:-\S+\s+)*(install|add)\b/.test(seg))
    .join('\n');
  const from = ins.find((x) => x.keyword === 'FROM')?.rest ?? '';
  const progs = processes.map((argv) => argv.join(' '));
  const running = (re: RegExp) => progs.some((p) => re.test(p));
  const nginx = NGINX_PKG.test(runs) || /(^|\/)nginx(:|\s|$)/.test(from) || running(/(^|\/)nginx(:|\s|$)/);
  const phpFpm = PHP_FPM_PKG.test(runs) || /(^|\/)php:[^\s]*fpm/.test(from) || running(/php-fpm|php\d+(\.\d+)?-fpm/);
  const mariadb = MARIADB_PKG.test(runs) || running(/(^|\/)(mariadbd|mysqld)(\s|$)/);
  return { nginx, phpFpm, mariadb, isWebStack: nginx && phpFpm };
}
