/** The editor's base-image probe: what the FROM images of open Dockerfiles run, read from the Docker engine. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaseImageProbe } from './probe';

export function registerBaseImageProbe(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  context.subscriptions.push(new BaseImageProbe(client));
}
