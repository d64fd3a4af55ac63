import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, type Middleware } from 'vscode-languageclient/node';
import { SHOW_RULE_COMMAND } from '../../common/src/ruleDocs';
import { uiLang } from './language';
import { SHOW_REFERENCE_COMMAND } from '../../common/src/protocol';
import { EXPLAIN_COMMAND } from './editor/explainCommand';
import { OPEN_CONCEPT_COMMAND } from '../../common/src/concepts';

export const DOCKERFILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
];

/**
 * nginx config files (our grammar's `nginx` language: nginx.conf, sites-available/*, conf.d/*.conf): the server
 * checks them through the Dockerfiles that copy them (server/src/lsp/configDocuments.ts).
 */
export const NGINX_SELECTOR: vscode.DocumentSelector = [
  { language: 'nginx', scheme: 'file' },
  { language: 'nginx', scheme: 'untitled' },
];

/** `middleware`: the walkthrough's watchers (client/src/walkthrough/middleware.ts). */
export function createLanguageClient(context: vscode.ExtensionContext, middleware?: Middleware): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // A 1 MiB young generation: opening a big Dockerfile makes a burst of short-lived objects, and V8's default
  // (growing to 16 MiB semi-spaces) keeps ~50 MiB more resident for garbage (bench: 10k lines, peak 185 → 133 MiB).
  // The flag must be given at process start; V8 ignores it when set from inside the running server.
  const execArgv = ['--max-semi-space-size=1'];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...(DOCKERFILE_SELECTOR as vscode.DocumentFilter[]), ...(NGINX_SELECTOR as vscode.DocumentFilter[])] as LanguageClientOptions['documentSelector'],
    // commandLinks: this client runs the commands below from links, so the server sends each hover's first screen with a
    // "More" link instead of the whole page (issue 18, item 6), concept links, and rule codes as links to
    // dockerfileGuide.showRule (common/src/ruleDocs.ts).
    initializationOptions: { language: uiLang(), locale: vscode.env.language, commandLinks: true },
    // Hover markdown may run these commands and no other (VS Code ignores every other `command:` link).
    markdown: { isTrusted: { enabledCommands: [SHOW_REFERENCE_COMMAND, EXPLAIN_COMMAND, SHOW_RULE_COMMAND, OPEN_CONCEPT_COMMAND] } },
    // The server resolves `auto` itself from `locale`, so raw settings can be synchronised as they are.
    synchronize: { configurationSection: 'dockerfileGuide' },
    outputChannelName: vscode.l10n.t('Dockerfile Guide Language Server'),
    middleware,
  };
  return new LanguageClient('dockerfileGuide', vscode.l10n.t('Dockerfile Guide'), serverOptions, clientOptions);
}
