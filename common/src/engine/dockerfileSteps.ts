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
