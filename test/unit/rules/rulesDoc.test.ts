import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc } from '../../../scripts/rules-doc';
import { ALL_RULES } from '../../../server/src/rules/registry';

test('docs/rules.md is in step with the rule registry (regenerate: node --import tsx scripts/rules-doc.ts --write)', () => {
  const file = fs.readFileSync(path.resolve(__dirname, '../../../docs/rules.md'), 'utf8');
  assert.equal(file, renderRulesDoc());
  for (const r of ALL_RULES) assert.ok(file.includes(`### ${r.id}\n`), r.id);
});
