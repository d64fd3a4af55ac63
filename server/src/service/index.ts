/**
 * Everything the LSP adapter uses from the language service, in one module so that server.ts can load it
 * lazily: the `initialize` answer does not wait for the parser, the validator, the rules and the docs to load.
 */
export { completion } from './completion';
export { computeDiagnostics, toLspDiagnostic } from './diagnostics';
export { mostImportant, serveDiagnostics } from './diagnosticsWorker';
export type { GuideDiagnostic } from '../rules/types';
export { ParsedDocument } from './document';
export { parseInSlices } from './slicedParse';
export { diagnoseInSlices } from './slicedDiagnostics';
export { formatDocument, formatRange } from './format';
export { hover } from './hover';
export { definitionFor, stageGroupAt, variableGroupAt, variableAt, stageRefAt } from './references';
export { documentSymbols, foldingRanges } from './symbols';
export { contextFileReader } from './contextFiles';
export { binaryNotice, looksBinary } from './binary';
export { signatureHelp } from './signatureHelp';
export { codeLenses } from './codeLens';
export { explainHover, explainRequest } from './explain';
export type { ExplainRequestParams } from '../../../common/src/protocol';
export { applyEngineImageConfig } from './baseImages';
export { codeActions } from './codeActions';
export { ruleWhyFromDiagnostics, ruleWhyHover } from '../rules/hover';
export { onRuleError } from '../rules/engine';
export { collectAfterClose, settleHeapOnce } from './memory';
