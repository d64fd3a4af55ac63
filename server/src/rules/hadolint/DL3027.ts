/** DL3027: `apt` is the interactive front end; its output and behaviour are not a stable interface for scripts. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { edit } from '../helpers/edits';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';

/** Subcommands that mean the same under apt-get (apt's full-upgrade is apt-get's dist-upgrade). */
const SAME = new Set(['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'dist-upgrade', 'source', 'build-dep', 'download', 'changelog']);

export const DL3027: Rule = {
  id: 'DL3027',
  severity: 'warning',
  title: msg('apt 대신 apt-get을 쓰세요', 'Use apt-get instead of apt'),
  why: msg(
    '`apt` 명령은 사람이 터미널에서 쓰도록 만든 것이라 진행 표시 같은 출력과 동작이 버전에 따라 바뀔 수 있고, 스크립트에서 쓰면 "안정적인 CLI가 아니다"라는 경고를 냅니다. Dockerfile처럼 자동으로 실행되는 곳에서는 `apt-get`(검색은 `apt-cache`)을 쓰세요.',
    '`apt` is meant for people at a terminal: its output and behaviour may change between versions, and in scripts it warns that it "does not have a stable CLI interface". In a Dockerfile, which runs unattended, use `apt-get` (and `apt-cache` for searches).',
  ),
  url: hadolintUrl('DL3027'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        if (inv.tool !== 'apt') continue;
        const sub = inv.subcommand?.value ?? '';
        const target = sub === 'full-upgrade' ? 'dist-upgrade' : sub;
        out.push({
          range: wordRange(doc, inv.cmd.words[0]),
          message: msg(`\`apt ${sub}\` 대신 \`apt-get ${target}\` 명령을 쓰세요`, `Use \`apt-get ${target}\` instead of \`apt ${sub}\``),
          data: { sub },
        });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const sub = String(finding.data?.sub ?? '');
    if (!SAME.has(sub) && sub !== 'full-upgrade') return [];
    const word = doc.getText(finding.range);
    if (word !== 'apt' && !word.endsWith('/apt')) return [];
    const edits = [edit(finding.range, word.replace(/apt$/, 'apt-get'))];
    if (sub === 'full-upgrade') {
      // Find the subcommand on the same line after the word.
      const line = doc.lineText(finding.range.end.line);
      const k = line.indexOf('full-upgrade', finding.range.end.character);
      if (k < 0) return [];
      edits.push(edit({ start: { line: finding.range.end.line, character: k }, end: { line: finding.range.end.line, character: k + 12 } }, 'dist-upgrade'));
    }
    return [{ title: msg('apt-get으로 바꾸기', 'Replace with apt-get'), edits, preferred: true }];
  },
};
