/**
 * What differs between the Debian releases the web-stack scaffold supports.
 * Facts from Debian's package archive: buster (10) ships PHP 7.3 and MariaDB 10.3, bookworm (12) PHP 8.2 and
 * MariaDB 10.11. buster has no `phpmyadmin` package (it was only in buster-backports), and buster left
 * deb.debian.org for archive.debian.org when its LTS ended.
 */
export type DebianRelease = 'bookworm' | 'buster';

export interface ReleaseInfo {
  release: DebianRelease;
  /** Debian version number, for comments. */
  number: string;
  php: string;
  /** Base image for FROM. */
  image: string;
  /** Server daemon and the client/admin tools, by the names this release ships. */
  mariadbd: string;
  mariadb: string;
  mariadbAdmin: string;
  /** Whether `phpmyadmin` and `wordpress` exist as packages in the release itself. */
  hasPhpMyAdminPackage: boolean;
  hasWordPressPackage: boolean;
  /** When set, the release only lives on archive.debian.org; these lines replace /etc/apt/sources.list. */
  archiveSources?: string[];
}

export const RELEASES: Record<DebianRelease, ReleaseInfo> = {
  bookworm: {
    release: 'bookworm',
    number: '12',
    php: '8.2',
    image: 'debian:bookworm',
    mariadbd: 'mariadbd',
    mariadb: 'mariadb',
    mariadbAdmin: 'mariadb-admin',
    hasPhpMyAdminPackage: true,
    hasWordPressPackage: true,
  },
  buster: {
    release: 'buster',
    number: '10',
    php: '7.3',
    image: 'debian:buster',
    mariadbd: 'mysqld',
    mariadb: 'mysql',
    mariadbAdmin: 'mysqladmin',
    hasPhpMyAdminPackage: false,
    hasWordPressPackage: true,
    archiveSources: [
      'deb http://archive.debian.org/debian buster main',
      'deb http://archive.debian.org/debian-security buster/updates main',
    ],
  },
};

export function isDebianRelease(s: string): s is DebianRelease {
  return s === 'bookworm' || s === 'buster';
}

/** Upstream releases the "download with checksum" variant pins. Both support PHP 7.3 and 8.2. */
export const UPSTREAM = {
  wordpressVersion: '6.8.2',
  phpMyAdminVersion: '5.2.2',
};
