/**
 * The hover's first screen (issue 18, item 6): in an editor that runs our `command:` links (VS Code), every doc hover
 * fits the hover box (at most FIRST_SCREEN_CHARS visible characters per language) and carries the answer (what it
 * does, its forms, an example); its "More" link opens a page that holds everything the hover left out. On CMD,
 * ENTRYPOINT and the final FROM the instruction's doc comes first, then what runs in one line, the most important
 * note, and a link to the full explanation. Other editors keep the full page in the hover.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { DIRECTIVES, FLAGS, INSTRUCTIONS } from '../../../server/src/docs';
import { createLanguageService, type HoverContext } from '../../../server/src/service/index';
import { FIRST_SCREEN_CHARS, referencePage, visibleLength } from '../../../server/src/service/reference';
import { pick, type Lang, type OneLang } from '../../../common/src/i18n';
import { SHOW_REFERENCE_COMMAND } from '../../../common/src/protocol';
import { KEYWORD_LINES } from '../../keywordLines';
import { conceptLink, INSTRUCTION_CONCEPTS, OPEN_CONCEPT_COMMAND } from '../../../server/src/docs/concepts';

const service = createLanguageService();
const VSCODE: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: false, links: { commands: true } };
const OTHER: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: false };
const LANGS: OneLang[] = ['ko', 'en'];

function hoverText(text: string, line: number, character: number, lang: Lang, ctx = VSCODE): string {
  const doc = service.parse(`file:///w/${Math.random()}/Dockerfile`, 1, text);
  const h: Hover | null = service.hover(doc, { line, character }, lang, ctx);
  assert.ok(h, `a hover at ${line}:${character} of ${JSON.stringify(text.slice(0, 60))}`);
  return (h.contents as { value: string }).value;
}

/** The `command:` links of a markdown text: command id and decoded arguments. */
function commandLinks(markdown: string): { command: string; args: unknown[] }[] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => ({ command: m[1], args: JSON.parse(decodeURIComponent(m[2])) as unknown[] }));
}

describe('the first screen of instruction hovers', () => {
  for (const [keyword, line] of Object.entries(KEYWORD_LINES)) {
    const d = INSTRUCTIONS[keyword];
    if (!d) continue;
    for (const l of LANGS) {
      test(`${keyword} (${l}): fits the box, carries summary, forms and an example, and links the full page`, () => {
        // A one-line document: no CMD/ENTRYPOINT explanation is appended to a lone instruction but those three.
        const text = hoverText(`${line}\n`, 0, 1, l);
        const docPart = text.split('\n\n---\n\n')[0];
        assert.ok(visibleLength(docPart) <= FIRST_SCREEN_CHARS, `${keyword} ${l}: ${visibleLength(docPart)} visible characters`);
        assert.ok(docPart.startsWith(`**${keyword}** — ${pick(d.summary, l)}`));
        for (const s of d.syntax) assert.ok(docPart.includes(s), `syntax line ${s}`);
        if (d.formsBrief) assert.ok(docPart.includes(pick(d.formsBrief, l)));
        assert.ok(docPart.includes(d.example.split(/\n\s*\n/)[0]), 'the example');
        assert.ok(!docPart.includes(pick(d.layers, l)), 'the layer notes wait on the full page');
        const links = commandLinks(docPart);
        // RUN, EXPOSE, CMD, ENTRYPOINT and VOLUME also link their concept page (issue 20), counted in the box above:
        // on the first screen where it fits (always for RUN, EXPOSE and VOLUME), else only on the page behind More.
        const concept = INSTRUCTION_CONCEPTS[keyword];
        const conceptLinks = concept ? [{ command: OPEN_CONCEPT_COMMAND, args: [concept] }] : [];
        if (links.length === 2 || ['RUN', 'EXPOSE', 'VOLUME'].includes(keyword)) {
          assert.deepEqual(links, [{ command: SHOW_REFERENCE_COMMAND, args: [keyword] }, ...conceptLinks]);
        } else {
          assert.deepEqual(links, [{ command: SHOW_REFERENCE_COMMAND, args: [keyword] }]);
          if (concept) assert.ok(visibleLength(`${docPart} · ${conceptLink(concept, l)}`) > FIRST_SCREEN_CHARS, `${keyword} ${l}: the concept link fits but is missing`);
        }
        assert.ok(docPart.includes(`[${l === 'ko' ? '자세히 보기' : 'More'}](command:`));
        // The page behind the link holds what the hover left out.
        const page = referencePage(keyword, l);
        assert.ok(page);
        assert.ok(page.markdown.includes(pick(d.forms, l)) && page.markdown.includes(pick(d.layers, l)) && page.markdown.includes(d.example));
        assert.equal(page.title, l === 'ko' ? `${keyword} 설명` : `${keyword} reference`);
        assert.deepEqual(commandLinks(page.markdown), conceptLinks, 'the page links nothing but its concept page');
        if (keyword === 'RUN') {
          const layers = page.markdown.split(/^#### /m).find((s) => s.startsWith(pick({ ko: '레이어와 캐시', en: 'Layers and cache' }, l)));
          assert.ok(layers?.includes(`(command:${OPEN_CONCEPT_COMMAND}?`), 'the layer section of RUN links the layers page');
        }
      });
    }
  }

  test('"both" shows each language\'s first screen with its own link', () => {
    const text = hoverText('RUN echo hi\n', 0, 1, 'both');
    assert.ok(text.includes('[자세히 보기](command:') && text.includes('[More](command:'));
    assert.ok(text.indexOf(pick(INSTRUCTIONS.RUN.summary, 'ko')) < text.indexOf(pick(INSTRUCTIONS.RUN.summary, 'en')));
  });

  test('an editor without our commands gets the whole page in the hover, with no command link', () => {
    const text = hoverText('RUN echo hi\n', 0, 1, 'en', OTHER);
    assert.ok(text.includes(pick(INSTRUCTIONS.RUN.layers, 'en')));
    assert.equal(commandLinks(text).length, 0);
  });
});

describe('the first screen of flag and directive hovers', () => {
  for (const [keyword, flags] of Object.entries(FLAGS)) {
    for (const f of flags) {
      test(`${keyword} --${f.name}: fits the box in both languages; details it leaves out are behind More`, () => {
        const value = f.name === 'mount' ? '=type=cache,target=/x' : f.values?.length ? `=${f.values[0].value}` : '=x';
        const from = keyword === 'FROM' ? '' : 'FROM scratch\n';
        const rest = keyword === 'FROM' ? 'scratch' : keyword === 'HEALTHCHECK' ? 'CMD true' : keyword === 'RUN' ? 'true' : 'a b';
        const lineNo = from ? 1 : 0;
        for (const l of LANGS) {
          const text = hoverText(`${from}${keyword} --${f.name}${value} ${rest}\n`, lineNo, keyword.length + 3, l);
          assert.ok(text.startsWith(`**--${f.name}** (${keyword})`), text.slice(0, 80));
          assert.ok(visibleLength(text) <= FIRST_SCREEN_CHARS, `${keyword} --${f.name} ${l}: ${visibleLength(text)} visible characters`);
          const details = f.details ? pick(f.details, l) : '';
          if (details && !text.includes(details)) {
            assert.deepEqual(commandLinks(text), [{ command: SHOW_REFERENCE_COMMAND, args: [`${keyword} --${f.name}`] }]);
            assert.ok(referencePage(`${keyword} --${f.name}`, l)?.markdown.includes(details));
          } else {
            assert.equal(commandLinks(text).length, 0, 'nothing left out, no More link');
          }
        }
      });
    }
  }

  for (const d of DIRECTIVES) {
    test(`# ${d.name}: fits the box; the details are behind More`, () => {
      for (const l of LANGS) {
        const text = hoverText(`# ${d.name}=${d.name === 'escape' ? '`' : d.name === 'check' ? 'skip=all' : 'docker/dockerfile:1'}\nFROM scratch\n`, 0, 3, l);
        assert.ok(visibleLength(text) <= FIRST_SCREEN_CHARS, `# ${d.name} ${l}: ${visibleLength(text)}`);
        assert.deepEqual(commandLinks(text), [{ command: SHOW_REFERENCE_COMMAND, args: [`# ${d.name}`] }]);
        assert.ok(referencePage(`# ${d.name}`, l)?.markdown.includes(pick(d.details, l)));
      }
    });
  }
});

describe('CMD, ENTRYPOINT and the final FROM: own doc first, then what runs in a line or two', () => {
  const uri = 'file:///w/brief/Dockerfile';
  const lines = ['FROM debian:bookworm AS build', 'RUN true', 'FROM debian:bookworm', 'CMD nginx -g "daemon off;"', 'CMD service nginx start && bash'];
  const doc = service.parse(uri, 1, lines.join('\n') + '\n');
  const hover = (line: number, lang: Lang) => (service.hover(doc, { line, character: 1 }, lang, VSCODE)!.contents as { value: string }).value;

  test('shell-form CMD, replaced by a later one: the doc, what runs, the most important note, the link with a count', () => {
    const text = hover(3, 'en');
    const [docPart, addon, ...more] = text.split('\n\n---\n\n');
    assert.equal(more.length, 0);
    assert.ok(docPart.startsWith('**CMD** — '));
    const paras = addon.split('\n\n');
    assert.equal(paras[0], '**What this container runs**: `/bin/sh -c "service nginx start && bash"`');
    assert.equal(paras[1], 'ℹ️ This CMD has no effect: the one on line 5 replaces it.');
    assert.equal(paras.length, 3);
    assert.match(paras[2], /^\[Full explanation and the CMD\/ENTRYPOINT table\]\(command:dockerfileGuide\.explainCommand\?[^)]*\) \(2 more notes\)$/);
    assert.deepEqual(commandLinks(addon), [{ command: 'dockerfileGuide.explainCommand', args: [uri, 1] }]);
    assert.ok(!text.includes('e1 e2'), 'the combination table lives in the explain panel');
  });

  test('Korean: the PID 1 warning of the effective shell-form CMD in one line', () => {
    const addon = hover(4, 'ko').split('\n\n---\n\n')[1];
    const paras = addon.split('\n\n');
    assert.equal(paras[0], '**이 컨테이너가 실행하는 명령**: `/bin/sh -c "service nginx start && bash"`');
    assert.equal(paras[1], '⚠️ 셸이 PID 1이라 `docker stop` 명령이 10초를 기다린 뒤 SIGKILL로 끝냅니다.');
    assert.match(paras[2], /^\[전체 설명과 CMD·ENTRYPOINT 조합표 보기\]\(command:/);
  });

  test('the exec-form sh -c ENTRYPOINT: CMD only becomes $0, said first', () => {
    const d = service.parse('file:///w/sh/Dockerfile', 1, 'FROM debian:bookworm\nENTRYPOINT ["/bin/sh", "-c", "service nginx start && bash"]\nCMD ["nginx"]\n');
    const addon = (service.hover(d, { line: 1, character: 1 }, 'en', VSCODE)!.contents as { value: string }).value.split('\n\n---\n\n')[1];
    assert.equal(addon.split('\n\n')[1], 'ℹ️ The ENTRYPOINT is an `sh -c` script: the CMD only becomes `$0`, `$1`, … of the shell and does not run as written.');
  });

  test('FROM of a build stage has no addon; the final FROM has one naming no stage', () => {
    assert.equal(hover(0, 'en').split('\n\n---\n\n').length, 1);
    const addon = hover(2, 'en').split('\n\n---\n\n')[1];
    assert.ok(addon.startsWith('**What this container runs**: `'), addon);
  });
});
