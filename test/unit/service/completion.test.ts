/**
 * Completion, in-process through the service's front door (createLanguageService): the cases test/lsp/features.test.ts
 * sends over JSON-RPC, on the same Dockerfile, checked down to labels, kinds, insert texts and edit ranges; and
 * the places where nothing should be offered.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { APT_PACKAGES, DIRECTIVES, FLAGS, INSTRUCTIONS, MOUNT_TYPES, PREDEFINED_ARGS } from '../../../server/src/docs';
import { createLanguageService } from '../../../server/src/service/index';
import type { ParsedDocument } from '../../../server/src/service/index';
import type { Lang } from '../../../common/src/i18n';

const service = createLanguageService();
const HANGUL = /[\uac00-\ud7a3]/;

// LSP numbers, spelled out: a changed kind is a changed icon in the editor.
const KIND = { Snippet: 15, Property: 10, Variable: 6, Module: 9, Value: 12, Keyword: 14, EnumMember: 20, Reference: 18 };
const SNIPPET = 2;

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const docOf = (i: CompletionItem) => (i.documentation as { kind: string; value: string } | undefined)?.value ?? '';

// The document of test/lsp/features.test.ts "completion".
const lines = [
  '# ', //                                                                  0
  'ARG DEBIAN=bookworm', //                                                 1
  'FROM debian:${DEBIAN} AS build', //                                      2
  'ENV SITE_ROOT=/var/www/html', //                                         3
  '', //                                                                    4
  'RUN echo $', //                                                          5
  'COPY --', //                                                             6
  'COPY --from= /a /b', //                                                  7
  'RUN --mount=type= true', //                                              8
  'RUN --mount=type=cache, true', //                                        9
  'RUN apt-get update && apt-get install -y --no-install-recommends ', //  10
  'RUN apt-get install -y \\', //                                          11
  '    nginx \\', //                                                       12
  '    \\', //                                                             13
  '    curl', //                                                           14
  'FROM build AS final', //                                                15
  'COPY --from= /a /b', //                                                 16
];
const doc = service.parse('file:///w/complete/Dockerfile', 1, lines.join('\n') + '\n');
const complete = (line: number, character: number, lang: Lang = 'ko', d: ParsedDocument = doc) => service.completion(d, { line, character }, lang);

describe('instructions', () => {
  test('at an empty line: every instruction, as a snippet with its doc', () => {
    // The Dockerfile snippets follow the keywords (see "snippets" below).
    const items = complete(4, 0).filter((i) => i.kind !== KIND.Snippet);
    assert.deepEqual(labels(items), Object.keys(INSTRUCTIONS));
    for (const i of items) {
      assert.equal(i.kind, KIND.Keyword, i.label);
      assert.equal(i.insertTextFormat, SNIPPET, i.label);
      assert.ok(i.insertText?.startsWith(i.label), `${i.label}: ${i.insertText}`);
      assert.equal(i.textEdit, undefined, 'nothing typed, nothing replaced');
      assert.ok(docOf(i).startsWith(`**${i.label}** — ${INSTRUCTIONS[i.label].summary.ko}`), `${i.label}: Korean doc`);
      assert.equal(i.detail, INSTRUCTIONS[i.label].summary.ko);
    }
    const run = items.find((i) => i.label === 'RUN')!;
    assert.equal(run.insertText, 'RUN ${1:command}');
    assert.equal(items.find((i) => i.label === 'MAINTAINER')!.sortText, 'zMAINTAINER', 'the deprecated one sorts last');
  });

  test('in English, the docs are English', () => {
    const run = complete(4, 0, 'en').find((i) => i.label === 'RUN')!;
    assert.ok(docOf(run).startsWith(`**RUN** — ${INSTRUCTIONS.RUN.summary.en}`));
    assert.doesNotMatch(docOf(run), HANGUL);
  });

  test('a partly typed keyword is replaced by the snippet', () => {
    const d = service.parse('file:///w/complete/partial/Dockerfile', 1, 'FROM debian\nRU\n  cOp\n');
    const run = complete(1, 2, 'en', d).find((i) => i.label === 'RUN')!;
    assert.deepEqual(run.textEdit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: 'RUN ${1:command}' });
    assert.equal(run.insertText, undefined);
    const copy = complete(2, 4, 'en', d).find((i) => i.label === 'COPY')!;
    assert.deepEqual(copy.textEdit, { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }, newText: 'COPY ${1:source} ${2:destination}' });
  });

  test('after ONBUILD: the instructions that may be a trigger', () => {
    const d = service.parse('file:///w/complete/onbuild/Dockerfile', 1, 'FROM debian\nONBUILD \n');
    const expected = Object.keys(INSTRUCTIONS).filter((k) => !['ONBUILD', 'FROM', 'MAINTAINER'].includes(k));
    assert.deepEqual(labels(complete(1, 8, 'en', d)), expected);
  });
});

describe('parser directives', () => {
  test('in the header: syntax, escape and check, each written with its `=`', () => {
    const items = complete(0, 2);
    assert.deepEqual(labels(items).sort(), ['check', 'escape', 'syntax']);
    for (const i of items) {
      const d = DIRECTIVES.find((x) => x.name === i.label)!;
      assert.equal(i.kind, KIND.Property);
      assert.equal(i.detail, d.syntax);
      assert.equal(docOf(i), d.summary.ko);
      assert.deepEqual(i.textEdit, { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, newText: `${i.label}=` });
    }
  });

  test('a partly typed name is replaced', () => {
    const d = service.parse('file:///w/complete/dir/Dockerfile', 1, '#sy\nFROM debian\n');
    const syntax = complete(0, 3, 'en', d).find((i) => i.label === 'syntax')!;
    assert.deepEqual(syntax.textEdit, { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, newText: 'syntax=' });
  });

  test('not after the first instruction, nor after an ordinary comment', () => {
    assert.deepEqual(complete(1, 2, 'en', service.parse('file:///w/complete/late/Dockerfile', 1, 'FROM debian\n# \n')), [], 'after FROM');
    const d = service.parse('file:///w/complete/late2/Dockerfile', 1, '# just a comment\n# \nFROM debian\n');
    assert.deepEqual(complete(1, 2, 'en', d), [], 'a comment ends the header');
  });
});

describe('variables after $', () => {
  test('what is visible at that line: the stage\'s ENV and the predefined ARGs, not a global ARG it did not declare', () => {
    const items = complete(5, 10);
    const l = labels(items);
    assert.equal(l[0], 'SITE_ROOT', 'defined variables first');
    assert.deepEqual(l.slice(1), PREDEFINED_ARGS.map((p) => p.name));
    assert.ok(!l.includes('DEBIAN'));
    const site = items[0];
    assert.equal(site.kind, KIND.Variable);
    assert.equal(site.detail, 'ENV SITE_ROOT = /var/www/html');
    assert.equal(docOf(site), '4번 줄에서 설정합니다.');
    assert.equal(site.insertText, 'SITE_ROOT');
    assert.equal(site.sortText, '0SITE_ROOT');
    assert.equal(items.find((i) => i.label === 'TARGETPLATFORM')!.sortText, '1TARGETPLATFORM');
  });

  test('only definitions above the line, in this stage or a stage it is built FROM', () => {
    const d = service.parse(
      'file:///w/complete/vars/Dockerfile',
      1,
      [
        'ARG BASE=debian', //        0
        'FROM $', //                 1: a FROM line sees the global ARGs
        'ENV EARLY=1', //            2
        'RUN echo ${', //            3
        'ENV LATER=2', //            4
        'FROM debian AS other', //   5
        'RUN echo $', //             6
        'FROM scratch AS child', //  7
        'FROM other', //             8
        'ENV X=1', //                9
      ].join('\n') + '\n',
    );
    const defined = (line: number, character: number) => labels(complete(line, character, 'en', d)).filter((n) => !PREDEFINED_ARGS.some((p) => p.name === n));
    assert.deepEqual(defined(1, 6), ['BASE']);
    assert.deepEqual(defined(3, 11), ['EARLY'], 'LATER is set below');
    assert.deepEqual(defined(6, 10), [], 'another stage sees nothing of the first one');
    const braces = complete(3, 11, 'en', d)[0];
    assert.equal(braces.insertText, 'EARLY}', 'after ${ the closing brace comes too');
    assert.equal(docOf(braces), 'Set on line 3.');
  });

  test('an ENV of the parent stage is visible in a stage built FROM it', () => {
    const d = service.parse('file:///w/complete/inherit/Dockerfile', 1, 'FROM debian AS base\nENV SITE=x\nFROM base\nRUN echo $\n');
    assert.equal(complete(3, 10, 'en', d)[0].label, 'SITE');
  });

  test('no variables after an escaped $', () => {
    const d = service.parse('file:///w/complete/esc/Dockerfile', 1, 'FROM debian\nENV A=1\nRUN echo \\$\n');
    assert.deepEqual(complete(2, 11, 'en', d), []);
  });
});

describe('flags', () => {
  test('COPY flags after --, each replacing what was typed', () => {
    const items = complete(6, 7);
    assert.deepEqual(labels(items), FLAGS.COPY.map((f) => '--' + f.name));
    for (const f of ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']) assert.ok(labels(items).includes(f), f);
    const from = items.find((i) => i.label === '--from')!;
    assert.equal(from.kind, KIND.Property);
    assert.deepEqual(from.textEdit, { range: { start: { line: 6, character: 5 }, end: { line: 6, character: 7 } }, newText: '--from=' });
    assert.equal(from.command?.command, 'editor.action.triggerSuggest', 'a flag with a value asks for the value next');
    const chown = items.find((i) => i.label === '--chown')!;
    assert.deepEqual(chown.textEdit, { range: { start: { line: 6, character: 5 }, end: { line: 6, character: 7 } }, newText: '--chown=' });
    assert.equal(chown.detail, '--chown=<user>:<group>');
    // A flag whose value is optional goes in alone: `--link=` with nothing after it is an error for BuildKit's
    // flag parser ("missing a value on flag"), so neither the `=` nor a value suggestion is offered.
    for (const name of ['--link', '--parents']) {
      const item = items.find((i) => i.label === name)!;
      assert.equal((item.textEdit as { newText: string }).newText, name);
      assert.equal(item.command, undefined);
    }
    assert.equal(docOf(chown), FLAGS.COPY.find((f) => f.name === 'chown')!.summary.ko);
  });

  test('RUN flags and enumerated values', () => {
    const d = service.parse('file:///w/complete/run/Dockerfile', 1, 'FROM debian\nRUN --\nRUN --network=\nHEALTHCHECK --interval=5s \n');
    assert.deepEqual(labels(complete(1, 6, 'en', d)), FLAGS.RUN.map((f) => '--' + f.name));
    assert.ok(labels(complete(1, 6, 'en', d)).includes('--mount'));
    const net = complete(2, 14, 'en', d);
    assert.deepEqual(labels(net), ['default', 'none', 'host']);
    assert.ok(net.every((i) => i.kind === KIND.Value));
    assert.deepEqual(labels(complete(3, 26, 'en', d)), ['CMD', 'NONE'], 'HEALTHCHECK after its flags');
  });

  test('no flags once an argument is written', () => {
    const d = service.parse('file:///w/complete/late-flag/Dockerfile', 1, 'FROM debian\nCOPY src --\n');
    assert.deepEqual(complete(1, 11, 'en', d), []);
  });
});

describe('stage names', () => {
  test('after --from=: only earlier named stages', () => {
    const items = complete(16, 12);
    assert.deepEqual(labels(items), ['build']);
    assert.equal(items[0].kind, KIND.Reference);
    assert.equal(items[0].detail, 'FROM debian:${DEBIAN} AS build');
    assert.equal(docOf(items[0]), '1번째 스테이지, 3번 줄');
    assert.equal(docOf(complete(16, 12, 'en')[0]), 'Stage 1, line 3');
    assert.deepEqual(complete(7, 12), [], 'a stage cannot copy from itself or a later stage');
  });

  test('after RUN --mount=…,from= and after FROM', () => {
    const d = service.parse('file:///w/complete/stages/Dockerfile', 1, 'FROM debian AS deps\nFROM debian\nFROM alpine AS tools\nRUN --mount=type=bind,from= true\nFROM \n');
    assert.deepEqual(labels(complete(3, 27, 'en', d)), ['deps'], 'unnamed stages and the stage itself are left out');
    assert.deepEqual(labels(complete(4, 5, 'en', d)), ['deps', 'tools']);
  });
});

describe('RUN --mount', () => {
  test('mount types after type=', () => {
    const items = complete(8, 17);
    assert.deepEqual(labels(items), MOUNT_TYPES.map((t) => t.type));
    assert.deepEqual([...labels(items)].sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
    assert.ok(items.every((i) => i.kind === KIND.EnumMember));
    assert.equal(docOf(items.find((i) => i.label === 'cache')!), MOUNT_TYPES.find((t) => t.type === 'cache')!.summary.ko);
  });

  test('the keys of the type written, each inserted with its =', () => {
    const items = complete(9, 23);
    const cache = MOUNT_TYPES.find((t) => t.type === 'cache')!;
    assert.deepEqual(labels(items), cache.options.map((o) => o.key));
    for (const k of ['target', 'id', 'sharing', 'mode']) assert.ok(labels(items).includes(k), k);
    assert.ok(!labels(items).includes('type'), 'the type is written already');
    assert.equal(items.find((i) => i.label === 'target')!.insertText, 'target=');
  });

  test('before any type: `type` first, then the keys of a bind mount', () => {
    const d = service.parse('file:///w/complete/mount/Dockerfile', 1, 'FROM debian\nRUN --mount= true\n');
    const items = complete(1, 12, 'en', d);
    assert.equal(items[0].label, 'type');
    assert.equal(items[0].insertText, 'type=');
    assert.deepEqual(labels(items).slice(1), MOUNT_TYPES.find((t) => t.type === 'bind')!.options.map((o) => o.key));
  });
});

describe('Debian packages', () => {
  const packages = APT_PACKAGES.map((p) => p.name);

  test('after apt-get install and its options', () => {
    const items = complete(10, lines[10].length);
    assert.deepEqual(labels(items), packages);
    for (const p of ['nginx', 'mariadb-server', 'php-fpm', 'openssl', 'ca-certificates']) assert.ok(labels(items).includes(p), p);
    const nginx = items.find((i) => i.label === 'nginx')!;
    assert.equal(nginx.kind, KIND.Module);
    assert.equal(docOf(nginx), APT_PACKAGES.find((p) => p.name === 'nginx')!.doc.ko);
  });

  test('on a continuation line of the same RUN, empty or partly typed', () => {
    assert.deepEqual(labels(complete(13, 4)), packages);
    assert.deepEqual(labels(complete(14, 6)), packages, 'inside `curl`');
    assert.deepEqual(labels(complete(12, 4, 'en')), packages, 'at the start of `nginx`');
  });

  test('apt-get subcommands before the package list', () => {
    const d = service.parse('file:///w/complete/apt/Dockerfile', 1, 'FROM debian\nRUN apt-get \nRUN apt-get update && \n');
    const items = complete(1, 12, 'en', d);
    assert.deepEqual(labels(items), ['update', 'install', 'purge', 'clean', 'upgrade']);
    assert.equal(items[0].insertText, 'update && apt-get install -y --no-install-recommends ');
    assert.equal(items[1].insertText, 'install -y --no-install-recommends ');
    assert.deepEqual(complete(2, 22, 'en', d), [], 'after `&&` a new command starts: no subcommand, no package');
  });
});

describe('nothing silly inside arguments', () => {
  test('after the FROM image: only AS; after the stage name: nothing', () => {
    assert.deepEqual(complete(15, 19), []);
    assert.deepEqual(complete(15, 12), [{ label: 'AS', kind: KIND.Keyword, insertText: 'AS ' }]);
  });

  test('inside values, paths, JSON arrays and comments', () => {
    assert.deepEqual(complete(3, 20), [], 'an ENV value');
    assert.deepEqual(complete(1, 6), [], 'an ARG name');
    assert.deepEqual(complete(7, 16), [], 'a COPY source');
    assert.deepEqual(complete(5, 6), [], 'a RUN command word');
    const d = service.parse('file:///w/complete/json/Dockerfile', 1, 'FROM debian\nCMD ["nginx", "-g"]\n# a comment\nEXPOSE 80\n');
    assert.deepEqual(complete(1, 6, 'en', d), []);
    assert.deepEqual(complete(1, 15, 'en', d), []);
    assert.deepEqual(complete(2, 5, 'en', d), [], 'an ordinary comment');
    assert.deepEqual(complete(3, 9, 'en', d), [], 'a port');
  });
});

// Issue 18, item 9: the Dockerfile snippets come from the server, named in the user's language, and only where an
// instruction can start (never after the `--` of a flag).
describe('snippets', () => {
  const snippetsAt = (text: string, line: number, character: number, lang: Lang = 'ko') =>
    (service.completion(service.parse('file:///w/snip/Dockerfile', 1, text), { line, character }, lang) as CompletionItem[]).filter((i) => i.kind === KIND.Snippet);

  test('at the start of a line, each snippet with its Korean name and description (English when English)', () => {
    const ko = snippetsAt('FROM debian\n\n', 1, 0, 'ko');
    const web = ko.find((i) => i.label === 'webstack')!;
    assert.equal(web.labelDetails?.description, '웹 스택 뼈대');
    assert.match(web.detail ?? '', /^웹 스택 Dockerfile 뼈대/);
    assert.ok(!/Web stack/.test(web.detail ?? ''), 'Korean only');
    assert.equal(web.insertTextFormat, SNIPPET);
    assert.ok(web.textEdit && 'range' in web.textEdit && web.textEdit.newText.startsWith('FROM debian:${1:bookworm}'));
    const enAll = snippetsAt('FROM debian\n\n', 1, 0, 'en');
    assert.equal(ko.length, enAll.length);
    // Every name is Korean, except code kept as written (`apt-get install`, `HEALTHCHECK`).
    for (const [i, item] of ko.entries()) {
      const name = item.labelDetails?.description ?? '';
      assert.ok(HANGUL.test(name) || name === enAll[i].labelDetails?.description, `${item.label}: ${name}`);
    }
    assert.ok(ko.filter((i) => HANGUL.test(i.labelDetails?.description ?? '')).length >= 12);
    const en = enAll.find((i) => i.label === 'webstack')!;
    assert.equal(en.labelDetails?.description, 'Web stack skeleton');
    assert.ok(!HANGUL.test(en.detail ?? ''), en.detail);
  });

  test('a typed prefix with dashes is replaced whole', () => {
    const items = snippetsAt('FROM debian\napt-stack\n', 1, 9);
    assert.ok(items.some((i) => i.label === 'apt-stack-bookworm'));
    const edit = items[0].textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [0, 9]);
  });

  test('none after `--` of a flag, inside an instruction, or on a continuation line', () => {
    assert.deepEqual(labels(snippetsAt('FROM debian\nCOPY --\n', 1, 7)), []);
    assert.deepEqual(labels(snippetsAt('FROM debian\nCOPY --chown=a:b x y\n', 1, 19)), []);
    assert.deepEqual(labels(snippetsAt('FROM debian\nRUN apt\n', 1, 7)), []);
    assert.deepEqual(labels(snippetsAt('FROM debian\nRUN a \\\n  apt\n', 2, 5)), []);
  });
});
