/**
 * What a `curl` or `wget` command downloads and where each download goes: the file it writes, or standard output.
 * The rules ask "which file did this URL become" to follow a download to a later `chmod +x` or `mv … /usr/local/bin/`.
 */
import type { Word } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';

export const DOWNLOAD_URL = /^(https?|ftp):\/\//i;

export interface Download {
  /** The word that holds the URL. */
  word: Word;
  /** The URL: the word's value after `value` (which may substitute known variables). */
  url: string;
  /** The file the download is written to, as written in the command (relative to the shell's directory); null for standard output. */
  file: string | null;
}

/** curl's short options that take a value: the rest of the group (`-ofile`) or the next word (`-fsSLo file`). */
const CURL_SHORT_VALUE = new Set('AbcCdDeEFHKmoPQrTuUwxXyYz'.split(''));
/** curl's long options that take a value, so the value is not read as a URL (`--proxy http://…`). */
const CURL_LONG_VALUE = new Set([
  'header', 'user-agent', 'referer', 'proxy', 'data', 'data-binary', 'data-raw', 'data-urlencode', 'form', 'user', 'cookie',
  'cookie-jar', 'max-time', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'write-out', 'request', 'cacert',
  'capath', 'cert', 'key', 'config', 'range', 'time-cond', 'upload-file', 'limit-rate', 'resolve', 'connect-to',
  'dns-servers', 'interface', 'netrc-file', 'proto', 'proto-redir', 'tls-max', 'ciphers', 'max-filesize', 'speed-time',
  'speed-limit', 'continue-at', 'max-redirs', 'output', 'output-dir', 'url', 'proxy-user', 'oauth2-bearer',
]);
/** wget's short options that take a value. */
const WGET_SHORT_VALUE = new Set('OoaPetTwUiBlARDXIQ'.split(''));
/** wget's long options that take a value when written without `=` (`--output-document file`). */
const WGET_LONG_VALUE = new Set(['output-document', 'directory-prefix', 'output-file', 'append-output', 'user-agent', 'header', 'tries', 'timeout', 'wait', 'user', 'password', 'referer', 'input-file', 'base', 'level', 'execute']);

/** The name a server-side file gets when the command picks it from the URL (`curl -O`, plain `wget`). */
export function remoteName(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last || 'index.html';
}

/**
 * A word split into options and their values, the way curl and wget read them: `-fsSLo f` gives `o` with `f`;
 * `--output=f` and `--output f` give `output` with `f`. Words that are neither options nor their values are operands.
 */
type Item = { option: string; value: string | null } | { operand: Word };

function items(words: Word[], shortValue: Set<string>, longValue: Set<string>): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i].value;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) out.push({ option: a.slice(2, eq), value: a.slice(eq + 1) });
      else if (longValue.has(a.slice(2))) out.push({ option: a.slice(2), value: words[++i]?.value ?? null });
      else out.push({ option: a.slice(2), value: null });
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (!shortValue.has(ch)) {
          out.push({ option: ch, value: null });
          continue;
        }
        const rest = a.slice(k + 1);
        out.push({ option: ch, value: rest !== '' ? rest : (words[++i]?.value ?? null) });
        break;
      }
    } else out.push({ operand: words[i] });
  }
  return out;
}

/**
 * The downloads of a `curl` or `wget` command (empty for anything else). `value` gives each word's value as the
 * rule wants it read (variables substituted, say); only words whose value is a URL count as downloads.
 */
export function downloads(c: SimpleCommand, value: (w: Word) => string = (w) => w.value): Download[] {
  if (c.name === 'curl') return curlDownloads(c.words.slice(1), value);
  if (c.name === 'wget') return wgetDownloads(c.words.slice(1), value);
  return [];
}

function curlDownloads(words: Word[], value: (w: Word) => string): Download[] {
  // curl pairs the n-th `-o`/`-O` with the n-th URL; a URL without one goes to standard output, unless
  // `--remote-name-all` names every file from its URL.
  const urls: { word: Word; url: string }[] = [];
  const outputs: (string | null | 'remote')[] = [];
  let remoteAll = false;
  let dir = '';
  const urlWord = (w: Word) => {
    const url = value(w);
    if (DOWNLOAD_URL.test(url)) urls.push({ word: w, url });
  };
  for (const it of items(words, CURL_SHORT_VALUE, CURL_LONG_VALUE)) {
    if ('operand' in it) {
      urlWord(it.operand);
      continue;
    }
    const { option, value: v } = it;
    if (option === 'o' || option === 'output') outputs.push(v === '-' || v === null ? null : v);
    else if (option === 'O' || option === 'remote-name') outputs.push('remote');
    else if (option === 'remote-name-all') remoteAll = true;
    else if (option === 'output-dir' && v) dir = v.replace(/\/+$/, '') + '/';
    else if (option === 'url' && v !== null) {
      const w = words.find((x) => x.value === v);
      if (w) urlWord(w);
    }
  }
  return urls.map(({ word, url }, n) => {
    const o = outputs[n] ?? (remoteAll ? 'remote' : null);
    const file = o === 'remote' ? dir + remoteName(url) : o === null ? null : o.startsWith('/') ? o : dir + o;
    return { word, url, file };
  });
}

function wgetDownloads(words: Word[], value: (w: Word) => string): Download[] {
  // One `-O file` takes every download; otherwise each is named from its URL, under `-P dir`.
  let document: string | null | undefined;
  let dir = '';
  const urls: { word: Word; url: string }[] = [];
  for (const it of items(words, WGET_SHORT_VALUE, WGET_LONG_VALUE)) {
    if ('operand' in it) {
      const url = value(it.operand);
      if (DOWNLOAD_URL.test(url)) urls.push({ word: it.operand, url });
      continue;
    }
    const { option, value: v } = it;
    if (option === 'O' || option === 'output-document') document = v === '-' || v === null ? null : v;
    else if ((option === 'P' || option === 'directory-prefix') && v) dir = v.replace(/\/+$/, '') + '/';
  }
  return urls.map(({ word, url }) => ({ word, url, file: document !== undefined ? document : dir + remoteName(url) }));
}
