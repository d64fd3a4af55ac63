// Keeps secret-looking values out of what the extension itself writes (output channels, progress
// text, notifications, previews of command lines). A value is hidden when its NAME looks like a
// secret: DB_PASSWORD=…, --build-arg API_KEY=…, --token …. The engine's own build output is the
// user's output and is not touched; what we echo of it (the current step, the failure) is.

export const REDACTED = '***';

const SECRET_NAME = /pass(word)?|secret|token|key|credential|api[_-]?key|auth/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `NAME=value` → `NAME=***` when NAME looks like a secret; anything else unchanged. */
export function redactAssignment(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq <= 0) return entry;
  return isSecretName(entry.slice(0, eq)) ? `${entry.slice(0, eq)}=${REDACTED}` : entry;
}

/** Env lists as the engine keeps them (`["A=1", "DB_PASSWORD=x"]`). */
export function redactEnv(env: readonly string[] | null | undefined): string[] {
  return (env ?? []).map(redactAssignment);
}

/** Maps of name → value (labels, build args). */
export function redactMap(map: Record<string, string> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) out[k] = isSecretName(k) ? REDACTED : v;
  return out;
}

/** Flags whose next argument is a `NAME=value` pair. */
const PAIR_FLAGS = new Set(['-e', '--env', '--build-arg', '--label', '-l', '--secret']);

/**
 * An argv with secrets hidden: `--build-arg TOKEN=x` → `--build-arg TOKEN=***`, `--password x`
 * → `--password ***`, `--api-key=x` → `--api-key=***`. The array is copied, never changed.
 */
export function redactArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const flag = /^(--?[A-Za-z][\w-]*)(=(.*))?$/.exec(a);
    if (flag && flag[2] === undefined && PAIR_FLAGS.has(flag[1]) && i + 1 < argv.length) {
      out.push(a, redactAssignment(argv[++i]));
    } else if (flag && flag[2] !== undefined) {
      out.push(PAIR_FLAGS.has(flag[1]) ? `${flag[1]}=${redactAssignment(flag[3])}` : isSecretName(flag[1]) ? `${flag[1]}=${REDACTED}` : a);
    } else if (flag && isSecretName(flag[1].replace(/^-+/, '')) && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      out.push(a, REDACTED);
      i++;
    } else out.push(redactAssignment(a));
  }
  return out;
}

/**
 * Free text (a build step, an engine message): every `NAME=value` and `NAME value` after ENV/ARG
 * with a secret-looking NAME loses its value. Quoted values are hidden whole.
 */
export function redactText(text: string): string {
  const value = `("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s"']+)`;
  let s = text.replace(new RegExp(`([A-Za-z_][A-Za-z0-9_.-]*)=${value}`, 'g'), (m, name: string) =>
    isSecretName(name) ? `${name}=${REDACTED}` : m,
  );
  // `ENV NAME value` (the legacy form without "=").
  s = s.replace(new RegExp(`\\b(ENV|ARG)(\\s+)([A-Za-z_][A-Za-z0-9_.-]*)(\\s+)(?!=)${value}`, 'gi'), (m, kw: string, s1: string, name: string, s2: string) =>
    isSecretName(name) ? `${kw}${s1}${name}${s2}${REDACTED}` : m,
  );
  // `--password x`, `--token=x` inside a logged command line.
  s = s.replace(new RegExp(`(--?[A-Za-z][\\w-]*)(=|\\s+)${value}`, 'g'), (m, flag: string, sep: string) =>
    isSecretName(flag.replace(/^-+/, '')) && !PAIR_FLAGS.has(flag) ? `${flag}${sep}${REDACTED}` : m,
  );
  return s;
}
