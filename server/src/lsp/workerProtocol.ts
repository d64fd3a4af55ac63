/** Messages between the LSP thread (diagnosticsWorker.ts) and the diagnostics worker thread (workerBoot.ts). */
import type { GuideDiagnostic, RuleSettings } from '../service/index';

export type ToWorker =
  | { type: 'validate'; uri: string; version: number; text: string; rules: RuleSettings; max: number }
  | { type: 'close'; uri: string }
  | { type: 'baseImageConfig'; params: unknown };

export type FromWorker =
  | { type: 'diagnostics'; uri: string; version: number; list: GuideDiagnostic[]; total: number; ms: number }
  | { type: 'failed'; uri: string; version: number; error: string }
  /** A rule crashed in the worker: the LSP thread logs it as it logs its own. */
  | { type: 'ruleError'; ruleId: string; error: string };
