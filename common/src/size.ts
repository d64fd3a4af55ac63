/** Byte sizes as `docker images` prints them, for the sidebar and the CLI alike. */

/** Decimal units, three significant digits, as `docker images` prints sizes (1.98MB, 117MB). */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = v >= 100 || u === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits))}${units[u]}`;
}
