/**
 * The concept pages (docs/concepts, issue 20): every slug in Korean and English, a `# ` title first, the Try it
 * section last, pictures that exist, and links the concept panel can follow: command links to commands that exist
 * and that its webview allows, openConcept links to pages that exist. The titles the server copies for its hover
 * links (server/src/docs/concepts.ts) are the pages' own first lines. (The Korean of the .ko.md pages is checked by
 * test/unit/i18n/glossary.test.ts, which reads docs/concepts.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONCEPT_PAGE_COMMANDS, CONCEPT_SLUGS, CONCEPT_TITLES, conceptLink, INSTRUCTION_CONCEPTS, isConceptSlug, OPEN_CONCEPT_COMMAND, RULE_CONCEPTS } from '../../../server/src/docs/concepts';
import { ruleById } from '../../../server/src/rules/registry';
import { INSTRUCTIONS } from '../../../server/src/docs';
import { createLanguageService, type HoverContext } from '../../../server/src/service/index';

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, 'docs/concepts');
const LANGS = ['ko', 'en'] as const;
const TRY_IT = { ko: '## 해 보기', en: '## Try it' };

/** Every page file there is: `<slug>.<ko|en>.md`. */
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
const pages = files.map((f) => {
  const m = /^(.+)\.(ko|en)\.md$/.exec(f);
  return { file: f, slug: m?.[1] ?? '', lang: (m?.[2] ?? '') as 'ko' | 'en', text: fs.readFileSync(path.join(dir, f), 'utf8') };
});

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const declared = new Set(manifest.contributes.commands.map((c) => c.command));

/** The page without its fenced code blocks (a `# comment` in a shell block is not a heading). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');
}

/** Every Markdown link and image of a page's prose: `[text](target)` and `![alt](src)`. */
function links(text: string): { image: boolean; target: string }[] {
  return [...prose(text).matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ image: m[1] === '!', target: m[2] }));
}

describe('concept pages', () => {
  it('every slug has a Korean and an English page', () => {
    const missing = CONCEPT_SLUGS.flatMap((s) => LANGS.filter((l) => !fs.existsSync(path.join(dir, `${s}.${l}.md`))).map((l) => `${s}.${l}.md`));
    assert.deepEqual(missing, [], 'pages missing from docs/concepts');
  });

  it('there are pages, and each is named <slug>.<ko|en>.md with a known slug', () => {
    assert.ok(pages.length > 0, 'no page in docs/concepts');
    for (const p of pages) assert.ok(isConceptSlug(p.slug) && (p.lang === 'ko' || p.lang === 'en'), `${p.file}: not <slug>.<ko|en>.md with a slug of server/src/docs/concepts.ts`);
  });

  for (const p of pages) {
    describe(p.file, () => {
      it('starts with a `# ` title (Korean in the Korean page) and has no other level-1 heading', () => {
        const first = p.text.split('\n')[0];
        assert.match(first, /^# \S/, 'first line');
        if (p.lang === 'ko') assert.match(first, /[가-힣]/, 'a Korean title');
        assert.equal(prose(p.text).match(/^# /gm)?.length, 1, 'one title');
      });

      it(`ends with the Try it section (${TRY_IT[p.lang]}): a command to run or a link to our UI`, () => {
        const headings = prose(p.text).match(/^## .*$/gm) ?? [];
        assert.equal(headings.at(-1), TRY_IT[p.lang], `the last section is ${TRY_IT[p.lang]}: ${headings.join(' | ')}`);
        const section = p.text.slice(p.text.lastIndexOf(`\n${TRY_IT[p.lang]}\n`));
        assert.ok(/```(sh|bash)\n[\s\S]*?\n```/.test(section) || /\]\(command:dockerfileGuide\./.test(section), 'a fenced sh block or a command link');
      });

      it('fits one or two screens (at most 4,000 characters of prose, code blocks not counted)', () => {
        const n = prose(p.text).replace(/\]\([^)]*\)/g, ']').length;
        assert.ok(n <= 4000, `${n} characters of prose`);
      });

      it('its pictures exist under docs/concepts/images', () => {
        for (const l of links(p.text).filter((x) => x.image)) {
          assert.match(l.target, /^images\/[\w.-]+\.svg$/, `picture ${l.target}: a relative images/<name>.svg`);
          assert.ok(fs.existsSync(path.join(dir, l.target)), `${l.target} exists`);
        }
      });

      it('links only what the concept panel can open: allowed commands that exist, pages that exist, web pages', () => {
        for (const l of links(p.text).filter((x) => !x.image)) {
          if (/^https:\/\//.test(l.target)) continue;
          const m = /^command:([\w.]+)(?:\?(.*))?$/.exec(l.target);
          assert.ok(m, `link ${l.target}: a command link or an https link (a relative link goes nowhere in a webview)`);
          const [, command, query] = m;
          assert.ok(declared.has(command), `${command} is a command of package.json`);
          assert.ok(CONCEPT_PAGE_COMMANDS.includes(command), `${command} is allowed in the concept panel (CONCEPT_PAGE_COMMANDS)`);
          if (command === OPEN_CONCEPT_COMMAND) {
            const args = JSON.parse(decodeURIComponent(query ?? '')) as unknown[];
            // A known slug; that its pages exist is the completeness test's (the first test).
            assert.ok(args.length === 1 && isConceptSlug(args[0]), `openConcept ${query}: one slug of server/src/docs/concepts.ts`);
          }
        }
      });
    });
  }

  it('the pictures are drawings whose words read in both languages (no Hangul unless the file is <slug>.ko.svg)', () => {
    const images = path.join(dir, 'images');
    const svgs = fs.existsSync(images) ? fs.readdirSync(images).filter((f) => f.endsWith('.svg')) : [];
    assert.ok(svgs.length > 0);
    for (const f of svgs) {
      const svg = fs.readFileSync(path.join(images, f), 'utf8');
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${f}: an SVG document`);
      if (!f.endsWith('.ko.svg')) assert.doesNotMatch(svg, /[가-힣]/, `${f}: Korean words belong in a .ko.svg`);
      assert.doesNotMatch(svg, /<script|href="https?:/, `${f}: no script, nothing remote`);
    }
  });

  it("the server's title table is the pages' first lines", () => {
    for (const [slug, title] of Object.entries(CONCEPT_TITLES)) {
      for (const l of LANGS) {
        const file = path.join(dir, `${slug}.${l}.md`);
        // A missing page fails the completeness test above; here only the titles of the pages there are.
        if (!fs.existsSync(file)) continue;
        assert.equal(`# ${title![l]}`, fs.readFileSync(file, 'utf8').split('\n')[0], `server/src/docs/concepts.ts CONCEPT_TITLES['${slug}'].${l}`);
      }
    }
  });

  it('every linked slug has a title, every mapped instruction and rule exists, and the link text is bilingual', () => {
    for (const slug of new Set([...Object.values(INSTRUCTION_CONCEPTS), ...Object.values(RULE_CONCEPTS)])) assert.ok(CONCEPT_TITLES[slug], `a title for ${slug}`);
    for (const k of Object.keys(INSTRUCTION_CONCEPTS)) assert.ok(INSTRUCTIONS[k], `instruction ${k}`);
    for (const id of Object.keys(RULE_CONCEPTS)) assert.ok(ruleById(id), `rule ${id}`);
    assert.equal(conceptLink('ports', 'ko'), `[개념: ${CONCEPT_TITLES.ports!.ko}](command:${OPEN_CONCEPT_COMMAND}?%5B%22ports%22%5D)`);
    assert.equal(conceptLink('ports', 'en'), `[Concept: ${CONCEPT_TITLES.ports!.en}](command:${OPEN_CONCEPT_COMMAND}?%5B%22ports%22%5D)`);
  });

  it("hovers link the pages only where the client opens them: a rule's why and an instruction, in VS Code and not elsewhere", () => {
    const service = createLanguageService();
    const doc = service.parse('file:///w/concepts/Dockerfile', 1, 'FROM debian:bookworm\nEXPOSE 80\nCMD service nginx start\n');
    const dg101 = service.check(doc, {}).find((d) => d.code === 'DG101');
    assert.ok(dg101, 'DG101 on the CMD line');
    const at = (line: number, ctx: HoverContext) => {
      const character = line === 2 ? dg101.range.start.character : 1;
      return (service.hover(doc, { line, character }, 'ko', ctx)?.contents as { value: string } | undefined)?.value ?? '';
    };
    const vscodeCtx: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: true, links: { commands: true } };
    const other: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: true };
    const cmd = at(2, vscodeCtx);
    assert.match(cmd, /\*\*DG101\*\*/, 'the CMD line has DG101');
    const pid1 = conceptLink('pid1-and-signals', 'ko');
    // After DG101's why (its documentation link first, when there is one), once per rule that rests on PID 1.
    const why = cmd.slice(cmd.indexOf('**DG101**'));
    assert.ok(why.split('\n\n---\n\n')[0].includes(pid1), why.slice(0, 600));
    assert.ok(at(1, vscodeCtx).includes(conceptLink('ports', 'ko')), 'EXPOSE links the ports page');
    for (const text of [at(1, other), at(2, other)]) assert.doesNotMatch(text, /dockerfileGuide\.openConcept/, 'no concept link for a client without our commands');
  });
});
