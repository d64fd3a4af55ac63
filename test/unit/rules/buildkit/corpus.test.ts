/**
 * The BuildKit rules and their fixes over every real Dockerfile of the shared corpus: no rule throws, every fix
 * applies cleanly, and the fixed text no longer has that finding (same rule, same line) while still parsing into
 * the same number of instructions (a fix never merges or splits instructions, NoEmptyContinuation aside).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { BUILDKIT_RULES } from '../../../../server/src/rules/buildkit';
import { ParsedDocument } from '../../../../server/src/service/document';
import { corpusDockerfiles } from '../../corpusFiles';
import { applyEdits } from './helpers';

const files = corpusDockerfiles();

test('the corpus is there', () => {
  assert.ok(files.length >= 95, `${files.length} Dockerfiles`);
});

test('every fix on the corpus removes its finding', () => {
  let fixesApplied = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = new ParsedDocument('file://' + file, 1, text);
    for (const rule of BUILDKIT_RULES) {
      const ctx = { doc, readContextFile: () => null };
      const found = rule.check(ctx);
      if (!rule.fix) continue;
      // A few findings per rule and file are enough to exercise the fix; re-parsing for all of them is slow.
      for (const f of found.slice(0, 4)) {
        const fixes = rule.fix(ctx, JSON.parse(JSON.stringify(f)));
        for (const fix of fixes) {
          const out = applyEdits(text, fix.edits);
          assert.notEqual(out, text, `${rule.id} fix changed nothing in ${file}:${f.range.start.line + 1}`);
          const after = new ParsedDocument('file://' + file, 2, out);
          const again = rule.check({ doc: after, readContextFile: () => null });
          // Fewer findings of this rule than before, and none left where this one was. (No fix of ours adds or
          // removes lines above its finding, so the position is comparable.)
          assert.ok(again.length < found.length, `${rule.id} still reported after "${fix.title.en}" in ${file}:${f.range.start.line + 1}`);
          const same = (g: typeof f) => g.range.start.line === f.range.start.line && g.range.start.character === f.range.start.character;
          assert.ok(!again.some(same), `${rule.id} left at ${file}:${f.range.start.line + 1}`);
          // The start-script fix of a shell-text ENTRYPOINT adds the COPY of the script it creates: one instruction.
          const added: number = fix.files?.length ? 1 : 0;
          if (rule.id !== 'NoEmptyContinuation') assert.equal(after.instructions.length, doc.instructions.length + added, `${rule.id} fix in ${file}`);
          fixesApplied++;
        }
      }
    }
  }
  assert.ok(fixesApplied >= 50, `only ${fixesApplied} fixes exercised`);
});
