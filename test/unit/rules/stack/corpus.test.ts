/**
 * The stack rules against the real projects in ../shared/corpus (read at test time, never copied): the counts
 * the research file established by reading every Dockerfile and start script, and fixes that leave each file clean.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STACK_RULES } from '../../../../server/src/rules/stack/index';
import { HADOLINT_RULES } from '../../../../server/src/rules/hadolint/index';
import type { Rule } from '../../../../server/src/rules/types';
import { ParsedDocument } from '../../../../server/src/service/document';
import { applyEdits } from '../hadolint/helpers';
import { CORPUS } from '../../corpusFiles';


function dockerfiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^dockerfile$/i.test(e.name) || /^Dockerfile\.[a-z]+$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function ctxFor(file: string, text = fs.readFileSync(file, 'utf8')) {
  const doc = new ParsedDocument('file://' + file, 1, text);
  const dir = path.dirname(file);
  return {
    doc,
    readContextFile: (p: string) => {
      try {
        return fs.readFileSync(path.join(dir, p), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** Repositories (folder names) where a rule fires. */
function reposWith(rule: Rule, files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) if (rule.check(ctxFor(f)).length) out.add(path.relative(path.join(CORPUS, 'ft_server'), f).split(path.sep)[0]);
  return [...out].sort();
}

const byId = (id: string) => [...STACK_RULES, ...HADOLINT_RULES].find((r) => r.id === id)!;

describe('stack rules on the ft_server corpus', () => {
  // No corpus is a failure (the count below), never a skip.
  const files = dockerfiles(path.join(CORPUS, 'ft_server'));
  it('has the 41 projects', () => assert.equal(files.length, 41));
  it('classifies what keeps PID 1 alive as the research did (B3)', () => {
    // 20 end in an interactive shell, 17 in a keep-alive (sleep 8, tail -f /dev/null 4, tail of logs 3, bash-then-tail 2),
    // 1 in `service nginx start`, which stays in the foreground: that project appends `daemon off;` to nginx.conf
    // (issue 15); 3 run nginx in the foreground (through a symlinked or misspelt script in one) and 1 has no CMD.
    // DG102 also finds that one (HenriBrg): without CMD it runs debian's `bash`, which exits just the same.
    assert.equal(reposWith(byId('DG102'), files).length, 21);
    assert.ok(reposWith(byId('DG102'), files).includes('HenriBrg__ft_server'));
    assert.equal(reposWith(byId('DG111'), files).length, 17);
    assert.deepEqual(reposWith(byId('DG101'), files), []);
  });
  it('finds the counted mistakes', () => {
    assert.deepEqual(reposWith(byId('DG103'), files), ['anolivei__ft_server42', 'lcols19__ft_server']); // B6
    assert.equal(reposWith(byId('DG113'), files).length, 18); // A1
    assert.equal(reposWith(byId('DG109'), files).length, 22); // A2
    assert.deepEqual(reposWith(byId('DG105'), files), ['0300dbdd1b__19_ft_server', 'Namenega__ft_server']); // B8, not B9
    assert.deepEqual(reposWith(byId('DG104'), files), ['Askeladd42__ft_server']); // B7 (Cardiox12's is in its script)
    assert.deepEqual(reposWith(byId('DG110'), files), ['ainoelina__ft_server']); // F6
    assert.deepEqual(reposWith(byId('DG107'), files), ['0300dbdd1b__19_ft_server', 'GauthierPoulain__ft_server', 'Namenega__ft_server']); // A9 in Dockerfiles
    assert.equal(reposWith(byId('DL3027'), files).length, 10); // A5
    assert.equal(reposWith(byId('DL3020'), files).length, 5); // F4
  });
  it('fixes leave every file free of the fixed rule', () => {
    for (const id of ['DG113', 'DG104', 'DG110', 'DL3014', 'DL3015', 'DL3009', 'DL3027', 'DL3020', 'DL3047']) {
      const rule = byId(id);
      for (const f of files) {
        let text = fs.readFileSync(f, 'utf8');
        for (let round = 0; round < 60; round++) {
          const ctx = ctxFor(f, text);
          const findings = rule.check(ctx);
          if (!findings.length) break;
          const fixes = rule.fix!(ctx, JSON.parse(JSON.stringify(findings[0])));
          assert.ok(fixes.length, `${id} offers a fix in ${f}:${findings[0].range.start.line + 1}`);
          text = applyEdits(text, (fixes.find((x) => x.preferred) ?? fixes[0]).edits);
        }
        assert.deepEqual(rule.check(ctxFor(f, text)).map((x) => x.range.start.line + 1), [], `${id} still fires after fixing ${f}`);
      }
    }
  });
});

describe('stack rules on the official images', () => {
  it('stay quiet except for known, true cases', () => {
    const files = dockerfiles(path.join(CORPUS, 'official'));
    assert.equal(files.length, 30, 'the official images of the corpus');
    const fired = new Map<string, string[]>();
    for (const f of files) {
      const ctx = ctxFor(f);
      for (const r of STACK_RULES) if (r.check(ctx).length) fired.set(r.id, [...(fired.get(r.id) ?? []), path.relative(CORPUS, f)]);
    }
    // DG112: the buster-era snapshots really do fail `apt-get update` today. DG106: the php 7.3 and wordpress
    // images make the web root world-writable on purpose (any --user). DG109: the mariadb UBI image upgrades every
    // package with `microdnf update -y`. Nothing else may fire.
    assert.deepEqual([...fired.keys()].sort(), ['DG106', 'DG109', 'DG112']);
    assert.deepEqual(fired.get('DG109'), ['official/MariaDB__mariadb-docker/11.4-ubi/Dockerfile']);
    assert.ok(fired.get('DG112')!.every((f) => /buster|5\.7|7\.3/.test(f)));
  });
});
