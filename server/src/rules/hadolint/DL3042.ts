/** DL3042: pip keeps every downloaded wheel in ~/.cache/pip, which then sits in the layer for nothing. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';
import { runShells } from '../helpers/shell';
import { wordRange } from '../../service/shell/binding';
import { pipOf } from './pip';

export const DL3042: Rule = {
  id: 'DL3042',
  severity: 'warning',
  title: msg('pip install에 --no-cache-dir를 쓰세요', 'Use pip install --no-cache-dir'),
  why: msg(
    'pip은 내려받은 패키지를 `~/.cache/pip`에 저장해 두는데, 이미지 안에서는 다시 쓸 일이 없어 레이어 용량만 늘립니다. `pip install --no-cache-dir`처럼 설치하거나 `ENV PIP_NO_CACHE_DIR=1`을 설정하세요. BuildKit의 캐시 마운트(`--mount=type=cache,target=/root/.cache/pip`)를 쓰는 경우는 괜찮습니다.',
    "pip stores downloaded packages in `~/.cache/pip`; inside an image they are never used again and only grow the layer. Use `pip install --no-cache-dir` or set `ENV PIP_NO_CACHE_DIR=1`. A BuildKit cache mount (`--mount=type=cache,target=/root/.cache/pip`) is fine.",
  ),
  url: hadolintUrl('DL3042'),
  check({ doc }) {
    const out: Finding[] = [];
    if (doc.varDefs.some((d) => d.name === 'PIP_NO_CACHE_DIR' && d.value && !/^(0|false|no|off)$/i.test(d.value.replace(/["']/g, '')))) return out;
    for (const { instr, shell } of runShells(doc)) {
      for (const inv of pipOf(shell)) {
        if (inv.options.includes('--no-cache-dir')) continue;
        if (instr.flags().some((f) => f.name === 'mount' && /pip/.test(f.value ?? ''))) continue;
        if (inv.cmd.assignments.some((a) => /^PIP_NO_CACHE_DIR=/.test(a.value))) continue;
        out.push({ range: wordRange(doc, inv.install), message: msg('`pip install`에 `--no-cache-dir` 옵션을 붙이세요', 'Add `--no-cache-dir` to `pip install`') });
      }
    }
    return out;
  },
};
