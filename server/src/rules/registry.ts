import type { Rule } from './types';
import { BUILDKIT_RULES } from './buildkit';
import { HADOLINT_RULES } from './hadolint';
import { STACK_RULES } from './stack';

/** Every rule we know, by id. */
export const ALL_RULES: readonly Rule[] = [...BUILDKIT_RULES, ...HADOLINT_RULES, ...STACK_RULES];

const byId = new Map(ALL_RULES.map((r) => [r.id, r]));
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
