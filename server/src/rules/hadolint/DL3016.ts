/** DL3016: `npm install pkg` without a version takes the newest release at build time (hint by default). */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';
import { listNames } from './DL3008';
import { splitOperands } from './operands';

const VALUE_OPTS = new Set(['--prefix', '--registry', '--cache', '--tag', '-w', '--workspace']);

export const DL3016: Rule = {
  id: 'DL3016',
  severity: 'hint',
  title: msg('npm 패키지 버전을 고정하지 않았습니다', 'npm packages without pinned versions'),
  why: msg(
    '`npm install -g pm2`처럼 버전 없이 설치하면 빌드하는 순간의 최신 버전을 받습니다. 같은 Dockerfile이라도 빌드마다 다른 버전이 설치될 수 있으니 `pm2@5.4.2`처럼 버전을 적거나, 프로젝트 의존성은 package-lock.json을 두고 `npm ci` 명령으로 설치하세요.',
    '`npm install -g pm2` takes whatever release is newest at build time, so builds of the same Dockerfile can differ. Write a version (`pm2@5.4.2`), or install project dependencies from package-lock.json with `npm ci`.',
  ),
  url: hadolintUrl('DL3016'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const c of shell.all) {
        if (c.name !== 'npm') continue;
        const ws = c.words;
        const sub = ws.findIndex((w, i) => i > 0 && !w.value.startsWith('-'));
        if (sub < 0 || !/^(install|i|add|isntall)$/.test(ws[sub].value)) continue;
        const loose: string[] = [];
        for (const { value: v } of splitOperands(ws, sub + 1, VALUE_OPTS).operands) {
          // Versioned (`x@1`, `@scope/x@1`), local paths, tarballs, git and URLs are pinned enough.
          if (/^(@[^/]+\/)?[^@]+@.+$/.test(v) || /^[./~]/.test(v) || /\.(tgz|tar\.gz)$/.test(v) || /^(git|https?|file|github):|^git\+/.test(v) || v.includes('$')) continue;
          loose.push(v);
        }
        if (!loose.length) continue;
        const names = listNames(loose);
        out.push({ range: wordRange(doc, ws[sub]), message: msg(`버전을 고정하지 않은 패키지: ${names} (\`패키지@<버전>\`)`, `Packages without a pinned version: ${names} (\`pkg@<version>\`)`) });
      }
    }
    return out;
  },
};
