/**
 * Completion. Decides the context from the text before the cursor on the current line plus the cached model
 * (which instruction the line belongs to), then offers instructions, flags, mount types and keys, stage names,
 * variables, directives or Debian packages, each with its bilingual doc.
 */
import type { CompletionItem, CompletionItemKind, Position, Range } from 'vscode-languageserver-types';
import { APT_PACKAGES } from '../docs/aptPackages';
import { DIRECTIVES } from '../docs/directives';
import { FLAGS } from '../docs/flags';
import { INSTRUCTIONS } from '../docs/instructions';
import { MOUNT_TYPES } from '../docs/mounts';
import { PREDEFINED_ARGS } from '../docs/predefinedArgs';
import { block, fillMsg, Lang, msg, Msg, perLang, pick } from '../../../common/src/i18n';
import { snippetItems } from './snippets';
import { ParsedDocument } from './document';
import { instructionMarkdown } from './hover';

// LSP numeric enums, spelled out to keep this module free of runtime imports.
const Kind = { Keyword: 14, Snippet: 15, Property: 10, Variable: 6, Module: 9, Value: 12, EnumMember: 20, Reference: 18 } as const;
const SNIPPET = 2 as const;

/** Snippet bodies for each instruction: the common shape, with tab stops. */
const INSTRUCTION_SNIPPETS: Record<string, string> = {
  FROM: 'FROM ${1:debian:bookworm}',
  RUN: 'RUN ${1:command}',
  CMD: 'CMD ["${1:executable}"${2:, "${3:arg}"}]',
  LABEL: 'LABEL ${1:key}="${2:value}"',
  MAINTAINER: 'MAINTAINER ${1:name}',
  EXPOSE: 'EXPOSE ${1:80}',
  ENV: 'ENV ${1:KEY}=${2:value}',
  ADD: 'ADD ${1:source} ${2:destination}',
  COPY: 'COPY ${1:source} ${2:destination}',
  ENTRYPOINT: 'ENTRYPOINT ["${1:executable}"${2:, "${3:arg}"}]',
  VOLUME: 'VOLUME ["${1:/data}"]',
  USER: 'USER ${1:www-data}',
  WORKDIR: 'WORKDIR ${1:/app}',
  ARG: 'ARG ${1:NAME}${2:=${3:default}}',
  ONBUILD: 'ONBUILD ${1:INSTRUCTION}',
  STOPSIGNAL: 'STOPSIGNAL ${1:SIGTERM}',
  HEALTHCHECK: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:curl -fsS http://localhost/ || exit 1}',
  SHELL: 'SHELL ["${1:/bin/bash}", "${2:-c}"]',
};

/** apt-get subcommands worth offering in a Dockerfile, in the order they are usually needed. */
const APT_SUBCOMMANDS: { name: string; insert: string; sort: string; doc: Msg }[] = [
  {
    name: 'update',
    insert: 'update && apt-get install -y --no-install-recommends ',
    sort: '0',
    doc: {
      ko: '패키지 목록을 새로 받습니다. 캐시된 레이어에 오래된 목록이 남지 않도록 `install` 명령과 같은 RUN에서 실행합니다(이 항목은 `&& apt-get install -y --no-install-recommends`까지 넣어 줍니다).',
      en: 'Fetches fresh package lists. Run it in the same RUN as `install` so a cached layer never holds stale lists (this item inserts `&& apt-get install -y --no-install-recommends` too).',
    },
  },
  {
    name: 'install',
    insert: 'install -y --no-install-recommends ',
    sort: '1',
    doc: {
      ko: '패키지를 설치합니다. 빌드는 질문에 답할 수 없으므로 `-y`가 필요하고, `--no-install-recommends` 옵션으로 권장 패키지를 빼면 이미지가 작아집니다.',
      en: 'Installs packages. A build cannot answer prompts, so `-y` is required; `--no-install-recommends` leaves out recommended extras and keeps the image small.',
    },
  },
  {
    name: 'purge',
    insert: 'purge -y --auto-remove ',
    sort: '2',
    doc: { ko: '패키지와 설정 파일을 함께 지웁니다. 빌드에만 쓴 도구를 같은 RUN에서 지워야 레이어가 작아집니다.', en: 'Removes packages with their configuration. Remove build-only tools in the same RUN, or the layer keeps them.' },
  },
  {
    name: 'clean',
    insert: 'clean',
    sort: '3',
    doc: { ko: '내려받은 .deb 캐시를 지웁니다. 목록까지 지우려면 `rm -rf /var/lib/apt/lists/*` 명령을 함께 씁니다.', en: 'Deletes the downloaded .deb cache. Add `rm -rf /var/lib/apt/lists/*` to drop the lists too.' },
  },
  {
    name: 'upgrade',
    insert: 'upgrade -y',
    sort: '4',
    doc: {
      ko: '설치된 패키지를 모두 최신 버전으로 올립니다. 빌드 결과가 실행 시점마다 달라지므로 보통은 새 베이스 이미지를 쓰는 편이 낫습니다.',
      en: 'Upgrades every installed package. Builds then differ from run to run; pulling a newer base image is usually better.',
    },
  },
];

const NETWORK_VALUES = ['default', 'none', 'host'];
const SECURITY_VALUES = ['insecure', 'sandbox'];

function md(value: string) {
  return { kind: 'markdown' as const, value };
}

const instructionCache = new Map<string, CompletionItem[]>();

function instructionItems(lang: Lang, range: Range | undefined, onbuild: boolean): CompletionItem[] {
  const key = lang + (onbuild ? ':onbuild' : '');
  let base = instructionCache.get(key);
  if (!base) {
    base = Object.values(INSTRUCTIONS)
      .filter((d) => !onbuild || !['ONBUILD', 'FROM', 'MAINTAINER'].includes(d.keyword))
      .map((d) => ({
        label: d.keyword,
        kind: Kind.Keyword,
        detail: block(d.summary, lang === 'both' ? 'ko' : lang),
        documentation: md(instructionMarkdown(d, lang)),
        insertTextFormat: SNIPPET,
        insertText: INSTRUCTION_SNIPPETS[d.keyword] ?? d.keyword + ' ',
        sortText: (d.keyword === 'MAINTAINER' ? 'z' : 'a') + d.keyword,
      }));
    instructionCache.set(key, base);
  }
  if (!range) return base;
  return base.map((item) => ({ ...item, textEdit: { range, newText: item.insertText! }, insertText: undefined }));
}

function docItem(label: string, kind: CompletionItemKind, doc: Msg, lang: Lang, insertText?: string, detail?: string): CompletionItem {
  return {
    label,
    kind,
    detail,
    documentation: md(block(doc, lang)),
    insertText,
  };
}

export function completion(doc: ParsedDocument, pos: Position, lang: Lang): CompletionItem[] {
  const lineText = doc.lineText(pos.line);
  const before = lineText.slice(0, Math.min(pos.character, lineText.length));
  const ins = doc.instructionAtLine(pos.line);

  // Parser directives: only in the header, before any instruction or ordinary comment.
  const inHeader = doc.instructions.length === 0 || pos.line < doc.instructions[0].startLine;
  if (/^\s*#\s*[a-z]*$/i.test(before)) {
    if (!inHeader || doc.comments.some((c) => c.line < pos.line && !doc.directives.some((d) => d.line === c.line))) return [];
    const word = /[a-z]*$/i.exec(before)![0];
    const range = { start: { line: pos.line, character: before.length - word.length }, end: pos };
    return DIRECTIVES.map((d) => ({
      ...docItem(d.name, Kind.Property, d.summary, lang, undefined, d.syntax),
      textEdit: { range, newText: d.name + '=' },
    }));
  }
  if (/^\s*#/.test(before)) return [];

  // Start of an instruction: nothing but (part of) a keyword before the cursor, outside a continuation or heredoc.
  const startsInstruction = !ins || ins.startLine === pos.line;
  const word = /^\s*([A-Za-z]*)$/.exec(before);
  // Snippets start where an instruction can, and their prefixes have dashes (`apt-stack-bookworm`).
  const snippetWord = startsInstruction ? /^\s*([A-Za-z][A-Za-z-]*)?$/.exec(before) : null;
  const snippets = () => {
    const typed = snippetWord?.[1] ?? '';
    return snippetItems(lang, { start: { line: pos.line, character: before.length - typed.length }, end: pos });
  };
  if (word && startsInstruction) {
    const start = before.length - word[1].length;
    const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: start + /^[A-Za-z]*/.exec(lineText.slice(start))![0].length } };
    return [...instructionItems(lang, word[1] ? range : undefined, false), ...snippets()];
  }
  if (snippetWord) return snippets();
  if (!ins) return [];

  const target = ins.keyword === 'ONBUILD' ? ins.trigger() : ins;
  // `ONBUILD ` followed by the trigger keyword.
  if (ins.keyword === 'ONBUILD' && /^\s*onbuild\s+[A-Za-z]*$/i.test(before)) {
    return instructionItems(lang, undefined, true);
  }
  const keyword = target?.keyword ?? ins.keyword;

  // Variables after `$` or `${`.
  const varMatch = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (varMatch && !/\\\$\{?[A-Za-z0-9_]*$/.test(before)) {
    const braces = before[varMatch.index + 1] === '{';
    const names = new Map<string, CompletionItem>();
    const visible = keyword === 'FROM' ? new Map(doc.globalArgs.filter((g) => g.instr.endLine < pos.line).map((g) => [g.name, g])) : doc.visibleVars(pos.line);
    for (const [name, def] of visible) {
      const value = def.value === null ? '' : ` = ${def.value}`;
      names.set(name, {
        label: name,
        kind: Kind.Variable,
        detail: `${def.kind} ${name}${value}`,
        documentation: md(perLang(lang, (l) => pick(fillMsg(msg('{0}번 줄에서 설정합니다.', 'Set on line {0}.'), def.instr.startLine + 1), l), '\n\n')),
        insertText: braces ? name + '}' : name,
        sortText: '0' + name,
      });
    }
    for (const p of PREDEFINED_ARGS) {
      if (names.has(p.name)) continue;
      names.set(p.name, { ...docItem(p.name, Kind.Variable, p.summary, lang, braces ? p.name + '}' : p.name, p.example), sortText: '1' + p.name });
    }
    return [...names.values()];
  }

  // Flags: `--` at a word start while no plain argument has been written yet.
  const flagWord = /(?:^|\s)(--[A-Za-z-]*)$/.exec(before);
  const flagsSoFar = before.replace(/^\s*\S+\s*/, '');
  if (flagWord && /^(\s*--\S*\s+)*\s*--[A-Za-z-]*$/.test(flagsSoFar)) {
    const docs = FLAGS[keyword] ?? [];
    const start = before.length - flagWord[1].length;
    const range = { start: { line: pos.line, character: start }, end: pos };
    return docs.map((d) => {
      // `--link[=<boolean>]`: the flag alone means true. Inserting `--link=` would leave an empty value, which the
      // Dockerfile frontend rejects; only a flag that needs a value gets the `=` and the value suggestions.
      const needsValue = /^--[A-Za-z-]+=/.test(d.syntax);
      return {
        ...docItem('--' + d.name, Kind.Property, d.summary, lang, undefined, d.syntax),
        textEdit: { range, newText: needsValue ? `--${d.name}=` : `--${d.name}` },
        command: needsValue ? { title: 'suggest', command: 'editor.action.triggerSuggest' } : undefined,
      };
    });
  }

  // --mount=type=… and its keys.
  const mount = /--mount=([^\s]*)$/.exec(before);
  if (mount && keyword === 'RUN') {
    const text = mount[1];
    if (/(^|,)type=[a-z]*$/.test(text)) {
      return MOUNT_TYPES.map((t) => docItem(t.type, Kind.EnumMember, t.summary, lang, undefined, t.example));
    }
    const fromValue = /(^|,)from=([^,]*)$/.exec(text);
    if (fromValue) return stageItems(doc, ins.stage?.index ?? 0, lang);
    if (/(^|,)[a-z]*$/.test(text)) {
      const type = /(?:^|,)type=([a-z]+)/.exec(text)?.[1] ?? 'bind';
      const t = MOUNT_TYPES.find((m) => m.type === type);
      const items = (t?.options ?? []).map((o) => docItem(o.key, Kind.Property, o.doc, lang, o.key + '=', o.syntax));
      if (!/(^|,)type=/.test(text)) items.unshift({ label: 'type', kind: Kind.Property, insertText: 'type=', detail: 'type=bind|cache|tmpfs|secret|ssh' });
      return items;
    }
    return [];
  }

  // Values of enumerated flags.
  if (/--network=[a-z]*$/.test(before) && keyword === 'RUN') return NETWORK_VALUES.map((v) => ({ label: v, kind: Kind.Value }));
  if (/--security=[a-z]*$/.test(before) && keyword === 'RUN') return SECURITY_VALUES.map((v) => ({ label: v, kind: Kind.Value }));
  if (/--from=[^\s]*$/.test(before) && (keyword === 'COPY' || keyword === 'ADD')) return stageItems(doc, ins.stage?.index ?? 0, lang);

  // FROM: `AS` after the image; stage names as images.
  if (keyword === 'FROM') {
    if (/^\s*from\s+(--\S+\s+)*\S+\s+[A-Za-z]*$/i.test(before)) return [{ label: 'AS', kind: Kind.Keyword, insertText: 'AS ' }];
    if (/^\s*from\s+(--\S+\s+)*[^\s]*$/i.test(before)) return stageItems(doc, ins.stage?.index ?? doc.stages.length, lang);
    return [];
  }

  // HEALTHCHECK: CMD or NONE after the flags.
  if (keyword === 'HEALTHCHECK' && /^\s*healthcheck\s+(--\S+\s+)*[A-Za-z]*$/i.test(before)) {
    return [
      { label: 'CMD', kind: Kind.Keyword, insertText: 'CMD ' },
      { label: 'NONE', kind: Kind.Keyword },
    ];
  }

  // Debian packages after `apt-get install` / `apt install` in RUN (also on continuation lines).
  if (keyword === 'RUN') {
    const logical = runTextBefore(doc, ins.startLine, pos.line, before);
    const cmd = logical.split(/&&|\|\||;|\|/).pop() ?? '';
    if (/\bapt(?:-get)?\s+(?:-\S+\s+)*install\b(?:\s+\S+)*\s+$/.test(cmd) || /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b(?:\s+\S+)*\s+[a-z0-9.+-]*$/.test(cmd)) {
      return APT_PACKAGES.map((p) => docItem(p.name, Kind.Module, p.doc, lang));
    }
    // `apt-get ` with no subcommand yet.
    if (/\bapt(?:-get)?\s+(?:-\S+\s+)*[a-z-]*$/.test(cmd)) {
      return APT_SUBCOMMANDS.map((c) => ({ ...docItem(c.name, Kind.Keyword, c.doc, lang, c.insert), sortText: c.sort }));
    }
  }
  return [];
}

function stageItems(doc: ParsedDocument, beforeIndex: number, lang: Lang): CompletionItem[] {
  return doc.stages
    .filter((s) => s.index < beforeIndex && s.name)
    .map((s) => ({
      label: s.name!,
      kind: Kind.Reference,
      detail: doc.lineText(s.from.startLine).trim(),
      documentation: md(lang === 'en' ? `Stage ${s.index + 1}, line ${s.from.startLine + 1}` : `${s.index + 1}번째 스테이지, ${s.from.startLine + 1}번 줄`),
    }));
}

/** The RUN instruction's text from its first line up to the cursor, continuations joined. */
function runTextBefore(doc: ParsedDocument, startLine: number, line: number, before: string): string {
  let text = '';
  for (let l = startLine; l < line && l - startLine < 200; l++) {
    text += doc.lineText(l).replace(/\\\s*$/, ' ');
  }
  return text + before;
}
