/**
 * The reference pages of instructions, flags and parser directives, in two sizes:
 *  - the full page, shown beside the editor by the client's "More" link (REFERENCE_REQUEST);
 *  - the first screen a hover shows: what it does, its forms, one example, and the link to the rest.
 *
 * VS Code's hover box shows about 600 characters before it scrolls (issue 18, item 6: RUN's 1,200 and CMD's 1,700
 * characters left three quarters below the fold). An editor that cannot run our command (another LSP client, a test
 * without the option) gets the full page in the hover: nothing is lost there, its hover scrolls or pages.
 */
import { perLang, pick, type Lang, type Msg, type OneLang } from '../../../common/src/i18n';
import { SHOW_REFERENCE_COMMAND, type ReferenceResponse } from '../../../common/src/protocol';
import { DIRECTIVES, FLAGS, INSTRUCTIONS } from '../docs';
import { conceptLink, INSTRUCTION_CONCEPTS } from '../docs/concepts';
import type { DirectiveDoc, FlagDoc, InstructionDoc } from '../docs/types';

/** What the editor can open from a hover. */
export interface HoverLinks {
  /**
   * The client runs `dockerfileGuide.showReference`, `dockerfileGuide.explainCommand` and
   * `dockerfileGuide.openConcept` (the concept pages) from `command:` links.
   */
  commands: boolean;
}

export const FULL_PAGES: HoverLinks = { commands: false };

/** The most characters a reader sees on the first screen of a hover (markup and link targets not counted). */
export const FIRST_SCREEN_CHARS = 600;

const T = {
  forms: { ko: '형식', en: 'Forms' },
  layers: { ko: '레이어와 캐시', en: 'Layers and cache' },
  example: { ko: '예시', en: 'Example' },
  reference: { ko: 'Docker 문서', en: "Docker's reference" },
  more: { ko: '자세히 보기', en: 'More' },
  labs: { ko: '최신 `# syntax=` 프런트엔드(또는 labs 채널)가 필요합니다.', en: 'Needs a recent `# syntax=` frontend (or the labs channel).' },
  titleSuffix: { ko: '설명', en: 'reference' },
};

export function fence(code: string): string {
  return '```dockerfile\n' + code + '\n```';
}

/** A `command:` link target with JSON arguments, as VS Code's markdown renderer runs it. */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function moreLink(id: string, l: OneLang): string {
  return `[${pick(T.more, l)}](${commandLink(SHOW_REFERENCE_COMMAND, [id])})`;
}

/** The characters a reader sees: markdown markup, code fences and link targets left out. */
export function visibleLength(markdown: string): number {
  return markdown
    .replace(/```\w*\n?/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[*_`#[\]]/g, '').length;
}

// ---------------------------------------------------------------------------------------------------------------
// Instructions.

const pageCache = new Map<string, string>();

function cached(key: string, render: () => string): string {
  let text = pageCache.get(key);
  if (text === undefined) {
    text = render();
    pageCache.set(key, text);
  }
  return text;
}

/** The full page of an instruction; built once per keyword, language and size (it is the same for every hover). */
export function instructionMarkdown(d: InstructionDoc, lang: Lang, links: HoverLinks = FULL_PAGES): string {
  return cached(`i:${d.keyword}:${lang}:${links.commands}`, () => perLang(lang, (l) => (links.commands ? instructionBrief(d, l) : instructionPage(d, l, false))));
}

/** The concept page an instruction's hover links to, as a link (only where the client runs `command:` links). */
function conceptOf(d: InstructionDoc, l: OneLang): string | undefined {
  const slug = INSTRUCTION_CONCEPTS[d.keyword];
  return slug ? conceptLink(slug, l) : undefined;
}

/**
 * The full page. `concepts`: the client can open concept pages (the page behind "More" in VS Code); the layer
 * section of RUN then ends with its link, and the other linked instructions get it under their forms.
 */
function instructionPage(d: InstructionDoc, l: OneLang, concepts: boolean): string {
  const concept = concepts ? conceptOf(d, l) : undefined;
  const layers = pick(d.layers, l);
  const forms = pick(d.forms, l);
  const inLayers = concept && d.keyword === 'RUN';
  return [
    `**${d.keyword}** — ${pick(d.summary, l)}`,
    fence(d.syntax.join('\n')),
    `#### ${pick(T.forms, l)}\n\n${forms}${concept && !inLayers ? `\n\n${concept}` : ''}`,
    `#### ${pick(T.layers, l)}\n\n${layers}${inLayers ? `\n\n${concept}` : ''}`,
    `#### ${pick(T.example, l)}\n\n${fence(d.example)}`,
    `[${pick(T.reference, l)}: ${d.keyword}](${d.link})`,
  ].join('\n\n');
}

/** What it does, its forms (the syntax lines, and one sentence where shell and exec form differ), one example. */
function instructionBrief(d: InstructionDoc, l: OneLang): string {
  // The example's first paragraph: the rest of it (a second use, a multi-stage variant) is on the full page.
  const example = d.example.split(/\n\s*\n/)[0];
  // Syntax and example share one code block, apart by an empty line: two blocks in a row render as one anyway, and
  // a label between them would cost the box a line.
  const parts = [`**${d.keyword}** — ${pick(d.summary, l)}`];
  if (d.formsBrief) parts.push(pick(d.formsBrief, l));
  parts.push(fence(`${d.syntax.join('\n')}\n\n${example}`), `${moreLink(d.keyword, l)} · [${pick(T.reference, l)}](${d.link})`);
  const brief = parts.join('\n\n');
  // The concept page's link goes on the first screen where the box has room for it; the page behind More always
  // has it (instructionPage), so an instruction with a long first screen (ENTRYPOINT in English) loses nothing.
  const concept = conceptOf(d, l);
  const withConcept = concept ? `${brief} · ${concept}` : brief;
  return visibleLength(withConcept) <= FIRST_SCREEN_CHARS ? withConcept : brief;
}

// ---------------------------------------------------------------------------------------------------------------
// Flags.

function flagId(keyword: string, d: FlagDoc): string {
  return `${keyword} --${d.name}`;
}

export function flagMarkdown(keyword: string, d: FlagDoc, lang: Lang, links: HoverLinks = FULL_PAGES): string {
  return cached(`f:${keyword}:${d.name}:${lang}:${links.commands}`, () =>
    perLang(lang, (l) => {
      const page = flagPage(keyword, d, l, true);
      // A short flag fits the first screen whole; a long one leaves its details to the page.
      if (!links.commands || !d.details || visibleLength(page) <= FIRST_SCREEN_CHARS) return page;
      return flagPage(keyword, d, l, false).replace(/\n\n\[[^\]]*\]\(([^)]*)\)$/, (_, url: string) => `\n\n${moreLink(flagId(keyword, d), l)} · [${pick(T.reference, l)}](${url})`);
    }),
  );
}

function flagPage(keyword: string, d: FlagDoc, l: OneLang, details: boolean): string {
  const parts = [`**--${d.name}** (${keyword}) — ${pick(d.summary, l)}`, fence(`${keyword} ${d.syntax}`)];
  if (details && d.details) parts.push(pick(d.details, l));
  if (d.values?.length) parts.push(d.values.map((v) => `- \`${v.value}\`: ${pick(v.doc, l)}`).join('\n'));
  if (d.labs) parts.push(`_${pick(T.labs, l)}_`);
  parts.push(`[${pick(T.reference, l)}](${d.link})`);
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Parser directives.

export function directiveMarkdown(d: DirectiveDoc, lang: Lang, links: HoverLinks = FULL_PAGES): string {
  return cached(`d:${d.name}:${lang}:${links.commands}`, () =>
    perLang(lang, (l) => {
      const head = [`**# ${d.name}** — ${pick(d.summary, l)}`, fence(d.syntax)];
      if (!links.commands) return [...head, pick(d.details, l), fence(d.example), `[${pick(T.reference, l)}](${d.link})`].join('\n\n');
      return [...head, fence(d.example), `${moreLink(`# ${d.name}`, l)} · [${pick(T.reference, l)}](${d.link})`].join('\n\n');
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The page behind "More".

/** The full page for a reference id (`RUN`, `RUN --mount`, `# syntax`), or null when it names nothing. */
export function referencePage(id: string, lang: Lang): ReferenceResponse['page'] {
  const titled = (name: string, markdown: string) => ({ id, title: perLang(lang, (l) => `${name} ${pick(T.titleSuffix, l)}`, ' / '), markdown });
  const directive = /^#\s*(\w+)$/.exec(id);
  if (directive) {
    const d = DIRECTIVES.find((x) => x.name === directive[1].toLowerCase());
    return d ? titled(`# ${d.name}`, directiveMarkdown(d, lang)) : null;
  }
  const flag = /^([A-Za-z]+) --([\w-]+)$/.exec(id);
  if (flag) {
    const keyword = flag[1].toUpperCase();
    const d = (FLAGS[keyword] ?? []).find((f) => f.name === flag[2]);
    return d ? titled(`${keyword} --${d.name}`, flagMarkdown(keyword, d, lang)) : null;
  }
  const d = INSTRUCTIONS[id.toUpperCase()];
  // Only our VS Code client asks for these pages, and it opens concept pages: the page links its concept.
  return d ? titled(d.keyword, cached(`p:${d.keyword}:${lang}`, () => perLang(lang, (l) => instructionPage(d, l, true)))) : null;
}

/** Every instruction with its summary's first sentence, in one language (the palette's pick list). */
export function referenceList(lang: Lang): ReferenceResponse['list'] {
  const l: OneLang = lang === 'en' ? 'en' : 'ko';
  return Object.values(INSTRUCTIONS).map((d) => ({ id: d.keyword, summary: firstSentence(d.summary, l) }));
}

function firstSentence(m: Msg, l: OneLang): string {
  const text = pick(m, l).replace(/`/g, '');
  const end = l === 'ko' ? text.indexOf('다. ') : text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + (l === 'ko' ? 2 : 1));
}

export function referenceResponse(id: string | undefined, lang: Lang): ReferenceResponse {
  return { page: id ? referencePage(id, lang) : null, list: referenceList(lang) };
}
