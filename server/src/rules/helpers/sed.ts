/**
 * `sed` as the rules need it: which files a `sed -i` edits in place, and what text each command of its script puts
 * there (an `s///` replacement, the text of `a`, `i` and `c`), at which address. GNU sed's syntax (Debian, Ubuntu);
 * busybox sed (Alpine) reads these one-liner forms the same way. Nothing is run: a script that cannot be read here
 * gives null, and the caller decides what not knowing means.
 */
import type { Word } from '../../service/shell/lexer';

/** One `sed` command line: its scripts (`-e`, or the first operand) and the files it names. */
export interface SedInvocation {
  /** `-i`/`--in-place`: the files are rewritten; without it sed only prints. */
  inPlace: boolean;
  /** The script words, in order (several `-e` are joined by newlines, as sed does). */
  scripts: Word[];
  /** The file operands. */
  files: Word[];
  /** The script comes from a file (`-f`): its commands are unknown here. */
  scriptFile: boolean;
}

/** Short options that take no value and may be grouped (`-nE`, `-Ei`). */
const SHORT_FLAGS = new Set(['n', 'E', 'r', 's', 'u', 'z']);

/** Reads a `sed` command's words (the name first) the way GNU getopt does: options may follow the operands. */
export function sedInvocation(words: Word[]): SedInvocation {
  const out: SedInvocation = { inPlace: false, scripts: [], files: [], scriptFile: false };
  const operands: Word[] = [];
  let explicitScript = false;
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    const v = w.value;
    if (v === '--') {
      operands.push(...words.slice(k + 1));
      break;
    }
    if (v.startsWith('--')) {
      if (v === '--in-place' || v.startsWith('--in-place=')) out.inPlace = true;
      else if (v.startsWith('--expression')) {
        explicitScript = true;
        if (v.startsWith('--expression=')) out.scripts.push({ ...w, value: v.slice('--expression='.length) });
        else if (k + 1 < words.length) out.scripts.push(words[++k]);
      } else if (v.startsWith('--file')) {
        explicitScript = true;
        out.scriptFile = true;
        if (!v.includes('=')) k++;
      } else if (v === '--line-length') k++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // A cluster of short options: `i` takes the rest as its backup suffix (`-i.bak`, and `-ie` is suffix "e");
      // `e`, `f` and `l` take the rest or the next word as their value.
      for (let j = 1; j < v.length; j++) {
        const o = v[j];
        if (SHORT_FLAGS.has(o)) continue;
        if (o === 'i') {
          out.inPlace = true;
          break;
        }
        if (o === 'e' || o === 'f' || o === 'l') {
          const rest = v.slice(j + 1);
          const value = rest ? { ...w, value: rest } : k + 1 < words.length ? words[++k] : null;
          if (o === 'e' && value) out.scripts.push(value);
          if (o !== 'l') explicitScript = true;
          if (o === 'f') out.scriptFile = true;
          break;
        }
        break;
      }
      continue;
    }
    operands.push(w);
  }
  if (!explicitScript && operands.length) out.scripts.push(operands.shift()!);
  out.files = operands;
  return out;
}

export type SedAddress = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: string } | { kind: 'none' } | { kind: 'other' };

/** One command of a sed script that puts text in the file or takes lines out. */
export interface SedEdit {
  cmd: 's' | 'a' | 'i' | 'c' | 'd';
  address: SedAddress;
  /** `s`: the regular expression as written. */
  pattern?: string;
  /**
   * The text put in: the `s` replacement (with `\n` a line break, `&` what the pattern matched, see sedEdits, `\1`…
   * empty), or the text of `a`/`i`/`c`; '' for `d`.
   */
  text: string;
  /** Offset in the script where that text is written (for mapping it back to the word). */
  at: number;
}

/**
 * The `s`, `a`, `i`, `c` and `d` commands of a sed script; null when the script cannot be read (an unknown command
 * or an unterminated `s`). Commands inside `{…}` get the address `other`: the block's own address also applies.
 * `matchText` stands in for what an `s` pattern matched, for `&` in its replacement (default: patternText).
 */
export function sedEdits(script: string, matchText: (re: string) => string = patternText): SedEdit[] | null {
  const out: SedEdit[] = [];
  let i = 0;
  let blocks = 0;
  const n = script.length;
  const skipBlanks = () => {
    while (i < n && (script[i] === ' ' || script[i] === '\t')) i++;
  };
  const toEndOfLine = () => {
    while (i < n && script[i] !== '\n') i++;
  };
  while (i < n) {
    const c = script[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === ';') {
      i++;
      continue;
    }
    if (c === '#') {
      toEndOfLine();
      continue;
    }
    if (c === '}') {
      blocks = Math.max(0, blocks - 1);
      i++;
      continue;
    }
    const first = readAddress();
    if (first === undefined) return null;
    let address: SedAddress = first ?? { kind: 'none' };
    if (script[i] === ',') {
      i++;
      if (readAddress() === undefined) return null;
      address = { kind: 'other' };
    }
    skipBlanks();
    if (script[i] === '!') {
      i++;
      address = { kind: 'other' };
      skipBlanks();
    }
    if (blocks > 0) address = { kind: 'other' };
    const cmd = script[i++];
    if (cmd === undefined) return null;
    if (cmd === '{') {
      blocks++;
      continue;
    }
    if (cmd === 's' || cmd === 'y') {
      const delim = script[i++];
      if (!delim || delim === '\n' || delim === '\\') return null;
      const pattern = readPart(delim);
      if (pattern === null) return null;
      const replStart = i;
      const repl = readPart(delim);
      if (repl === null) return null;
      // Flags up to the end of the command; `w file` runs to the end of the line.
      while (i < n && !/[;\n}]/.test(script[i])) {
        if (script[i] === 'w') {
          toEndOfLine();
          break;
        }
        i++;
      }
      if (cmd === 's') out.push({ cmd, address, pattern, text: replacementText(repl, matchText(pattern)), at: replStart });
      continue;
    }
    if (cmd === 'a' || cmd === 'i' || cmd === 'c') {
      // `a text`, `a\text` (GNU one-liners) and `a\` + newline + text; a backslash before a newline continues it.
      skipBlanks();
      if (script[i] === '\\') {
        i++;
        if (script[i] === '\n') i++;
      }
      const start = i;
      let text = '';
      while (i < n && script[i] !== '\n') {
        if (script[i] === '\\' && i + 1 < n) {
          const e = script[i + 1];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
          continue;
        }
        text += script[i++];
      }
      out.push({ cmd, address, text, at: start });
      continue;
    }
    if (cmd === 'd') {
      out.push({ cmd, address, text: '', at: i });
      continue;
    }
    if ('rRwWe:btTvL'.includes(cmd)) {
      // A file name or label follows (GNU ends a label at `;` too).
      while (i < n && script[i] !== '\n' && !(':btTv'.includes(cmd) && script[i] === ';')) i++;
      continue;
    }
    if ('DpPhHgGxnNlqQz=F'.includes(cmd)) {
      // q/Q/l take an optional number.
      while (i < n && /[0-9 \t]/.test(script[i])) i++;
      continue;
    }
    return null;
  }
  return out;

  /** An address at i: a line number, `$`, `/re/` or `\cREc`; null when there is none, undefined when unreadable. */
  function readAddress(): SedAddress | null | undefined {
    const c = script[i];
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (/[0-9]/.test(c)) {
      let v = '';
      while (i < n && /[0-9]/.test(script[i])) v += script[i++];
      if (script[i] === '~') {
        i++;
        while (i < n && /[0-9]/.test(script[i])) i++;
        return { kind: 'other' };
      }
      return { kind: 'line', n: Number(v) };
    }
    if (c === '+' || c === '~') {
      i++;
      while (i < n && /[0-9]/.test(script[i])) i++;
      return { kind: 'other' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        i++;
        delim = script[i];
        if (!delim) return undefined;
      }
      i++;
      const re = readPart(delim);
      if (re === null) return undefined;
      // `I` and `M` flags after a regex address.
      while (script[i] === 'I' || script[i] === 'M') i++;
      return { kind: 'regex', re };
    }
    return null;
  }

  /** Up to the next unescaped `delim` (consumed); `\delim` stands for the delimiter itself. */
  function readPart(delim: string): string | null {
    let v = '';
    while (i < n && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < n) {
        v += script[i + 1] === delim ? delim : script.slice(i, i + 2);
        i += 2;
        continue;
      }
      v += script[i++];
    }
    if (i >= n) return null;
    i++;
    return v;
  }
}

/**
 * A regular expression read as the plain text it matches, roughly: anchors and `.*` dropped, `\s` and character
 * classes as a blank, escapes as the character. Enough to see which word a line starts with and whether it holds
 * a brace; not a regex engine.
 */
export function patternText(re: string): string {
  return re
    .replace(/\[\[:[a-z]+:\]\]|\\[sStw]|\[[^\]]*\]/g, ' ')
    .replace(/\.\*|\\?[+?*]/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/^\^|\$$/g, '');
}

/** An `s` replacement as written into the file: `\n` a line break, `&` the match, `\1`… unknown (empty). */
function replacementText(repl: string, match: string): string {
  let out = '';
  for (let k = 0; k < repl.length; k++) {
    const c = repl[k];
    if (c === '\\' && k + 1 < repl.length) {
      const e = repl[++k];
      out += e === 'n' ? '\n' : e === 't' ? '\t' : /[0-9]/.test(e) ? '' : e;
    } else if (c === '&') {
      out += match;
    } else {
      out += c;
    }
  }
  return out;
}
