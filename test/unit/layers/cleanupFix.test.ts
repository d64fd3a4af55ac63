// The wasted-bytes quick fix (client/src/editor/layers/cleanupFix.ts) and the diagnostics' grouping and words
// (wasteGroups.ts): the fix is offered only where moving the cleanup cannot change what the build does, its edit gives
// the expected Dockerfile, and every refusal says why.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyLineEdits, cleanupFix, NOT_SAFE } from '../../../client/src/editor/layers/cleanupFix';
import { wasteGroups, wasteMessage } from '../../../client/src/editor/layers/wasteGroups';

/** The fixed text, or the English reason the fix was refused. */
function fixed(text: string, added: number, removed: number | null): string {
  const f = cleanupFix(text, added, removed);
  return f.ok ? applyLineEdits(text, f.edits) : `refused: ${f.why.en}`;
}

test('a one-line cleanup RUN right after the adding RUN moves into it', () => {
  const text = 'FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n';
  assert.equal(fixed(text, 1, 2), 'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n');
});

test('line continuations, comments between and several rm commands: appended to the last line, cleanup lines removed', () => {
  const text = [
    'FROM debian',
    'RUN apt-get update \\',
    '    # the tools',
    '    && apt-get install -y curl   ',
    '',
    '# clean up',
    'RUN rm -rf /var/lib/apt/lists/* \\',
    '    && rm /tmp/x.tar.gz',
    'COPY . /app',
    '',
  ].join('\n');
  assert.equal(
    fixed(text, 1, 6),
    ['FROM debian', 'RUN apt-get update \\', '    # the tools', '    && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && rm /tmp/x.tar.gz   ', '', '# clean up', 'COPY . /app', ''].join('\n'),
  );
});

test('the cleanup RUN as the last line without a newline, CRLF line ends, and the backtick escape directive', () => {
  assert.equal(fixed('FROM a\nRUN wget -q http://x/y.tgz\nRUN rm y.tgz', 1, 2), 'FROM a\nRUN wget -q http://x/y.tgz && rm y.tgz');
  assert.equal(fixed('FROM a\r\nRUN make\r\nRUN rm -f build.log\r\nCMD x\r\n', 1, 2), 'FROM a\r\nRUN make && rm -f build.log\r\nCMD x\r\n');
  const escaped = '# escape=`\nFROM a\nRUN make `\n    all\nRUN rm -r obj\n';
  assert.equal(fixed(escaped, 2, 4), '# escape=`\nFROM a\nRUN make `\n    all && rm -r obj\n');
});

test('no fix where the move could change the build, and the reason says which rule', () => {
  const cases: [string, number, number | null, keyof typeof NOT_SAFE][] = [
    ['FROM a\nRUN make\nENV X=1\nRUN rm -rf obj\n', 1, 3, 'notNext'],
    ['FROM a\nRUN make\nRUN rm -rf obj && echo done\n', 1, 2, 'notOnlyRm'],
    ['FROM a\nRUN make\nRUN rm -rf $OUT\n', 1, 2, 'notOnlyRm'],
    ['FROM a\nRUN make\nRUN rm -rf obj; rm x\n', 1, 2, 'notOnlyRm'],
    ['FROM a\nRUN ["make"]\nRUN rm -rf obj\n', 1, 2, 'execForm'],
    ['FROM a\nRUN make\nRUN ["rm", "-rf", "obj"]\n', 1, 2, 'execForm'],
    ['FROM a\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y x\nRUN rm -rf /var/cache/apt/*\n', 1, 2, 'flags'],
    ['FROM a\nRUN <<EOF\nmake\nEOF\nRUN rm -rf obj\n', 1, 4, 'heredoc'],
    ['FROM a\nRUN make # build it\nRUN rm -rf obj\n', 1, 2, 'comment'],
    ['FROM a\nRUN make;\nRUN rm -rf obj\n', 1, 2, 'trailing'],
    ['FROM a\nCOPY big /big\nRUN rm /big\n', 1, 2, 'notRun'],
    ['FROM a\nRUN make\nCOPY small /big\n', 1, 2, 'notRun'],
    ['FROM a\nRUN make\n', 1, null, 'unknownLine'],
    ['FROM a\nRUN cd /tmp && wget -q http://h/x.tgz\nRUN rm x.tgz\n', 1, 2, 'relative'],
  ];
  for (const [text, added, removed, rule] of cases) {
    const f = cleanupFix(text, added, removed);
    assert.equal(f.ok, false, `${JSON.stringify(text)} must not be fixed`);
    if (!f.ok) assert.deepEqual(f.why, NOT_SAFE[rule], `${JSON.stringify(text)}: ${f.why.en}`);
  }
  // After a `cd`, an absolute path is still the same file.
  assert.equal(fixed('FROM a\nRUN cd /tmp && wget -q http://h/x.tgz\nRUN rm /tmp/x.tgz\n', 1, 2), 'FROM a\nRUN cd /tmp && wget -q http://h/x.tgz && rm /tmp/x.tgz\n');
  // A `#` inside a word is no comment: the fix stays.
  assert.equal(fixed('FROM a\nRUN curl -o x http://h/#frag\nRUN rm x\n', 1, 2), 'FROM a\nRUN curl -o x http://h/#frag && rm x\n');
});

test('waste is grouped per (adding, removing) pair with the total and the biggest paths', () => {
  const groups = wasteGroups([
    { path: '/var/lib/apt/lists/a', size: 3000, addedLine: 2, removedLine: 3 },
    { path: '/var/lib/apt/lists/b', size: 9000, addedLine: 2, removedLine: 3 },
    { path: '/var/lib/apt/lists/c', size: 1000, addedLine: 2, removedLine: 3 },
    { path: '/var/lib/apt/lists/d', size: 500, addedLine: 2, removedLine: 3 },
    { path: '/tmp/x.tgz', size: 7000, addedLine: 2, removedLine: 5 },
    { path: '/etc/base', size: 10, addedLine: null, removedLine: 3 },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.addedLine, g.removedLine, g.bytes, g.count, g.biggest.map((b) => b.path)]),
    [
      [2, 3, 13500, 4, ['/var/lib/apt/lists/b', '/var/lib/apt/lists/a', '/var/lib/apt/lists/c']],
      [2, 5, 7000, 1, ['/tmp/x.tgz']],
    ],
  );
  const [apt, tgz] = groups;
  const withFix = wasteMessage(apt, { ok: true }, 'en');
  assert.equal(
    withFix,
    "This line adds 13.5kB that line 3 deletes or overwrites: /var/lib/apt/lists/b (9kB), /var/lib/apt/lists/a (3kB), /var/lib/apt/lists/c (1kB) and 1 more. The bytes still ship in the image, in this line's layer. A quick fix can move the cleanup on line 3 into this RUN.",
  );
  const manual = wasteMessage(tgz, { ok: false, why: NOT_SAFE.notNext }, 'en');
  assert.match(manual, /Not moved automatically because other instructions sit between the two RUN instructions.*\. Whether to move it is up to you\.$/);
  const both = wasteMessage(tgz, { ok: false, why: NOT_SAFE.notNext }, 'both');
  assert.match(both, /^이 줄이 추가한 7kB를 5번 줄이 지우거나 덮어씁니다: \/tmp\/x\.tgz \(7kB\)\..* 옮길지는 직접 판단하세요\. \/ This line adds 7kB/);
  assert.ok(!/\n/.test(both), 'a diagnostic is one line of plain text');
});
