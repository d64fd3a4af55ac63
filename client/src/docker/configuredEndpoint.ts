// The engine the user configured, as the extension reads it: the setting `dockerfileGuide.docker.host`, else what
// the docker CLI would use (DOCKER_HOST, the current context …; common/src/engine/endpoint.ts). One place for the
// sidebar and the editor's base-image probe, so that both always talk to the same engine.
import * as vscode from 'vscode';
import { defaultInputs, resolveEndpoint, type Endpoint } from '../../../common/src/engine/endpoint';

/** The setting as it may be used: in Restricted Mode a workspace setting could point us at any host, so only the user setting counts. */
export function hostSetting(): string {
  const config = vscode.workspace.getConfiguration('dockerfileGuide.docker');
  if (vscode.workspace.isTrusted) return config.get<string>('host', '') ?? '';
  return config.inspect<string>('host')?.globalValue ?? '';
}

/** Throws EndpointError when the configuration names something unusable (a missing context, a bad host). */
export function configuredEndpoint(): Endpoint {
  return resolveEndpoint(defaultInputs(hostSetting()));
}
