// The editor's layer annotations as data and words (client/src/editor/layers/annotationModel.ts, annotationText.ts):
// a build record, its history mapped to the lines and the export's waste → what each instruction line shows.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { BuildRecord, StepOutcome } from '../../../common/src/engine/buildSteps';
import { mapHistory, type HistoryEntry } from '../../../common/src/layers/history';
import { lineFacts, withWaste, type LineFacts } from '../../../client/src/editor/layers/annotationModel';
import { labelParts, tooltipMarkdown, tooltipMsgs, type TooltipContext } from '../../../client/src/editor/layers/annotationText';

// The Dockerfile and the classic builder's history of test/unit/layers/history.test.ts (captured from the engine),
// with a comment line added so that line numbers and instruction indexes differ.
const TEXT = `FROM busybox-base
# how big
ARG SIZE=5
RUN dd if=/dev/zero of=/big bs=1M count=$SIZE
RUN rm /big
COPY hello.txt /app/hello.txt
ENV GREETING=hi
`;
const HISTORY: HistoryEntry[] = [
  { CreatedBy: '/bin/sh -c #(nop)  ENV GREETING=hi', Size: 0, Comment: '' },
  { CreatedBy: '/bin/sh -c #(nop) COPY file:c50ecf0f8081044924e199cfe6cfd18d0c9dd4d16be07790bb24f7088112b98e in /app/hello.txt ', Size: 6, Comment: '' },
  { CreatedBy: '|1 SIZE=5 /bin/sh -c rm /big', Size: 0, Comment: '' },
  { CreatedBy: '|1 SIZE=5 /bin/sh -c dd if=/dev/zero of=/big bs=1M count=$SIZE', Size: 5242880, Comment: '' },
  { CreatedBy: '/bin/sh -c #(nop)  ARG SIZE=5', Size: 0, Comment: '' },
  { CreatedBy: '', Size: 1984272, Comment: 'Imported from -' },
];

const step = (line: number, cached: boolean, seconds: number | null, text = ''): StepOutcome => ({ line, text, cached, seconds });
const REASON = { ko: '`hello.txt` 파일의 내용이 바뀌었습니다.', en: 'The content of `hello.txt` changed.' };
const RECORD: Pick<BuildRecord, 'text' | 'steps' | 'cacheBreak'> = {
  text: TEXT,
  steps: [step(1, true, null), step(3, true, null), step(4, true, null), step(5, true, null), step(6, false, 0.12), step(7, false, 1.26)],
  cacheBreak: { line: 6, reason: REASON, files: ['hello.txt'] },
};
const CTX: TooltipContext = { builtAt: '12:00', analysis: { state: 'done' }, historyFailed: null };

const at = (facts: LineFacts[], line0: number) => {
  const f = facts.find((x) => x.line === line0);
  assert.ok(f, `a fact on line ${line0 + 1}`);
  return f!;
};
const label = (f: LineFacts, stale = false) => labelParts(f, stale, 'en').join(' · ');

test('each instruction line gets its layer size, cache outcome and the cache break', () => {
  const facts = lineFacts(RECORD, mapHistory(HISTORY, TEXT));
  assert.deepEqual(
    facts.map((f) => [f.line + 1, f.keyword, label(f)]),
    [
      [1, 'FROM', 'base 1.98MB · cached'],
      [3, 'ARG', 'no layer · cached'],
      [4, 'RUN', '+5.24MB · cached'],
      [5, 'RUN', '+0B · cached'],
      [6, 'COPY', '+6B · ran 0.1 s · cache broke here: hello.txt changed'],
      [7, 'ENV', 'no layer · ran 1.3 s'],
    ],
  );
  // The comment line has no fact; the ARG's tooltip says why it has no layer.
  assert.ok(!facts.some((f) => f.line === 1));
  assert.match(tooltipMsgs(at(facts, 2), false, CTX).map((m) => m.en).join('\n'), /ARG only changes the image configuration/);
  // RUN rm made a 0-byte layer: the size is shown, and the tooltip explains why deleting does not shrink the image.
  assert.match(tooltipMsgs(at(facts, 4), false, CTX).map((m) => m.en).join('\n'), /deletion marker/);
  const copy = tooltipMarkdown(at(facts, 5), false, CTX, 'en');
  assert.match(copy, /The cache broke here/);
  assert.match(copy, /Changed files: `hello.txt`/);
  assert.match(copy, /Reason: The content of `hello.txt` changed\./);
});

test('wasted bytes from the export go on both lines: the adding one labels them, the removing one explains', () => {
  const facts = withWaste(lineFacts(RECORD, mapHistory(HISTORY, TEXT)), [
    { path: '/big', size: 5242880, addedLine: 4, removedLine: 5 },
    { path: '/etc/motd', size: 100, addedLine: null, removedLine: 6 },
  ]);
  assert.equal(label(at(facts, 3)), '+5.24MB · cached · 5.24MB wasted');
  const adding = tooltipMsgs(at(facts, 3), false, CTX).map((m) => m.en).join('\n');
  assert.match(adding, /Line 5 deletes or overwrites 5\.24MB that this line adds; those bytes still ship in the image/);
  const removing = tooltipMsgs(at(facts, 4), false, CTX).map((m) => m.en).join('\n');
  assert.match(removing, /This line deletes or overwrites 5\.24MB that line 4 added/);
  // A path of the base image has no adding line: the removing line still says it hides bytes.
  assert.match(tooltipMsgs(at(facts, 5), false, CTX).map((m) => m.en).join('\n'), /100B that an earlier layer added/);
  // The removing line's label stays short; only the adding line carries the waste.
  assert.equal(label(at(facts, 4)), '+0B · cached');
});

test('a stale line shows only that it was edited, never the old figures as current', () => {
  const facts = lineFacts(RECORD, mapHistory(HISTORY, TEXT));
  const run = at(facts, 3);
  assert.deepEqual(labelParts(run, true, 'en'), ['(edited since build)']);
  assert.deepEqual(labelParts(run, true, 'ko'), ['(빌드 후 수정됨)']);
  const tip = tooltipMarkdown(run, true, CTX, 'en');
  assert.match(tip, /edited after the build/);
  assert.match(tip, /as of the last build \(12:00\)/);
});

test('without a history (engine gone, image removed) only the steps are shown, and the tooltip says why', () => {
  const facts = lineFacts(RECORD, null);
  assert.equal(label(at(facts, 3)), 'cached');
  assert.equal(label(at(facts, 5)), 'ran 0.1 s · cache broke here: hello.txt changed');
  const why = { ko: '이미지가 없습니다', en: 'No such image' };
  const tip = tooltipMarkdown(at(facts, 3), false, { builtAt: '12:00', analysis: { state: 'failed', why }, historyFailed: why }, 'en');
  assert.match(tip, /history could not be read: No such image/);
  assert.match(tip, /could not be analysed: No such image/);
});

test('a history of another Dockerfile gives no sizes, not wrong ones', () => {
  const other = 'FROM busybox-base\nRUN echo other > /x\nRUN echo more > /y\nCMD ["sh"]\n';
  const facts = lineFacts({ text: other, steps: [], cacheBreak: null }, mapHistory(HISTORY, other));
  assert.deepEqual(facts, []);
});

test('labels are in one language, tooltips in the user\'s (both: Korean, then English)', () => {
  const facts = withWaste(lineFacts(RECORD, mapHistory(HISTORY, TEXT)), [{ path: '/big', size: 5242880, addedLine: 4, removedLine: 5 }]);
  assert.equal(labelParts(at(facts, 3), false, 'ko').join(' · '), '+5.24MB · 캐시 · 낭비 5.24MB');
  assert.equal(labelParts(at(facts, 6), false, 'ko').join(' · '), '레이어 없음 · 실행 1.3초');
  assert.equal(labelParts(at(facts, 5), false, 'ko').join(' · '), '+6B · 실행 0.1초 · 여기서 캐시 깨짐: hello.txt 바뀜');
  const both = tooltipMarkdown(at(facts, 3), false, CTX, 'both');
  const [ko, en] = both.split('\n\n---\n\n');
  assert.match(ko, /4번 줄 `RUN` 명령/);
  assert.match(ko, /5번 줄이 지우거나 덮어씁니다/);
  assert.match(en, /Line 4 `RUN`/);
});

test('a cache break without changed files shows a short reason in the label, a long one only in the tooltip', () => {
  const short = lineFacts({ ...RECORD, cacheBreak: { line: 4, reason: { ko: '`SIZE` 인자가 바뀌었습니다.', en: 'ARG SIZE changed.' }, files: [] } }, null);
  assert.equal(label(at(short, 3)), 'cached · cache broke here: ARG SIZE changed');
  const long = { ko: '이 줄 위의 줄이 수정되어 그 뒤로는 캐시를 쓸 수 없었습니다. 자세한 내용은 빌드 로그를 보세요.', en: 'A line above this one was edited, so nothing after it could come from the cache; see the build log.' };
  const facts = lineFacts({ ...RECORD, cacheBreak: { line: 4, reason: long, files: [] } }, null);
  assert.equal(label(at(facts, 3)), 'cached · cache broke here');
  assert.match(tooltipMarkdown(at(facts, 3), false, CTX, 'en'), /A line above this one was edited/);
  const unknown = lineFacts({ ...RECORD, cacheBreak: { line: 4, reason: null, files: [] } }, null);
  assert.match(tooltipMarkdown(at(unknown, 3), false, CTX, 'en'), /No earlier build is on record/);
});

test('multi-stage (BuildKit history): earlier-stage lines have no layer in the final image, the last FROM carries the base', () => {
  // The BuildKit history of MULTI in test/unit/layers/history.test.ts (captured from the engine).
  const text = `FROM busybox-base AS build
RUN echo built > /out.txt
FROM busybox-base
WORKDIR /srv
COPY --from=build /out.txt ./out.txt
CMD ["cat", "/srv/out.txt"]
`;
  const history: HistoryEntry[] = [
    { CreatedBy: 'CMD ["cat" "/srv/out.txt"]', Size: 0, Comment: 'buildkit.dockerfile.v0' },
    { CreatedBy: 'COPY /out.txt ./out.txt # buildkit', Size: 6, Comment: 'buildkit.dockerfile.v0' },
    { CreatedBy: 'WORKDIR /srv', Size: 0, Comment: 'buildkit.dockerfile.v0' },
    { CreatedBy: '', Size: 1984272, Comment: 'Imported from -' },
  ];
  const steps = [step(1, true, null), step(2, false, 0.3), step(3, true, null), step(4, true, null), step(5, false, 0.05)];
  const facts = lineFacts({ text, steps, cacheBreak: { line: 2, reason: null, files: [] } }, mapHistory(history, text));
  assert.deepEqual(
    facts.map((f) => [f.line + 1, label(f)]),
    [
      [1, 'no layer · cached'],
      [2, 'no layer · ran 0.3 s · cache broke here'],
      [3, 'base 1.98MB · cached'],
      [4, 'no layer · cached'],
      [5, '+6B · ran 0.1 s'],
      [6, 'no layer'],
    ],
  );
  assert.match(tooltipMsgs(at(facts, 1), false, CTX).map((m) => m.en).join('\n'), /earlier build stage/);
});
