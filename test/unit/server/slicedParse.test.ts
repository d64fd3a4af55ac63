/**
 * lsp/slices.ts parseInSlices (over service/parseSteps.ts): a big document parsed in slices gives the same model as a parse in one go, lets the event
 * loop run between slices, reuses the previous version's chunks, and gives up when the document moves on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ParsedDocument } from '../../../server/src/service/document';
import { parseInSlices } from '../../../server/src/lsp/slices';
import { createLanguageService } from '../../../server/src/service/index';

const service = createLanguageService();
import { corpusDockerfiles } from '../corpusFiles';

/** About 1 MB of real Dockerfiles, one after the other (with ARGs before the first FROM, which later chunks use). */
function bigText(): string {
  const parts = corpusDockerfiles().map((f) => fs.readFileSync(f, 'utf8'));
  let text = '# escape=\\\nARG BASE=debian:bookworm\n';
  for (let i = 0; text.length < 1024 * 1024; i++) text += parts[i % parts.length] + '\n';
  return text;
}

const model = (d: ParsedDocument) =>
  JSON.stringify([
    d.directives,
    d.comments,
    d.instructions.map((i) => [i.index, i.keyword, i.range, i.stage?.index]),
    d.stages.map((s) => [s.index, s.name, s.image, s.parent?.index, s.startLine, s.endLine, s.instructions.length]),
    d.varDefs.map((v) => [v.kind, v.name, v.value, v.nameRange, v.stage?.index]),
    d.globalArgs.map((v) => v.name),
  ]);

test('sliced: the same model as one parse, with the event loop running in between', async () => {
  const text = bigText();
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const doc = await parseInSlices(service, 'file:///big', 1, text, undefined, () => true);
  clearInterval(ticker);
  assert.ok(doc, 'finished');
  assert.ok(turns >= 3, `the event loop ran ${turns} times during the parse`);
  assert.equal(model(doc!), model(new ParsedDocument('file:///big', 1, text)));
});

test('sliced: an edit reuses the previous version, and a stale run gives up', async () => {
  const text = bigText();
  const v1 = new ParsedDocument('file:///big', 1, text);
  // An edit in the middle (not the ARGs before the first FROM: every later chunk is parsed with those).
  const middle = text.indexOf('\nRUN ', text.length >> 1) + 1;
  const edited = text.slice(0, middle) + 'RUN echo edited\n' + text.slice(middle);
  const v2 = await parseInSlices(service, 'file:///big', 2, edited, v1, () => true);
  const reused = [...v2!.chunkCache.values()].filter((c) => v1.chunkCache.get(c.key) === c).length;
  assert.ok(reused >= v2!.chunkCache.size - 2, `${reused} of ${v2!.chunkCache.size} chunks reused`);
  assert.equal(model(v2!), model(new ParsedDocument('file:///big', 2, edited)));

  let asked = 0;
  const gaveUp = await parseInSlices(service, 'file:///big', 1, text, undefined, () => ++asked < 2);
  assert.equal(gaveUp, undefined);
  assert.equal(asked, 2, 'stopped at the first pause after the document moved on');
});
