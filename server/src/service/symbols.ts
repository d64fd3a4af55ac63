/**
 * Document outline (stages with their instructions) and folding ranges, both memoised per document version.
 */
import type { DocumentSymbol, FoldingRange, SymbolKind as LspSymbolKind } from 'vscode-languageserver-types';
import { ParsedDocument } from './document';

const SymbolKind = { Module: 2, Namespace: 3, Class: 5, Method: 6, Property: 7, Field: 8, Function: 12, Variable: 13, Constant: 14, Event: 24 } as const;

const symbolMemo = new WeakMap<ParsedDocument, DocumentSymbol[]>();
const foldMemo = new WeakMap<ParsedDocument, FoldingRange[]>();

const KIND_BY_KEYWORD: Record<string, LspSymbolKind> = {
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Variable,
  LABEL: SymbolKind.Property,
  EXPOSE: SymbolKind.Constant,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  HEALTHCHECK: SymbolKind.Event,
};

function short(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const hit = symbolMemo.get(doc);
  if (hit) return hit;
  const top: DocumentSymbol[] = [];
  let current: DocumentSymbol | null = null;
  for (const ins of doc.instructions) {
    const sym: DocumentSymbol = {
      name: ins.keyword,
      detail: short(ins.argsContent()),
      kind: KIND_BY_KEYWORD[ins.keyword] ?? SymbolKind.Function,
      range: ins.range,
      selectionRange: ins.keywordRange,
    };
    if (ins.keyword === 'FROM') {
      const stage = ins.stage!;
      const end = { line: stage.endLine, character: doc.lineText(stage.endLine).length };
      current = {
        name: stage.name ?? stage.image ?? `stage ${stage.index}`,
        detail: short(ins.text()),
        kind: SymbolKind.Class,
        range: { start: ins.range.start, end },
        selectionRange: stage.nameRange ?? ins.keywordRange,
        children: [sym],
      };
      top.push(current);
    } else if (current) {
      current.children!.push(sym);
    } else {
      top.push(sym);
    }
  }
  symbolMemo.set(doc, top);
  return top;
}

export function foldingRanges(doc: ParsedDocument): FoldingRange[] {
  const hit = foldMemo.get(doc);
  if (hit) return hit;
  const out: FoldingRange[] = [];
  for (const s of doc.stages) {
    let end = s.endLine;
    while (end > s.startLine && doc.lineText(end).trim() === '') end--;
    if (end > s.startLine) out.push({ startLine: s.startLine, endLine: end, kind: 'region' });
  }
  for (const ins of doc.instructions) {
    if (ins.endLine > ins.startLine) out.push({ startLine: ins.startLine, endLine: ins.endLine });
  }
  // Runs of two or more comment lines (the 42 header block, explanations).
  let runStart = -1;
  let prev = -2;
  for (const c of doc.comments) {
    if (c.line !== prev + 1) {
      if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
      runStart = c.line;
    }
    prev = c.line;
  }
  if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
  foldMemo.set(doc, out);
  return out;
}
