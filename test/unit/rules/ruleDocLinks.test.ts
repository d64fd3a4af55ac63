/**
 * The rule links (common/src/ruleDocs.ts, server/src/host/ruleDocs.ts): the `command:` link VS Code runs, the file
 * link to a rule's heading, the fallback to the upstream page; and the sections the client's rule tab shows, read
 * from the generated docs/rules.md, for every rule with its titles in both languages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleSection, ruleSections, rulesFileLink, showRuleLink } from '../../../common/src/ruleDocs';
import { installedRulesDoc, ruleDocLinkFor } from '../../../server/src/host/ruleDocs';
import { ALL_RULES } from '../../../server/src/rules/registry';

const ROOT = path.resolve(__dirname, '../../..');
const RULES_MD = path.join(ROOT, 'docs/rules.md');
const doc = fs.readFileSync(RULES_MD, 'utf8');

test('every rule has its section in docs/rules.md, with its titles and why in both languages', () => {
  const sections = ruleSections(doc);
  assert.equal(sections.length, ALL_RULES.length);
  for (const r of ALL_RULES) {
    const s = ruleSection(doc, r.id);
    assert.ok(s, r.id);
    assert.deepEqual(s.title, { en: r.title.en, ko: r.title.ko }, r.id);
    assert.ok(s.body.includes(r.why.en) && s.body.includes(r.why.ko), `${r.id}: why in both languages`);
    // A section stops before the next heading: never another rule's text.
    assert.doesNotMatch(s.body, /^#/m, r.id);
    if (r.url) assert.ok(s.body.endsWith(r.url), `${r.id}: the upstream page last`);
  }
  assert.equal(ruleSection(doc, 'DL9999'), null);
});

test('the command link is what VS Code runs as dockerfileGuide.showRule(id)', () => {
  const href = showRuleLink('DL3008');
  assert.equal(href, 'command:dockerfileGuide.showRule?%5B%22DL3008%22%5D');
  // VS Code's opener: the URI's path is the command, its query the URI-encoded JSON array of arguments.
  const u = new URL(href);
  assert.equal(u.pathname, 'dockerfileGuide.showRule');
  assert.deepEqual(JSON.parse(decodeURIComponent(u.search.slice(1))), ['DL3008']);
});

test('the link a client gets: command for our client, the installed docs for others, else the upstream page', () => {
  const rule = ALL_RULES.find((r) => r.id === 'DL3008')!;
  const ours = ALL_RULES.find((r) => r.id.startsWith('DG'))!;
  const vscode = ruleDocLinkFor({ commandLinks: true }, RULES_MD);
  assert.equal(vscode(rule.id, rule.url), showRuleLink('DL3008'));
  assert.equal(vscode(ours.id, ours.url), showRuleLink(ours.id));

  const other = ruleDocLinkFor({ language: 'ko' }, RULES_MD);
  assert.equal(other(rule.id, rule.url), `${pathToFileURL(RULES_MD).href}#dl3008`);
  assert.equal(other(ours.id, undefined), rulesFileLink(RULES_MD, ours.id));

  const bare = ruleDocLinkFor(undefined, null);
  assert.equal(bare(rule.id, rule.url), 'https://github.com/hadolint/hadolint/wiki/DL3008');
  assert.equal(bare(ours.id, ours.url), undefined, 'no link rather than a made-up one');
  // Anything but the exact value is another client.
  assert.equal(ruleDocLinkFor({ commandLinks: 'yes' }, null)(rule.id, rule.url), rule.url);
});

test('the installed docs/rules.md is found beside the bundles folder, and only there', () => {
  assert.equal(installedRulesDoc(path.join(ROOT, 'dist')), RULES_MD);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-ruledocs-'));
  try {
    fs.mkdirSync(path.join(empty, 'dist'));
    assert.equal(installedRulesDoc(path.join(empty, 'dist')), null);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
