/**
 * The LSP adapter: the connection, the settings and one line per request, each a call on the language service
 * (service/index.ts) with the current parse. Where and when diagnostics run is diagnosticsScheduler.ts; what is
 * kept per document is documentStore.ts.
 *
 * Runs standalone: `node dist/server.js --stdio` (or --node-ipc, as VS Code starts it).
 */
import {
  CancellationToken,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { line, type Lang } from '../../../common/src/i18n';
import { BASE_IMAGE_CONFIG_METHOD, BASE_IMAGES_REQUEST, EXPLAIN_REQUEST, REFERENCE_REQUEST, type BaseImagesParams, type ExplainRequestParams, type ReferenceParams } from '../../../common/src/protocol';
import { contextFileReader, contextLister } from '../host/contextFiles';
import { ruleDocLinkFor } from '../host/ruleDocs';
import type { RuleDocLink } from '../rules/types';
import type * as Service from '../service/index';
import type { LanguageService, ParsedDocument } from '../service/index';
import { ConfigDocuments } from './configDocuments';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DocumentStore } from './documentStore';
import { Parses } from './parses';
import { collectAfterClose } from './runtime/memory';
import { DEFAULT_SETTINGS, GuideSettings, readSettings } from './settings';
import { VERSION } from '../../../common/src/version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new DocumentStore();
const logError = (text: string) => connection.console.error(text);

let locale: string | undefined;
let settings: GuideSettings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
/** The client accepts a dynamic registration of didChangeConfiguration (eglot and Neovim 0.7 do not: they warn). */
let canRegisterConfigChanges = false;
/** The client runs our `command:` links (the VS Code extension says so): hovers show their first screen and link the rest. */
let commandLinks = false;
/** Where rule links point, as the client can open them (set by `initialize`, before the service exists). */
let ruleDocLink: RuleDocLink = ruleDocLinkFor(undefined);

/**
 * The language service, made on first use. In the bundle this require is dist/service.js loaded through the code
 * cache (esbuild.mjs maps it; runtime/codeCache.ts), while `initialize` is handled.
 */
let service: LanguageService | undefined;
/** What the client's engine said base images run (the client's base-image probe notifies; see below). */
let engineImages: Service.EngineImages | undefined;
function svc(): LanguageService {
  if (!service) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('../service/index') as typeof Service;
    engineImages = new loaded.EngineImages();
    service = loaded.createLanguageService({
      contextFileReader,
      contextLister,
      onRuleError: (id, e) => logError(`rule ${id} failed: ${(e as Error)?.stack ?? e}`),
      engineImages,
      ruleDocLink: (id, upstream) => ruleDocLink(id, upstream),
    });
  }
  return service;
}

const parses = new Parses({ documents, store, service: svc, logError });
const diagnostics = new DiagnosticsScheduler({
  documents,
  store,
  parses,
  service: svc,
  rules: () => settings.rules,
  publish: (uri, version, list) =>
    void connection.sendDiagnostics({ uri, version, diagnostics: list.map((d) => svc().toLspDiagnostic(d, (m) => line(m, settings.language), uri)) }),
  logError,
  logInfo: (text) => connection.console.info(text),
});

// nginx config files open in the editor: checked through the Dockerfiles that copy them (configDocuments.ts).
const configs = new ConfigDocuments({
  documents,
  service: svc,
  openParse: (uri) => (parses.needsSlicedParse(uri) ? undefined : parses.get(uri)),
  rules: () => settings.rules,
  lang: () => settings.language,
  publish: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }),
  logError,
});

// ------------------------------------------------------------------------------------ lifecycle and settings

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
  locale = typeof init.locale === 'string' ? init.locale : params.locale;
  settings = readSettings(init, locale);
  commandLinks = init.commandLinks === true;
  ruleDocLink = ruleDocLinkFor(init);
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canRegisterConfigChanges = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  // The service is loaded before the answer, as other Dockerfile servers load theirs: a client sends didOpen right
  // after `initialized`, so loading it later only put its ~10 ms in front of the first diagnostics instead.
  svc();
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      completionProvider: { triggerCharacters: ['-', '=', '$', '{', ',', ' ', '#'], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      definitionProvider: true,
      documentHighlightProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      signatureHelpProvider: { triggerCharacters: [' '] },
    },
    serverInfo: { name: 'dockerfile-guide', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) {
    // A client without dynamic registration still sends didChangeConfiguration on its own (or never): asking it to
    // register only makes it log a warning.
    if (canRegisterConfigChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileGuide' }).catch(() => undefined);
    void pullSettings();
  }
});

async function pullSettings(): Promise<void> {
  try {
    const [raw] = await connection.workspace.getConfiguration([{ section: 'dockerfileGuide' }]);
    if (raw && typeof raw === 'object') applySettings(readSettings(raw, locale, settings));
  } catch {
    // A client that advertises configuration but cannot answer keeps the initialization options.
  }
}

function applySettings(next: GuideSettings): void {
  const changed = JSON.stringify(next) !== JSON.stringify(settings);
  settings = next;
  if (changed) refreshEverything();
}

function refreshEverything(): void {
  diagnostics.revalidateAll();
  configs.scheduleAll(0);
  void connection.sendRequest(CodeLensRefreshRequest.type).then(undefined, () => undefined);
}

connection.onDidChangeConfiguration((params) => {
  const raw = (params.settings as Record<string, unknown> | undefined)?.dockerfileGuide;
  if (raw && typeof raw === 'object') applySettings(readSettings(raw, locale, settings));
  else if (canPullConfiguration) void pullSettings();
});

// ------------------------------------------------------------------------------------ documents

documents.onDidOpen((e) => {
  if (configs.isConfig(e.document.uri)) return configs.validate(e.document.uri);
  // A document of SLICED_PARSE or more is parsed in slices, by its diagnostics run or by the first request that
  // needs it (see withDoc), not here in one go. A big one is parsed only when a request needs it: parsing megabytes
  // on this thread grows its heap, and the garbage collector's pauses on it delayed other documents' requests by
  // 150 ms while the worker checked the big one.
  if (!parses.isParsedInSlices(e.document.uri)) parses.get(e.document.uri);
  diagnostics.validate(e.document.uri);
});
documents.onDidChangeContent((e) => {
  if (configs.isConfig(e.document.uri)) return configs.schedule(e.document.uri);
  diagnostics.schedule(e.document.uri);
  configs.scheduleAll();
});
documents.onDidClose((e) => {
  configs.closed(e.document.uri);
  store.drop(e.document.uri);
  diagnostics.closed(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  collectAfterClose();
});

// ------------------------------------------------------------------------------------ requests

/**
 * Runs a handler on the current parse; a failure is logged and answered with `fallback`, never thrown at the client.
 * A request the client cancelled while it waited behind other work is answered RequestCancelled without running.
 */
function withDoc<T>(token: CancellationToken, uri: string, fallback: T, fn: (doc: ParsedDocument, lang: Lang) => T): T | Promise<T> {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  // An nginx file is not a Dockerfile: only hover and code actions answer for it (routed before this).
  if (configs.isConfig(uri)) return fallback;
  if (parses.needsSlicedParse(uri)) {
    const version = documents.get(uri)?.version;
    // The document changing meanwhile means another round, for its newer version. For the same version, a sliced
    // parse that failed is not retried in slices: the parse is made in one go (and a failure there is answered).
    return parses.inSlices(uri).then(() => (documents.get(uri)?.version === version ? runOnParse(token, uri, fallback, fn) : withDoc(token, uri, fallback, fn)));
  }
  return runOnParse(token, uri, fallback, fn);
}

function runOnParse<T>(token: CancellationToken, uri: string, fallback: T, fn: (doc: ParsedDocument, lang: Lang) => T): T {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  try {
    const doc = parses.get(uri);
    return doc ? fn(doc, settings.language) : fallback;
  } catch (e) {
    logError(`request failed for ${uri}: ${(e as Error).stack ?? e}`);
    return fallback;
  }
}

connection.onHover((p, token) => {
  if (configs.isConfig(p.textDocument.uri)) return configs.hover(p.textDocument.uri, p.position);
  return withDoc(token, p.textDocument.uri, null, (doc, lang) =>
    svc().hover(doc, p.position, lang, {
      rules: settings.rules,
      // A long document's rules ran apart from requests: the hover explains them from the list they gave.
      deferredDiagnostics: diagnostics.deferredDiagnostics(doc.uri, doc.version),
      rulesInRequests: diagnostics.mode(doc.uri) === 'now',
      links: { commands: commandLinks },
    }),
  );
});
connection.onCodeAction((p, token) =>
  configs.isConfig(p.textDocument.uri)
    ? configs.codeActions(p.textDocument.uri, p.range, p.context.diagnostics)
    : withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().codeActions(doc, p.range, p.context.diagnostics, lang, settings.rules)),
);
connection.onCodeLens((p, token) => withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().codeLenses(doc, lang, settings.codeLens.effectiveCommand)));
connection.onSignatureHelp((p, token) =>
  withDoc(token, p.textDocument.uri, null, (doc, lang) => (settings.signatureHelp.enabled ? svc().signatureHelp(doc, p.position, lang) : null)),
);
connection.onCompletion((p, token) => withDoc(token, p.textDocument.uri, [], (doc, lang) => svc().completion(doc, p.position, lang)));
connection.onDocumentSymbol((p, token) => withDoc(token, p.textDocument.uri, [], (doc) => svc().documentSymbols(doc)));
connection.onFoldingRanges((p, token) => withDoc(token, p.textDocument.uri, [], (doc) => svc().foldingRanges(doc)));
connection.onDefinition((p, token) => withDoc(token, p.textDocument.uri, null, (doc) => svc().definition(doc, p.position)));
connection.onDocumentHighlight((p, token) => withDoc(token, p.textDocument.uri, null, (doc) => svc().documentHighlights(doc, p.position)));
connection.onReferences((p, token) => withDoc(token, p.textDocument.uri, null, (doc) => svc().references(doc, p.position, p.context.includeDeclaration)));
connection.onPrepareRename((p, token) => withDoc(token, p.textDocument.uri, null, (doc) => svc().prepareRename(doc, p.position)));
connection.onRenameRequest((p, token) => withDoc(token, p.textDocument.uri, null, (doc) => svc().rename(doc, p.position, p.newName)));
connection.onDocumentFormatting((p, token) =>
  withDoc(token, p.textDocument.uri, [], (doc) => svc().formatDocument(doc, { ...p.options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions })),
);
connection.onDocumentRangeFormatting((p, token) =>
  withDoc(token, p.textDocument.uri, [], (doc) => svc().formatRange(doc, p.range, { ...p.options, ignoreMultilineInstructions: settings.format.ignoreMultilineInstructions })),
);

// The explain command (client/src/editor/explainCommand.ts), and the base-image probe (client/src/editor/baseImages):
// which images a document names, and what the client's engine says they run.
connection.onRequest(EXPLAIN_REQUEST, (p: ExplainRequestParams, token: CancellationToken) => withDoc(token, p.uri, null, (doc, lang) => svc().explain(doc, p, lang)));
// The full page behind a hover's "More" link: static docs, no document needed.
connection.onRequest(REFERENCE_REQUEST, (p: ReferenceParams) => svc().reference(typeof p?.id === 'string' ? p.id : undefined, settings.language));
connection.onRequest(BASE_IMAGES_REQUEST, (p: BaseImagesParams, token: CancellationToken) => withDoc(token, p.uri, null, (doc) => svc().baseImages(doc)));
connection.onNotification(BASE_IMAGE_CONFIG_METHOD, (p: unknown) => {
  diagnostics.tellWorker(p);
  svc();
  if (engineImages!.apply(p)) refreshEverything();
});

// Never let an unexpected error take the server down: log it and keep serving.
process.on('uncaughtException', (e) => logError(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => logError(`unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
