/**
 * One Korean voice: every Korean string of the product follows docs/glossary.ko.md. The banned forms are absent,
 * and a particle right after a backquoted code span agrees with how the code is read (the glossary's table, or the
 * digit and letter rules); a code span whose reading is not known is not followed by a particle at all.
 * All violations are reported at once, as `file:line: what — text`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agrees,
  check,
  codeStrings,
  endingOf,
  GLOSSARY,
  particleOf,
  productFiles,
  productStrings,
  readGlossary,
  ScanError,
  spansWithHangul,
  type Violation,
} from './koreanText';

const glossary = readGlossary();
const { files, strings } = productStrings();

/** All violations at once: a count per file and kind first (what is left where), then one line each. */
function report(vs: Violation[]): string {
  const perFile = new Map<string, Map<string, number>>();
  for (const v of vs) {
    const kinds = perFile.get(v.file) ?? new Map<string, number>();
    kinds.set(v.kind, (kinds.get(v.kind) ?? 0) + 1);
    perFile.set(v.file, kinds);
  }
  const summary = [...perFile].map(([f, kinds]) => `  ${f}: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`).join('\n');
  return `${vs.length} violation(s) in ${perFile.size} file(s), of ${strings.length} Korean strings in ${files.length} files:\n${summary}\n${vs.map((v) => v.message).join('\n')}`;
}

test('the glossary is read: its banned forms and its table of readings', () => {
  assert.ok(glossary.banned.length >= 20, `${glossary.banned.length} banned forms`);
  assert.ok(glossary.readings.size >= 10, `${glossary.readings.size} readings`);
  // Every banned form is found by its own pattern, so a typo in a regexp cannot switch a row off.
  for (const b of glossary.banned) {
    if (!b.source.startsWith('/')) assert.match(b.source, new RegExp(b.re.source, 'u'));
  }
  // The table's examples agree with its readings (`nginx` 엔진엑스 → `nginx`를).
  const bad: string[] = [];
  for (const r of glossary.readings.values()) {
    assert.match(r.reading, /[가-힣]$/, `${GLOSSARY}:${r.line}: the reading of \`${r.code}\` ends in Hangul`);
    const ex = spansWithHangul(r.example);
    const p = ex.length === 1 && ex[0].code === r.code ? particleOf(ex[0].word) : undefined;
    if (!p || !agrees(p, endingOf(r.code, glossary)!)) bad.push(`${GLOSSARY}:${r.line}: ${r.example} (${r.reading})`);
  }
  assert.deepEqual(bad, [], 'examples that do not agree with their reading');
});

test('the rules for code spans', () => {
  const g = { banned: [], readings: new Map() };
  const ending = (code: string) => endingOf(code, g);
  assert.equal(ending('1'), 'rieul');
  assert.equal(ending('PID 1'), 'rieul');
  assert.equal(ending('0'), 'consonant');
  assert.equal(ending('80'), 'consonant');
  assert.equal(ending('debian:12'), 'vowel');
  assert.equal(ending('ubuntu:22.04'), 'vowel');
  assert.equal(ending('3'), 'consonant');
  assert.equal(ending('-y'), 'vowel');
  assert.equal(ending('-m'), 'consonant');
  assert.equal(ending('-l'), 'rieul');
  assert.equal(ending('!경로'), 'vowel');
  assert.equal(ending('<이름>'), undefined);
  assert.equal(ending('python3'), undefined);
  assert.equal(ending('php7.3'), undefined);
  assert.equal(ending('nginx'), undefined);
  assert.deepEqual(spansWithHangul('`A` 와 `이름`을, ``a`b``는').map((x) => `${x.code}:${x.word}`), ['이름:을', 'a`b:는'], 'spans pair up from the left');
  const [p] = spansWithHangul('숫자 `1`로 시작');
  assert.ok(agrees(particleOf(p.word)!, 'rieul'));
  assert.ok(!agrees(particleOf('으로')!, 'rieul'));
  assert.ok(agrees(particleOf('을')!, 'rieul'));
  assert.equal(particleOf('이고'), undefined, 'the copula goes after either ending');
  assert.equal(particleOf('에서'), undefined);
  assert.equal(particleOf('이')?.other, '가');
  // The checker finds each kind of mistake.
  const s = (text: string) => check({ file: 'x.ts', line: 1, text }, glossary);
  assert.deepEqual(s('`RUN`을 씁니다. `CMD`를 씁니다. `1`로 끝납니다. 물려받은 값').map((v) => v.kind), []);
  assert.deepEqual(s('`RUN`를 씁니다').map((v) => v.kind), ['particle']);
  assert.deepEqual(s('`unknown-word`를 씁니다').map((v) => v.kind), ['unknown-reading']);
  assert.deepEqual(s('`unknown-word` 명령을 씁니다').map((v) => v.kind), []);
  assert.deepEqual(s('shell 형식으로 씁니다').map((v) => v.kind), ['banned']);
  assert.deepEqual(s('`docker build --build-arg` 로 바꿉니다').map((v) => v.kind), ['particle']);
  assert.deepEqual(s('`RUN` 이 줄').map((v) => v.kind), []);
  assert.deepEqual(s('{0}번째 줄, ${…}번째 줄, 두 번째 줄').map((v) => v.kind), ['banned', 'banned'], 'every match, not the ordinal');
  assert.deepEqual(s('도커파일 가이드가 Docker를 씁니다').map((v) => v.kind), []);
  assert.deepEqual(s('도커 엔진').map((v) => v.kind), ['banned']);
});

test('the source scanner: strings and templates, not comments or regular expressions', () => {
  const src = [
    "// 주석은 제품 문구가 아닙니다 'x'",
    "const re = /['\"`]한/g; const half = a / 2; /* 주석 `x` */",
    "const m = { ko: '첫째 \\'따옴표\\'', en: \"x\" };",
    "const t = `둘째 ${n}번 줄 ${cond ? `셋째 ${x}` : '넷째'} 끝`;",
    "if (ok) return /가/.test(s);",
  ].join('\n');
  const got = codeStrings('x.ts', src).map((x) => `${x.line}: ${x.text}`);
  assert.deepEqual(got.sort(), ["3: 첫째 '따옴표'", '4: 넷째', '4: 둘째 ${…}번 줄 ${…} 끝', '4: 셋째 ${…}']);
  assert.throws(() => codeStrings('x.ts', 'const a = 1 / 2; 한글'), ScanError);
});

test('every Korean string of the product was read', () => {
  const f = productFiles();
  // The counts cannot silently drop to 0: a broken scanner or a moved folder fails here.
  assert.ok(f.code.length >= 100, `${f.code.length} source files`);
  assert.ok(files.length >= 60, `${files.length} files with Korean`);
  assert.ok(strings.length >= 1000, `${strings.length} Korean strings`);
  for (const must of ['l10n/bundle.l10n.ko.json', 'package.nls.ko.json', 'README.md', 'docs/rules.md', 'snippets/dockerfile.json', 'server/src/cli/messages.ts', 'server/src/docs/instructions.ts', 'server/src/docs/validatorMessages.ts', 'client/src/sidebar/confirm.ts', 'scripts/start.mjs', 'docs/concepts/ports.ko.md']) {
    assert.ok(files.includes(must), `${must} has Korean strings`);
  }
  assert.ok(!files.includes(GLOSSARY), 'the glossary itself quotes the banned forms and is not checked');
});

test('every table entry is used with a particle somewhere', () => {
  const used = new Set<string>();
  for (const s of strings) if (!s.fenced) for (const sp of spansWithHangul(s.text)) if (particleOf(sp.word)) used.add(sp.code);
  const unused = [...glossary.readings.values()].filter((r) => !used.has(r.code)).map((r) => `${GLOSSARY}:${r.line}: \`${r.code}\``);
  assert.deepEqual(unused, [], 'the table keeps only the words we use; remove these rows');
});

test('Korean text follows the glossary', () => {
  const vs = strings.flatMap((s) => check(s, glossary));
  assert.equal(vs.length, 0, report(vs));
});
