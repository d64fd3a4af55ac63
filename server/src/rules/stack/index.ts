import type { Rule } from '../types';
import { DG101 } from './DG101';
import { DG102 } from './DG102';
import { DG103 } from './DG103';
import { DG104 } from './DG104';
import { DG105 } from './DG105';
import { DG106 } from './DG106';
import { DG107 } from './DG107';
import { DG108 } from './DG108';
import { DG109 } from './DG109';
import { DG110 } from './DG110';
import { DG111 } from './DG111';
import { DG112 } from './DG112';
import { DG113 } from './DG113';

/** The stack rules, one module each; the registry (rules/registry.ts) collects every group. */
export const STACK_RULES: Rule[] = [DG101, DG102, DG103, DG104, DG105, DG106, DG107, DG108, DG109, DG110, DG111, DG112, DG113];
