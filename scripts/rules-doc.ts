/**
 * Writes docs/rules.md from the rule registry: every rule with its default severity, title and "why", in Korean
 * and English. The .vsix ships it: diagnostics and hovers link to a rule's `### ID` heading (common/src/ruleDocs.ts,
 * dockerfileGuide.showRule); test/unit/rules/rulesDoc.test.ts keeps the file in step with the code.
 * Usage: node --import tsx scripts/rules-doc.ts --write (test/unit/rules/rulesDoc.test.ts checks the file is current)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../server/src/rules/registry';

export function renderRulesDoc(): string {
  const groups: [string, RegExp][] = [
    ["Docker's build checks · Docker 빌드 검사", /^(?!DL\d|DG\d)/],
    ['hadolint rules · hadolint 규칙', /^DL/],
    ['Stack rules (ours) · 스택 규칙(도커파일 가이드 고유)', /^DG/],
  ];
  let out = '# Rules · 규칙\n\n';
  out += 'Generated from `server/src/rules/` by `node --import tsx scripts/rules-doc.ts --write`. ';
  out += 'Severity is the default; change it with `dockerfileGuide.rules`, `--rule ID=…`, `.hadolint.yaml` or an inline `# dockerfile-guide ignore=ID`.\n\n';
  out += '`server/src/rules/`에서 생성한 문서입니다. 심각도는 기본값이며 `dockerfileGuide.rules`, `--rule ID=…`, `.hadolint.yaml`, ';
  out += '`# dockerfile-guide ignore=ID` 주석으로 바꿀 수 있습니다.\n';
  for (const [title, re] of groups) {
    out += `\n## ${title}\n`;
    for (const r of ALL_RULES.filter((x) => re.test(x.id)).sort((a, b) => a.id.localeCompare(b.id))) {
      out += `\n### ${r.id}\n\n`;
      out += `**${r.severity}** · ${r.title.en} · ${r.title.ko}${r.fix ? ' · quick fix / 빠른 수정' : ''}\n\n`;
      out += `${r.why.en}\n\n${r.why.ko}\n`;
      if (r.url) out += `\n${r.url}\n`;
    }
  }
  return out;
}

const target = path.resolve(__dirname, '..', 'docs', 'rules.md');
if (process.argv.includes('--write')) {
  fs.writeFileSync(target, renderRulesDoc());
  console.log(`wrote ${target}`);
}
