/**
 * One problem repeated on many RUNs is one diagnostic (rules/grouping.ts), with one quick fix for all of them
 * (service/codeActions.ts): the firing case, the near misses, and the fix's exact output.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { runRules } from '../../../server/src/rules/engine';
import { GROUP_MAX, GROUP_MIN, messageShape } from '../../../server/src/rules/grouping';
import { mostImportant } from '../../../server/src/service/check';
import { ruleWhyFromDiagnostics, ruleWhyHover } from '../../../server/src/rules/hover';
import { codeActions, withoutOverlaps } from '../../../server/src/service/codeActions';
import { computeDiagnostics, toLspDiagnostic } from '../../../server/src/service/diagnostics';
import { ParsedDocument } from '../../../server/src/service/document';
import { msg } from '../../../common/src/i18n';
import type { Finding, GuideDiagnostic, Rule } from '../../../server/src/rules/types';
import { applyEdits, lines } from './buildkit/helpers';

const URI = 'file:///p/Dockerfile';
const parse = (text: string, version = 1) => new ParsedDocument(URI, version, text);

const PACKAGES = ['nginx', 'mariadb-server', 'php-fpm', 'curl', 'vim', 'git', 'wget', 'unzip', 'zip', 'less', 'tar', 'gzip', 'procps', 'iputils-ping', 'dnsutils', 'netcat-openbsd', 'openssl', 'ca-certificates', 'gettext-base', 'tini'];
/** FROM, one update RUN, then one RUN per package (lines 3…22, 1-based), then CMD. */
const TWENTY = lines('FROM debian:bookworm', 'RUN apt-get update', ...PACKAGES.map((p) => `RUN apt-get install -y ${p}`), 'CMD ["nginx", "-g", "daemon off;"]');

const of = (list: GuideDiagnostic[], code: string) => list.filter((d) => d.code === code);
const lsp = (d: GuideDiagnostic): Diagnostic => toLspDiagnostic(d, (m) => m.en, URI);

describe('grouping: the same finding on many RUNs', () => {
  it('20 one-package RUNs: one diagnostic per rule, naming the lines, with each place related', () => {
    const out = runRules(parse(TWENTY));
    const numbers = PACKAGES.map((_, i) => String(i + 3));
    for (const code of ['DL3008', 'DL3015', 'DG113']) {
      const list = of(out, code);
      assert.equal(list.length, 1, `${code}: ${list.map((d) => d.message.en).join(' | ')}`);
      const [g] = list;
      // At the first member's place, so the hover and the editor's squiggle sit on the first RUN.
      assert.equal(g.range.start.line, 2);
      assert.ok(g.message.en.startsWith(`20 RUNs on lines ${numbers.join(', ')}: `), g.message.en);
      assert.ok(g.message.ko.startsWith(`${numbers.map((n) => `${n}번`).join(', ')} 줄의 RUN 20개: `), g.message.ko);
      assert.deepEqual(g.related!.map((r) => r.range.start.line), PACKAGES.map((_, i) => i + 2));
    }
    // Members that name different packages keep their own message in the related entries; the group says the title.
    const pinned = of(out, 'DL3008')[0];
    assert.match(pinned.message.en, /: apt-get install without pinned versions$/);
    assert.deepEqual(pinned.related!.map((r) => /`([^`]+)`/.exec(r.message.en)![1]), PACKAGES);
    // Members that all say the same keep that sentence.
    assert.match(of(out, 'DL3015')[0].message.en, /: Add `--no-install-recommends` to `apt-get install`/);
    // …unless the sentence speaks of "this RUN", which reads wrong after "20 RUNs on lines …": then the title.
    const update = of(out, 'DG113')[0];
    assert.match(update.message.en, /: apt-get install without apt-get update in the same RUN$/);
    assert.match(update.message.ko, /: apt-get install과 같은 RUN에 apt-get update가 없습니다$/);
    assert.match(update.related![0].message.en, /^This RUN has no `apt-get update`/);
  });

  it('LSP: relatedInformation in the document, member ranges and data in Diagnostic.data', () => {
    const g = of(runRules(parse(TWENTY)), 'DL3015')[0];
    const d = lsp(g);
    assert.equal(d.relatedInformation!.length, 20);
    assert.equal(d.relatedInformation![5].location.uri, URI);
    assert.equal(d.relatedInformation![5].location.range.start.line, 7);
    assert.match(d.relatedInformation![5].message, /--no-install-recommends/);
    // It survives the trip to the client and back (code actions read it from there).
    const back = JSON.parse(JSON.stringify(d.data));
    assert.equal(back.rule, 'DL3015');
    assert.equal(back.group.length, 20);
    // Without a uri (a caller that has none) there is no relatedInformation, and nothing else changes.
    assert.equal(toLspDiagnostic(g, (m) => m.en).relatedInformation, undefined);
  });

  it('two RUNs stay two diagnostics (the threshold is three)', () => {
    assert.equal(GROUP_MIN, 3);
    const text = lines('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y nginx', 'RUN apt-get update && apt-get install -y curl');
    const list = of(runRules(parse(text)), 'DL3015');
    assert.deepEqual(list.map((d) => d.range.start.line), [1, 2]);
    assert.ok(list.every((d) => !d.related && !/RUNs on lines/.test(d.message.en)));
  });

  it('three RUNs spread over two stages are not grouped', () => {
    const text = lines(
      'FROM debian:bookworm AS build',
      'RUN apt-get update && apt-get install -y gcc',
      'RUN apt-get update && apt-get install -y make',
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y nginx',
      'RUN apt-get update && apt-get install -y curl',
    );
    const list = of(runRules(parse(text)), 'DL3015');
    assert.deepEqual(list.map((d) => d.range.start.line), [1, 2, 4, 5]);
    // The same with a third RUN in the first stage: that stage groups, the other does not.
    const more = text.replace('FROM debian:bookworm\n', 'RUN apt-get update && apt-get install -y cmake\nFROM debian:bookworm\n');
    const grouped = of(runRules(parse(more)), 'DL3015');
    assert.deepEqual(grouped.map((d) => [d.range.start.line, d.related?.length ?? 0]), [[1, 3], [5, 0], [6, 0]]);
  });

  it('RUNs with another instruction between them are separate blocks: only a block of three or more groups', () => {
    const text = lines(
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y gcc',
      'COPY . /src',
      'RUN apt-get update && apt-get install -y make',
      'WORKDIR /src',
      'RUN apt-get update && apt-get install -y nginx',
    );
    // Three RUNs in one stage, but each on its own between a COPY and a WORKDIR: three marks where they are.
    assert.deepEqual(of(runRules(parse(text)), 'DL3015').map((d) => [d.range.start.line, d.related?.length ?? 0]), [[1, 0], [3, 0], [5, 0]]);
    // Comments and blank lines between the RUNs do not break a block.
    const block = lines('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y gcc', '# the web server', '', 'RUN apt-get update && apt-get install -y nginx', 'RUN apt-get update && apt-get install -y curl', 'COPY . /src');
    assert.deepEqual(of(runRules(parse(block)), 'DL3015').map((d) => [d.range.start.line, d.related?.length ?? 0]), [[1, 3]]);
  });

  it('findings outside RUN instructions are never grouped', () => {
    const text = lines('FROM debian:bookworm', 'ENV A 1', 'ENV B 2', 'ENV C 3', 'ENV D 4');
    const list = of(runRules(parse(text)), 'LegacyKeyValueFormat');
    assert.equal(list.length, 4);
    assert.ok(list.every((d) => !d.related));
  });

  it('different problems of one rule are not merged; the same problem naming different things is', () => {
    // A rule with two wordings: "first" on RUNs 1, 3, 5 and "second" on RUNs 2, 4.
    const twoKinds: Rule = {
      id: 'DL3015',
      severity: 'info',
      title: msg('제목', 'Title'),
      why: msg('이유', 'Why'),
      check: ({ doc }) =>
        doc.instructions
          .filter((i) => i.keyword === 'RUN')
          .map((i, k): Finding => ({
            range: i.keywordRange,
            message: k % 2 === 0 ? msg(`첫째 문제: \`${k}\``, `First problem: \`${k}\``) : msg(`둘째 문제: \`${k}\``, `Second problem: \`${k}\``),
          })),
    };
    const text = lines('FROM debian:bookworm', ...[0, 1, 2, 3, 4].map((k) => `RUN echo ${k}`));
    const out = runRules(parse(text), {}, [twoKinds]);
    // "first" is on three RUNs: one group; "second" on two: two diagnostics of their own.
    assert.deepEqual(
      out.map((d) => [d.range.start.line, d.related?.length ?? 0]),
      [[1, 3], [2, 0], [4, 0]],
    );
    assert.match(out[0].message.en, /^3 RUNs on lines 2, 4, 6: Title$/);
    assert.equal(messageShape('Packages without a pinned version: `a`, `b`, `c` (+2) (`pkg=<version>`)'), messageShape('Packages without a pinned version: `nginx` (`pkg=<version>`)'));
    assert.notEqual(messageShape('First problem: `x`'), messageShape('Second problem: `x`'));
  });

  it('a suppressed member leaves the others below the threshold', () => {
    const text = lines('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y a', '# hadolint ignore=DL3015', 'RUN apt-get update && apt-get install -y b', 'RUN apt-get update && apt-get install -y c');
    assert.deepEqual(of(runRules(parse(text)), 'DL3015').map((d) => [d.range.start.line, !!d.related]), [[1, false], [4, false]]);
  });

  it(`more than ${GROUP_MAX} RUNs: parts of nearly equal size, each naming its own lines`, () => {
    const text = lines('FROM debian:bookworm', ...Array.from({ length: 120 }, (_, i) => `RUN apt-get update && apt-get install -y p${i}`));
    const list = of(runRules(parse(text)), 'DL3015');
    assert.deepEqual(list.map((d) => [d.range.start.line, d.related!.length]), [[1, 40], [41, 40], [81, 40]]);
    assert.ok(list[1].message.en.startsWith(`40 RUNs on lines ${Array.from({ length: 40 }, (_, i) => i + 42).join(', ')}: `), list[1].message.en);
  });

  it('the published budget counts a group as its places: groups beyond it are left out whole', () => {
    const text = lines('FROM debian:bookworm', ...Array.from({ length: 120 }, (_, i) => `RUN apt-get update && apt-get install -y p${i}`));
    const all = of(runRules(parse(text)), 'DL3015');
    assert.equal(mostImportant(all, 120), all);
    assert.deepEqual(mostImportant(all, 100).map((d) => d.range.start.line), [1, 41]);
    assert.deepEqual(mostImportant(all, 39), []);
  });

  it('the grouped result is memoised with the rest: the same list for the same version', () => {
    const doc = parse(TWENTY);
    assert.equal(runRules(doc), runRules(doc));
    // The full diagnostics (validator + rules) carry the group too.
    assert.equal(of(computeDiagnostics(doc), 'DL3015')[0].related!.length, 20);
  });

  it('the hover over the grouped diagnostic explains the rule', () => {
    const doc = parse(TWENTY);
    const at = { line: 2, character: 15 };
    assert.match(ruleWhyHover(doc, at, 'en')!, /\*\*DL3015\*\* — Use --no-install-recommends/);
    assert.match(ruleWhyFromDiagnostics(computeDiagnostics(doc), at, 'en')!, /\*\*DL3015\*\*/);
  });
});

describe('grouping: one quick fix for all', () => {
  const fixAll = (text: string, code: string, title: RegExp) => {
    const doc = parse(text);
    const g = lsp(of(runRules(doc), code)[0]);
    const actions = codeActions(doc, g.range, [g], 'en');
    const a = actions.find((x) => title.test(x.title));
    assert.ok(a, `${title} among ${actions.map((x) => x.title).join(' | ')}`);
    return { action: a, actions, out: applyEdits(text, a.edit!.changes![URI]) };
  };

  it('DL3015: all 20 RUNs get --no-install-recommends in one edit, and the rule is quiet after it', () => {
    const { action, actions, out } = fixAll(TWENTY, 'DL3015', /^All 20 RUNs: /);
    assert.equal(action.title, 'All 20 RUNs: Add --no-install-recommends');
    assert.equal(action.isPreferred, true);
    assert.equal(action.edit!.changes![URI].length, 20);
    assert.equal(out, lines('FROM debian:bookworm', 'RUN apt-get update', ...PACKAGES.map((p) => `RUN apt-get install --no-install-recommends -y ${p}`), 'CMD ["nginx", "-g", "daemon off;"]'));
    assert.equal(of(runRules(parse(out, 2)), 'DL3015').length, 0);
    // The first member's own fix is still there, not preferred over the fix for all.
    const single = actions.filter((x) => x.title === 'Add --no-install-recommends');
    assert.equal(single.length, 1);
    assert.equal(single[0].edit!.changes![URI].length, 1);
    assert.equal(single[0].isPreferred, undefined);
  });

  it('Korean title', () => {
    const doc = parse(TWENTY);
    const g = toLspDiagnostic(of(runRules(doc), 'DL3015')[0], (m) => m.ko, URI);
    assert.ok(codeActions(doc, g.range, [g], 'ko').some((x) => x.title === 'RUN 20개 모두: --no-install-recommends 추가하기'));
  });

  it('DG113: only the fix every member offers is merged (the first RUN alone can take the update RUN above)', () => {
    const text = lines('FROM debian:bookworm', 'RUN apt-get update', 'RUN apt-get install -y nginx', 'RUN apt-get install -y curl', 'RUN apt-get install -y vim');
    const { actions, out } = fixAll(text, 'DG113', /^All 3 RUNs: Run apt-get update at the start of this RUN$/);
    assert.ok(!actions.some((x) => /^All 3 RUNs: Merge/.test(x.title)), actions.map((x) => x.title).join(' | '));
    assert.ok(actions.some((x) => x.title === 'Merge the apt-get update RUN above into this RUN'));
    assert.equal(out, lines('FROM debian:bookworm', 'RUN apt-get update', 'RUN apt-get update && apt-get install -y nginx', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y vim'));
    assert.equal(of(runRules(parse(out, 2)), 'DG113').length, 0);
  });

  it('ignore for the group: our comment above each member RUN, and the rule is quiet there', () => {
    const text = lines('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y nginx', 'RUN apt-get update && apt-get install -y curl', '  RUN apt-get update && apt-get install -y vim');
    const { actions, out } = fixAll(text, 'DL3015', /^Ignore DL3015 for all 3 RUNs$/);
    assert.equal(
      out,
      lines(
        'FROM debian:bookworm',
        '# dockerfile-guide ignore=DL3015',
        'RUN apt-get update && apt-get install -y nginx',
        '# dockerfile-guide ignore=DL3015',
        'RUN apt-get update && apt-get install -y curl',
        '  # dockerfile-guide ignore=DL3015',
        '  RUN apt-get update && apt-get install -y vim',
      ),
    );
    assert.equal(of(runRules(parse(out, 2)), 'DL3015').length, 0);
    // One ignore entry per diagnostic (issue 18, item 7): the group's; the fixes come before it.
    assert.deepEqual(actions.filter((x) => /^Ignore/.test(x.title)).map((x) => x.title), ['Ignore DL3015 for all 3 RUNs']);
    assert.match(actions[0].title, /^All 3 RUNs: /);
  });

  it('a rule without a fix offers the group ignore only', () => {
    const { actions } = fixAll(TWENTY, 'DL3008', /^Ignore DL3008 for all 20 RUNs$/);
    assert.deepEqual(actions.map((x) => x.title), ['Ignore DL3008 for all 20 RUNs']);
  });

  it('merging: the same edit twice counts once; overlapping edits or two inserts at one place give no fix for all', () => {
    const at = (line: number, from: number, to: number, newText: string) => ({ range: { start: { line, character: from }, end: { line, character: to } }, newText });
    assert.deepEqual(withoutOverlaps([at(3, 0, 4, 'x'), at(1, 0, 0, 'a'), at(3, 0, 4, 'x')]), [at(1, 0, 0, 'a'), at(3, 0, 4, 'x')]);
    assert.equal(withoutOverlaps([at(1, 0, 5, 'a'), at(1, 3, 8, 'b')]), null);
    assert.equal(withoutOverlaps([at(1, 2, 2, 'a'), at(1, 2, 2, 'b')]), null);
    // Touching is not overlapping: one edit ends where the next starts.
    assert.equal(withoutOverlaps([at(1, 0, 2, 'a'), at(1, 2, 4, 'b')])!.length, 2);
  });
});
