// The annotations follow the document (client/src/editor/layers/lineTracker.ts): edits are applied to a text the way
// VS Code applies them, and each built instruction must stay on its line, fresh while its text is the built text and
// stale once it is not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matchesAt, moveAnchors, reanchor, type TextChange } from '../../../client/src/editor/layers/lineTracker';

const BUILT = ['FROM base', '# comment', 'RUN apt-get update && \\', '    apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/*', 'COPY . /app', ''].join('\n');
// Start lines and lengths of the four instructions.
const STARTS = [0, 2, 4, 5];
const SPANS = [[0], [2, 3], [4], [5]].map((ls) => ls.map((l) => BUILT.split('\n')[l]));

/** Applies one change to a text as VS Code does (positions are line/character of the text before the change). */
function apply(text: string, c: TextChange): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    // A position past the end of its line would silently edit somewhere else.
    assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `position ${p.line}:${p.character} is in the text`);
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  };
  return text.slice(0, offset(c.range.start)) + c.text + text.slice(offset(c.range.end));
}
const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text });

/** Applies the changes one after another; returns the new text and, per instruction, [anchor, fresh]. */
function edit(changes: TextChange[], text = BUILT, anchors = STARTS): { text: string; state: [number, boolean][] } {
  let t = text;
  let a = [...anchors];
  for (const c of changes) {
    t = apply(t, c);
    a = moveAnchors(a, [c]);
  }
  const lines = t.split('\n');
  return { text: t, state: a.map((x, i) => [x, matchesAt(lines, x, SPANS[i])]) };
}

test('a line inserted above moves every instruction below it and leaves them fresh', () => {
  const { state } = edit([change(1, 0, 1, 0, '# new\n# lines\n')]);
  assert.deepEqual(state, [[0, true], [4, true], [6, true], [7, true]]);
});

test('a line deleted above moves them up', () => {
  const { state } = edit([change(1, 0, 2, 0, '')]);
  assert.deepEqual(state, [[0, true], [1, true], [3, true], [4, true]]);
});

test('an edit inside an instruction makes that one stale, and only that one', () => {
  // Appends a package on the continuation line of the first RUN.
  const { state } = edit([change(3, 27, 3, 27, ' git')]);
  assert.deepEqual(state, [[0, true], [2, false], [4, true], [5, true]]);
});

test('undoing the edit makes the line fresh again (the text is compared, not remembered as touched)', () => {
  const { state } = edit([change(4, 3, 4, 3, ' -v'), change(4, 3, 4, 6, '')]);
  assert.deepEqual(state[2], [4, true]);
});

test('a new line typed at the start of an instruction pushes it down; text typed before it makes it stale', () => {
  assert.deepEqual(edit([change(4, 0, 4, 0, '\n')]).state[2], [5, true]);
  assert.deepEqual(edit([change(4, 0, 4, 0, 'X')]).state[2], [4, false]);
});

test('a new line added after an instruction does not make it stale', () => {
  const { state } = edit([change(4, 31, 4, 31, '\nRUN true')]);
  assert.deepEqual(state, [[0, true], [2, true], [4, true], [6, true]]);
});

test('deleting a whole instruction and the lines around it: the ones after it follow, the deleted one is stale', () => {
  const { state } = edit([change(3, 0, 5, 0, '')]);
  assert.equal(state[1][1], false, 'the first RUN lost its continuation');
  assert.equal(state[2][1], false, 'the cleanup RUN is gone');
  assert.deepEqual(state[3], [3, true], 'COPY moved up two lines');
});

test('several changes in one event (a multi-cursor edit) apply in order', () => {
  // Bottom-up, as VS Code lists them: a line after COPY, then one at the top.
  const c1 = change(6, 0, 6, 0, 'CMD ["sh"]\n');
  const c2 = change(0, 0, 0, 0, '# top\n');
  const text = apply(apply(BUILT, c1), c2);
  const anchors = moveAnchors(STARTS, [c1, c2]);
  const lines = text.split('\n');
  assert.deepEqual(anchors, [1, 3, 5, 6]);
  assert.ok(anchors.every((a, i) => matchesAt(lines, a, SPANS[i])));
});

test('CRLF documents compare the same as LF ones', () => {
  const lines = BUILT.replace(/\n/g, '\r\n').split('\n');
  assert.ok(STARTS.every((a, i) => matchesAt(lines, a, SPANS[i])));
});

test('reopening finds each instruction again: in place, at its built line, or the nearest copy; else none', () => {
  // The edits that moved the anchors were discarded: the file on disk is the built text again.
  const lines = BUILT.split('\n');
  assert.equal(reanchor(lines, 7, 4, SPANS[2]), 4);
  // Saved with two lines added above.
  const saved = ['# a', '# b', ...lines];
  assert.equal(reanchor(saved, 4, 4, SPANS[2]), 6);
  assert.equal(reanchor(saved, 6, 4, SPANS[2]), 6);
  // The instruction is no longer in the file.
  assert.equal(reanchor(lines.filter((l) => !l.startsWith('RUN rm')), 4, 4, SPANS[2]), null);
});
