import type { Rule } from '../types';

/** The hadolint rules, one module each; the registry (rules/registry.ts) collects every group. */
export const HADOLINT_RULES: Rule[] = [];
