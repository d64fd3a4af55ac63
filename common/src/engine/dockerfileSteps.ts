// Where each instruction of a Dockerfile sits, so a failing build step ("Step 4/9") can be pointed
// at its lines. Deliberately tiny: the language server owns real parsing; the classic builder
// numbers steps by instruction, which only needs comments, directives and line continuations.

export interface InstructionSpan {
  keyword: string;
  /** 0-based first and last line of the instruction (continuations included). */
  line: number;
  endLine: number;
  /** Length of the last line, for the diagnostic's end column. */
  endCol: number;
}

export function instructionSpans(text: string): InstructionSpan[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  let i = 0;
  // Parser directives are only recognised before anything else, comments included.
  for (; i < lines.length; i++) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(lines[i]);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const spans: InstructionSpan[] = [];
  const isSkippable = (l: string) => /^\s*$/.test(l) || /^\s*#/.test(l);
  const continues = (l: string) => l.replace(/\s+$/, '').endsWith(escape);
  while (i < lines.length) {
    if (isSkippable(lines[i])) {
      i++;
      continue;
    }
    const start = i;
    const keyword = (/^\s*([A-Za-z]+)/.exec(lines[i])?.[1] ?? '').toUpperCase();
    let end = i;
    while (continues(lines[end]) && end + 1 < lines.length) {
      end++;
      // Comment and blank lines inside a continuation belong to the instruction but do not end it.
      while (end + 1 < lines.length && isSkippable(lines[end]) ) end++;
    }
    spans.push({ keyword, line: start, endLine: end, endCol: lines[end].length });
    i = end + 1;
  }
  return spans;
}

/** The classic builder prints "Step N/M : …"; N is 1-based over instructions. */
export function spanForStep(text: string, step: number): InstructionSpan | undefined {
  return instructionSpans(text)[step - 1];
}

export interface Instruction extends InstructionSpan {
  /**
   * The instruction on one line, as a builder sees it: continuations joined, comment lines inside it dropped,
   * runs of blanks collapsed, the keyword upper-cased. Two builds of the same `text` are the same instruction.
   */
  text: string;
}

/** instructionSpans with each instruction's normalised text. */
export function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const esc = /^\s*#\s*escape\s*=\s*`\s*$/im.test(lines.slice(0, 10).join('\n')) ? '`' : '\\';
  return instructionSpans(text).map((s) => {
    const parts: string[] = [];
    for (let i = s.line; i <= s.endLine; i++) {
      let l = lines[i];
      if (i > s.line && (/^\s*#/.test(l) || /^\s*$/.test(l))) continue;
      l = l.replace(/\s+$/, '');
      if (i < s.endLine && l.endsWith(esc)) l = l.slice(0, -1);
      parts.push(l.trim());
    }
    const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
    return { ...s, text: joined.replace(/^[A-Za-z]+/, (k) => k.toUpperCase()) };
  });
}
