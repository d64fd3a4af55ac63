/** The "what will this container run" feature on the client: the explain command and the base image probe. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerExplainCommand } from '../editor/explainCommand';
import { BaseImageProbe } from './baseImageProbe';

export function registerExplain(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  registerExplainCommand(context, client);
  context.subscriptions.push(new BaseImageProbe(client));
}
