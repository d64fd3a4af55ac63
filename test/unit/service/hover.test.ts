/**
 * Hover, in-process through the service's front door (createLanguageService): instruction keywords, flags, mount
 * keys and parser directives in ko, en and both; the rule explanations from the three sources a HoverContext can
 * name (rules run inside the request, a deferred list, neither); the effective-command explanation on CMD.
 * The expected prose comes from the docs and rules modules, so a hover that shows the wrong entry fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { DIRECTIVES, FLAGS, INSTRUCTIONS, MOUNT_TYPES } from '../../../server/src/docs';
import { ruleById } from '../../../server/src/rules/registry';
import { createLanguageService, type HoverContext } from '../../../server/src/service/index';
import type { ParsedDocument } from '../../../server/src/service/index';
import type { Lang } from '../../../common/src/i18n';
import { KEYWORD_LINES } from '../../keywordLines';

const service = createLanguageService();
const HANGUL = /[\uac00-\ud7a3]/;
const RULE = '\n\n---\n\n';

/** Rules neither run in the request nor handed over: the hover has no rule part. */
const NO_RULES: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: false };
const RULES_HERE: HoverContext = { rules: {}, deferredDiagnostics: null, rulesInRequests: true };

/** The first sentence of a doc text (Korean sentences end with `다.` followed by a space, English ones with `. `). */
function firstSentence(s: string): string {
  const m = /^[\s\S]*?\.(?=\s|$)/.exec(s);
  assert.ok(m, `a sentence in ${s.slice(0, 40)}`);
  return m[0];
}

function hoverAt(doc: ParsedDocument, line: number, character: number, lang: Lang, ctx: HoverContext = NO_RULES): Hover {
  const h = service.hover(doc, { line, character }, lang, ctx);
  assert.ok(h, `a hover at ${line}:${character}`);
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return h;
}
const valueOf = (h: Hover) => (h.contents as { value: string }).value;

const keywords = Object.keys(INSTRUCTIONS);
const instrDoc = service.parse('file:///w/instr/Dockerfile', 1, keywords.map((k) => KEYWORD_LINES[k]).join('\n') + '\n');

describe('instruction keywords', () => {
  test('every keyword has a line here (a new instruction needs one)', () => {
    assert.deepEqual(keywords.filter((k) => !KEYWORD_LINES[k]), []);
    assert.equal(keywords.length, 18);
  });

  for (const lang of ['ko', 'en'] as const) {
    test(`every keyword in ${lang}: its own summary, its reference link, the keyword's range`, () => {
      const other = lang === 'ko' ? 'en' : 'ko';
      keywords.forEach((kw, line) => {
        const h = hoverAt(instrDoc, line, 1, lang);
        const text = valueOf(h);
        const d = INSTRUCTIONS[kw];
        assert.ok(text.includes(`**${kw}** — ${firstSentence(d.summary[lang])}`), `${kw} (${lang}): ${text.slice(0, 120)}`);
        assert.ok(!text.includes(firstSentence(d.summary[other])), `${kw} (${lang}) also shows the ${other} text`);
        assert.ok(text.includes(`(${d.link})`), `${kw}: link ${d.link}`);
        assert.deepEqual(h.range, { start: { line, character: 0 }, end: { line, character: kw.length } });
        if (lang === 'en') assert.doesNotMatch(text, HANGUL, `${kw}: Korean in the en hover`);
        else assert.match(text, HANGUL);
      });
    });
  }

  test('the keyword is matched case-insensitively and the whole keyword is hoverable', () => {
    const d = service.parse('file:///w/lower/Dockerfile', 1, 'from debian\nrun true\n');
    const run = firstSentence(INSTRUCTIONS.RUN.summary.en);
    assert.ok(valueOf(hoverAt(d, 1, 0, 'en')).includes(`**RUN** — ${run}`), 'at the first character');
    assert.ok(valueOf(hoverAt(d, 1, 3, 'en')).includes(`**RUN** — ${run}`), 'at the end of the keyword');
  });

  test('both: the Korean text, a rule, then the English text', () => {
    const text = valueOf(hoverAt(instrDoc, keywords.indexOf('RUN'), 1, 'both'));
    const ko = text.indexOf(`**RUN** — ${firstSentence(INSTRUCTIONS.RUN.summary.ko)}`);
    const en = text.indexOf(`**RUN** — ${firstSentence(INSTRUCTIONS.RUN.summary.en)}`);
    const sep = text.indexOf(RULE);
    assert.equal(ko, 0, 'Korean first');
    assert.ok(sep > ko && en > sep, `ko at ${ko}, rule at ${sep}, en at ${en}`);
    assert.doesNotMatch(text.slice(en), HANGUL, 'nothing Korean after the English starts');
    assert.equal(text.split(RULE).length, 2, 'exactly one rule between the two languages');
  });

  test('ONBUILD\'s trigger keyword gets the trigger\'s docs', () => {
    const line = keywords.indexOf('ONBUILD');
    const h = hoverAt(instrDoc, line, 9, 'en');
    assert.ok(valueOf(h).startsWith(`**COPY** — ${firstSentence(INSTRUCTIONS.COPY.summary.en)}`));
    assert.deepEqual(h.range, { start: { line, character: 8 }, end: { line, character: 12 } });
  });

  test('no hover on an empty line or on a plain argument', () => {
    assert.equal(service.hover(instrDoc, { line: keywords.length, character: 0 }, 'en', NO_RULES), null);
    assert.equal(service.hover(instrDoc, { line: keywords.indexOf('EXPOSE'), character: 8 }, 'en', NO_RULES), null);
  });
});

describe('flags, mounts and directives', () => {
  const lines = [
    '# syntax=docker/dockerfile:1', //                              0
    '# escape=\\', //                                               1
    'FROM debian:bookworm', //                                      2
    'COPY --chown=www-data:www-data site /var/www', //              3: the flag at 5..30
    'RUN --mount=type=cache,target=/var/cache/apt true', //         4: type=cache at 12..22, target=… at 23..44
    '# syntax=docker/dockerfile:1', //                              5: after an instruction: a plain comment
  ];
  const doc = service.parse('file:///w/flags/Dockerfile', 1, lines.join('\n') + '\n');
  const chown = FLAGS.COPY.find((f) => f.name === 'chown')!;
  const cache = MOUNT_TYPES.find((t) => t.type === 'cache')!;

  test('COPY --chown in ko and en', () => {
    for (const lang of ['ko', 'en'] as const) {
      const h = hoverAt(doc, 3, 8, lang);
      const text = valueOf(h);
      assert.ok(text.startsWith(`**--chown** (COPY) — ${firstSentence(chown.summary[lang])}`), `${lang}: ${text.slice(0, 100)}`);
      assert.ok(text.includes('```dockerfile\nCOPY --chown=<user>:<group>\n```'), 'the syntax line');
      assert.ok(text.includes(`(${chown.link})`));
      assert.deepEqual(h.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 30 } });
    }
    assert.equal(valueOf(hoverAt(doc, 3, 20, 'en')), valueOf(hoverAt(doc, 3, 8, 'en')), 'the value of the flag explains the flag too');
  });

  test('a mount type and a mount key', () => {
    const type = hoverAt(doc, 4, 18, 'en');
    assert.ok(valueOf(type).startsWith(`**--mount=type=cache** — ${firstSentence(cache.summary.en)}`));
    assert.deepEqual(type.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 22 } });
    const target = hoverAt(doc, 4, 25, 'ko');
    const key = cache.options.find((o) => o.key === 'target')!;
    assert.equal(valueOf(target), `**target** (\`type=cache\`)\n\n\`\`\`dockerfile\n${key.syntax}\n\`\`\`\n\n${key.doc.ko}`);
    assert.deepEqual(target.range, { start: { line: 4, character: 23 }, end: { line: 4, character: 44 } });
  });

  test('# syntax= and # escape= in the header', () => {
    for (const [line, name] of [
      [0, 'syntax'],
      [1, 'escape'],
    ] as const) {
      const d = DIRECTIVES.find((x) => x.name === name)!;
      const ko = hoverAt(doc, line, 3, 'ko');
      assert.ok(valueOf(ko).startsWith(`**# ${name}** — ${firstSentence(d.summary.ko)}`), valueOf(ko).slice(0, 80));
      assert.deepEqual(ko.range, { start: { line, character: 0 }, end: { line, character: lines[line].length } }, 'the whole directive line');
      assert.equal(valueOf(hoverAt(doc, line, lines[line].length - 1, 'ko')), valueOf(ko), 'on the value too');
      const en = valueOf(hoverAt(doc, line, 3, 'en'));
      assert.ok(en.startsWith(`**# ${name}** — ${firstSentence(d.summary.en)}`));
      assert.ok(en.includes(`(${d.link})`));
      const both = valueOf(hoverAt(doc, line, 3, 'both'));
      assert.ok(both.startsWith(valueOf(ko) + RULE), 'both: the Korean hover, a rule');
      assert.ok(both.endsWith(RULE + en), 'then the English one');
    }
  });

  test('a `# syntax=` after the first instruction is a comment, not a directive', () => {
    assert.equal(service.hover(doc, { line: 5, character: 3 }, 'en', NO_RULES), null);
  });
});

describe('rule explanations', () => {
  const lines = [
    'FROM debian:bookworm', //                                 0
    'MAINTAINER me', //                                        1: MaintainerDeprecated on the keyword
    'RUN apt-get update && apt-get install -y nginx', //       2: DL3008 and DL3015 on `install`
    'EXPOSE 80', //                                            3: no finding
  ];
  const doc = service.parse('file:///w/rules/Dockerfile', 1, lines.join('\n') + '\n');
  const maintainer = ruleById('MaintainerDeprecated')!;
  const maintainerEn = `**MaintainerDeprecated** — ${maintainer.title.en}\n\n${maintainer.why.en}\n\n[Documentation: MaintainerDeprecated](${maintainer.url})`;
  const maintainerDoc = (lang: Lang) => valueOf(hoverAt(doc, 1, 3, lang, NO_RULES));

  test('the finding the hover explains is there', () => {
    const found = service.check(doc, {}).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    assert.ok(found.includes('MaintainerDeprecated@1:0'), found.join(' '));
    assert.ok(found.includes('DL3008@2:30') && found.includes('DL3015@2:30'), found.join(' '));
    assert.ok(!found.some((f) => f.includes('@3:')), 'nothing on EXPOSE');
  });

  test('rules run in the request: the instruction doc, a rule, then the rule\'s title, why and link', () => {
    const h = hoverAt(doc, 1, 3, 'en', RULES_HERE);
    const plain = maintainerDoc('en');
    assert.ok(plain.startsWith(`**MAINTAINER** — ${firstSentence(INSTRUCTIONS.MAINTAINER.summary.en)}`));
    assert.equal(valueOf(h), plain + RULE + maintainerEn);
    assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }, 'the range is the main hover\'s');
    const ko = valueOf(hoverAt(doc, 1, 3, 'ko', RULES_HERE));
    assert.ok(ko.endsWith(RULE + `**MaintainerDeprecated** — ${maintainer.title.ko}\n\n${maintainer.why.ko}\n\n[문서: MaintainerDeprecated](${maintainer.url})`));
  });

  test('the same explanation from a deferred list of diagnostics', () => {
    const deferred: HoverContext = { rules: {}, deferredDiagnostics: service.check(doc, {}), rulesInRequests: false };
    for (const lang of ['ko', 'en', 'both'] as const) {
      assert.equal(valueOf(hoverAt(doc, 1, 3, lang, deferred)), valueOf(hoverAt(doc, 1, 3, lang, RULES_HERE)), lang);
    }
    assert.ok(valueOf(hoverAt(doc, 1, 3, 'en', deferred)).endsWith(maintainerEn));
  });

  test('the deferred list is what counts: an empty one explains nothing even where a rule would fire', () => {
    const empty: HoverContext = { rules: {}, deferredDiagnostics: [], rulesInRequests: true };
    assert.equal(valueOf(hoverAt(doc, 1, 3, 'en', empty)), maintainerDoc('en'));
  });

  test('with rules not run in requests and no list, there is no rule part', () => {
    const text = maintainerDoc('en');
    assert.ok(!text.includes('**MaintainerDeprecated**'));
    assert.ok(!text.includes(maintainer.why.en));
    assert.equal(service.hover(doc, { line: 2, character: 32 }, 'en', NO_RULES), null, 'a plain argument with findings: no hover at all');
  });

  test('a rule switched off in the settings is not explained', () => {
    const off: HoverContext = { rules: { MaintainerDeprecated: 'off' }, deferredDiagnostics: null, rulesInRequests: true };
    assert.equal(valueOf(hoverAt(doc, 1, 3, 'en', off)), maintainerDoc('en'));
  });

  test('where only rules have something to say, the hover is their explanations, in registry order', () => {
    const dl3008 = ruleById('DL3008')!;
    const dl3015 = ruleById('DL3015')!;
    const expected = [dl3008, dl3015].map((r) => `**${r.id}** — ${r.title.en}\n\n${r.why.en}\n\n[Documentation: ${r.id}](${r.url})`).join(RULE);
    const here = hoverAt(doc, 2, 32, 'en', RULES_HERE);
    assert.equal(valueOf(here), expected);
    assert.equal(here.range, undefined, 'no main hover, so no range');
    const deferred: HoverContext = { rules: {}, deferredDiagnostics: service.check(doc, {}), rulesInRequests: false };
    assert.equal(valueOf(hoverAt(doc, 2, 32, 'en', deferred)), expected);
  });

  test('a line without findings has no rule part', () => {
    const text = valueOf(hoverAt(doc, 3, 2, 'en', RULES_HERE));
    assert.ok(text.startsWith(`**EXPOSE** — ${firstSentence(INSTRUCTIONS.EXPOSE.summary.en)}`));
    assert.ok(!text.includes(RULE + '**'), 'no explanation appended');
  });
});

describe('the effective command on CMD, ENTRYPOINT and the final FROM', () => {
  const lines = [
    'FROM debian:bookworm AS build', //             0: not the final stage
    'RUN true', //                                  1
    'FROM debian:bookworm', //                      2: the final stage
    'CMD nginx -g "daemon off;"', //                3: shell form
    'FROM build AS exec', //                        4
    'CMD ["nginx", "-g", "daemon off;"]', //        5: exec form
  ];
  const doc = service.parse('file:///w/cmd/Dockerfile', 1, lines.join('\n') + '\n');

  test('CMD in shell form: the CMD doc, then what runs, where it comes from, the PID 1 warning', () => {
    const text = valueOf(hoverAt(doc, 3, 1, 'en'));
    assert.ok(text.startsWith(`**CMD** — ${firstSentence(INSTRUCTIONS.CMD.summary.en)}`), text.slice(0, 120));
    assert.ok(text.includes(RULE + '### CMD · What this container actually runs\n\nstage 2 (FROM on line 3)'), 'the explanation comes after the doc');
    assert.ok(text.includes('- `docker run IMAGE` → `/bin/sh -c \'nginx -g "daemon off;"\'`'));
    assert.ok(text.includes('- `docker run IMAGE arg1 arg2` → `arg1 arg2`'));
    assert.ok(text.includes('- **ENTRYPOINT**: none'));
    assert.ok(text.includes('⚠️ **The shell is PID 1.**'));
    assert.ok(text.includes('Fix: switch to the exec form: `CMD ["nginx", "-g", "daemon off;"]`'));
  });

  test('CMD in exec form, in Korean: no shell, no warning', () => {
    const text = valueOf(hoverAt(doc, 5, 1, 'ko'));
    assert.ok(text.includes(RULE + '### CMD · 이 컨테이너가 실제로 실행하는 명령\n\n스테이지 `exec` (5번 줄의 FROM)'), text.slice(0, 120));
    assert.ok(text.includes('- `docker run IMAGE` → `nginx -g "daemon off;"`'));
    assert.ok(text.includes('- **CMD** `["nginx", "-g", "daemon off;"]` — 이 줄, exec 형식'));
    assert.ok(!text.includes('PID 1입니다'));
    assert.ok(text.startsWith(`**CMD** — ${firstSentence(INSTRUCTIONS.CMD.summary.ko)}`));
  });

  test('ENTRYPOINT with CMD, and a CMD a later one replaces', () => {
    const d = service.parse('file:///w/entry/Dockerfile', 1, 'FROM debian:bookworm\nENTRYPOINT ["/start.sh"]\nCMD ["nginx"]\nCMD ["php-fpm"]\n');
    const entry = valueOf(hoverAt(d, 1, 2, 'en'));
    assert.ok(entry.includes(RULE + '### ENTRYPOINT · What this container actually runs'));
    assert.ok(entry.includes('- `docker run IMAGE` → `/start.sh php-fpm`'));
    assert.ok(entry.includes('- `docker run IMAGE arg1 arg2` → `/start.sh arg1 arg2`'));
    assert.ok(entry.includes('- **ENTRYPOINT** `["/start.sh"]` — this line, exec form'));
    assert.ok(entry.includes('ℹ️ The CMD on line 3 has no effect: line 4 replaces it.'));
    const replaced = valueOf(hoverAt(d, 2, 1, 'en'));
    assert.ok(replaced.includes('ℹ️ This CMD has no effect: the CMD on line 4 replaces it.'));
    assert.ok(replaced.includes('- **ENTRYPOINT** `["/start.sh"]` — line 2, exec form'));
  });

  test('the final FROM explains the image\'s command; another FROM and a RUN do not', () => {
    assert.ok(valueOf(hoverAt(doc, 4, 1, 'en')).includes(RULE + '### FROM · What this container actually runs\n\nstage `exec` (FROM on line 5)'));
    for (const line of [0, 1, 2]) {
      const text = valueOf(hoverAt(doc, line, 1, 'en'));
      assert.ok(!text.includes('What this container actually runs'), `line ${line}`);
      assert.ok(text.startsWith('**'), `line ${line} starts with the instruction doc`);
    }
  });
});

test('a variable set by a global ARG shows its value and where it is set', () => {
  const doc = service.parse('file:///w/var/Dockerfile', 1, 'ARG DEBIAN=bookworm\nFROM debian:${DEBIAN} AS web\nENV SITE=localhost\nRUN echo $SITE\n');
  const onFrom = hoverAt(doc, 1, 16, 'en');
  assert.equal(
    valueOf(onFrom),
    '**DEBIAN** — build argument (ARG)\n\nValue at this line: `bookworm`\n\nSet at: line 1, global scope (before the first FROM)\n\nCan be overridden with `docker build --build-arg`.',
  );
  assert.deepEqual(onFrom.range, { start: { line: 1, character: 14 }, end: { line: 1, character: 20 } });
  assert.equal(valueOf(hoverAt(doc, 3, 11, 'ko')), '**SITE** — 환경 변수(ENV)\n\n이 줄에서의 값: `localhost`\n\n설정 위치: 3번 줄, 스테이지 `web`');
});

test('a stage ARG without a default shows the global ARG default it takes, and says where that comes from', () => {
  const doc = service.parse('file:///w/var2/Dockerfile', 1, 'ARG PHP=8.2\nFROM debian:bookworm AS web\nARG PHP\nRUN echo $PHP\n');
  const text = valueOf(hoverAt(doc, 3, 11, 'en'));
  assert.match(text, /Value at this line: `8\.2`/);
  assert.doesNotMatch(text, /no value/);
  assert.match(text, /Set at: line 3, stage `web`/);
  assert.match(text, /line 1/);
});
