/**
 * The build log as the user reads it: no terminal colour codes, and each line of the failure once.
 *
 * - The classic builder wraps what a RUN writes to stderr in SGR colour codes (`ESC[91m` … `ESC[0m`), as
 *   `docker build` shows it in a terminal; an output channel, a notification or a diagnostic shows them raw.
 * - The BuildKit CLI, after `#N ERROR: …`, repeats the failed step in a `------` summary box (its last output
 *   lines, prefixed with ` > `) and then prints the error sentence once more.
 */

// CSI sequences (colours, cursor moves: ESC [ params final) and OSC sequences (titles, links: ESC ] … BEL/ST).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The content of a BuildKit progress line without its `#N ` and elapsed-seconds prefix. */
function content(line: string): string {
  return line.replace(/^#\d+ (?:\d+\.\d+ )?/, '').replace(/^ERROR: /, '').trim();
}

/**
 * Filters the lines of one build for the log: strips colours, drops lines that held only colour codes,
 * and after BuildKit's `#N ERROR:` line drops the summary box and the lines that repeat what was shown.
 * `tail` keeps the last lines shown, to name the cause of a failure.
 */
export class BuildLog {
  private readonly seen = new Set<string>();
  private afterError = false;
  readonly tail: string[] = [];

  constructor(private readonly emit?: (line: string) => void) {}

  line(raw: string): void {
    const text = stripAnsi(raw);
    if (!text.trim() && raw.trim()) return; // only colour codes: nothing to read
    if (/^#\d+ ERROR: /.test(text)) this.afterError = true;
    else if (this.afterError) {
      const c = content(text.replace(/^ > /, ''));
      if (/^-{6}$/.test(text.trim()) || /^ > \[.*\]:?$/.test(text) || /^ > .*:$/.test(text) || (c && this.seen.has(c))) return;
    }
    const c = content(text);
    if (c) this.seen.add(c);
    this.tail.push(text);
    if (this.tail.length > 40) this.tail.shift();
    this.emit?.(text);
  }

  /** Whether this sentence (the engine's error) was already shown in the log. */
  shown(sentence: string): boolean {
    return this.seen.has(content(stripAnsi(sentence)));
  }
}

/** Plain text for places that show no Markdown (diagnostics, notifications, the log): `code` → code. */
export function withoutCodeMarks(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '$1');
}
