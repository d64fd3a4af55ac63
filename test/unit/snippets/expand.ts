/**
 * Expands a VS Code snippet body the way the editor inserts it when the user accepts every default:
 * tab stops, placeholders (nested), choices (first option, or option k), mirrors, and the escapes `\$`, `\}`, `\\`.
 * A `$name` variable is an error here: in VS Code an unknown variable turns into its own name, which is how an
 * unescaped `$uri` in an nginx snippet silently becomes `uri`.
 */

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string };

export class SnippetSyntaxError extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.i < this.s.length) throw new SnippetSyntaxError(`unexpected "${this.s[this.i]}" at ${this.i}`);
    return nodes;
  }

  private nodes(inPlaceholder: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && this.i + 1 < this.s.length && '$}\\'.includes(this.s[this.i + 1])) {
        text += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '}' && inPlaceholder) break;
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
      }
      text += c;
      this.i++;
    }
    flush();
    return out;
  }

  /** At a `$`: a construct, or undefined (then the `$` is literal text). */
  private dollar(): Node | undefined {
    const rest = this.s.slice(this.i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const children = this.nodes(true);
      if (this.s[this.i] !== '}') throw new SnippetSyntaxError(`unclosed placeholder \${${m[1]}:`);
      this.i++;
      return { kind: 'placeholder', index: Number(m[1]), children };
    }
    m = /^\$\{(\d+)\|/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const options: string[] = [];
      let cur = '';
      for (;;) {
        if (this.i >= this.s.length) throw new SnippetSyntaxError('unclosed choice');
        const c = this.s[this.i];
        if (c === '\\' && ',|\\$}'.includes(this.s[this.i + 1] ?? '')) {
          cur += this.s[this.i + 1];
          this.i += 2;
        } else if (c === ',') {
          options.push(cur);
          cur = '';
          this.i++;
        } else if (c === '|' && this.s[this.i + 1] === '}') {
          options.push(cur);
          this.i += 2;
          return { kind: 'choice', index: Number(m[1]), options };
        } else {
          cur += c;
          this.i++;
        }
      }
    }
    m = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      // ${VAR}, ${VAR:default}, ${VAR/regex/format/}: all variables.
      const close = this.s.indexOf('}', this.i);
      if (close < 0) throw new SnippetSyntaxError(`unclosed variable \${${m[1]}`);
      this.i = close + 1;
      return { kind: 'variable', name: m[1] };
    }
    return undefined;
  }
}

export function parseSnippet(body: string): Node[] {
  return new Parser(body).parse();
}

export interface Expansion {
  text: string;
  /** Default text of every tab stop, by index. */
  defaults: Map<number, string>;
  /** Tab stops whose occurrences carry different placeholder texts (the editor would mirror only the first). */
  conflicts: number[];
  variables: string[];
  choices: Map<number, string[]>;
}

/** Expands with every placeholder default and option `choice` of each choice (clamped to its last option). */
export function expandSnippet(body: string | string[], choice = 0): Expansion {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const nodes = parseSnippet(src);
  const defaults = new Map<number, string>();
  const seen = new Map<number, string[]>();
  const variables: string[] = [];
  const choices = new Map<number, string[]>();

  // The editor takes the first placeholder of an index as the value of all its mirrors.
  const collect = (ns: Node[]): void => {
    for (const n of ns) {
      if (n.kind === 'placeholder') {
        collect(n.children);
        const v = render(n.children);
        (seen.get(n.index) ?? seen.set(n.index, []).get(n.index)!).push(v);
        if (!defaults.has(n.index)) defaults.set(n.index, v);
      } else if (n.kind === 'choice') {
        const v = n.options[Math.min(choice, n.options.length - 1)];
        choices.set(n.index, n.options);
        (seen.get(n.index) ?? seen.set(n.index, []).get(n.index)!).push(v);
        if (!defaults.has(n.index)) defaults.set(n.index, v);
      } else if (n.kind === 'variable') variables.push(n.name);
    }
  };
  const render = (ns: Node[]): string =>
    ns
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'variable':
            return n.name;
          case 'tabstop':
            return defaults.get(n.index) ?? '';
          case 'placeholder':
          case 'choice':
            return defaults.get(n.index) ?? '';
        }
      })
      .join('');
  collect(nodes);
  const conflicts = [...seen].filter(([, vs]) => new Set(vs).size > 1).map(([i]) => i);
  return { text: render(nodes), defaults, conflicts, variables, choices };
}
