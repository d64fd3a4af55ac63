/**
 * Hover: reference docs for instructions, flags, mount keys, directives, predefined ARGs and heredocs;
 * the value and origin of variables; the FROM line of a stage. Reads only the cached model.
 */
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { directiveDoc, flagDoc, instructionDoc, mountOptionDoc, mountTypeDoc, predefinedArgDoc } from '../docs';
import { directiveMarkdown, fence, flagMarkdown, FULL_PAGES, instructionMarkdown, type HoverLinks } from './reference';
import { HEREDOC, HEREDOC_LINK } from '../docs/heredoc';
import { block, Lang, perLang, pick } from '../../../common/src/i18n';
import { contains, FlagInfo, Instr, ParsedDocument, VarDef } from './document';

export { instructionMarkdown } from './reference';
import { stageRefAt, variableAt, type StageRef } from './references';
import { MULTI_STAGE_LINK, STAGE_BUILDERS, STAGE_USE, type StageUse } from '../docs/stages';

const T = {
  reference: { ko: 'Docker 문서', en: "Docker's reference" },
};

function hoverAt(value: string, range?: Range): Hover {
  return { contents: { kind: 'markdown', value }, range };
}

export interface HoverExtras {
  /** What the editor opens from a hover: with commands, doc hovers show their first screen and link the rest. */
  links?: HoverLinks;
  /** Extra markdown appended for an instruction (e.g. the effective command of CMD/ENTRYPOINT). */
  instructionAddon?: (ins: Instr) => string | null;
  /** Markdown explaining diagnostics at the position (rule "why"). */
  diagnosticAddon?: (pos: Position) => string | null;
}

export function hover(doc: ParsedDocument, pos: Position, lang: Lang, extras: HoverExtras = {}): Hover | null {
  const main = mainHover(doc, pos, lang, extras);
  const why = extras.diagnosticAddon?.(pos) ?? null;
  if (!main && !why) return null;
  if (!why) return main;
  const text = main ? `${(main.contents as { value: string }).value}\n\n---\n\n${why}` : why;
  return hoverAt(text, main?.range);
}

function mainHover(doc: ParsedDocument, pos: Position, lang: Lang, extras: HoverExtras): Hover | null {
  // Parser directives in the header.
  const directive = doc.directives.find((d) => d.line === pos.line);
  if (directive) {
    const d = directiveDoc(directive.name.toLowerCase());
    if (d) {
      return hoverAt(
        directiveMarkdown(d, lang, extras.links ?? FULL_PAGES),
        directive.range,
      );
    }
  }

  const ins = doc.instructionAtLine(pos.line);
  if (!ins || !contains(ins.range, pos)) return null;

  // The keyword.
  if (contains(ins.keywordRange, pos)) {
    const d = instructionDoc(ins.keyword);
    if (!d) return null;
    // The instruction's own doc first; the effective command (CMD, ENTRYPOINT, the final FROM) after it.
    const doc_ = instructionMarkdown(d, lang, extras.links ?? FULL_PAGES);
    const addon = extras.instructionAddon?.(ins) ?? null;
    return hoverAt(addon ? `${doc_}\n\n---\n\n${addon}` : doc_, ins.keywordRange);
  }

  // ONBUILD's trigger keyword gets the trigger's own docs.
  if (ins.keyword === 'ONBUILD') {
    const trig = ins.trigger();
    if (trig && contains(trig.keywordRange, pos)) {
      const d = instructionDoc(trig.keyword);
      if (d) return hoverAt(instructionMarkdown(d, lang, extras.links ?? FULL_PAGES), trig.keywordRange);
    }
  }
  const target = ins.keyword === 'ONBUILD' ? ins.trigger() ?? ins : ins;

  // Flags and RUN --mount options. On a flag's value (`--from=build`), a stage or variable there comes first.
  for (const f of target.flags()) {
    if (!contains(f.range, pos)) continue;
    if (f.name !== 'mount' && f.valueRange && contains(f.valueRange, pos)) {
      const ref = stageRefAt(doc, target, pos);
      if (ref) return hoverAt(stageMarkdown(doc, ref, target, lang), ref.range);
      const v = variableAt(doc, target, pos);
      if (v) return variableHover(doc, v.name, v.range, pos.line, lang, v.def);
    }
    const h = flagHover(target.keyword, f, pos, lang, extras.links ?? FULL_PAGES);
    if (h) return h;
  }

  // Heredoc markers.
  for (const h of target.heredocs()) {
    if (contains(h.startRange, pos)) {
      return hoverAt(perLang(lang, (l) => `**<<${h.name}** — heredoc\n\n${pick(HEREDOC, l)}\n\n[${pick(T.reference, l)}](${HEREDOC_LINK})`), h.startRange);
    }
  }

  // Stage references: FROM <stage>, COPY --from=<stage>, FROM … AS <name>.
  const ref = stageRefAt(doc, target, pos);
  if (ref) return hoverAt(stageMarkdown(doc, ref, target, lang), ref.range);

  // Variables: definitions (ARG/ENV names) and references ($X, ${X:-y}).
  const v = variableAt(doc, target, pos);
  if (v) return variableHover(doc, v.name, v.range, pos.line, lang, v.def);
  return null;
}

function flagHover(keyword: string, f: FlagInfo, pos: Position, lang: Lang, links: HoverLinks): Hover | null {
  if (keyword === 'RUN' && f.name === 'mount') {
    const type = f.options.find((o) => o.name === 'type')?.value ?? 'bind';
    for (const o of f.options) {
      if (!contains(o.range, pos)) continue;
      if (o.name === 'type') {
        const t = mountTypeDoc(o.value ?? '');
        if (t) {
          return hoverAt(
            perLang(lang, (l) => [`**--mount=type=${t.type}** — ${pick(t.summary, l)}`, fence(t.example), `[${pick(T.reference, l)}](${t.link})`].join('\n\n')),
            o.range,
          );
        }
      } else {
        const opt = mountOptionDoc(type, o.name);
        if (opt) {
          return hoverAt(perLang(lang, (l) => [`**${opt.key}** (\`type=${type}\`)`, fence(opt.syntax), pick(opt.doc, l)].join('\n\n')), o.range);
        }
      }
    }
  }
  const d = flagDoc(keyword, f.name);
  if (!d) return null;
  return hoverAt(
    flagMarkdown(keyword, d, lang, links),
    f.range,
  );
}

/** The stage a name points at, where it is, and what this use of the name does to the build. */
function stageMarkdown(doc: ParsedDocument, ref: StageRef, using: Instr, lang: Lang): string {
  const stage = ref.stage;
  const fromLine = doc.lineText(stage.from.startLine).trim();
  const name = stage.name ?? `${stage.index} (${stage.image ?? '?'})`;
  const use: StageUse = ref.isDefinition ? 'definition' : using.keyword === 'FROM' ? 'base' : using.keyword === 'RUN' ? 'mount' : 'copy';
  return perLang(lang, (l) => {
    const head =
      l === 'ko'
        ? `**스테이지 \`${name}\`** (${stage.index + 1}번째 스테이지, ${stage.from.startLine + 1}번 줄)`
        : `**Stage \`${name}\`** (stage ${stage.index + 1}, line ${stage.from.startLine + 1})`;
    const teach = use === 'definition' ? pick(STAGE_USE[use], l) : `${pick(STAGE_USE[use], l)} ${pick(STAGE_BUILDERS, l)}`;
    return [head, teach, fence(fromLine), `[${pick(T.reference, l)}](${MULTI_STAGE_LINK})`].join('\n\n');
  });
}

function variableHover(doc: ParsedDocument, name: string, range: Range, line: number, lang: Lang, def: VarDef | undefined): Hover | null {
  const predefined = predefinedArgDoc(name);
  const resolved = def ? doc.valueOf(def) : doc.valueAt(name, line);
  if (!resolved && !predefined) return null;
  return hoverAt(
    perLang(lang, (l) => {
      const parts: string[] = [];
      if (resolved) {
        const d = resolved.def;
        const where = d.instr.startLine + 1;
        const value = resolved.value;
        const shown = value === null ? (l === 'ko' ? '_(값 없음: 빌드할 때 `--build-arg` 옵션으로 받습니다)_' : '_(no value: taken from `--build-arg` at build time)_') : '`' + value.replace(/`/g, "'") + '`';
        const kind = d.kind === 'ARG' ? (l === 'ko' ? '빌드 인자(ARG)' : 'build argument (ARG)') : l === 'ko' ? '환경 변수(ENV)' : 'environment variable (ENV)';
        const scope =
          d.stage === null
            ? l === 'ko'
              ? '전역 범위(첫 FROM 앞)'
              : 'global scope (before the first FROM)'
            : l === 'ko'
              ? `스테이지 \`${d.stage.name ?? d.stage.index}\``
              : `stage \`${d.stage.name ?? d.stage.index}\``;
        parts.push(`**${name}** — ${kind}`);
        parts.push(l === 'ko' ? `이 줄에서의 값: ${shown}` : `Value at this line: ${shown}`);
        parts.push(l === 'ko' ? `설정 위치: ${where}번 줄, ${scope}` : `Set at: line ${where}, ${scope}`);
        if (resolved.from) {
          parts.push(
            l === 'ko'
              ? `기본값은 ${resolved.from.instr.startLine + 1}번 줄의 전역 \`ARG\`에서 옵니다.`
              : `The default comes from the global \`ARG\` on line ${resolved.from.instr.startLine + 1}.`,
          );
        }
        if (d.kind === 'ARG') {
          parts.push(l === 'ko' ? '`docker build --build-arg` 옵션으로 값을 바꿀 수 있습니다.' : 'Can be overridden with `docker build --build-arg`.');
        }
      }
      if (predefined) {
        parts.push(`**${name}** — ${pick(predefined.summary, l)}` + (predefined.example ? ` (\`${predefined.example}\`)` : ''));
      }
      return parts.join('\n\n');
    }),
    range,
  );
}

export { block };
