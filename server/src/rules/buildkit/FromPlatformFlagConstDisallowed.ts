/**
 * FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64` pins one platform, so the Dockerfile can no longer
 * build a multi-platform image. A stage whose name carries the platform's OS or architecture (`AS build_amd64`) is
 * a deliberate per-platform stage, and BuildKit accepts it; so do we.
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const MESSAGE = msg('FROM --platform에 고정값을 쓰지 마세요: "{0}"', 'FROM --platform flag should not use constant value "{0}"');

export const FromPlatformFlagConstDisallowed: Rule = {
  id: 'FromPlatformFlagConstDisallowed',
  severity: 'info',
  title: msg('FROM --platform 고정값', 'Constant FROM --platform'),
  why: msg(
    '`FROM --platform=linux/amd64`처럼 플랫폼을 고정하면 이 Dockerfile로는 멀티 플랫폼 이미지를 만들 수 없고, 다른 아키텍처(예: Apple Silicon)에서는 에뮬레이션으로 느리게 빌드됩니다. 플랫폼은 `docker build --platform`으로 정하거나 `$BUILDPLATFORM` 같은 변수를 쓰세요. 특정 플랫폼 전용 스테이지라면 스테이지 이름에 `_amd64`처럼 플랫폼을 넣으면 됩니다.',
    'Pinning `FROM --platform=linux/amd64` means this Dockerfile can no longer build a multi-platform image, and other architectures (Apple Silicon, say) build it slowly under emulation. Choose the platform with `docker build --platform`, or use a variable such as `$BUILDPLATFORM`. For a stage that is platform-specific on purpose, put the platform in its name, e.g. `_amd64`.',
  ),
  url: docsUrl('from-platform-flag-const-disallowed'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const s of doc.stages) {
      const f = s.from.flag('platform');
      if (!f || f.value === null || f.value === '' || f.value.includes('$')) continue;
      const name = (s.name ?? '').toLowerCase();
      const parts = f.value.toLowerCase().split('/').filter(Boolean);
      if (name && parts.some((p) => name.includes(p))) continue;
      out.push({ range: f.valueRange ?? f.range, message: fillMsg(MESSAGE, f.value) });
    }
    return out;
  },
};
