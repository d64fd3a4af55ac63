import type { Rule } from '../types';

/** The buildkit rules, one module each; the registry (rules/registry.ts) collects every group. */
export const BUILDKIT_RULES: Rule[] = [];
