/** Walking the stages an image is built from. */
import type { Stage } from '../../service/document';

/**
 * `stage` and the stages it is built FROM, the root first (the order their instructions run in). Capped at 64: a
 * `FROM` cycle is a build error that dockerfile-utils reports, and must not hang a rule.
 */
export function stageChain(stage: Stage | null | undefined): Stage[] {
  const chain: Stage[] = [];
  for (let s = stage; s && chain.length < 64; s = s.parent) chain.unshift(s);
  return chain;
}
