/**
 * Names in a Dockerfile and where they occur: ARG/ENV variables (definitions and `$X` references) and stage
 * names (`FROM … AS x`, `FROM x`, `COPY --from=x`, `RUN --mount=…,from=x`). Feeds hover, go-to-definition,
 * highlight and rename.
 *
 * Variable scope follows Docker: an ENV or ARG lives in its stage from its line on and ENV carries into stages
 * built `FROM` it; build arguments are one namespace per build (`--build-arg X` sets the global `ARG X` and every
 * stage's `ARG X`), so a stage that declares `ARG X` shares X with the global scope and with other such stages.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { contains, Instr, ParsedDocument, Stage, VarDef } from './document';

export interface Occurrence {
  name: string;
  range: Range;
  kind: 'definition' | 'reference';
  /** Scope node: -1 for the global scope, else the stage index. */
  scope: number;
}

export interface StageRef {
  stage: Stage;
  range: Range;
  isDefinition: boolean;
}

/** Stage references of one instruction. */
export function stageRefs(doc: ParsedDocument, ins: Instr): StageRef[] {
  const out: StageRef[] = [];
  const before = ins.stage ? ins.stage.index + (ins.keyword === 'FROM' ? 0 : 1) : 0;
  if (ins.keyword === 'FROM') {
    const name = ins.fromStageName();
    const stage = doc.stages.find((s) => s.from === ins);
    if (name && stage) out.push({ stage, range: name.range, isDefinition: true });
    const image = ins.fromImage();
    if (image && stage) {
      const parent = doc.resolveStageRef(image.value, stage.index);
      if (parent && !/^\d+$/.test(image.value)) out.push({ stage: parent, range: image.range, isDefinition: false });
    }
  }
  for (const f of ins.flags()) {
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && f.name === 'from' && f.value && f.valueRange) {
      const s = doc.resolveStageRef(f.value, before);
      if (s) out.push({ stage: s, range: f.valueRange, isDefinition: false });
    }
    if (ins.keyword === 'RUN' && f.name === 'mount') {
      for (const o of f.options) {
        if (o.name === 'from' && o.value && o.valueRange) {
          const s = doc.resolveStageRef(o.value, before);
          if (s) out.push({ stage: s, range: o.valueRange, isDefinition: false });
        }
      }
    }
  }
  return out;
}

export function stageRefAt(doc: ParsedDocument, ins: Instr, pos: Position): StageRef | undefined {
  return stageRefs(doc, ins).find((r) => contains(r.range, pos));
}

/** Every occurrence of every stage name in the document. */
export function allStageRefs(doc: ParsedDocument): StageRef[] {
  const out: StageRef[] = [];
  for (const ins of doc.instructions) {
    if (ins.keyword === 'FROM' || ins.keyword === 'COPY' || ins.keyword === 'ADD' || ins.keyword === 'RUN') {
      out.push(...stageRefs(doc, ins));
    }
  }
  return out;
}

/** Variable definitions and references of one instruction. */
export function variableOccurrences(ins: Instr): Occurrence[] {
  const scope = ins.keyword === 'FROM' || !ins.stage ? -1 : ins.stage.index;
  const out: Occurrence[] = [];
  if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
    for (const p of ins.properties()) {
      if (p.name) out.push({ name: p.name, range: p.nameRange, kind: 'definition', scope });
    }
  }
  for (const v of ins.variables()) out.push({ name: v.name, range: v.nameRange, kind: 'reference', scope });
  return out;
}

/** The variable under the cursor with its visible definition, if any. */
export function variableAt(doc: ParsedDocument, ins: Instr, pos: Position): { name: string; range: Range; def?: VarDef } | undefined {
  const occ = variableOccurrences(ins).find((o) => contains(o.range, pos));
  if (!occ) return undefined;
  if (occ.kind === 'definition') {
    const def = doc.varDefs.find((d) => d.instr === ins && d.name === occ.name && d.nameRange.start.character === occ.range.start.character && d.nameRange.start.line === occ.range.start.line);
    return { name: occ.name, range: occ.range, def };
  }
  return { name: occ.name, range: occ.range, def: definitionFor(doc, occ.name, ins) };
}

/** The definition a reference in `ins` resolves to (FROM lines see only global ARGs). */
export function definitionFor(doc: ParsedDocument, name: string, ins: Instr): VarDef | undefined {
  if (ins.keyword === 'FROM' || !ins.stage) {
    return [...doc.globalArgs].reverse().find((g) => g.name === name && g.instr.endLine < ins.startLine);
  }
  const local = doc.visibleVars(ins.startLine).get(name);
  if (local) {
    // `ARG X` without a value in a stage takes the global default: jump to the declaration in the stage all the same.
    return local;
  }
  return undefined;
}

/** Union-find over scopes (-1 global, stage indexes) for one variable name. */
function scopeGroups(doc: ParsedDocument, name: string): (scope: number) => number {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = parent.get(x) ?? x;
    if (p !== x) {
      p = find(p);
      parent.set(x, p);
    }
    return p;
  };
  const union = (a: number, b: number) => parent.set(find(a), find(b));
  for (const s of doc.stages) {
    if (s.parent) union(s.index, s.parent.index);
    if (doc.varDefs.some((d) => d.stage === s && d.kind === 'ARG' && d.name === name)) union(s.index, -1);
  }
  return find;
}

/** Occurrences of the variable at `pos` that belong to the same variable (same scope group). */
export function variableGroupAt(doc: ParsedDocument, pos: Position): Occurrence[] | undefined {
  const ins = doc.instructionAtLine(pos.line);
  if (!ins) return undefined;
  const target = ins.keyword === 'ONBUILD' ? ins.trigger() ?? ins : ins;
  const occ = variableOccurrences(target).find((o) => contains(o.range, pos));
  if (!occ) return undefined;
  const find = scopeGroups(doc, occ.name);
  const group = find(occ.scope);
  const out: Occurrence[] = [];
  for (const i of doc.instructions) {
    const t = i.keyword === 'ONBUILD' ? i.trigger() ?? i : i;
    for (const o of variableOccurrences(t)) {
      if (o.name === occ.name && find(o.scope) === group) out.push(o);
    }
  }
  return out;
}

/** Occurrences of the stage named at `pos`. */
export function stageGroupAt(doc: ParsedDocument, pos: Position): StageRef[] | undefined {
  const ins = doc.instructionAtLine(pos.line);
  if (!ins) return undefined;
  const hit = stageRefAt(doc, ins, pos);
  if (!hit) return undefined;
  return allStageRefs(doc).filter((r) => r.stage === hit.stage);
}
