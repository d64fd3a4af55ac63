/**
 * ExposeInvalidFormat: `EXPOSE 80:80` or `EXPOSE 127.0.0.1:80`. EXPOSE only documents which container ports the
 * program listens on; publishing (`host:container`) happens at `docker run -p`. Docker keeps the container port and
 * drops the rest, so the line does not do what it seems to. The fix keeps the container port (and protocol).
 */
import { fillMsg, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';
import { edit } from '../helpers/edits';

const MESSAGE = msg(
  'EXPOSE에는 IP 주소나 호스트 포트 매핑을 쓰지 않습니다: {0}',
  "EXPOSE instruction should not define an IP address or host-port mapping, found '{0}'",
);

/** `80:80` → `80`, `127.0.0.1:8080:80/tcp` → `80/tcp`. */
export function containerPort(spec: string): string {
  const parts = spec.split(':');
  return parts[parts.length - 1];
}

export const ExposeInvalidFormat: Rule = {
  id: 'ExposeInvalidFormat',
  severity: 'warning',
  title: msg('EXPOSE 형식 오류', 'Invalid EXPOSE format'),
  why: msg(
    '`EXPOSE`는 컨테이너 안의 프로그램이 어느 포트를 쓰는지 기록할 뿐이고, 포트를 실제로 여는 것은 `docker run -p 8080:80`입니다. `EXPOSE 80:80`처럼 호스트 포트나 IP를 쓰면 Docker는 컨테이너 포트만 남기고 나머지는 버리므로, 포트가 열린 것처럼 보여도 `-p` 없이는 접속할 수 없습니다. 컨테이너 포트만 쓰세요(`EXPOSE 80`).',
    '`EXPOSE` only records which port the program inside the container uses; `docker run -p 8080:80` is what publishes it. With a host port or IP, as in `EXPOSE 80:80`, Docker keeps the container port and drops the rest, so the port looks published but cannot be reached without `-p`. Write only the container port (`EXPOSE 80`).',
  ),
  url: docsUrl('expose-invalid-format'),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.args()) {
        if (!a.value.includes(':') || a.value.includes('$')) continue;
        out.push({ range: a.range, message: fillMsg(MESSAGE, a.value), data: { port: containerPort(a.value) } });
      }
    }
    return out;
  },
  fix({ doc }, finding) {
    const text = doc.getText(finding.range);
    if (!text.includes(':')) return [];
    const port = containerPort(text);
    if (!port) return [];
    return [{ title: fillMsg(msg('컨테이너 포트만 남기기: {0}', 'Keep only the container port: {0}'), port), edits: [edit(finding.range, port)], preferred: true }];
  },
};
