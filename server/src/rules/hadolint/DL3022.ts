/** DL3022: `COPY --from=name` where no earlier stage has that name: Docker then pulls an image called `name`. */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { hadolintUrl } from '../helpers/urls';

export const DL3022: Rule = {
  id: 'DL3022',
  severity: 'warning',
  title: msg('COPY --from은 앞에서 정의한 스테이지 이름을 가리켜야 합니다', 'COPY --from should reference a previously defined FROM alias'),
  why: msg(
    '`COPY --from=build`에서 가리킨 이름이 앞선 `FROM … AS build`에 없으면 Docker는 이를 이미지 이름으로 보고 Docker Hub에서 `build` 이미지를 받으려 합니다. 대개 스테이지 이름의 오타이거나 스테이지 순서가 잘못된 것입니다. 외부 이미지를 쓰려면 `nginx:1.27`처럼 태그까지 적어 의도를 분명히 하세요.',
    'When `build` in `COPY --from=build` matches no earlier `FROM … AS build`, Docker treats it as an image name and tries to pull an image called `build`. It is usually a typo in the stage name or a stage in the wrong order. To copy from an external image, write its tag (`nginx:1.27`) to make that clear.',
  ),
  url: hadolintUrl('DL3022'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'COPY') continue;
      const f = ins.flag('from');
      const v = f?.value;
      if (!f || !v || v.includes('$') || v.includes(':') || v.includes('/') || v.includes('@')) continue;
      const idx = ins.stage?.index ?? 0;
      if (/^\d+$/.test(v)) {
        if (Number(v) < idx) continue;
      } else if (doc.stages.some((s) => s.index < idx && s.name?.toLowerCase() === v.toLowerCase())) continue;
      if (doc.stages.some((s) => s.index === idx && s.name?.toLowerCase() === v.toLowerCase())) continue; // DL3023's case
      out.push({
        range: f.valueRange ?? f.range,
        message: msg(`\`--from=${v}\`: 앞에 이 이름의 스테이지가 없어 같은 이름의 이미지를 받으려 합니다`, `\`--from=${v}\`: no earlier stage is called \`${v}\`, so Docker will pull an image of that name`),
      });
    }
    return out;
  },
};
