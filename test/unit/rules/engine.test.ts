import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseHadolintConfig } from '../../../server/src/rules/config';
import { ENGINE_VALIDATOR_SETTINGS, isSupersededValidatorCode, runRules } from '../../../server/src/rules/engine';
import { ALL_RULES, ruleById } from '../../../server/src/rules/registry';
import { ruleWhyHover } from '../../../server/src/rules/hover';
import { codeActions } from '../../../server/src/service/codeActions';
import { ParsedDocument } from '../../../server/src/service/document';
import { toLspDiagnostic } from '../../../server/src/service/diagnostics';
import { validatorProblems } from '../../../server/src/service/validation';
import { applyEdits, lines } from './buildkit/helpers';
import { JSONArgsRecommended } from '../../../server/src/rules/buildkit/JSONArgsRecommended';
import { BUILDKIT_RULES } from '../../../server/src/rules/buildkit';
import { DL3025 } from '../../../server/src/rules/hadolint/DL3025';
import type { Rule } from '../../../server/src/rules/types';

const d = (text: string) => new ParsedDocument('file:///p/Dockerfile', 1, text);
// Only our rules, so other groups' rules joining the registry do not change these expectations.
const codes = (text: string, options = {}) => runRules(d(text), options, BUILDKIT_RULES).map((x) => `${x.range.start.line}:${x.code}`);

const SAMPLE = lines('FROM debian:buster', 'MAINTAINER kim', 'ENV A 1', 'EXPOSE 80:80');

describe('engine: severities', () => {
  it('runs rules with their default severity, source and link', () => {
    const out = runRules(d(SAMPLE), {}, BUILDKIT_RULES);
    const m = out.find((x) => x.code === 'MaintainerDeprecated')!;
    assert.equal(m.severity, 3);
    assert.equal(m.source, 'dockerfile-guide');
    assert.equal(m.href, 'https://docs.docker.com/reference/build-checks/maintainer-deprecated/');
    assert.equal(m.data!.rule, 'MaintainerDeprecated');
    assert.deepEqual(m.tags, [2]);
  });
  it('links only to pages that exist: Docker\'s build checks and hadolint\'s wiki; our DG rules carry no link', () => {
    for (const r of ALL_RULES) {
      if (r.id.startsWith('DG')) assert.equal(r.url, undefined, r.id);
      else assert.match(r.url ?? '', /^https:\/\/(docs\.docker\.com\/reference\/build-checks\/|github\.com\/hadolint\/hadolint\/wiki\/DL)/, r.id);
    }
  });
  it('settings override severity and turn rules off', () => {
    const out = runRules(d(SAMPLE), { rules: { MaintainerDeprecated: 'error', ExposeInvalidFormat: 'off' } }, BUILDKIT_RULES);
    assert.equal(out.find((x) => x.code === 'MaintainerDeprecated')!.severity, 1);
    assert.ok(!out.some((x) => x.code === 'ExposeInvalidFormat'));
  });
  it('.hadolint.yaml ignored: and override: apply, settings win over it', () => {
    const yaml = 'failure-threshold: warning\nignored:\n  - ExposeInvalidFormat # noisy\n  - DL3008\noverride:\n  error:\n    - LegacyKeyValueFormat\n  style: [MaintainerDeprecated]\n';
    const read = (p: string) => (p === '.hadolint.yaml' ? yaml : null);
    const out = runRules(d(SAMPLE), { readContextFile: read }, BUILDKIT_RULES);
    assert.ok(!out.some((x) => x.code === 'ExposeInvalidFormat'));
    assert.equal(out.find((x) => x.code === 'LegacyKeyValueFormat')!.severity, 1);
    assert.equal(out.find((x) => x.code === 'MaintainerDeprecated')!.severity, 4);
    const mine = runRules(d(SAMPLE), { readContextFile: read, rules: { ExposeInvalidFormat: 'info' } }, BUILDKIT_RULES);
    assert.equal(mine.find((x) => x.code === 'ExposeInvalidFormat')!.severity, 3);
  });
  it('reads the YAML subset hadolint configs use', () => {
    assert.deepEqual(parseHadolintConfig('ignored: [DL3008, "DL3015"]\noverride:\n  warning:\n  - DL3006\n  info:\n    - DL3007\n').rules, {
      DL3006: 'warning',
      DL3007: 'info',
      DL3008: 'off',
      DL3015: 'off',
    });
    assert.deepEqual(parseHadolintConfig('ignored:\n- DL3008\noverride:\n  error:\n    - DL3008\n').rules, { DL3008: 'off' });
    assert.deepEqual(parseHadolintConfig('trustedRegistries:\n  - docker.io\n').rules, {});
  });
});

describe('engine: suppression', () => {
  it('# check=skip= skips rules for the file, skip=all skips every rule', () => {
    assert.deepEqual(codes('# check=skip=MaintainerDeprecated,ExposeInvalidFormat\n' + SAMPLE), ['3:LegacyKeyValueFormat']);
    assert.deepEqual(codes('# check=skip=all\n' + SAMPLE), []);
    assert.deepEqual(codes('# check=error=true;skip=LegacyKeyValueFormat\n' + SAMPLE), ['2:MaintainerDeprecated', '4:ExposeInvalidFormat']);
  });
  it('# hadolint ignore= and # dockerfile-guide ignore= silence the next instruction only', () => {
    const text = lines('FROM debian:buster', '# hadolint ignore=MaintainerDeprecated', 'MAINTAINER kim', '# set the index', '# dockerfile-guide ignore=LegacyKeyValueFormat', 'ENV A 1', 'ENV B 2');
    assert.deepEqual(codes(text), ['6:LegacyKeyValueFormat']);
  });
  it('a blank line between breaks the link', () => {
    const text = lines('FROM debian:buster', '# dockerfile-guide ignore=MaintainerDeprecated', '', 'MAINTAINER kim');
    assert.deepEqual(codes(text), ['3:MaintainerDeprecated']);
  });
  it('an ignore for another rule does not silence this one; global ignore silences the file', () => {
    assert.deepEqual(codes(lines('FROM debian:buster', '# hadolint ignore=DL3008', 'MAINTAINER kim')), ['2:MaintainerDeprecated']);
    assert.deepEqual(codes(lines('# hadolint global ignore=MaintainerDeprecated', 'FROM debian:buster', 'MAINTAINER kim')), []);
  });
});

describe('engine: equivalent BuildKit and hadolint rules', () => {
  const pair = [JSONArgsRecommended, DL3025];
  const text = lines('FROM debian:buster', 'CMD nginx -g "daemon off;"');
  const run = (t: string, options = {}) => runRules(d(t), options, pair).map((x) => `${x.range.start.line}:${x.code}`);
  it('reports one diagnostic per line, the BuildKit one', () => {
    assert.deepEqual(run(text), ['1:JSONArgsRecommended']);
  });
  it('either id silences or re-levels both', () => {
    assert.deepEqual(run(lines('FROM debian:buster', '# hadolint ignore=DL3025', 'CMD nginx -g "daemon off;"')), []);
    assert.deepEqual(run('# check=skip=DL3025\n' + text), []);
    assert.deepEqual(run(text, { rules: { DL3025: 'off' } }), []);
    assert.equal(runRules(d(text), { rules: { DL3025: 'error' } }, pair)[0].severity, 1);
  });
  it('without the BuildKit rule the hadolint one still reports', () => {
    assert.deepEqual(runRules(d(text), {}, [DL3025]).map((x) => x.code), ['DL3025']);
  });
});

describe('engine: dockerfile-utils overlap', () => {
  it('the engine validator settings switch off what a rule reports better', () => {
    const text = lines('FROM debian:buster AS a', 'run echo', 'MAINTAINER kim', 'CMD a', 'CMD b', 'WORKDIR x', 'RUN a \\', '', '  b', 'FROM debian AS a');
    const problems = validatorProblems(d(text), ENGINE_VALIDATOR_SETTINGS).filter((p) => !isSupersededValidatorCode(p.code, typeof p.message === 'string' ? p.message : p.message.value, p.range));
    assert.deepEqual(problems.map((p) => p.message), []);
    // …and the default settings do report them, so the switch is what removed them.
    assert.ok(validatorProblems(d(text)).length >= 5);
  });
});

describe('codeActions', () => {
  const lsp = (text: string) => {
    const doc = d(text);
    return { doc, diags: runRules(doc, {}, BUILDKIT_RULES).map((x) => toLspDiagnostic(x, (m) => m.en)) as Diagnostic[] };
  };
  it('offers the rule fix and the ignore comment, keeping indentation', () => {
    const text = lines('FROM debian:buster', 'ONBUILD RUN true', '  EXPOSE 80:80');
    const { doc, diags } = lsp(text);
    const d0 = diags.find((x) => x.code === 'ExposeInvalidFormat')!;
    const actions = codeActions(doc, d0.range, [d0], 'en', {});
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Keep only the container port: 80', 'Ignore ExposeInvalidFormat for this instruction'],
    );
    assert.equal(actions[0].isPreferred, true);
    const ignored = applyEdits(text, actions[1].edit!.changes![doc.uri]);
    assert.equal(ignored, lines('FROM debian:buster', 'ONBUILD RUN true', '  # dockerfile-guide ignore=ExposeInvalidFormat', '  EXPOSE 80:80'));
    assert.deepEqual(codes(ignored), []);
  });
  it('adds to an ignore comment that is already there', () => {
    const text = lines('FROM debian:buster', '# dockerfile-guide ignore=UndefinedVar', 'MAINTAINER kim');
    const { doc, diags } = lsp(text);
    const a = codeActions(doc, diags[0].range, diags, 'ko', {}).find((x) => x.title.includes('무시'))!;
    assert.equal(a.title, '이 명령에서 MaintainerDeprecated 무시하기');
    assert.equal(applyEdits(text, a.edit!.changes![doc.uri]), lines('FROM debian:buster', '# dockerfile-guide ignore=UndefinedVar,MaintainerDeprecated', 'MAINTAINER kim'));
  });
  it('ignores diagnostics outside the range and ones that are not ours', () => {
    const { doc, diags } = lsp(SAMPLE);
    const foreign: Diagnostic = { range: diags[0].range, message: 'x', code: 'instructionCasing', source: 'dockerfile-guide', data: { validator: 1 } };
    assert.deepEqual(codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, [...diags, foreign], 'en', {}), []);
  });
  it('a fix that crashes is reported as a rule error; the request still answers with the ignore action', () => {
    const text = lines('FROM debian:buster', 'EXPOSE 80:80');
    const { doc, diags } = lsp(text);
    const d0 = diags.find((x) => x.code === 'ExposeInvalidFormat')!;
    const rule = ruleById('ExposeInvalidFormat')!;
    const fix = rule.fix;
    const reported: [string, unknown][] = [];
    rule.fix = () => {
      throw new Error('boom');
    };
    try {
      const actions = codeActions(doc, d0.range, [d0], 'en', { onRuleError: (id, e) => reported.push([id, e]) });
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Ignore ExposeInvalidFormat for this instruction'],
      );
    } finally {
      rule.fix = fix;
    }
    assert.equal(reported.length, 1);
    assert.equal(reported[0][0], 'ExposeInvalidFormat (quick fix)');
    assert.equal((reported[0][1] as Error).message, 'boom');
  });
  it('a stale diagnostic gives no fix', () => {
    const { diags } = lsp(SAMPLE);
    const changed = d(lines('FROM debian:buster', 'LABEL a=b', 'ENV A=1', 'EXPOSE 80'));
    const a = codeActions(changed, diags[0].range, diags, 'en', {});
    assert.ok(a.every((x) => x.title.startsWith('Ignore')));
  });
});

describe('ruleWhyHover', () => {
  it('explains the rule under the cursor with its link', () => {
    const doc = d(SAMPLE);
    const md = ruleWhyHover(doc, { line: 3, character: 8 }, 'en', {})!;
    assert.match(md, /^\*\*ExposeInvalidFormat\*\* — Invalid EXPOSE format/);
    assert.match(md, /\(https:\/\/docs\.docker\.com\/reference\/build-checks\/expose-invalid-format\/\)/);
    assert.match(ruleWhyHover(doc, { line: 3, character: 8 }, 'both', {})!, /컨테이너 포트[\s\S]*---[\s\S]*container port/);
    assert.equal(ruleWhyHover(doc, { line: 0, character: 2 }, 'en', {}), null);
  });
});

describe('engine: a finding about run time is shown at least at its own severity', () => {
  const text = lines('FROM debian:bookworm', 'CMD nginx -g "daemon off;"');
  const sev = (rules?: Record<string, 'hint' | 'warning' | 'off'>, files: Record<string, string> = {}) =>
    runRules(d(text), { rules, readContextFile: (p) => files[p] ?? null })
      .filter((x) => x.code === 'JSONArgsRecommended')
      .map((x) => x.severity);
  it('a hint rule whose finding says what docker stop does is shown as info (VS Code lists no hints in Problems)', () => {
    assert.equal(JSONArgsRecommended.severity, 'hint');
    assert.deepEqual(sev(), [3]);
  });
  it('a severity the user or the project chose wins', () => {
    assert.deepEqual(sev({ JSONArgsRecommended: 'hint' }), [4]);
    assert.deepEqual(sev({ DL3025: 'warning' }), [2], 'through the equivalent hadolint id');
    assert.deepEqual(sev({ JSONArgsRecommended: 'off' }), []);
    assert.deepEqual(sev(undefined, { '.hadolint.yaml': 'override:\n  style:\n    - DL3025\n' }), [4]);
  });
});

describe('engine: a rule that crashes', () => {
  const boom: Rule = { id: 'Boom', severity: 'warning', title: { ko: '', en: '' }, why: { ko: '', en: '' }, check: () => { throw new Error('boom'); } };
  const run = (doc: ParsedDocument, rules: Rule[]) => {
    const reported: string[] = [];
    const codes = runRules(doc, { onRuleError: (id, e) => reported.push(`${id}: ${(e as Error).message}`) }, rules).map((x) => x.code);
    return { reported, codes };
  };
  it('is reported to the caller’s sink, and the other rules still report', () => {
    assert.deepEqual(run(d(lines('FROM debian:12', 'CMD nginx')), [boom, DL3025]), { reported: ['Boom: boom'], codes: ['DL3025'] });
  });
  it('is reported from a chunk, when it judges one instruction at a time', () => {
    const long = d(lines('FROM debian:12', ...Array.from({ length: 40 }, (_, i) => `ENV A${i}=1`), 'CMD nginx'));
    assert.ok(long.placed.length > 1);
    const { reported, codes } = run(long, [{ ...boom, local: true }, DL3025]);
    assert.deepEqual(codes, ['DL3025']);
    assert.ok(reported.length >= 1 && reported.every((r) => r === 'Boom: boom'), reported.join('\n'));
  });
});
