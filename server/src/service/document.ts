/**
 * The parsed model of one document version: built once per version from cached chunk parses (chunks.ts)
 * and read by every feature. Nothing in a request handler parses text again.
 *
 * All positions here are document positions (0-based lines, UTF-16 characters), already shifted from the
 * chunk-relative positions of the dockerfile-ast objects underneath.
 */
import {
  Dockerfile,
  Flag,
  Heredoc,
  Instruction,
  JSONInstruction,
  ModifiableInstruction,
  Property,
  PropertyInstruction,
  Variable,
} from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { Chunk, PlacedChunk, chunkDocument, directiveLineCount, splitLinesKeepEnds } from './chunks';
import { drain } from './steps';

export interface Span {
  value: string;
  range: Range;
}

export interface FlagOptionInfo {
  name: string;
  nameRange: Range;
  value: string | null;
  valueRange: Range | null;
  range: Range;
}

export interface FlagInfo {
  name: string;
  nameRange: Range;
  value: string | null;
  valueRange: Range | null;
  range: Range;
  options: FlagOptionInfo[];
}

export interface HeredocInfo {
  name: string;
  /** The `<<EOF` marker on the instruction line. */
  startRange: Range;
  nameRange: Range;
  /** The body, without the delimiter line; null when empty. */
  contentRange: Range | null;
  /** The closing delimiter line; null when the heredoc is unterminated. */
  delimiterRange: Range | null;
}

export interface VariableRef {
  name: string;
  nameRange: Range;
  range: Range;
  /** `-`, `+`, `?`, … as in `${X:-default}`; null when none. */
  modifier: string | null;
  substitution: string | null;
}

export interface PropertyInfo {
  name: string;
  nameRange: Range;
  value: string | null;
  valueRange: Range | null;
  /** `=` or null for the legacy `KEY value` form. */
  operator: string | null;
  range: Range;
}

export interface Directive {
  name: string;
  value: string;
  line: number;
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

export interface CommentInfo {
  line: number;
  /** Text after `#`, trimmed. */
  content: string;
  range: Range;
}

/** One instruction of the document (ONBUILD triggers are reachable through `trigger`). */
export class Instr {
  /** Upper-case keyword as Docker reads it (`run` → `RUN`). */
  readonly keyword: string;
  readonly range: Range;
  readonly keywordRange: Range;
  stage: Stage | undefined;
  private _args?: Span[];
  private _flags?: FlagInfo[];
  private _json?: Span[] | null;

  constructor(
    readonly doc: ParsedDocument,
    readonly index: number,
    readonly ast: Instruction,
    readonly delta: number,
  ) {
    const rel = relativeInfo(ast);
    this.keyword = rel.keyword;
    // Shared with the previous version when the instruction did not move: every version builds an Instr for each
    // instruction, and fresh range objects for all of them were a third of what an edit of a long file allocated.
    const placed = atDelta(rel, 'placed', delta, ast, placedAt);
    this.range = placed.range;
    this.keywordRange = placed.keywordRange;
  }

  get startLine(): number {
    return this.range.start.line;
  }
  get endLine(): number {
    return this.range.end.line;
  }
  /** The keyword exactly as written (may be lower case or contain an escaped newline). */
  get keywordText(): string {
    return this.ast.getInstruction();
  }

  /** Arguments after the keyword (and after flags for instructions that take flags). */
  args(): Span[] {
    const rel = relativeInfo(this.ast);
    rel.args ??= this.ast.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
    return (this._args ??= atDelta(rel, 'args', this.delta, this.ast, argsAt));
  }

  /**
   * Where the first argument starts (after flags), or null when there is none. Cheaper than args()[0]: the shell
   * parse of every RUN needs only this, and building every argument's span for it held ~2 MiB on a
   * 10,000-line file.
   */
  firstArgumentStart(): Position | null {
    const rel = relativeInfo(this.ast);
    const first = rel.args ? rel.args[0]?.range : this.ast.getArguments()[0]?.getRange();
    return first ? { line: first.start.line + this.delta, character: first.start.character } : null;
  }

  /** The arguments' text with line continuations removed, as Docker joins them. */
  argsContent(): string {
    const rel = relativeInfo(this.ast);
    return (rel.argsContent ??= this.ast.getArgumentsContent() ?? '');
  }

  /** The arguments' text exactly as written (continuations included). */
  rawArgsContent(): string {
    const rel = relativeInfo(this.ast);
    return (rel.rawArgsContent ??= this.ast.getRawArgumentsContent() ?? '');
  }

  argsRange(): Range | null {
    const rel = relativeInfo(this.ast);
    if (rel.argsRange === undefined) rel.argsRange = this.ast.getArgumentsRange();
    return rel.argsRange ? shiftRange(rel.argsRange, this.delta) : null;
  }

  /** The instruction's text in the document, exactly as written. */
  text(): string {
    return this.doc.getText(this.range);
  }

  flags(): FlagInfo[] {
    if (this._flags) return this._flags;
    const rel = relativeInfo(this.ast);
    rel.flags ??=
      this.ast instanceof ModifiableInstruction
        ? this.ast.getFlags().map((f: Flag) => ({
            name: f.getName(),
            nameRange: f.getNameRange(),
            value: f.getValue(),
            valueRange: f.getValueRange(),
            range: f.getRange(),
            options: f.getOptions().map((o) => ({
              name: o.getName(),
              nameRange: o.getNameRange(),
              value: o.getValue(),
              valueRange: o.getValueRange(),
              range: o.getRange(),
            })),
          }))
        : [];
    this._flags = atDelta(rel, 'flags', this.delta, this.ast, flagsAt);
    return this._flags;
  }

  flag(name: string): FlagInfo | undefined {
    for (const f of this.flags()) if (f.name === name) return f;
    return undefined;
  }

  /**
   * For CMD, ENTRYPOINT, RUN, SHELL, COPY, ADD, VOLUME: the exec-form strings, or null in shell form.
   * Decided as Docker does: the arguments (flags removed, continuations joined) must parse as a JSON array of
   * strings; anything else (single quotes, a trailing comma, a number) is shell form.
   */
  jsonStrings(): Span[] | null {
    if (this._json !== undefined) return this._json;
    const rel = relativeInfo(this.ast);
    if (rel.json === undefined) rel.json = this.relativeJson();
    const json = rel.json;
    this._json = json ? atDelta(rel, 'json', this.delta, this.ast, jsonAt) : null;
    return this._json;
  }

  private relativeJson(): Span[] | null {
    if (!(this.ast instanceof JSONInstruction)) return null;
    const content = this.argsContent().trim();
    if (!content.startsWith('[')) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return null;
    const strings = this.ast.getJSONStrings();
    const whole = this.ast.getArgumentsRange() ?? this.ast.getRange();
    return (parsed as string[]).map((value, i) => ({
      value,
      range: strings.length === parsed.length ? strings[i].getJSONRange() : whole,
    }));
  }

  /** True when written in exec (JSON array) form. */
  isExecForm(): boolean {
    return this.jsonStrings() !== null;
  }

  heredocs(): HeredocInfo[] {
    const ast = this.ast as Instruction & { getHeredocs?: () => Heredoc[] };
    if (typeof ast.getHeredocs !== 'function') return [];
    const d = this.delta;
    const rel = relativeInfo(this.ast);
    // A heredoc needs `<<` in the arguments; skip dockerfile-ast's scan for the many instructions without one.
    rel.heredocs ??= this.rawArgsContent().includes('<<') ? ast.getHeredocs() : [];
    return rel.heredocs.map((h) => ({
      name: h.getName(),
      startRange: shiftRange(h.getStartRange(), d),
      nameRange: shiftRange(h.getNameRange(), d),
      contentRange: h.getContentRange() ? shiftRange(h.getContentRange()!, d) : null,
      delimiterRange: h.getDelimiterRange() ? shiftRange(h.getDelimiterRange()!, d) : null,
    }));
  }

  /** `$VAR` / `${VAR…}` references in the arguments. */
  variables(): VariableRef[] {
    const rel = relativeInfo(this.ast);
    rel.variables ??= this.ast.getVariables();
    return rel.variables.map((v: Variable) => ({
      name: v.getName(),
      nameRange: shiftRange(v.getNameRange(), this.delta),
      range: shiftRange(v.getRange(), this.delta),
      modifier: v.getModifier(),
      substitution: v.getSubstitutionParameter(),
    }));
  }

  /** For ARG, ENV, LABEL: the `name=value` properties (shared between versions where the instruction did not move). */
  properties(): PropertyInfo[] {
    if (!(this.ast instanceof PropertyInstruction)) return [];
    return atDelta(relativeInfo(this.ast), 'properties', this.delta, this.ast, propertiesAt);
  }

  /** For ONBUILD: the trigger instruction, positioned in the document. */
  trigger(): Instr | null {
    const t = (this.ast as Instruction & { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
    if (!t) return null;
    const trigger = new Instr(this.doc, this.index, t, this.delta);
    // The trigger is written in this stage: its variables and stage references are looked up from here.
    trigger.stage = this.stage;
    return trigger;
  }

  /** For FROM: the image reference as written, e.g. `debian:bookworm` or `$BASE`. */
  fromImage(): Span | null {
    const from = this.fromParts();
    return from?.image ? { value: from.image.value, range: shiftRange(from.image.range, this.delta) } : null;
  }

  /** For FROM: the stage name after AS, as written. */
  fromStageName(): Span | null {
    const from = this.fromParts();
    return from?.stage ? { value: from.stage.value, range: shiftRange(from.stage.range, this.delta) } : null;
  }

  /**
   * A FROM's image and stage name at the AST's own lines, asked of dockerfile-ast once per AST: every version builds
   * its stages from them, and dockerfile-ast works them out again on each call.
   */
  private fromParts(): { image: Span | null; stage: Span | null } | null {
    if (this.keyword !== 'FROM') return null;
    const rel = relativeInfo(this.ast);
    if (rel.from === undefined) {
      const ast = this.ast as Instruction & {
        getImage?: () => string | null;
        getImageRange?: () => Range | null;
        getBuildStage?: () => string | null;
        getBuildStageRange?: () => Range | null;
      };
      const span = (value: string | null | undefined, range: Range | null | undefined): Span | null => (value != null && range ? { value, range } : null);
      rel.from = ast.getImage ? { image: span(ast.getImage(), ast.getImageRange?.()), stage: span(ast.getBuildStage?.(), ast.getBuildStageRange?.()) } : null;
    }
    return rel.from;
  }
}

/** A build stage: a FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  from: Instr;
  /** Name after AS (as written), if any. */
  name: string | null;
  nameRange: Range | null;
  /** Image reference as written (may contain variables or name another stage). */
  image: string | null;
  imageRange: Range | null;
  /** The earlier stage this one is built FROM, when the image names one. */
  parent: Stage | null;
  instructions: Instr[];
  startLine: number;
  endLine: number;
}

/** One ARG or ENV definition. */
export interface VarDef {
  kind: 'ARG' | 'ENV';
  name: string;
  nameRange: Range;
  /** Value as written (null for `ARG NAME` without a default). */
  value: string | null;
  valueRange: Range | null;
  instr: Instr;
  /** The stage it belongs to; null for ARGs before the first FROM (global scope). */
  stage: Stage | null;
}

/** Chunks walked ahead of building a document (slicedParse.ts). */
export interface PreparedChunks {
  readonly lines: string[];
  readonly escapeChar: string;
  readonly placed: PlacedChunk[];
  readonly byKey: Map<string, Chunk>;
}

/** See ParsedDocument.chunkView. */
interface ChunkViewOf {
  readonly of: ParsedDocument;
  readonly placed: PlacedChunk;
}

/**
 * What a new version reuses from an earlier parse: its chunks, keyed by text (a ParsedDocument is one; so is the
 * result of a sliced pre-parse, see slicedParse.ts).
 */
export interface ChunkReuse {
  readonly escapeChar: string;
  readonly chunkCache: Map<string, Chunk>;
}

export class ParsedDocument {
  /**
   * Offset where each line starts, and the text's length last. Kept instead of the lines themselves: a string per
   * line cost ~0.4 MiB per version of a 10,000-line file, held for as long as the version and rebuilt by every edit.
   */
  private readonly lineStarts: Int32Array;
  /** Lines of parser directives at the top. */
  private readonly directiveLines: number;
  readonly escapeChar: string;
  readonly directives: Directive[] = [];
  readonly instructions: Instr[] = [];
  readonly comments: CommentInfo[] = [];
  readonly stages: Stage[] = [];
  readonly globalArgs: VarDef[] = [];
  readonly varDefs: VarDef[] = [];
  readonly placed: PlacedChunk[];
  /** Chunks by cache key, handed to the next version for reuse. */
  readonly chunkCache: Map<string, Chunk>;
  /** Lower-cased stage name → first stage of that name. */
  private readonly stageNames = new Map<string, Stage>();

  /**
   * `prepared`: the chunks were already walked (slicedParse.ts), and the caller runs buildSteps() itself, a slice at
   * a time. Without it the whole document is parsed and built here, at once.
   */
  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    previous?: ChunkReuse,
    prepared?: PreparedChunks | ChunkViewOf,
  ) {
    if (prepared && 'of' in prepared) {
      // A view of one chunk (chunkView): the whole document's text and line table, one chunk's instructions.
      this.lineStarts = prepared.of.lineStarts;
      this.directiveLines = prepared.of.directiveLines;
      this.escapeChar = prepared.of.escapeChar;
      this.placed = [prepared.placed];
      this.chunkCache = new Map();
      this.build();
      return;
    }
    if (prepared) {
      this.lineStarts = lineStartsOf(prepared.lines);
      this.directiveLines = directiveLineCount(prepared.lines);
      this.escapeChar = prepared.escapeChar;
      this.placed = prepared.placed;
      this.chunkCache = prepared.byKey;
      return;
    }
    const lines = splitLinesKeepEnds(text);
    this.lineStarts = lineStartsOf(lines);
    this.directiveLines = directiveLineCount(lines);
    this.escapeChar = readEscape(lines);
    const reuse = previous && previous.escapeChar === this.escapeChar ? previous.chunkCache : undefined;
    const { placed, byKey } = chunkDocument(lines, this.escapeChar, reuse);
    this.placed = placed;
    this.chunkCache = byKey;
    this.build();
  }

  get lineCount(): number {
    return this.lineStarts.length - 1;
  }

  /**
   * This version reduced to one of its placed chunks: the same text and positions, only that chunk's instructions
   * and comments. Rules that judge each instruction on its own run on it (rules/localRules.ts), so that an edit
   * re-runs them over the chunk it touched, not over the whole document. Whatever lies outside the chunk (stages
   * begun earlier, ARG and ENV definitions, SHELL) is not in the view: only a rule that reads none of it may use one.
   */
  chunkView(placed: PlacedChunk): ParsedDocument {
    return new ParsedDocument(this.uri, this.version, this.text, undefined, { of: this, placed });
  }

  /** Text of a line with its line terminator ('' past the end). */
  rawLine(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    return this.text.slice(this.lineStarts[line], this.lineStarts[line + 1]);
  }

  /** Text of a line without its line terminator. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Offset of the end of a line's text, before its terminator. */
  private lineEnd(line: number): number {
    let end = this.lineStarts[line + 1];
    const start = this.lineStarts[line];
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineCount) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    return start + Math.max(0, Math.min(pos.character, this.lineEnd(pos.line) - start));
  }

  positionAt(offset: number): Position {
    const offsets = this.lineStarts;
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - offsets[lo] };
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The instruction whose range contains the line (binary search). */
  instructionAtLine(line: number): Instr | undefined {
    const list = this.instructions;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ins = list[mid];
      if (line < ins.startLine) hi = mid - 1;
      else if (line > ins.endLine) lo = mid + 1;
      else return ins;
    }
    return undefined;
  }

  /** The instruction on the position's line, also where the position is past its text (trailing spaces). */
  instructionAt(pos: Position): Instr | undefined {
    return this.instructionAtLine(pos.line);
  }

  /** The stage a line belongs to (null before the first FROM). */
  stageAtLine(line: number): Stage | null {
    let found: Stage | null = null;
    for (const s of this.stages) {
      if (s.startLine <= line) found = s;
      else break;
    }
    return found;
  }

  stageByName(name: string): Stage | undefined {
    return this.stageNames.get(name.toLowerCase());
  }

  /** Stage referenced by `COPY --from=X` / `FROM X` / `--mount=from=X`: a name or an index. */
  resolveStageRef(ref: string, before: number): Stage | undefined {
    if (/^\d+$/.test(ref)) {
      const s = this.stages[Number(ref)];
      return s && s.index < before ? s : undefined;
    }
    const s = this.stageByName(ref);
    return s && s.index < before ? s : undefined;
  }

  /** ARG/ENV definitions visible at a line, latest definition per name wins (Docker's scoping). */
  visibleVars(line: number): Map<string, VarDef> {
    const out = new Map<string, VarDef>();
    const stage = this.stageAtLine(line);
    if (!stage) {
      for (const d of this.globalArgs) if (d.instr.endLine < line) out.set(d.name, d);
      return out;
    }
    // A stage built `FROM <stage>` starts with that stage's ENV (part of its image config) and, with BuildKit, its
    // ARGs too (the legacy builder drops them; test/claims/stages.test.ts builds both). BuildKit is Docker's builder
    // since 23.0, so its scoping is the one shown.
    const chain: Stage[] = [];
    for (let s: Stage | null = stage; s; s = s.parent) chain.unshift(s);
    for (const s of chain) {
      for (const d of this.varDefs) {
        if (d.stage !== s) continue;
        if (s === stage ? d.instr.endLine >= line : false) continue;
        out.set(d.name, d);
      }
    }
    return out;
  }

  /**
   * The effective value of a variable at a line as far as the Dockerfile alone tells: follows `ARG X` without a
   * default back to the global `ARG X=default`, and substitutes nothing else.
   */
  valueAt(name: string, line: number): { def: VarDef; value: string | null; from?: VarDef } | undefined {
    const def = this.visibleVars(line).get(name);
    return def ? this.valueOf(def) : undefined;
  }

  /** A definition's value; a stage's `ARG X` without a default takes the global `ARG X=…`'s default. */
  valueOf(def: VarDef): { def: VarDef; value: string | null; from?: VarDef } {
    if (def.kind === 'ARG' && def.value === null && def.stage) {
      const global = [...this.globalArgs].reverse().find((g) => g.name === def.name);
      if (global) return { def, value: global.value, from: global };
    }
    return { def, value: def.value };
  }

  private build(): void {
    drain(this.buildSteps());
  }

  /** Every this many instructions, buildSteps() pauses (see slicedParse.ts). */
  static readonly BUILD_STEP = 400;

  /** Builds the model from the placed chunks, pausing every BUILD_STEP instructions. */
  *buildSteps(): Generator<void, void, void> {
    // Directives and comments.
    const first = this.placed[0];
    // Only the document's first chunk holds its directives (a later chunk's view starts below them).
    if (first && first.startLine === 0) {
      const n = this.directiveLines;
      for (const d of first.chunk.ast.getDirectives()) {
        const r = shiftRange(d.getRange(), first.lineDelta);
        if (r.start.line >= n) continue;
        this.directives.push({
          name: d.getName(),
          value: d.getValue(),
          line: r.start.line,
          range: r,
          nameRange: shiftRange(d.getNameRange(), first.lineDelta),
          valueRange: shiftRange(d.getValueRange(), first.lineDelta),
        });
      }
    }
    for (const pc of this.placed) {
      for (const c of placedComments(pc)) this.comments.push(c);
      for (const ast of pc.chunk.ast.getInstructions()) {
        if (ast.getRange().start.line < pc.chunk.prefixLines) continue;
        this.instructions.push(new Instr(this, this.instructions.length, ast, pc.lineDelta));
        if (this.instructions.length % ParsedDocument.BUILD_STEP === 0) yield;
      }
    }
    // Stages.
    let current: Stage | null = null;
    let n = 0;
    for (const ins of this.instructions) {
      if (++n % ParsedDocument.BUILD_STEP === 0) yield;
      if (ins.keyword === 'FROM') {
        const name = ins.fromStageName();
        const image = ins.fromImage();
        current = {
          index: this.stages.length,
          from: ins,
          name: name?.value ?? null,
          nameRange: name?.range ?? null,
          image: image?.value ?? null,
          imageRange: image?.range ?? null,
          parent: null,
          instructions: [],
          startLine: ins.startLine,
          endLine: ins.endLine,
        };
        // A map, not a scan of the earlier stages: a generated file with thousands of stages made the scan
        // quadratic (seconds for a 5 MB Dockerfile). The first stage of a name wins, as the scan did.
        if (current.image) current.parent = this.stageNames.get(current.image.toLowerCase()) ?? null;
        this.stages.push(current);
        if (current.name !== null && !this.stageNames.has(current.name.toLowerCase())) this.stageNames.set(current.name.toLowerCase(), current);
      }
      ins.stage = current ?? undefined;
      if (current) {
        current.instructions.push(ins);
        current.endLine = ins.endLine;
      }
      if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
        for (const p of ins.properties()) {
          if (!p.name) continue;
          const def: VarDef = {
            kind: ins.keyword,
            name: p.name,
            nameRange: p.nameRange,
            value: p.value,
            valueRange: p.valueRange,
            instr: ins,
            stage: current,
          };
          this.varDefs.push(def);
          if (!current && ins.keyword === 'ARG') this.globalArgs.push(def);
        }
      }
    }
    // A stage reaches to the line before the next FROM, so trailing comments belong to it.
    for (let i = 0; i < this.stages.length; i++) {
      const next = this.stages[i + 1];
      this.stages[i].endLine = Math.max(this.stages[i].endLine, next ? next.startLine - 1 : this.lineCount - 1);
    }
  }
}

/** A chunk's comments at its place in the document, kept on the chunk for the next version at the same place. */
function placedComments(pc: PlacedChunk): CommentInfo[] {
  const memo = pc.chunk.memo.get('comments') as { delta: number; list: CommentInfo[] } | undefined;
  if (memo && memo.delta === pc.lineDelta) return memo.list;
  const list: CommentInfo[] = [];
  for (const c of pc.chunk.ast.getComments()) {
    const r = shiftRange(c.getRange(), pc.lineDelta);
    if (r.start.line < pc.startLine) continue; // the synthetic escape directive of later chunks
    list.push({ line: r.start.line, content: c.getContent(), range: r });
  }
  pc.chunk.memo.set('comments', { delta: pc.lineDelta, list });
  return list;
}

interface RelativeInfo {
  keyword: string;
  range: Range;
  keywordRange: Range;
  variables?: Variable[];
  heredocs?: Heredoc[];
  argsContent?: string;
  rawArgsContent?: string;
  argsRange?: Range | null;
  args?: Span[];
  flags?: FlagInfo[];
  json?: Span[] | null;
  /** FROM only: see Instr.fromParts. */
  from?: { image: Span | null; stage: Span | null } | null;
  shifted?: Partial<Record<'placed' | 'args' | 'flags' | 'json' | 'properties', { delta: number; value: unknown }>>;
}

/**
 * What every version needs of an AST instruction, computed once per AST object. ASTs are shared across versions
 * (chunk reuse), so a version only shifts these ranges instead of asking dockerfile-ast again.
 */
const relativeCache = new WeakMap<Instruction, RelativeInfo>();
function relativeInfo(ast: Instruction): RelativeInfo {
  let info = relativeCache.get(ast);
  if (!info) {
    info = { keyword: ast.getKeyword(), range: ast.getRange(), keywordRange: ast.getInstructionRange() };
    relativeCache.set(ast, info);
  }
  return info;
}

export function readEscape(lines: string[]): string {
  const n = directiveLineCount(lines);
  let escape = '\\';
  for (let i = 0; i < n; i++) {
    const m = /^\uFEFF?[ \t]*#[ \t]*escape[ \t]*=[ \t]*(\S*)/i.exec(lines[i]);
    if (m) {
      // dockerfile-ast accepts only ` and \ ; anything else keeps the default.
      if (m[1] === '`' || m[1] === '\\') escape = m[1];
      break;
    }
  }
  return escape;
}

function lineStartsOf(lines: string[]): Int32Array {
  const out = new Int32Array(lines.length + 1);
  let o = 0;
  for (let i = 0; i < lines.length; i++) {
    out[i] = o;
    o += lines[i].length;
  }
  out[lines.length] = o;
  return out;
}

export function shiftRange(r: Range, delta: number): Range {
  if (delta === 0) return r;
  return {
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  };
}

/**
 * The shifted form of a chunk-relative value, cached for the last delta it was asked at: a chunk that did not move
 * between versions (every chunk, for an edit inside a line) hands out the same objects again instead of garbage.
 */
/**
 * `make` is a module-level function (placedAt, argsAt, …) given what it needs, not a closure: this runs for every
 * instruction of every version, and a closure per call was a good part of what building a version allocated.
 */
function atDelta<T>(rel: RelativeInfo, key: keyof NonNullable<RelativeInfo['shifted']>, delta: number, ast: Instruction, make: (rel: RelativeInfo, delta: number, ast: Instruction) => T): T {
  const slot = rel.shifted?.[key];
  if (slot && slot.delta === delta) return slot.value as T;
  const value = make(rel, delta, ast);
  (rel.shifted ??= {})[key] = { delta, value };
  return value;
}

function placedAt(rel: RelativeInfo, delta: number): { range: Range; keywordRange: Range } {
  return { range: shiftRange(rel.range, delta), keywordRange: shiftRange(rel.keywordRange, delta) };
}

function argsAt(rel: RelativeInfo, delta: number): Span[] {
  return shiftSpans(rel.args!, delta);
}

function jsonAt(rel: RelativeInfo, delta: number): Span[] {
  return shiftSpans(rel.json!, delta);
}

function flagsAt(rel: RelativeInfo, d: number): FlagInfo[] {
  return rel.flags!.map((f) => ({
    ...f,
    nameRange: shiftRange(f.nameRange, d),
    valueRange: f.valueRange ? shiftRange(f.valueRange, d) : null,
    range: shiftRange(f.range, d),
    options: f.options.map((o) => ({
      ...o,
      nameRange: shiftRange(o.nameRange, d),
      valueRange: o.valueRange ? shiftRange(o.valueRange, d) : null,
      range: shiftRange(o.range, d),
    })),
  }));
}

function propertiesAt(_rel: RelativeInfo, d: number, ast: Instruction): PropertyInfo[] {
  return (ast as PropertyInstruction).getProperties().map((p: Property) => ({
    name: p.getName(),
    nameRange: shiftRange(p.getNameRange(), d),
    value: p.getValue(),
    valueRange: p.getValueRange() ? shiftRange(p.getValueRange()!, d) : null,
    operator: p.getAssignmentOperator(),
    range: shiftRange(p.getRange(), d),
  }));
}

/** Shifted copies of chunk-relative spans. */
function shiftSpans(spans: Span[], delta: number): Span[] {
  return delta === 0 ? spans : spans.map((x) => ({ value: x.value, range: shiftRange(x.range, delta) }));
}

export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/**
 * A Dockerfile value with one pair of matching quotes around it removed (`"/app"` → `/app`, `'a b'` → `a b`), as
 * the builder reads a WORKDIR path or an ARG default written as one quoted word. An unbalanced quote is left in
 * place: BuildKit rejects it, so there is no value to guess.
 */
export function stripQuotes(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

export type { Dockerfile };
