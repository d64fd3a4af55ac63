/**
 * The chunked parse must be indistinguishable from dockerfile-ast/dockerfile-utils run on the whole text:
 * same instructions at the same ranges, same validation problems, same formatting edits. Checked over every file
 * of the shared corpus (including PHP and shell files that are not Dockerfiles at all) and the bench inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { format, validate } from 'dockerfile-utils';
import { ParsedDocument } from '../../../server/src/service/document';
import { validatorProblems } from '../../../server/src/service/validation';
import { formatDocument } from '../../../server/src/service/format';
import { MAX_CHUNK_LINES, SHORT_CHUNK_LINES } from '../../../server/src/service/chunks';
import { allCorpusFiles, BENCH_INPUTS } from '../corpusFiles';

const files = allCorpusFiles();
const norm = (d: any) => JSON.stringify([d.range, d.message, d.severity, d.code, d.tags ?? null]);

test('corpus is there', () => assert.ok(files.length > 300, `only ${files.length} corpus files`));

test('chunked parse gives the same instructions and ranges as a whole-file parse', () => {
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const whole = DockerfileParser.parse(text).getInstructions().map((i) => i.getKeyword() + JSON.stringify(i.getRange()));
    const ours = new ParsedDocument('file:///x', 1, text).instructions.map((i) => i.keyword + JSON.stringify(i.range));
    assert.deepEqual(ours, whole, f);
  }
});

test('chunked validation equals dockerfile-utils validate()', () => {
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const expected = validate(text).map(norm).sort();
    const actual = validatorProblems(new ParsedDocument('file:///x', 1, text)).map(norm).sort();
    assert.deepEqual(actual, expected, f);
  }
});

test('chunked formatting equals dockerfile-utils format() outside heredoc bodies', () => {
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (/<</.test(text)) continue; // heredoc bodies are deliberately left alone (tested separately)
    for (const ignoreMultilineInstructions of [true, false]) {
      const expected = format(text, { tabSize: 4, insertSpaces: true, ignoreMultilineInstructions }).map((e) => JSON.stringify(e)).sort();
      const actual = formatDocument(new ParsedDocument('file:///x', 1, text), { tabSize: 4, insertSpaces: true, ignoreMultilineInstructions })
        .map((e) => JSON.stringify(e))
        .sort();
      assert.deepEqual(actual, expected, f);
    }
  }
});

test('an edit re-parses only the chunk it touches', () => {
  const text = fs.readFileSync(`${BENCH_INPUTS}/synthetic-10k.Dockerfile`, 'utf8');
  const v1 = new ParsedDocument('file:///x', 1, text);
  assert.ok(v1.placed.length > 100, 'the 10k file has many stages');
  const lines = text.split('\n');
  const mid = lines.findIndex((l, i) => i > 5000 && l.startsWith('ENV '));
  lines[mid] = lines[mid] + 'x';
  const v2 = new ParsedDocument('file:///x', 2, lines.join('\n'), v1);
  const reused = v2.placed.filter((p) => v1.placed.some((q) => q.chunk === p.chunk)).length;
  assert.equal(reused, v2.placed.length - 1, 'all chunks but one are reused');
  // Inserting a line shifts later chunks without re-parsing them.
  lines.splice(10, 0, '# a new comment');
  const v3 = new ParsedDocument('file:///x', 3, lines.join('\n'), v2);
  const reused3 = v3.placed.filter((p) => v2.placed.some((q) => q.chunk === p.chunk)).length;
  assert.ok(reused3 >= v3.placed.length - 1);
  assert.deepEqual(
    v3.instructions.map((i) => i.range),
    DockerfileParser.parse(lines.join('\n')).getInstructions().map((i) => i.getRange()),
  );
});

test('a short document is cut every SHORT_CHUNK_LINES lines inside its stage, never in the global ARGs, so typing at its end re-parses one small chunk', () => {
  const args = Array.from({ length: SHORT_CHUNK_LINES + 4 }, (_, i) => `ARG A${i}=${i}`).join('\n');
  const body = Array.from({ length: SHORT_CHUNK_LINES * 3 }, (_, i) => `RUN echo $A${i % 20} ${i}`).join('\n');
  const text = `${args}\nFROM debian:$A0\n${body}\n`;
  const v1 = new ParsedDocument('file:///short', 1, text);
  // The ARG block is longer than a chunk but stays whole; the stage is cut three times.
  assert.equal(v1.placed[1].startLine, SHORT_CHUNK_LINES + 4);
  assert.ok(v1.placed.length >= 4, `${v1.placed.length} chunks`);
  const v2 = new ParsedDocument('file:///short', 2, text + 'RUN echo typed', v1);
  const reused = v2.placed.filter((p) => v1.placed.some((q) => q.chunk === p.chunk)).length;
  assert.equal(reused, v2.placed.length - 1, 'all chunks but the last are reused');
  const edited = text + 'RUN echo typed';
  assert.deepEqual(v2.instructions.map((i) => i.range), DockerfileParser.parse(edited).getInstructions().map((i) => i.getRange()));
  assert.deepEqual(validatorProblems(v2).map(norm).sort(), validate(edited).map(norm).sort());
});

test('long single stages are cut and still parse exactly like the whole file', () => {
  const body = Array.from({ length: MAX_CHUNK_LINES * 3 }, (_, i) => (i % 7 === 0 ? `RUN echo ${i} \\\n  && true` : `ENV V${i}=$V${i - 1}`)).join('\n');
  const text = `ARG BASE=debian\nFROM $BASE\n${body}\nCMD ["sh"]\n`;
  const doc = new ParsedDocument('file:///x', 1, text);
  assert.ok(doc.placed.length >= 3, `expected cuts, got ${doc.placed.length} chunk(s)`);
  assert.deepEqual(doc.instructions.map((i) => i.range), DockerfileParser.parse(text).getInstructions().map((i) => i.getRange()));
  assert.deepEqual(validatorProblems(doc).map(norm).sort(), validate(text).map(norm).sort());
});

test('a cut never splits an unterminated heredoc or a continuation', () => {
  const cases = [
    'FROM a\nRUN <<EOF\necho hi\nFROM b\nEOF\nFROM c\n',
    'FROM a\nRUN <<EOF\nFROM b\n',
    'FROM a\nRUN echo \\\n# comment\n\nFROM b\n',
    'FROM a\nRUN <<-EOF\n\tFROM x\n\tEOF\nFROM b\n',
    'FROM a\nCOPY <<A <<B /x\nFROM 1\nA\nFROM 2\nB\nFROM c\n',
    '# escape=`\nFROM a\nRUN echo `\n  hi\nFROM b\nRUN echo \\\nFROM c\n',
    // lone carriage returns end lines too (old Mac files, broken editors)
    'FROM a\rRUN echo hi\rFROM b AS x\r\nCOPY --from=x /a /b\rFROM c\n',
  ];
  for (const text of cases) {
    const doc = new ParsedDocument('file:///x', 1, text);
    assert.deepEqual(
      doc.instructions.map((i) => i.keyword + JSON.stringify(i.range)),
      DockerfileParser.parse(text).getInstructions().map((i) => i.getKeyword() + JSON.stringify(i.getRange())),
      text,
    );
  }
});
