/** Shared by DL3006/DL3007: the image of a FROM split into name, tag and digest, or null for stages/scratch/vars. */
import type { Instr, ParsedDocument } from '../../service/document';

export interface FromRef {
  instr: Instr;
  name: string;
  tag: string | null;
  digest: string | null;
}

export function fromRefs(doc: ParsedDocument): FromRef[] {
  const out: FromRef[] = [];
  for (const stage of doc.stages) {
    const image = stage.image;
    if (!image || image.includes('$') || stage.parent) continue;
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
    out.push({ instr: stage.from, name, tag, digest });
  }
  return out;
}
