/**
 * How an image lets a reviewer switch nginx's autoindex off, found the way students build it (see the ft_server
 * survey: a `sed` script run with `docker exec`, an env var the start script reads, two prepared configs swapped by a
 * script, an envsubst template). Two kinds come out:
 *   - `script`: a script in the image whose job is the switch (its name or its text says autoindex, and it is not
 *     the start script), run as `[interpreter, path, arg]`; the argument is the "off" word it compares against;
 *   - `env`: an ENV/ARG (or a variable a script reads) whose name says autoindex: the container is restarted with it
 *     set to its "off" value.
 * A script is preferred: `docker exec` changes the running container, a restart makes a new one.
 * Pure: the caller reads the files (build context and, for folder copies, the container).
 */
import * as path from 'node:path';
import { instructions, lastStage, lineOf, words } from './imageFiles';

export interface ImageScript {
  /** Build-context path (or null when known only inside the image). */
  rel: string | null;
  /** Path inside the image (null when the Dockerfile does not say). */
  inImage: string | null;
  text: string;
}

export type AutoindexSwitch =
  | { kind: 'script'; inImage: string; file: string; line: number | null; off: string[]; on: string[] | null }
  | { kind: 'env'; name: string; offValue: string; onValue: string; file: string; line: number | null };

const MENTIONS = /auto_?index/i;

/** `bash` for bash scripts (and those with bash-only syntax), `sh` otherwise: run through it, the x bit does not matter. */
function interpreter(text: string): string {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (m) {
    const prog = path.posix.basename(m[1]) === 'env' ? m[2] ?? 'sh' : path.posix.basename(m[1]);
    return prog === 'bash' || prog === 'zsh' ? 'bash' : 'sh';
  }
  return /\[\[|^\s*function\s/m.test(text) ? 'bash' : 'sh';
}

/** The word the text uses for "off" (and "on") next to autoindex: on/off, true/false, 1/0, yes/no. */
function words4(text: string, fallbackFrom?: string): { off: string; on: string } {
  const pairs: [RegExp, string, string][] = [
    [/\boff\b/, 'off', 'on'],
    [/\bOFF\b/, 'OFF', 'ON'],
    [/\bfalse\b/i, 'false', 'true'],
    [/\bno\b/, 'no', 'yes'],
    [/["'=]0["'\s;)\]]/, '0', '1'],
  ];
  // The values the script compares its argument (or the variable) with say best what it expects.
  // `$1`, a variable it is copied into (`arg=$1`), or the autoindex variable.
  const names = ['1', '[A-Za-z_]*AUTO_?INDEX[A-Za-z0-9_]*', ...[...text.matchAll(/^\s*([A-Za-z_]\w*)=["']?\$\{?1\b/gm)].map((m) => m[1])];
  const cmp = new RegExp(`\\$\\{?(?:${names.join('|')})\\}?"?\\s*(?:==?|!=|-eq|-ne)\\s*["']?([A-Za-z0-9]+)`, 'gi');
  const compared = [
    ...[...text.matchAll(cmp)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*["']?([A-Za-z0-9]+)["']?\s*\)/gm)].map((m) => m[1]),
  ].map((w) => w.toLowerCase());
  for (const [off, on] of [['off', 'on'], ['false', 'true'], ['0', '1'], ['no', 'yes'], ['disable', 'enable']]) {
    if (compared.includes(off) || compared.includes(on)) return { off, on };
  }
  const v = (fallbackFrom ?? '').trim().toLowerCase();
  if (v === 'true' || v === 'false') return { off: 'false', on: 'true' };
  if (v === '1' || v === '0') return { off: '0', on: '1' };
  for (const [re, off, on] of pairs) if (re.test(text)) return { off, on };
  return { off: 'off', on: 'on' };
}

/** The script CMD/ENTRYPOINT starts (a switch is never that one: running it again would start a second stack). */
function startScripts(dockerfile: string): Set<string> {
  const out = new Set<string>();
  for (const x of lastStage(instructions(dockerfile))) {
    if (x.keyword !== 'CMD' && x.keyword !== 'ENTRYPOINT') continue;
    for (const w of words(x.rest)) if (/\.(sh|bash)$/.test(w) || w.startsWith('/')) out.add(path.posix.basename(w));
  }
  return out;
}

export function findAutoindexSwitch(dockerfile: string, dockerfilePath: string, scripts: ImageScript[]): AutoindexSwitch | null {
  const starts = startScripts(dockerfile);
  const isScript = (s: ImageScript) => /^#!/.test(s.text) || /\.(sh|bash)$/.test(s.rel ?? s.inImage ?? '');
  const name = (s: ImageScript) => path.posix.basename(s.inImage ?? s.rel ?? '');
  const candidates = scripts.filter(
    (s) => s.inImage && isScript(s) && MENTIONS.test(s.text) && !/^\s*server\s*\{/m.test(s.text) && (!starts.has(name(s)) || MENTIONS.test(name(s))),
  );
  // A script named for the switch first; then any other script that edits the autoindex line.
  candidates.sort((a, b) => Number(MENTIONS.test(name(b))) - Number(MENTIONS.test(name(a))));
  const offNamed = candidates.find((s) => /off|disable/i.test(name(s)));
  if (offNamed) {
    const onNamed = candidates.find((s) => s !== offNamed && /(^|[^f])on|enable/i.test(name(s).replace(/off/gi, '')));
    return {
      kind: 'script',
      inImage: offNamed.inImage!,
      file: offNamed.rel ?? offNamed.inImage!,
      line: lineOf(offNamed.text, /autoindex/i),
      off: [interpreter(offNamed.text), offNamed.inImage!],
      on: onNamed ? [interpreter(onNamed.text), onNamed.inImage!] : null,
    };
  }
  const script = candidates.find((s) => MENTIONS.test(name(s)) || /\bsed\b.*autoindex|autoindex.*\bsed\b/i.test(s.text));
  if (script) {
    const takesArg = /\$\{?1\b|\$[@*]/.test(script.text);
    const w = words4(script.text);
    const run = [interpreter(script.text), script.inImage!];
    return {
      kind: 'script',
      inImage: script.inImage!,
      file: script.rel ?? script.inImage!,
      // The line that rewrites the config (`sed -i …autoindex…`), else any sed on it, else any line naming it.
      line:
        lineOf(script.text, /^(?!\s*#).*\bsed\b.*\s-[a-zA-Z]*i.*autoindex/i) ??
        lineOf(script.text, /^(?!\s*#).*(\bsed\b.*autoindex|autoindex.*\bsed\b)/i) ??
        lineOf(script.text, /^(?!\s*#).*autoindex/i),
      // A script without an argument is a toggle: run once to switch off, once more to switch back.
      off: takesArg ? [...run, w.off] : run,
      on: takesArg ? [...run, w.on] : run,
    };
  }
  // An env var: declared by ENV/ARG, or read by a script (`docker run -e AUTOINDEX=off` needs no ENV line).
  const ins = lastStage(instructions(dockerfile));
  for (const x of ins) {
    if (x.keyword !== 'ENV' && x.keyword !== 'ARG') continue;
    for (const m of x.rest.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|'[^']*'|\S*)|\s+(\S+))?/g)) {
      if (!MENTIONS.test(m[1])) continue;
      // An ARG only lives at build time: a restart cannot change it, unless an ENV carries it on.
      if (x.keyword === 'ARG' && !ins.some((y) => y.keyword === 'ENV' && (y.rest.includes(`$${m[1]}`) || y.rest.includes(`\${${m[1]}}`)))) continue;
      const def = (m[2] ?? m[3] ?? '').replace(/^["']|["']$/g, '');
      const readers = scripts.filter((s) => s.text.includes(m[1]));
      const w = words4(readers.map((s) => s.text).join('\n'), def);
      return { kind: 'env', name: m[1], offValue: w.off, onValue: w.on, file: dockerfilePath, line: x.line };
    }
  }
  for (const s of scripts) {
    // An env var by convention is upper case, and a script does not set it itself (`autoindex=$(grep …)` is local).
    const m = /\$\{?([A-Z_]*AUTO_?INDEX[A-Z0-9_]*)/.exec(s.text);
    if (!m || new RegExp(`^\\s*(export\\s+)?${m[1]}=`, 'm').test(s.text)) continue;
    const w = words4(s.text);
    return { kind: 'env', name: m[1], offValue: w.off, onValue: w.on, file: s.rel ?? s.inImage ?? dockerfilePath, line: lineOf(s.text, new RegExp(`\\$\\{?${m[1]}\\b`)) };
  }
  return null;
}
