/**
 * Shared by DL3006/DL3007/DG116: the image of each FROM split into name, tag and digest, with the global ARG
 * defaults substituted the way BuildKit expands a FROM line (dockerfile2llb/convert.go, buildDispatchStates: the
 * base name is expanded with the meta ARGs, the ARGs declared before the first FROM). Left out: `scratch`, earlier
 * stages used as a base (also when a variable names one), and images that depend on something the Dockerfile does
 * not decide (an ARG without a default, the build platform).
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Instr, ParsedDocument } from '../../service/document';
import { expandWith, knownGlobalArgValues } from '../buildkit/util';
import { isValidImageReference } from '../buildkit/InvalidDefaultArgInFrom';

export interface FromRef {
  instr: Instr;
  /** The reference as written on the FROM line (`$BASE`, `debian:${TAG}`). */
  written: string;
  /** The reference the builder pulls by default; equal to `written` when it has no variable. */
  image: string;
  name: string;
  tag: string | null;
  digest: string | null;
  /** How variables were resolved: from ARG defaults, only from a `${X:-default}` written in the FROM line, or none. */
  via: 'arg' | 'inline' | null;
}

export function fromRefs(doc: ParsedDocument): FromRef[] {
  const out: FromRef[] = [];
  let values: Map<string, string | null> | undefined;
  for (const stage of doc.stages) {
    const written = stage.image;
    if (!written || stage.parent) continue;
    let image = written;
    let via: FromRef['via'] = null;
    if (written.includes('$')) {
      // Global ARGs all precede the first FROM, so every FROM line sees the same values.
      values ??= knownGlobalArgValues(doc, doc.stages[0].from.startLine);
      const used = new Set<string>();
      const expanded = expandWith(written, values, { unset: 'unknown', used });
      // An empty or malformed result fails the build: InvalidDefaultArgInFrom's business, not a tag question.
      if (expanded === null || !isValidImageReference(expanded)) continue;
      image = expanded;
      via = used.size > 0 ? 'arg' : 'inline';
    }
    if (image.toLowerCase() === 'scratch') continue;
    // A name of an earlier stage (case-insensitive) is not an image.
    if (doc.stages.some((s) => s.index < stage.index && s.name && s.name.toLowerCase() === image.toLowerCase())) continue;
    const at = image.indexOf('@');
    const digest = at >= 0 ? image.slice(at + 1) : null;
    const ref = at >= 0 ? image.slice(0, at) : image;
    const slash = ref.lastIndexOf('/');
    const colon = ref.lastIndexOf(':');
    const tag = colon > slash ? ref.slice(colon + 1) : null;
    const name = colon > slash ? ref.slice(0, colon) : ref;
    out.push({ instr: stage.from, written, image, name, tag, digest, via });
  }
  return out;
}

/**
 * `message`, preceded for an image that came out of variables by what the FROM line pulls and where that came from,
 * so the user sees why a line with no visible tag problem is flagged. A literal reference gets `message` as it is.
 */
export function withResolved(r: FromRef, message: Msg): Msg {
  if (r.via === null) return message;
  // After the colon the English sentence goes on in lower case ("…: use a version tag").
  const en = /^[A-Z][a-z]/.test(message.en) ? message.en[0].toLowerCase() + message.en.slice(1) : message.en;
  if (r.via === 'inline') {
    return msg(
      `FROM에 적힌 기본값으로 풀면 \`${r.written}\` 이미지는 \`${r.image}\`입니다. ${message.ko}`,
      `\`${r.written}\` is \`${r.image}\` (the default written in FROM): ${en}`,
    );
  }
  return msg(`ARG 기본값으로 풀면 \`${r.written}\` 이미지는 \`${r.image}\`입니다. ${message.ko}`, `\`${r.written}\` is \`${r.image}\` (ARG default): ${en}`);
}
