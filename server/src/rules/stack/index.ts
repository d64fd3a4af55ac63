import type { Rule } from '../types';

/** The stack rules, one module each; the registry (rules/registry.ts) collects every group. */
export const STACK_RULES: Rule[] = [];
