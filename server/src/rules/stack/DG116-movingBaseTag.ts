/**
 * DG116: a FROM on a tag that names a channel instead of a version: `node:lts`, `nginx:stable-alpine`,
 * `debian:stable`, `alpine:edge`, `ubuntu:rolling`. Such a tag is moved to another release line when one comes out
 * (`debian:stable` went from bookworm to trixie; `node:lts` moves to each new LTS major), so the same Dockerfile
 * builds on a different base later. hadolint's DL3007 (Rule/DL3007.hs) flags exactly `latest` and nothing else, so
 * these get a rule of their own: DL3007 keeps meaning what hadolint means, and each can be turned off by itself.
 *
 * Tags checked against docker-library/official-images (library/node, nginx, debian, ubuntu, alpine, 2026-08): a
 * channel word alone or followed by variant parts (`lts-slim`, `current-alpine3.24`, `stable-trixie-perl`). Not
 * flagged: `latest` (DL3007), release names (`debian:bookworm`, `node:lts-krypton` is the Node 24 line),
 * dated snapshots (`debian:stable-20260803`), Windows `ltsc2022`, and Debian's unstable/sid (a development suite that
 * never becomes a release, a different problem from a tag that jumps between releases).
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { fromRefs, withResolved } from '../hadolint/fromImage';

/** Tags that stand for "whatever the newest release of this kind is". */
const CHANNELS = new Set(['lts', 'stable', 'oldstable', 'oldoldstable', 'current', 'mainline', 'testing', 'rolling', 'edge']);

/**
 * Parts that only pick a flavour of the same channel: OS base (with an optional version, `alpine3.24`), size or
 * add-on variants. A part outside this list (a Node LTS codename, a date) means the tag names something fixed.
 */
const VARIANT = /^(?:alpine[0-9.]*|slim|perl|otel|backports|buster|bullseye|bookworm|trixie|forky)$/;

/** The channel word of a moving tag and what follows it (`-slim`), or null for any other tag. */
export function movingTag(tag: string): { channel: string; suffix: string } | null {
  const parts = tag.split('-');
  if (!CHANNELS.has(parts[0])) return null;
  if (!parts.slice(1).every((p) => VARIANT.test(p))) return null;
  return { channel: parts[0], suffix: tag.slice(parts[0].length) };
}

export const DG116: Rule = {
  id: 'DG116',
  severity: 'warning',
  title: msg('버전 대신 계속 바뀌는 태그(lts, stable 등)를 쓰지 마세요', 'Do not use a moving tag (lts, stable, …)'),
  why: msg(
    '`node:lts`, `debian:stable`, `nginx:mainline`, `alpine:edge`, `ubuntu:rolling`처럼 버전이 아니라 "지금의 LTS", "지금의 안정판"을 뜻하는 태그는 새 릴리스가 나오면 다른 이미지를 가리키도록 옮겨집니다. 예를 들어 `debian:stable` 태그는 bookworm에서 trixie로 바뀌었고, `node:lts` 태그는 새 LTS 메이저 버전이 나올 때마다 바뀝니다. 그래서 Dockerfile을 고치지 않아도 다시 빌드하면 다른 메이저 버전 위에서 빌드되어 결과를 재현할 수 없습니다. `node:22`, `debian:bookworm`처럼 버전이나 릴리스 이름을 적으세요. 이런 태그도 보안 패치는 계속 받지만 메이저 버전이나 릴리스는 바뀌지 않습니다. `latest`는 DL3007이 따로 알려 줍니다.',
    'Tags such as `node:lts`, `debian:stable`, `nginx:mainline`, `alpine:edge` or `ubuntu:rolling` name a channel ("the current LTS", "the current stable release"), not a version, and are moved to another image when a new release comes out: `debian:stable` went from bookworm to trixie, and `node:lts` follows each new LTS major. The same Dockerfile then builds on a different major version without any edit, so builds cannot be reproduced. Name a version or a release instead, such as `node:22` or `debian:bookworm`: those still get security patches, but not a new major version or release. `latest` is reported by DL3007.',
  ),
  check({ doc }) {
    const out: Finding[] = [];
    for (const r of fromRefs(doc)) {
      if (r.tag === null || r.digest !== null) continue;
      const moving = movingTag(r.tag);
      if (!moving) continue;
      const pinned = `${r.name}:<version>${moving.suffix}`;
      const pinnedKo = `${r.name}:<버전>${moving.suffix}`;
      out.push({
        range: r.instr.fromImage()?.range ?? r.instr.range,
        message: withResolved(
          r,
          msg(
            `\`${r.name}:${r.tag}\`의 \`${moving.channel}\` 태그는 새 릴리스가 나올 때마다 다른 이미지를 가리키므로, 다시 빌드한 결과를 재현할 수 없습니다. \`${pinnedKo}\`처럼 버전을 고정하세요`,
            `\`${r.name}:${r.tag}\` is a moving tag: the same name points to a different image each time a new \`${moving.channel}\` release comes out, so rebuilds are not reproducible. Pin a version, as in \`${pinned}\``,
          ),
        ),
      });
    }
    return out;
  },
};
