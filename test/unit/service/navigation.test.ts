/**
 * Go to definition, document highlights, references, prepareRename and rename, in-process through the service's
 * front door (createLanguageService): the same Dockerfiles test/lsp/features.test.ts sends over JSON-RPC, checked
 * here down to every range and highlight kind.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/index';

const service = createLanguageService();

const at = (line: number, character: number): Position => ({ line, character });
const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** The text with a rename's edits applied (single-line edits only, as every rename here is). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const e of sorted) {
    assert.equal(e.range.start.line, e.range.end.line, 'a rename edit stays on one line');
    const l = lines[e.range.start.line];
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  return lines.join('\n');
}

/** The edits of a rename for one document, in document order. */
function editsOf(edit: WorkspaceEdit | null, uri: string): TextEdit[] {
  assert.ok(edit, 'the rename answers an edit');
  assert.deepEqual(Object.keys(edit.changes ?? {}), [uri], 'edits for this document only');
  return [...edit.changes![uri]].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

// The document of test/lsp/features.test.ts "outline, folding, navigation, rename, formatting".
const uri = 'file:///w/nav/Dockerfile';
const lines = [
  'ARG PHP=8.2', //                        0
  'FROM debian:bookworm AS build', //      1: `build` at 24..29
  'ARG PHP', //                            2: PHP at 4..7, shares the build argument with line 0
  'ENV WEB=/var/www', //                   3: WEB at 4..7
  'RUN mkdir -p $WEB \\', //               4: WEB at 14..17
  '    && echo ${PHP}', //                 5: PHP at 14..17
  '', //                                   6
  'FROM build AS final', //                7: `build` at 5..10, `final` at 14..19
  'COPY --from=build $WEB /srv', //        8: `build` at 12..17, WEB at 19..22
  'RUN echo $WEB', //                      9: WEB at 10..13
  'RUN <<EOF',
  '      indented heredoc body stays',
  'EOF',
  '   CMD ["true"]',
];
const text = lines.join('\n') + '\n';
const doc = service.parse(uri, 1, text);

// Stages that do not inherit, a global ARG used on a FROM line, the stage referenced by a RUN mount, a stage name
// written in another case, and a stage that uses `$PHP` without declaring it.
const uri2 = 'file:///w/nav2/Dockerfile';
const lines2 = [
  'ARG DEBIAN=bookworm', //                               0: DEBIAN at 4..10
  'ARG PHP=8.2', //                                       1: PHP at 4..7
  'FROM debian:${DEBIAN} AS Base', //                     2: DEBIAN at 14..20, `Base` at 25..29
  'ARG PHP', //                                           3: PHP at 4..7
  'ENV SITE=localhost', //                                4: SITE at 4..8
  'RUN echo $PHP $SITE', //                               5: PHP at 10..13, SITE at 15..19
  'FROM debian AS other', //                              6: `other` at 15..20
  'RUN echo $SITE $PHP', //                               7: SITE at 10..14, PHP at 16..19 (neither declared here)
  'FROM base', //                                         8: `base` at 5..9
  'RUN --mount=type=cache,from=base,target=/c ls', //     9: `base` at 28..32
  'COPY --from=other /a /b', //                          10: `other` at 12..17
  'ENV SITE=changed', //                                 11: SITE at 4..8
  'RUN echo $SITE', //                                   12: SITE at 10..14
];
const text2 = lines2.join('\n') + '\n';
const doc2 = service.parse(uri2, 1, text2);

describe('definition', () => {
  test('a variable jumps to the ENV it inherits through FROM <stage>', () => {
    assert.deepEqual(service.definition(doc, at(9, 11)), { uri, range: range(3, 4, 7) });
    assert.deepEqual(service.definition(doc, at(8, 20)), { uri, range: range(3, 4, 7) }, '$WEB among COPY arguments');
    assert.deepEqual(service.definition(doc, at(4, 15)), { uri, range: range(3, 4, 7) }, '$WEB in its own stage');
  });

  test('${PHP} inside a stage jumps to the stage\'s ARG PHP, not the global one', () => {
    assert.deepEqual(service.definition(doc, at(5, 15)), { uri, range: range(2, 4, 7) });
  });

  test('a variable on a FROM line jumps to the global ARG', () => {
    assert.deepEqual(service.definition(doc2, at(2, 16)), { uri: uri2, range: range(0, 4, 10) });
  });

  test('the latest definition visible at the line wins', () => {
    assert.deepEqual(service.definition(doc2, at(12, 11)), { uri: uri2, range: range(11, 4, 8) }, 'the second ENV SITE');
    assert.deepEqual(service.definition(doc2, at(5, 16)), { uri: uri2, range: range(4, 4, 8) }, 'the first ENV SITE');
  });

  test('a definition is its own definition', () => {
    assert.deepEqual(service.definition(doc, at(3, 5)), { uri, range: range(3, 4, 7) });
    assert.deepEqual(service.definition(doc, at(0, 4)), { uri, range: range(0, 4, 7) });
  });

  test('a stage reference jumps to the name after AS', () => {
    assert.deepEqual(service.definition(doc, at(8, 14)), { uri, range: range(1, 24, 29) }, 'COPY --from=build');
    assert.deepEqual(service.definition(doc, at(7, 6)), { uri, range: range(1, 24, 29) }, 'FROM build');
    assert.deepEqual(service.definition(doc2, at(9, 30)), { uri: uri2, range: range(2, 25, 29) }, 'RUN --mount=…,from=base');
    assert.deepEqual(service.definition(doc2, at(8, 6)), { uri: uri2, range: range(2, 25, 29) }, 'stage names are case-insensitive');
    assert.deepEqual(service.definition(doc2, at(10, 14)), { uri: uri2, range: range(6, 15, 20) }, 'COPY --from=other');
  });

  test('nothing outside a name, and nothing for a variable its stage cannot see', () => {
    assert.equal(service.definition(doc, at(9, 1)), null, 'the keyword');
    assert.equal(service.definition(doc, at(6, 0)), null, 'an empty line');
    assert.equal(service.definition(doc, at(1, 8)), null, 'an image that is not a stage');
    assert.equal(service.definition(doc2, at(7, 11)), null, '$SITE in a stage not built FROM the one with ENV SITE');
    assert.equal(service.definition(doc2, at(7, 17)), null, '$PHP in a stage without ARG PHP');
  });
});

describe('documentHighlights', () => {
  test('the highlight kinds are the LSP numbers', () => {
    assert.equal(DocumentHighlightKind.Write, 3);
    assert.equal(DocumentHighlightKind.Read, 2);
  });

  test('a variable: Write at its ENV, Read at each use, across the stage built FROM it', () => {
    const expected = [
      { range: range(3, 4, 7), kind: 3 },
      { range: range(4, 14, 17), kind: 2 },
      { range: range(8, 19, 22), kind: 2 },
      { range: range(9, 10, 13), kind: 2 },
    ];
    assert.deepEqual(service.documentHighlights(doc, at(3, 5)), expected, 'from the definition');
    assert.deepEqual(service.documentHighlights(doc, at(9, 12)), expected, 'from a use in the inheriting stage');
  });

  test('a build argument: both ARG lines are Write, the use is Read', () => {
    assert.deepEqual(service.documentHighlights(doc, at(0, 5)), [
      { range: range(0, 4, 7), kind: DocumentHighlightKind.Write },
      { range: range(2, 4, 7), kind: DocumentHighlightKind.Write },
      { range: range(5, 14, 17), kind: DocumentHighlightKind.Read },
    ]);
  });

  test('a stage name: Write after AS, Read at FROM <stage> and COPY --from=', () => {
    const expected = [
      { range: range(1, 24, 29), kind: 3 },
      { range: range(7, 5, 10), kind: 2 },
      { range: range(8, 12, 17), kind: 2 },
    ];
    assert.deepEqual(service.documentHighlights(doc, at(1, 26)), expected);
    assert.deepEqual(service.documentHighlights(doc, at(8, 12)), expected, 'from a reference, at its first character');
  });

  test('a stage name written in another case and used by a RUN mount', () => {
    assert.deepEqual(service.documentHighlights(doc2, at(2, 27)), [
      { range: range(2, 25, 29), kind: 3 },
      { range: range(8, 5, 9), kind: 2 },
      { range: range(9, 28, 32), kind: 2 },
    ]);
  });

  test('a variable of a stage that does not inherit stays apart', () => {
    assert.deepEqual(service.documentHighlights(doc2, at(7, 12)), [{ range: range(7, 10, 14), kind: 2 }]);
  });

  test('null off any name', () => {
    assert.equal(service.documentHighlights(doc, at(3, 1)), null, 'the ENV keyword');
    assert.equal(service.documentHighlights(doc, at(3, 10)), null, 'the value of ENV');
    assert.equal(service.documentHighlights(doc, at(11, 8)), null, 'a heredoc body');
  });
});

describe('references', () => {
  test('a variable, with and without its declaration', () => {
    const uses = [range(4, 14, 17), range(8, 19, 22), range(9, 10, 13)].map((r) => ({ uri, range: r }));
    assert.deepEqual(service.references(doc, at(9, 11), false), uses);
    assert.deepEqual(service.references(doc, at(9, 11), true), [{ uri, range: range(3, 4, 7) }, ...uses]);
  });

  test('a build argument shared by the global scope and the stage that re-declares it', () => {
    assert.deepEqual(service.references(doc, at(5, 15), false), [{ uri, range: range(5, 14, 17) }]);
    assert.deepEqual(
      service.references(doc, at(5, 15), true),
      [range(0, 4, 7), range(2, 4, 7), range(5, 14, 17)].map((r) => ({ uri, range: r })),
    );
  });

  test('a stage, with and without its declaration', () => {
    const uses = [range(7, 5, 10), range(8, 12, 17)].map((r) => ({ uri, range: r }));
    assert.deepEqual(service.references(doc, at(1, 26), false), uses);
    assert.deepEqual(service.references(doc, at(1, 26), true), [{ uri, range: range(1, 24, 29) }, ...uses]);
    assert.deepEqual(service.references(doc2, at(6, 16), false), [{ uri: uri2, range: range(10, 12, 17) }], 'stage `other`');
  });

  test('a variable with no use answers its declaration only when asked to', () => {
    const d = service.parse('file:///w/unused/Dockerfile', 1, 'FROM debian\nENV UNUSED=1\n');
    assert.deepEqual(service.references(d, at(1, 5), false), []);
    assert.deepEqual(service.references(d, at(1, 5), true), [{ uri: 'file:///w/unused/Dockerfile', range: range(1, 4, 10) }]);
  });

  test('null off any name', () => {
    assert.equal(service.references(doc, at(8, 1), true), null);
    assert.equal(service.references(doc, at(8, 25), true), null, 'the destination path');
  });
});

describe('prepareRename', () => {
  test('a variable: the range of the name under the cursor and its text', () => {
    assert.deepEqual(service.prepareRename(doc, at(9, 11)), { range: range(9, 10, 13), placeholder: 'WEB' });
    assert.deepEqual(service.prepareRename(doc, at(3, 4)), { range: range(3, 4, 7), placeholder: 'WEB' }, 'the definition, at its first character');
    assert.deepEqual(service.prepareRename(doc, at(5, 17)), { range: range(5, 14, 17), placeholder: 'PHP' }, 'the end of a name counts');
  });

  test('a stage name: at its definition and at a reference', () => {
    assert.deepEqual(service.prepareRename(doc, at(1, 26)), { range: range(1, 24, 29), placeholder: 'build' });
    assert.deepEqual(service.prepareRename(doc, at(8, 14)), { range: range(8, 12, 17), placeholder: 'build' });
    assert.deepEqual(service.prepareRename(doc, at(7, 16)), { range: range(7, 14, 19), placeholder: 'final' }, 'a stage nobody references');
    assert.deepEqual(service.prepareRename(doc2, at(8, 6)), { range: range(8, 5, 9), placeholder: 'base' }, 'the text as written there');
  });

  test('null off any name', () => {
    assert.equal(service.prepareRename(doc, at(9, 2)), null, 'a keyword');
    assert.equal(service.prepareRename(doc, at(6, 0)), null, 'an empty line');
    assert.equal(service.prepareRename(doc, at(1, 10)), null, 'an image');
    assert.equal(service.prepareRename(doc, at(1, 22)), null, 'AS');
    assert.equal(service.prepareRename(doc, at(9, 9)), null, 'the `$` before a name');
    assert.equal(service.prepareRename(doc, at(13, 10)), null, 'an exec-form argument');
  });
});

describe('rename', () => {
  test('a variable: every occurrence across the stage built FROM its stage', () => {
    const edits = editsOf(service.rename(doc, at(3, 5), 'WEB_ROOT'), uri);
    assert.deepEqual(
      edits.map((e) => e.range),
      [range(3, 4, 7), range(4, 14, 17), range(8, 19, 22), range(9, 10, 13)],
    );
    assert.ok(edits.every((e) => e.newText === 'WEB_ROOT'));
    const after = applyEdits(text, edits).split('\n');
    assert.equal(after[3], 'ENV WEB_ROOT=/var/www');
    assert.equal(after[4], 'RUN mkdir -p $WEB_ROOT \\');
    assert.equal(after[8], 'COPY --from=build $WEB_ROOT /srv');
    assert.equal(after[9], 'RUN echo $WEB_ROOT');
    assert.deepEqual(service.rename(doc, at(9, 11), 'WEB_ROOT'), service.rename(doc, at(3, 5), 'WEB_ROOT'), 'the same edit from a use');
  });

  test('a build argument shared by the global scope and a stage that re-declares it', () => {
    const edits = editsOf(service.rename(doc, at(0, 5), 'PHP_VERSION'), uri);
    assert.deepEqual(edits.map((e) => e.range), [range(0, 4, 7), range(2, 4, 7), range(5, 14, 17)]);
    const after = applyEdits(text, edits).split('\n');
    assert.deepEqual([after[0], after[2], after[5]], ['ARG PHP_VERSION=8.2', 'ARG PHP_VERSION', '    && echo ${PHP_VERSION}']);
  });

  test('a stage that uses the name without ARG keeps it: that is another variable', () => {
    const edits = editsOf(service.rename(doc2, at(1, 5), 'PHP_VERSION'), uri2);
    assert.deepEqual(edits.map((e) => e.range), [range(1, 4, 7), range(3, 4, 7), range(5, 10, 13)]);
    assert.equal(applyEdits(text2, edits).split('\n')[7], 'RUN echo $SITE $PHP');
    // And the other way round: from that stage only its own use is renamed.
    assert.deepEqual(editsOf(service.rename(doc2, at(7, 17), 'X'), uri2).map((e) => e.range), [range(7, 16, 19)]);
  });

  test('an ENV redefined in the same stage renames both definitions and every use', () => {
    const edits = editsOf(service.rename(doc2, at(12, 11), 'HOST'), uri2);
    assert.deepEqual(edits.map((e) => e.range), [range(4, 4, 8), range(5, 15, 19), range(11, 4, 8), range(12, 10, 14)]);
  });

  test('a stage name and its FROM <stage> and COPY --from= references', () => {
    const edits = editsOf(service.rename(doc, at(1, 26), 'builder'), uri);
    assert.deepEqual(edits.map((e) => e.range), [range(1, 24, 29), range(7, 5, 10), range(8, 12, 17)]);
    const after = applyEdits(text, edits).split('\n');
    assert.equal(after[1], 'FROM debian:bookworm AS builder');
    assert.equal(after[7], 'FROM builder AS final');
    assert.equal(after[8], 'COPY --from=builder $WEB /srv');
    assert.deepEqual(service.rename(doc, at(8, 14), 'builder'), service.rename(doc, at(1, 26), 'builder'), 'the same edit from a reference');
  });

  test('a stage name with its RUN --mount=from= reference, whatever case each is written in', () => {
    const edits = editsOf(service.rename(doc2, at(9, 29), 'deps-1.2'), uri2);
    const after = applyEdits(text2, edits).split('\n');
    assert.equal(after[2], 'FROM debian:${DEBIAN} AS deps-1.2');
    assert.equal(after[8], 'FROM deps-1.2');
    assert.equal(after[9], 'RUN --mount=type=cache,from=deps-1.2,target=/c ls');
    assert.equal(edits.length, 3);
  });

  test('the new name is trimmed', () => {
    const edits = editsOf(service.rename(doc, at(3, 5), '  WEB_DIR '), uri);
    assert.ok(edits.every((e) => e.newText === 'WEB_DIR'));
  });

  test('a name Docker would not accept answers null', () => {
    for (const bad of ['1abc', 'a b', '', '   ', 'a-b', '$WEB', 'x}']) {
      assert.equal(service.rename(doc, at(3, 5), bad), null, `variable renamed to ${JSON.stringify(bad)}`);
    }
    for (const bad of ['1abc', 'a b', '', '-x', '.x', 'a/b', 'a:b']) {
      assert.equal(service.rename(doc, at(1, 26), bad), null, `stage renamed to ${JSON.stringify(bad)}`);
    }
    // What each kind of name allows: `-` and `.` in a stage name, not in a variable; `_` first in a variable only.
    assert.ok(service.rename(doc, at(3, 5), '_WEB'));
    assert.equal(service.rename(doc, at(1, 26), '_build'), null);
    assert.ok(service.rename(doc, at(1, 26), 'build-2.x'));
  });

  test('nothing to rename off any name, whatever the new name', () => {
    assert.equal(service.rename(doc, at(9, 1), 'GOOD'), null, 'a keyword');
    assert.equal(service.rename(doc, at(1, 10), 'good'), null, 'an image');
    assert.equal(service.rename(doc, at(6, 0), 'good'), null, 'an empty line');
  });

  test('a stage named by its position: nothing to rename there, and renaming the stage keeps `--from=0` as written', () => {
    const text = ['FROM debian:bookworm AS build', 'RUN touch /a', 'FROM debian:bookworm', 'COPY --from=0 /a /b', 'COPY --from=build /a /c'].join('\n');
    const d = service.parse('file:///nav/index.Dockerfile', 1, text);
    // `0` is a reference to the first stage, but not a name a rename could change.
    assert.equal(service.prepareRename(d, at(3, 12)), null);
    assert.equal(service.rename(d, at(3, 12), 'builder'), null);
    const renamed = applyEdits(text, editsOf(service.rename(d, at(0, 25), 'builder'), d.uri));
    assert.equal(renamed, text.replace('AS build', 'AS builder').replace('--from=build', '--from=builder'));
  });

  test('an ONBUILD trigger is read in its own stage: its variable jumps to the stage\'s ENV, and a rename reaches it', () => {
    const text = ['ARG V=1', 'FROM debian:bookworm', 'ENV E=x', 'ONBUILD RUN echo $E $V'].join('\n');
    const d = service.parse('file:///nav/onbuild.Dockerfile', 1, text);
    assert.deepEqual(service.definition(d, at(3, 18)), { uri: d.uri, range: range(2, 4, 5) });
    // V is not declared in the stage: the global ARG is out of its scope there, so nothing links the two.
    assert.equal(service.definition(d, at(3, 21)), null);
    const renamed = applyEdits(text, editsOf(service.rename(d, at(2, 4), 'EE'), d.uri));
    assert.equal(renamed, text.replace('ENV E=', 'ENV EE=').replace('$E ', '$EE '));
  });
});
