/**
 * The language service's front door: createLanguageService(host) gives every feature as one call on a parsed
 * document. The service reads no files, opens no sockets and starts no threads: what it needs from the machine (a
 * file of the build context, what the Docker engine says its images run, a place to report a rule that crashed)
 * comes from the host, so the same service runs
 * in the LSP adapter (server/src/lsp), its worker thread and the CLI, and in unit tests without any of them.
 *
 * The LSP adapter loads this module lazily (dist/service.js, see esbuild.mjs): the `initialize` answer does not
 * wait for the parser, the validator, the rules and the docs to load.
 */
import type { Position, Range, Diagnostic } from 'vscode-languageserver-types';
import type { Lang, Msg } from '../../../common/src/i18n';
import type { ExplainRequestParams } from '../../../common/src/protocol';
import { UPSTREAM_RULE_DOCS, type ContextEntry, type SeveritySetting } from '../rules/types';
import { ruleWhyFromDiagnostics, ruleWhyHover } from '../rules/hover';
import { useEngineImages, type EngineImageSource } from './baseImages';
import { checkDocument, checkSteps, mostImportant } from './check';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { configFileCodeActions, configFileDiagnostics, configFileHover, toLspConfigDiagnostic, type ConfigDiagnostic } from './configFiles';
import { completion } from './completion';
import type { RuleOptions } from '../rules/engine';
import type { GuideDiagnostic } from '../rules/types';
import { toLspDiagnostic } from './diagnostics';
import { ParsedDocument, type ChunkReuse } from './document';
import { documentBaseImages } from './effectiveCommand';
import { explainHover, explainRequest } from './explain';
import { formatDocument, formatRange, type FormatOptions } from './format';
import { hover } from './hover';
import { referenceResponse, type HoverLinks } from './reference';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation';
import { parseSteps } from './parseSteps';
import { signatureHelp } from './signatureHelp';
import { documentSymbols, foldingRanges } from './symbols';

export type { GuideDiagnostic } from '../rules/types';
export type { ParsedDocument } from './document';
export type { ConfigDiagnostic } from './configFiles';
export { EngineImages } from './baseImages';

/** What the service needs from the machine it runs on. Every member is optional: without it, the feature is off. */
export interface LanguageServiceHost {
  /**
   * A reader for files of the build context of the Dockerfile at `uri` (its folder), for rules that look at
   * `.dockerignore`, `.hadolint.yaml` or a start script the Dockerfile copies in. Paths are relative to that folder;
   * the reader answers null for a file that is absent, too large or outside the folder.
   */
  contextFileReader?(uri: string): ((rel: string) => string | null) | undefined;
  /**
   * A lister for folders of the same build context, for rules that need to know whether a COPY source exists
   * (`''` is the context itself). The lister answers null for a folder that is absent or outside the context.
   */
  contextLister?(uri: string): ((relDir: string) => readonly ContextEntry[] | null) | undefined;
  /** A rule threw: its findings are left out and the rest carry on; the host says so where someone reads it. */
  onRuleError?(ruleId: string, error: unknown): void;
  /** What the local Docker engine says its images run (the explainer asks it before its built-in table). */
  engineImages?: EngineImageSource;
  /**
   * The link to a rule's explanation that this host's client can open (diagnostic codes, the hover's documentation
   * link); common/src/ruleDocs.ts lists the forms. Without it: the rule's upstream page where it has one, else none.
   */
  ruleDocLink?(ruleId: string, upstream: string | undefined): string | undefined;
}

/** The user's overrides of rule severities (`dockerfileGuide.rules`). */
export type RuleSettings = Record<string, SeveritySetting>;

export interface HoverContext {
  rules: RuleSettings;
  /**
   * The document's diagnostics when they were computed apart from requests (a long document, in slices or in the
   * worker): the hover explains rules from this list instead of running every rule inside the hover. Null: the
   * rules are cheap enough for this document to run here.
   */
  deferredDiagnostics: GuideDiagnostic[] | null;
  /** False when the rules are not run inside requests for this document and no deferred list exists yet. */
  rulesInRequests: boolean;
  /** What the editor can open from a hover (VS Code: our commands); absent: full pages in the hover. */
  links?: HoverLinks;
}

export function createLanguageService(host: LanguageServiceHost = {}) {
  // One service per process or worker thread: the engine answers are installed for it.
  useEngineImages(host.engineImages);
  const docs = host.ruleDocLink ? (id: string, upstream: string | undefined) => host.ruleDocLink!(id, upstream) : UPSTREAM_RULE_DOCS;
  const options = (uri: string, rules: RuleSettings): RuleOptions => ({
    rules,
    readContextFile: host.contextFileReader?.(uri),
    contextEntries: host.contextLister?.(uri),
    onRuleError: host.onRuleError,
  });

  return {
    /** Parses one version of a document; `previous` lets unchanged chunks be reused. */
    parse: (uri: string, version: number, text: string, previous?: ChunkReuse): ParsedDocument => new ParsedDocument(uri, version, text, previous),
    /** The same parse with pause points, for a caller that runs it in slices. */
    parseSteps: (uri: string, version: number, text: string, previous: ChunkReuse | undefined) => parseSteps(uri, version, text, previous),

    check: (doc: ParsedDocument, rules: RuleSettings): GuideDiagnostic[] => checkDocument(doc, options(doc.uri, rules)),
    checkSteps: (doc: ParsedDocument, rules: RuleSettings) => checkSteps(doc, options(doc.uri, rules)),
    mostImportant,
    toLspDiagnostic: (d: GuideDiagnostic, render: (m: Msg) => string, uri?: string): Diagnostic => toLspDiagnostic(d, render, uri, docs),

    hover: (doc: ParsedDocument, pos: Position, lang: Lang, ctx: HoverContext) =>
      hover(doc, pos, lang, {
        links: ctx.links,
        instructionAddon: (ins) => explainHover(doc, ins, lang, host.contextFileReader?.(doc.uri), ctx.links),
        diagnosticAddon: (at) =>
          ctx.deferredDiagnostics
            ? ruleWhyFromDiagnostics(ctx.deferredDiagnostics, at, lang, docs, ctx.links?.commands === true)
            : ctx.rulesInRequests
              ? ruleWhyHover(doc, at, lang, options(doc.uri, ctx.rules), docs, ctx.links?.commands === true)
              : null,
      }),
    codeActions: (doc: ParsedDocument, range: Range, diagnostics: Diagnostic[], lang: Lang, rules: RuleSettings) =>
      codeActions(doc, range, diagnostics, lang, options(doc.uri, rules)),
    codeLenses: (doc: ParsedDocument, lang: Lang, effectiveCommandLens: boolean) =>
      codeLenses(doc, lang, effectiveCommandLens, host.contextFileReader?.(doc.uri)),
    explain: (doc: ParsedDocument, params: ExplainRequestParams, lang: Lang) => explainRequest(doc, params, lang, host.contextFileReader?.(doc.uri)),
    /** The full reference page behind a hover's "More" link, and the list of instructions. */
    reference: (id: string | undefined, lang: Lang) => referenceResponse(id, lang),
    /** The images a document's FROMs name, after ARG substitution (the client's engine probe asks which to inspect). */
    baseImages: (doc: ParsedDocument) => documentBaseImages(doc),
    signatureHelp: (doc: ParsedDocument, pos: Position, lang: Lang) => signatureHelp(doc, pos, lang),
    completion: (doc: ParsedDocument, pos: Position, lang: Lang) => completion(doc, pos, lang),
    documentSymbols: (doc: ParsedDocument) => documentSymbols(doc),
    foldingRanges: (doc: ParsedDocument) => foldingRanges(doc),
    definition: (doc: ParsedDocument, pos: Position) => definition(doc, pos),
    documentHighlights: (doc: ParsedDocument, pos: Position) => documentHighlights(doc, pos),
    references: (doc: ParsedDocument, pos: Position, includeDeclaration: boolean) => references(doc, pos, includeDeclaration),
    prepareRename: (doc: ParsedDocument, pos: Position) => prepareRename(doc, pos),
    rename: (doc: ParsedDocument, pos: Position, newName: string) => rename(doc, pos, newName),
    formatDocument: (doc: ParsedDocument, opts: FormatOptions) => formatDocument(doc, opts),
    formatRange: (doc: ParsedDocument, range: Range, opts: FormatOptions) => formatRange(doc, range, opts),

    /**
     * An nginx config file open in the editor: its findings through each Dockerfile (at or above it) that may COPY
     * it, `rel` being its path from that Dockerfile's folder (see configFiles.ts).
     */
    configDiagnostics: (text: string, linked: readonly { doc: ParsedDocument; rel: string }[], rules: RuleSettings): ConfigDiagnostic[] =>
      configFileDiagnostics(
        text,
        linked.map((l) => ({ ...l, readContextFile: host.contextFileReader?.(l.doc.uri), contextEntries: host.contextLister?.(l.doc.uri) })),
        { rules, onRuleError: host.onRuleError },
      ),
    toLspConfigDiagnostic: (d: ConfigDiagnostic, lang: Lang): Diagnostic => toLspConfigDiagnostic(d, lang, docs),
    configHover: (list: readonly ConfigDiagnostic[], pos: Position, lang: Lang) => configFileHover(list, pos, lang, docs),
    configCodeActions: (uri: string, text: string, range: Range, diagnostics: Diagnostic[]) => configFileCodeActions(uri, text, range, diagnostics),
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;
