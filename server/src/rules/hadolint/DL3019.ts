/** DL3019: `apk add` without --no-cache leaves /var/cache/apk in the layer (or needs `apk update` plus cleanup). */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';
import { apkOf } from './apk';

export const DL3019: Rule = {
  id: 'DL3019',
  severity: 'info',
  title: msg('apk add에 --no-cache를 쓰세요', 'Use apk add --no-cache'),
  why: msg(
    '`apk add --no-cache` 명령은 저장소 목록을 내려받아 쓰고 이미지에 남기지 않으므로, `apk update`, `rm -rf /var/cache/apk/*` 명령을 따로 실행할 필요가 없고 레이어도 작아집니다.',
    '`apk add --no-cache` fetches the index, uses it and leaves nothing in the image, so there is no need for `apk update` and `rm -rf /var/cache/apk/*`, and the layer stays small.',
  ),
  url: hadolintUrl('DL3019'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { instr, shell } of runShells(doc)) {
      for (const inv of apkOf(shell)) {
        // --no-network reads only the local cache, so there is nothing new to keep.
        if (inv.options.includes('--no-cache') || inv.options.includes('--no-network')) continue;
        // A cache mount keeps the cache out of the layer (flags are read only for candidates: they cost a parse).
        if (instr.flags().some((f) => f.name === 'mount' && /\/var\/cache\/apk|\/etc\/apk\/cache/.test(f.value ?? ''))) continue;
        out.push({ range: wordRange(doc, inv.add), message: msg('`apk add`에 `--no-cache` 옵션을 붙이세요', 'Add `--no-cache` to `apk add`') });
      }
    }
    return out;
  },
};
