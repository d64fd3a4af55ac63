import type { Rule } from '../types';
import { DL3000 } from './DL3000';
import { DL3002 } from './DL3002';
import { DL3003 } from './DL3003';
import { DL3004 } from './DL3004';
import { DL3006 } from './DL3006';
import { DL3007 } from './DL3007';
import { DL3008 } from './DL3008';
import { DL3009 } from './DL3009';
import { DL3011 } from './DL3011';
import { DL3013 } from './DL3013';
import { DL3014 } from './DL3014';
import { DL3015 } from './DL3015';
import { DL3016 } from './DL3016';
import { DL3018 } from './DL3018';
import { DL3019 } from './DL3019';
import { DL3020 } from './DL3020';
import { DL3021 } from './DL3021';
import { DL3022 } from './DL3022';
import { DL3023 } from './DL3023';
import { DL3025 } from './DL3025';
import { DL3027 } from './DL3027';
import { DL3042 } from './DL3042';
import { DL3043 } from './DL3043';
import { DL3044 } from './DL3044';
import { DL3045 } from './DL3045';
import { DL3047 } from './DL3047';
import { DL3059 } from './DL3059';
import { DL3061 } from './DL3061';
import { DL4001 } from './DL4001';
import { DL4006 } from './DL4006';

/** The hadolint rules, one module each; the registry (rules/registry.ts) collects every group. */
export const HADOLINT_RULES: Rule[] = [
  DL3000, DL3002, DL3003, DL3004, DL3006, DL3007, DL3008, DL3009, DL3011, DL3013, DL3014, DL3015, DL3016, DL3018,
  DL3019, DL3020, DL3021, DL3022, DL3023, DL3025, DL3027, DL3042, DL3043, DL3044, DL3045, DL3047, DL3059, DL3061,
  DL4001, DL4006,
];
